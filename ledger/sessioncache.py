"""`check --cache` is a Session persisted: beside the parse of every file (ledger.parsecache), the
cache keeps what each article file contributed after resolution and the last run's findings per
rule, so a re-check re-resolves only the changed files and re-runs each rule only where the
change can affect it (ledger.session).

* A file's rows are keyed by the SHA-256 of its bytes, of its article text, of its shown path and
  of the vocabulary it was resolved against (units, metrics, tolerance, factledger's version): an
  edit to the vocabulary re-resolves every article.
* The last run (`state`) records each file's digests and rows key, every rule's findings before
  waivers, the rules that broke, and a fingerprint of what decides findings besides the files —
  the selected rules' own files, the options, the vocabulary. Another fingerprint: a full run.

The entries are JSON signed like the parse cache's and checked field by field on read, so a cache
from elsewhere can neither run code nor make the check say what the ledger does not."""
from __future__ import annotations

import datetime
import hashlib
import json
import math

from . import schema
from .finding import SEVERITIES, Finding
from .resolve import ARTICLE_TABLES, FileRows, Tables

ROWS_VERSION = "rows-1"  # bump when resolve's output changes shape or meaning
_FINDING = ("rule", "slug", "severity", "message", "file", "line", "col", "article_id", "item_id")


class BadEntry(ValueError):
    pass


def digest(*parts: object) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else repr(part).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def encode_rows(rows: FileRows) -> str:
    return json.dumps({"tables": {name: [[_plain(v) for v in row] for row in getattr(rows.tables, name)]
                                  for name in ARTICLE_TABLES},
                       "problems": [_finding(p) for p in rows.problems]},
                      ensure_ascii=False, separators=(",", ":"))


def decode_rows(payload: str) -> FileRows:
    entry = json.loads(payload)
    _expect(isinstance(entry, dict) and set(entry) == {"tables", "problems"}, "not a rows entry")
    tables = Tables()
    _expect(isinstance(entry["tables"], dict) and set(entry["tables"]) == set(ARTICLE_TABLES), "bad tables")
    for name in ARTICLE_TABLES:
        row_type, types = schema.ROWS[name], _types(name)
        rows = entry["tables"][name]
        _expect(isinstance(rows, list), "bad rows")
        out = getattr(tables, name)
        for row in rows:
            _expect(isinstance(row, list) and len(row) == len(types), f"bad {name} row")
            out.append(row_type._make(_value(v, t) for v, t in zip(row, types)))
    return FileRows(tables, decode_findings(entry["problems"]))


def encode_findings(findings: list[Finding]) -> list:
    return [_finding(f) for f in findings]


def decode_findings(items) -> list[Finding]:
    _expect(isinstance(items, list), "bad findings")
    out = []
    for p in items:
        _expect(isinstance(p, dict) and set(p) == {*_FINDING, "others"}, "bad finding")
        _expect(all(isinstance(p[k], str) for k in ("rule", "slug", "message", "file"))
                and p["severity"] in SEVERITIES and _int(p["line"]) and _int(p["col"])
                and all(p[k] is None or isinstance(p[k], str) for k in ("article_id", "item_id"))
                and isinstance(p["others"], list) and all(isinstance(o, str) for o in p["others"]), "bad finding")
        out.append(Finding(**{k: p[k] for k in _FINDING}, others=tuple(p["others"])))
    return out


def _finding(f: Finding) -> dict:
    return {**{k: getattr(f, k) for k in _FINDING}, "others": list(f.others)}


def _types(name: str) -> list[str]:
    return [sql for _, sql, _ in schema.TABLES[name][1]]


