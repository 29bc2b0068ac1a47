"""The language features as pure functions of an Analysis, a document's text and a position
(0-based line and character, as LSP counts): completion, hover, definition. The server only
wires them to the protocol; the tests call them directly and through a real client."""
from __future__ import annotations

import re
import typing
from dataclasses import dataclass
from pathlib import Path

from .. import quantity, timeref
from ..interval import Interval
from ..models import ArticleMeta, Claim, Entity, EventMention, Metric, Relation, UnitDef
from ..phrasebook import Phrasebook, written
from .analysis import Analysis

SECTION_MODELS = {"article": ArticleMeta, "claims": Claim, "events": EventMention, "relations": Relation,
                  "entities": Entity, "metrics": Metric, "units": UnitDef}
ENTITY_KEYS = ("subject", "of", "event")
METRIC_KEYS = ("metric", "cumulates")
CLAIM_REF_KEYS = ("restates", "superseded_by")
# units an editor writes often, besides the vocabulary's own and those already in the ledger
COMMON_UNITS = ("%", "USD", "EUR", "GBP", "JPY", "CNY", "t", "kg", "km", "m2", "acre", "GWh", "MWh", "MW",
                "GW", "barrel", "barrel/day", "t/year", "USD/year", "year", "month", "day")
_WHEN_FORMS = [w.strip() for w in (timeref._ABSOLUTE_EXAMPLES + ", " + timeref._RELATIVE_EXAMPLES).split(", ")]
# `key: partial` at the end of the text before the cursor, in block or flow style
_KEY_VALUE = re.compile(r"(?:^|[{,]|^\s*-)\s*([A-Za-z_]+):\s*([^\s,{}]*)$")
_KEY_START = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_]*)$|[{,]\s*([A-Za-z_]*)$")
_TOP_KEY = re.compile(r"^([A-Za-z_]+):")


@dataclass(frozen=True, slots=True)
class Item:
    label: str
    kind: str  # "key" | "value"
    detail: str = ""
    documentation: str = ""


@dataclass(frozen=True, slots=True)
class Target:
    file: str
    line: int  # 1-based, as the ledger counts
    col: int


def section_at(lines: list[str], line: int) -> str | None:
    """The top-level section (`claims`, `metrics`, ...) the 0-based `line` belongs to."""
    for i in range(min(line, len(lines) - 1), -1, -1):
        m = _TOP_KEY.match(lines[i])
        if m:
            return m.group(1)
    return None


def complete(analysis: Analysis | None, text: str, line: int, character: int) -> list[Item]:
    lines = text.split("\n")
    prefix = lines[line][:character] if line < len(lines) else ""
    m = _KEY_VALUE.search(prefix)
    if m:
        return _values(analysis, m.group(1), text, lines, line)
    m = _KEY_START.search(prefix)
    if m:
        # at column 0 a key starts a section; indented, a key of the section's items
        return _keys(None if m.group(1) == "" and not prefix.lstrip().startswith("-") else section_at(lines, line))
    return []


def _keys(section: str | None) -> list[Item]:
    model = SECTION_MODELS.get(section or "")
    if model is None:
        return [Item(k, "key", "section") for k in SECTION_MODELS]
    items = []
    for name, field in model.model_fields.items():
        label = field.alias or name
        required = "required" if field.is_required() else "optional"
        items.append(Item(label, "key", f"{section} · {required}", field.description or ""))
    return items


def _values(analysis: Analysis | None, key: str, text: str, lines: list[str], line: int) -> list[Item]:
    if key == "qualifier":
        return [Item(word, "value", f"hedge: {canon}") for word, canon in quantity.HEDGES.items()]
    if key == "when" or key == "published":
        return [Item(form, "value", "date" if form[:1].isdigit() else "relative to publication") for form in _WHEN_FORMS]
    literal = _literal_values(section_at(lines, line), key)
    if literal:
        return [Item(v, "value", key) for v in literal]
    if analysis is None:
        return []
    if key in ENTITY_KEYS:
        wanted = (lambda e: e["kind"] == "event") if key == "event" else (lambda e: True)
        return [Item(k, "value", f"{e['kind']}: {e['name']}", _aliases(e)) for k, e in analysis.entities.items() if wanted(e)]
    if key in METRIC_KEYS:
        return [Item(k, "value", f"{m['kind']}, {m['unit']}", m["description"]) for k, m in analysis.metrics.items()]
    if key == "unit":
        return _units(analysis)
    if key in CLAIM_REF_KEYS:
        return [Item(c["claim_id"], "value", c["value_text"] or "", c["quote"]) for c in _same_file_claims(analysis, text)]
    return []


def _literal_values(section: str | None, key: str) -> list[str]:
    model = SECTION_MODELS.get(section or "")
    field = model.model_fields.get(key) if model else None
    if field is None:
        return []
    for arg in [field.annotation, *typing.get_args(field.annotation)]:
        if typing.get_origin(arg) is typing.Literal:
            return list(typing.get_args(arg))
    return []


def _aliases(entity: dict) -> str:
    return f"aliases: {', '.join(entity['aliases'])}" if entity.get("aliases") else ""


def _units(analysis: Analysis) -> list[Item]:
    seen: dict[str, str] = {}
    for name, u in analysis.units.items():
        seen[name] = f"vocabulary unit{' = ' + u['same_as'] if u.get('same_as') else ''}"
    for m in analysis.metrics.values():
        seen.setdefault(m["unit"], f"unit of metric {m['key']}")
    for c in analysis.claims:
        if c["unit_text"]:
            seen.setdefault(c["unit_text"], "used in the ledger")
    for u in COMMON_UNITS:
        seen.setdefault(u, "common unit")
    return [Item(u, "value", why) for u, why in seen.items()]


def _same_file_claims(analysis: Analysis, text: str) -> list[dict]:
    m = re.search(r"^\s+id:\s*([a-z0-9-]+)", text, re.M) or re.search(r"^article:\s*\{\s*id:\s*([a-z0-9-]+)", text, re.M)
    article = m.group(1) if m else None
    return [c for c in analysis.claims if c["article_id"] == article]


def word_at(text: str, line: int, character: int) -> tuple[str | None, str]:
    """(key of the `key: value` the cursor is on, the value word under the cursor)."""
    lines = text.split("\n")
    if line >= len(lines):
        return None, ""
    current = lines[line]
    start = character
    while start > 0 and re.match(r"[\w%/.-]", current[start - 1]):
        start -= 1
    end = character
    while end < len(current) and re.match(r"[\w%/.-]", current[end]):
        end += 1
    word = current[start:end]
    m = re.search(r"([A-Za-z_]+):\s*$", current[:start])
    return (m.group(1) if m else None), word


def definition(analysis: Analysis, text: str, line: int, character: int) -> Target | None:
    key, word = word_at(text, line, character)
    if not word:
        return None
    row = None
    if key in ENTITY_KEYS:
        row = analysis.entities.get(word)
    elif key in METRIC_KEYS:
        row = analysis.metrics.get(word)
    elif key in ("unit", "same_as"):
        row = analysis.units.get(word)
        if row is None:  # a compound unit: the first vocabulary unit it names (`battery` of battery/day)
            row = next((analysis.units[p] for p in re.split(r"[/*^ ]", word) if p in analysis.units), None)
    elif key in CLAIM_REF_KEYS:
        article, _, claim = word.rpartition("/")
        candidates = _same_file_claims(analysis, text) if not article else analysis.claims
        row = next((c for c in candidates if c["claim_id"] == claim and (not article or c["article_id"] == article)), None)
    if row is None:
        return None
    return Target(row["file"], row["line"], row["col"])


def claim_at(analysis: Analysis, file: Path, text: str, line: int) -> dict | None:
    """The claim whose item holds the 0-based `line` of `file`."""
    lines = text.split("\n")
    if section_at(lines, line) != "claims":
        return None
    mine = [c for c in analysis.claims if Path(c["file"]) == file and c["line"] - 1 <= line]
    if not mine:
        return None
    best = max(mine, key=lambda c: c["line"])
    # the item's `- ` sits two columns before its first key; another item at that indent ends it
    dash = re.compile(r"^\s{%d}-\s" % max(best["col"] - 3, 0))
    if any(dash.match(ln) for ln in lines[best["line"]:line + 1]):
        return None
    return best


def hover(analysis: Analysis, file: Path, text: str, line: int) -> str | None:
    """Markdown for the claim under the cursor: figure, strict and generous intervals in its
    written unit, its time, and what other articles give for the same subject and metric."""
    c = claim_at(analysis, file, text, line)
    if c is None:
        return None
    unit = c["unit_text"] or c["canonical_unit"]
    out = [f"**{c['claim_id']}** · {c['subject']} / {c['metric']}", "",
           f"> {c['quote']}", "",
           f"- written: {written(c['qualifier'], c['value_text'], c['unit_text'], c['change_text'])}",
           f"- strict: {_interval(analysis, c, 'strict_lo', 'strict_hi', 'strict_lo_open', 'strict_hi_open', unit)}",
           f"- generous: {_interval(analysis, c, 'lo', 'hi', 'lo_open', 'hi_open', unit)}"]
    if c["when_text"]:
        days = f"{c['when_lo']} – {c['when_hi']}" if c["when_lo"] else "unresolved"
        out.append(f"- when: {c['when_text']} ({days})")
    others = [o for o in analysis.claims if o["subject"] == c["subject"] and o["metric"] == c["metric"]
              and o["article_id"] != c["article_id"]]
    if others:
        out += ["", f"**Other articles on {c['subject']} / {c['metric']}** (generous, in {unit}):"]
        for o in sorted(others, key=lambda o: (str(analysis.articles.get(o['article_id'], {}).get('published_lo')), o["article_id"])):
            a = analysis.articles.get(o["article_id"], {})
            when = f", {o['when_text']}" if o["when_text"] else ""
            out.append(f"- {a.get('outlet', o['article_id'])} ({a.get('published', '?')}): "
                       f"{written(o['qualifier'], o['value_text'], o['unit_text'], o['change_text'])} → "
                       f"{_interval(analysis, o, 'lo', 'hi', 'lo_open', 'hi_open', unit)}{when} — `{o['claim_key']}`")
    else:
        out += ["", f"No other article gives {c['subject']} / {c['metric']}."]
    return "\n".join(out)


def _interval(analysis: Analysis, row: dict, lo: str, hi: str, lo_open: str, hi_open: str, unit: str) -> str:
    if row[lo] is None or row[hi] is None:
        return "—"
    iv = Interval(row[lo], row[hi], bool(row[lo_open]), bool(row[hi_open]))
    return Phrasebook(analysis.unit_table).interval(iv, unit, row["canonical_unit"])
