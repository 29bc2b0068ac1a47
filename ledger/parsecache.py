"""Incremental checks: the parse of every ledger file (document, positions, validated model,
schema problems), keyed by the SHA-256 of the file's bytes and kept in a DuckDB file.

A re-check re-parses only files whose bytes changed; everything after parsing (article texts,
resolve, rules) runs as in a cold check, so the findings are identical. The payload is a pickle:
the cache file is a local build artefact like __pycache__ — never load one you did not write.
"""
from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

DEFAULT_PATH = Path(".factledger/cache.duckdb")
# bump when the parse result's shape changes (models, Document, Finding): old entries are ignored
VERSION = "1"


class ParseCache:
    def __init__(self, path: Path, entries: dict[str, bytes] | None = None) -> None:
        self.path = Path(path)
        self._stored = entries or {}
        self._used: dict[str, bytes] = {}
        self.hits = 0
        self.misses = 0

    @classmethod
    def open(cls, path: Path) -> ParseCache:
        """The cache at `path`; empty when the file is missing, unreadable or of another version.
        A file that is not a cache of ours is refused (store.DatabaseTargetError)."""
        import duckdb

        from .store import check_target

        path = Path(path)
        check_target(path, "cache")  # never read, nor later replace, a file that is not our cache
        if not path.exists():
            return cls(path)
        try:
            con = duckdb.connect(str(path), read_only=True)
            try:
                rows = con.execute("SELECT digest, payload FROM parse_cache WHERE version = ?", [VERSION]).fetchall()
            finally:
                con.close()
        except duckdb.Error:  # a broken or foreign file: start over, it is only a cache
            return cls(path)
        return cls(path, dict(rows))

    @staticmethod
    def digest(raw: bytes) -> str:
        return hashlib.sha256(raw).hexdigest()

    def get(self, raw: bytes):
        key = self.digest(raw)
        payload = self._stored.get(key)
        if payload is None:
            self.misses += 1
            return None
        self.hits += 1
        self._used[key] = payload
        return pickle.loads(payload)

    def put(self, raw: bytes, parsed) -> None:
        self._used[self.digest(raw)] = pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL)

    def save(self) -> None:
        """Write the entries this run used (stale ones drop out), atomically."""
        from .store import atomic_database

        with atomic_database(self.path, "cache") as con:
            con.execute("CREATE TABLE parse_cache (digest VARCHAR PRIMARY KEY, version VARCHAR, payload BLOB)")
            con.execute("COMMENT ON TABLE parse_cache IS 'factledger parse cache: SHA-256 of a ledger file -> its parse'")
            with con.appender("parse_cache") as app:
                app.append_rows([(k, VERSION, v) for k, v in self._used.items()])
                app.flush()