def _plain(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        raise ValueError("NaN in a row")  # never written by resolve; refuse rather than change it
    return value


def _value(value, sql: str):
    if value is None:
        return None
    if sql == "VARCHAR":
        _expect(isinstance(value, str), "bad text")
    elif sql == "INTEGER":
        _expect(_int(value, signed=True), "bad integer")
    elif sql == "DOUBLE":
        _expect(isinstance(value, (int, float)) and not isinstance(value, bool)
                and not (isinstance(value, float) and math.isnan(value)), "bad number")
    elif sql == "BOOLEAN":
        _expect(isinstance(value, bool), "bad boolean")
    elif sql == "DATE":
        _expect(isinstance(value, str), "bad date")
        return datetime.date.fromisoformat(value)
    elif sql == "VARCHAR[]":
        _expect(isinstance(value, list) and all(v is None or isinstance(v, str) for v in value), "bad list")
    else:
        raise BadEntry(f"column type {sql} not cached")
    return value


def _int(value, signed: bool = False) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and (signed or value >= 0)


def _expect(ok: bool, what: str) -> None:
    if not ok:
        raise BadEntry(what)


class Persisted:
    """The cache's side of a Session: rows by file, and the last run."""

    STATE = "state:last"

    def __init__(self, cache, session) -> None:
        from importlib import metadata

        self.cache = cache
        vocab = session.vocab
        try:
            version = metadata.version("factledger")
        except metadata.PackageNotFoundError:
            version = "dev"
        # what resolving one article reads besides the file: the unit table and the metrics
        self.context = digest(ROWS_VERSION, version, vocab.tables.units, vocab.tables.metrics, vocab.tolerance)
        options = session.options
        rules = sorted((r.id, r.scope, _file_digest(r.source)) for r in session.rules.values())
        constants = [(f.display, f.model.constants) for f in session.ledger.files if f.model is not None and f.model.constants]
        # what decides findings besides the article files: the whole vocabulary, the rules, the options
        self.fingerprint = digest(self.context, vocab.tables.entities, vocab.tables.fx_rates, constants, rules,
                                  options.tolerance, sorted(options.hedge_tolerance.items()), options.rewrite_window,
                                  sorted(options.severities.items()), [str(d) for d in options.rule_dirs])
        self.keys: dict[str, str] = {}  # file shown -> its rows key

    def _key(self, f) -> str:
        text = None if f.text is None else hashlib.sha256(f.text.encode("utf-8")).hexdigest()
        return "rows:" + digest(self.context, f.digest, text, f.display)

    def rows(self, f, resolve) -> FileRows:
        """The file's rows from the cache, else resolved (`resolve(f)`) and kept."""
        key = self.keys[f.display] = self._key(f)
        payload = self.cache.get_entry(key)
        if payload is not None:
            try:
                return decode_rows(payload)
            except (BadEntry, ValueError, TypeError, KeyError, RecursionError):
                pass  # resolved afresh below; the entry is replaced
        rows = resolve(f)
        self.cache.put_entry(key, encode_rows(rows))
        return rows

    def previous(self):
        """The last run, when it used the same rules, options and vocabulary: (rows key by file
        shown, findings by rule, failed rules, duplicate pairs), else None."""
        payload = self.cache.get_entry(self.STATE)
        if payload is None:
            return None
        try:
            state = json.loads(payload)
            _expect(isinstance(state, dict) and state.get("fingerprint") == self.fingerprint, "another run")
            files, hits = state["files"], state["hits"]
            _expect(isinstance(files, dict) and all(isinstance(k, str) and (v is None or isinstance(v, str))
                                                    for k, v in files.items()), "bad files")
            _expect(isinstance(hits, dict), "bad hits")
            found = {rule: decode_findings(items) for rule, items in hits.items()}
            failed = state["failed"]
            _expect(isinstance(failed, list) and all(isinstance(r, str) for r in failed), "bad failures")
            pairs = state["pairs"]
            _expect(isinstance(pairs, list) and all(isinstance(p, list) and len(p) == 3
                                                    and all(isinstance(x, str) for x in p) for p in pairs), "bad pairs")
        except (BadEntry, ValueError, TypeError, KeyError, RecursionError):
            return None
        return files, found, failed, {tuple(p) for p in pairs}

    def old_rows(self, key: str | None) -> FileRows | None:
        payload = None if key is None else self.cache.get_entry(key)
        if payload is None:
            return None
        try:
            return decode_rows(payload)
        except (BadEntry, ValueError, TypeError, KeyError, RecursionError):
            return None

    def save(self, session) -> None:
        state = {"fingerprint": self.fingerprint,
                 "files": {f.display: self.keys.get(f.display) for f in session.ledger.files},
                 "hits": {rule: encode_findings(found) for rule, found in session.hits.items()},
                 "failed": sorted(session.failures),
                 "pairs": sorted(list(p) for p in session._duplicate_pairs())}
        self.cache.put_entry(self.STATE, json.dumps(state, ensure_ascii=False, separators=(",", ":")))
        self.cache.save()


def _file_digest(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return ""
