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
