"""Incremental checks: the parse of every ledger file (document, positions, validated model,
schema problems), keyed by the SHA-256 of the file's bytes and kept in a DuckDB file.

A re-check re-parses only files whose bytes changed; everything after parsing (article texts,
resolve, rules) runs as in a cold check, so the findings are identical.

The cache file may come from anywhere (committed by a pull request, restored from a CI cache), so
it holds only data: each entry is JSON (the YAML's plain data with its node positions, the model
as plain data, the problems as plain fields), read with external access off, checked field by field
and the model validated again by pydantic. An entry that fails any of this is dropped with a
warning and the file is parsed afresh; nothing in the file can run code.

Each entry is also signed (HMAC-SHA256) with a random key kept in the user's cache folder, so only
entries this user wrote on this machine are used: a cache committed by someone else cannot make a
file parse as something it does not say. Without a usable key the cache is not used.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path

DEFAULT_PATH = Path(".factledger/cache.duckdb")
# bump when the parse result's shape changes (models, Document, Finding): old entries are ignored
VERSION = "4-json-signed"  # 3: documents carry the items validation dropped; 4: signed
_TABLE = "parse_cache"
_PROBLEM_FIELDS = ("rule", "severity", "message", "line", "col", "article_id", "item_id")


class BadEntry(ValueError):
    pass


class ParseCache:
    def __init__(self, path: Path, entries: dict[str, tuple[str, str]] | None = None) -> None:
        self.path = Path(path)
        self._stored = entries or {}  # digest -> (payload, signature)
        self._used: dict[str, tuple[str, str]] = {}
        self.hits = 0
        self.misses = 0
        self.warnings: list[str] = []
        self._key = _key()

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
            # a crafted file could make `parse_cache` a view over read_text(...): no file access
            con = duckdb.connect(str(path), read_only=True,
                                 config={"enable_external_access": False, "lock_configuration": True})
            try:
                rows = con.execute(f"SELECT digest, payload, signature FROM {_TABLE} WHERE version = ?",
                                   [VERSION]).fetchall()
            finally:
                con.close()
        except duckdb.Error as exc:  # a broken or foreign file: start over, it is only a cache
            cache = cls(path)
            if "does not exist" not in str(exc):  # an older cache simply has no entries of this version
                cache.warnings.append(f"{path}: not a parse cache this version of factledger can use "
                                      f"({type(exc).__name__}); ignored, every file parsed afresh")
            return cache
        entries = {d: (p, m) for d, p, m in rows if isinstance(d, str) and isinstance(p, str) and isinstance(m, str)}
        cache = cls(path, entries)
        if len(entries) != len(rows):
            cache.warnings.append(f"{path}: {len(rows) - len(entries)} cache entries of the wrong type ignored")
        return cache

    @staticmethod
    def digest(raw: bytes) -> str:
        return hashlib.sha256(raw).hexdigest()

    def get(self, raw: bytes):
        key = self.digest(raw)
        entry = self._stored.get(key)
        if entry is None or self._key is None:
            self.misses += 1
            return None
        payload, signature = entry
        if not hmac.compare_digest(signature, self._sign(key, payload)):
            self.misses += 1
            if not any("not signed" in w for w in self.warnings):
                self.warnings.append(f"{self.path}: entries not signed on this machine were ignored "
                                     "(a cache written elsewhere); the files were parsed afresh")
            return None
        try:
            parsed = decode(payload)
        except (BadEntry, ValueError, TypeError, KeyError, RecursionError) as exc:
            self.misses += 1
            self.warnings.append(f"{self.path}: a corrupt cache entry was ignored and the file parsed afresh ({exc})")
            return None
        self.hits += 1
        self._used[key] = entry
        return parsed

    def put(self, raw: bytes, parsed) -> None:
        if self._key is not None:
            key, payload = self.digest(raw), encode(parsed)
            self._used[key] = (payload, self._sign(key, payload))

    def get_entry(self, key: str) -> str | None:
        """Another kind of entry (ledger.sessioncache: a file's rows, the last run's findings) by
        its key, when signed on this machine; its reader checks the payload field by field."""
        entry = self._stored.get(key)
        if entry is None or self._key is None or not hmac.compare_digest(entry[1], self._sign(key, entry[0])):
            return None
        self._used[key] = entry
        return entry[0]

    def put_entry(self, key: str, payload: str) -> None:
        if self._key is not None:
            self._used[key] = (payload, self._sign(key, payload))

    def _sign(self, digest: str, payload: str) -> str:
        message = f"{VERSION}\0{digest}\0{payload}".encode("utf-8")
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def save(self) -> None:
        """Write the entries this run used (stale ones drop out), atomically."""
        from .store import atomic_database

        if self._key is None:
            return
        with atomic_database(self.path, "cache") as con:
            con.execute(f"CREATE TABLE {_TABLE} (digest VARCHAR PRIMARY KEY, version VARCHAR, payload VARCHAR, "
                        "signature VARCHAR)")
            con.execute(f"COMMENT ON TABLE {_TABLE} IS 'factledger parse cache: SHA-256 of a ledger file -> its parse as JSON'")
            with con.appender(_TABLE) as app:
                app.append_rows([(k, VERSION, p, m) for k, (p, m) in self._used.items()])
                app.flush()


def _key() -> bytes | None:
    """This user's signing key: 32 random bytes in a file only they can read, made on first use;
    None when there is no cache folder we can use (the cache is then off)."""
    from .units import _user_cache

    try:
        folder = _user_cache()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "parse-cache.key"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            key = path.read_bytes()
            return key if len(key) == 32 else None
        with os.fdopen(fd, "wb") as handle:
            key = secrets.token_bytes(32)
            handle.write(key)
        return key
    except OSError:
        return None


def encode(parsed) -> str:
    """(Document | None, LedgerFile | None, problems) -> JSON."""
    doc, model, problems = parsed
    return json.dumps({
        "doc": None if doc is None else {"data": doc.data, "positions": doc.flat_positions(),
                                         "dropped": [[list(path), node] for path, node in doc.dropped.items()]},
        "model": None if model is None else model.model_dump(mode="json", by_alias=True, exclude_unset=True),
        "problems": [{k: getattr(f, k) for k in _PROBLEM_FIELDS} for f in problems],
    }, ensure_ascii=False, separators=(",", ":"))


def decode(payload: str):
    """JSON -> (Document | None, LedgerFile | None, problems), checking every field; BadEntry (or a
    pydantic ValidationError, a ValueError) when anything is not what `encode` writes."""
    from .finding import SEVERITIES, Finding
    from .models import LedgerFile

    entry = json.loads(payload)
    _expect(isinstance(entry, dict) and set(entry) == {"doc", "model", "problems"}, "not a cache entry")
    doc = None
    if entry["doc"] is not None:
        raw = entry["doc"]
        _expect(isinstance(raw, dict) and set(raw) == {"data", "positions", "dropped"}, "bad document")
        doc = _unflatten(raw["data"], raw["positions"])
        # items validation dropped (loader.validate): only their keys are read, so plain data suffices
        _expect(isinstance(raw["dropped"], list) and all(
            isinstance(d, list) and len(d) == 2 and isinstance(d[0], list)
            and all(type(step) in (str, int) for step in d[0]) for d in raw["dropped"]), "bad dropped items")
        doc.dropped = {tuple(path): node for path, node in raw["dropped"]}
    model = None if entry["model"] is None else LedgerFile.model_validate(entry["model"])
    problems = []
    _expect(isinstance(entry["problems"], list), "bad problems")
    for p in entry["problems"]:
        _expect(isinstance(p, dict) and set(p) == set(_PROBLEM_FIELDS), "bad problem")
        _expect(isinstance(p["rule"], str) and p["severity"] in SEVERITIES and isinstance(p["message"], str)
                and _int(p["line"]) and _int(p["col"]) and all(p[k] is None or isinstance(p[k], str)
                                                              for k in ("article_id", "item_id")), "bad problem")
        problems.append(Finding(slug="", file="", **p))
    return doc, model, problems


def _unflatten(data, positions):
    """The Document back from its data and flat positions (`Document.flat_positions`), checking
    both: plain data only (what yamlsource produces: text-keyed mappings, lists, text, null), one
    position per node."""
    from .yamlsource import Document, positions_from_flat

    _expect(isinstance(positions, list) and len(positions) % 2 == 0
            and all(type(n) is int and 0 <= n < 1 << 23 for n in positions), "bad positions")
    if data is None and not positions:
        return Document(None)  # an empty file
    pairs = zip(positions[0::2], positions[1::2])

    def check(node, depth):
        kind = type(node)
        if kind is dict or kind is list:
            if depth > 64:
                raise BadEntry("document nested too deep")
            if kind is dict and any(type(key) is not str for key in node):
                raise BadEntry("bad document data")
        elif node is not None and kind is not str:
            raise BadEntry("bad document data")

    try:
        tree = positions_from_flat(data, pairs.__next__, check)
    except StopIteration:
        raise BadEntry("too few positions") from None
    _expect(next(pairs, None) is None, "too many positions")
    return Document(data, tree)


def _int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _expect(ok: bool, what: str) -> None:
    if not ok:
        raise BadEntry(what)
