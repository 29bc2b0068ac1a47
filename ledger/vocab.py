"""The vocabulary as a tool: every entity, metric and unit with its aliases and how many claims
use it (`factledger vocab`), search, and near-duplicate detection (rule L111).

Near-duplicates matter because cross-article checks compare claims by subject and metric key:
two keys for one quantity quietly stop every comparison between the articles that use them.
"Near" is deliberately narrow (a false alarm is a bug): same kind (and, for metrics, same unit
dimension) AND either the same words in another order, spelling or number (`ev-sales-share` /
`share-of-ev-sales`, `licences` / `licenses`), one key plus only a generic word (`employment` /
`total-employment`), a name or alias of one that is a name, alias or key of the other, or
near-identical descriptions. Keys that differ by a word that means something (`tariff-cost-gross`
/ `tariff-cost-net`) are different quantities and stay silent."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

STOP = frozenset("a an and as at by for from in into of on or per the to with its their".split())
# words that qualify without changing what is measured
GENERIC = frozenset("total overall number count amount level value figure annual yearly global worldwide".split())
# spelling variants read as one word
SPELLING = {"license": "licence", "licenses": "licence", "licences": "licence", "program": "programme",
            "programs": "programme", "programmes": "programme", "percentage": "percent", "pct": "percent"}


@dataclass(slots=True)
class Entry:
    kind: str  # entity | metric | unit
    key: str
    label: str  # entity name, metric description, unit definition
    category: str  # entity kind, metric kind, unit kind (count / alias / custom)
    unit: str = ""  # metric unit; unit's same_as
    dimension: str = ""  # metric dimension
    aliases: list[str] = field(default_factory=list)
    uses: int = 0  # claims (and event mentions) using it
    file: str = ""
    line: int = 0
    col: int = 0


def entries(con) -> list[Entry]:
    """Every vocabulary entry with its uses, from a loaded database (tables of schema.py)."""
    out: list[Entry] = []
    uses = dict(con.execute(
        "SELECT k, count(*) FROM (SELECT subject AS k FROM claims UNION ALL SELECT share_of FROM claims "
        "WHERE share_of IS NOT NULL UNION ALL SELECT event FROM events) GROUP BY k").fetchall())
    for key, name, kind, aliases, file, line, col in con.execute(
            "SELECT key, name, kind, aliases, file, line, col FROM entities ORDER BY key").fetchall():
        out.append(Entry("entity", key, name, kind, aliases=list(aliases or []), uses=uses.get(key, 0),
                         file=file, line=line, col=col))
    uses = dict(con.execute("SELECT metric, count(*) FROM claims GROUP BY metric").fetchall())
    for key, desc, kind, unit, dim, file, line, col in con.execute(
            "SELECT key, description, kind, unit, dimension, file, line, col FROM metrics ORDER BY key").fetchall():
        out.append(Entry("metric", key, desc, kind, unit=unit, dimension=dim or "", uses=uses.get(key, 0),
                         file=file, line=line, col=col))
    written = con.execute("SELECT unit_text, count(*) FROM claims WHERE unit_text IS NOT NULL GROUP BY 1").fetchall()
    for name, same_as, definition, file, line, col in con.execute(
            "SELECT name, same_as, definition, file, line, col FROM units ORDER BY name").fetchall():
        n = sum(count for text, count in written if name in re.split(r"[^A-Za-z_]+", text))
        category = "alias" if same_as else "custom" if definition else "count"
        out.append(Entry("unit", name, definition or (f"same as {same_as}" if same_as else "a count unit"),
                         category, unit=same_as or "", uses=n, file=file, line=line, col=col))
    return out


def search(all_entries: list[Entry], query: str) -> list[Entry]:
    """Entries whose key, label or aliases contain every word of `query` (any case), best first;
    when none do, the closest keys and names by spelling."""
    words = [w for w in _norm_words(query)]
    if not words:
        return list(all_entries)

    def haystack(e: Entry) -> set[str]:
        return set(_norm_words(" ".join([e.key, e.label, *e.aliases])))

    hits = [e for e in all_entries if all(any(h.startswith(w) for h in haystack(e)) for w in words)]
    if hits:
        return sorted(hits, key=lambda e: (-_closeness(query, e), e.kind, e.key))
    scored = [(_closeness(query, e), e) for e in all_entries]
    return [e for score, e in sorted(scored, key=lambda t: -t[0]) if score >= 0.6][:10]


def _closeness(query: str, e: Entry) -> float:
    q = query.lower()
    return max(difflib.SequenceMatcher(None, q, s.lower()).ratio() for s in [e.key, e.label, *e.aliases])


def _norm_words(text: str) -> list[str]:
    words = []
    for w in re.findall(r"[a-z0-9]+", text.lower()):
        w = SPELLING.get(w, w)
        if w in STOP:
            continue
        if len(w) > 3 and w.endswith("ies"):
            w = w[:-3] + "y"
        elif len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        words.append(SPELLING.get(w, w))
    return words


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    first: Entry  # defined earlier (file, line)
    second: Entry
    why: str


def near_duplicates(all_entries: list[Entry]) -> list[NearDuplicate]:
    """The near-duplicate pairs, each with the earlier entry first. Only pairs that can match are
    compared: the same key words once generic ones are set aside (how the first two tests can
    hold), a shared name (entities), or descriptions close enough in length (metrics)."""
    found = []
    for kind in ("entity", "metric"):
        group = sorted((e for e in all_entries if e.kind == kind), key=lambda e: (e.file, e.line, e.key))
        facts = [_Facts(e) for e in group]
        for i, j in sorted(_candidates(kind, facts)):
            a, b = group[i], group[j]
            if a.category != b.category or (kind == "metric" and a.dimension != b.dimension):
                continue
            why = _why(facts[i], facts[j])
            if why:
                found.append(NearDuplicate(a, b, why))
    return found


class _Facts:
    """What the tests read of one entry, computed once."""
    __slots__ = ("entry", "words", "core", "names", "label")

    def __init__(self, e: Entry):
        self.entry = e
        self.words = _norm_words(e.key)
        self.core = frozenset(self.words) - GENERIC
        self.names = {_squash(n) for n in [e.label, *e.aliases, e.key]} if e.kind == "entity" else set()
        self.label = e.label.lower()


def _candidates(kind: str, facts: list[_Facts]) -> set[tuple[int, int]]:
    """Index pairs (i < j) that may be near-duplicates; every pair `_why` accepts is among them."""
    buckets: dict = {}
    for i, f in enumerate(facts):
        buckets.setdefault(("core", f.core), []).append(i)
        for name in f.names:
            if name:
                buckets.setdefault(("name", name), []).append(i)
    pairs = {(i, j) for members in buckets.values() for n, i in enumerate(members) for j in members[n + 1:]}
    if kind == "metric":  # descriptions within 0.9 of each other in length (difflib's first bound)
        by_length = sorted(range(len(facts)), key=lambda i: len(facts[i].label))
        for n, i in enumerate(by_length):
            short = len(facts[i].label)
            for j in by_length[n + 1:]:
                total = short + len(facts[j].label)
                if total and 2.0 * short / total < 0.9:
                    break
                pairs.add((min(i, j), max(i, j)))
    return pairs


def _why(fa: _Facts, fb: _Facts) -> str | None:
    a = fa.entry
    ka, kb = fa.words, fb.words
    if set(ka) == set(kb):
        return "the same words in the key"
    small, large = (set(ka), set(kb)) if len(ka) <= len(kb) else (set(kb), set(ka))
    if small and small < large and large - small <= GENERIC:
        return f"the keys differ only by {', '.join(sorted(large - small))!r}"
    if a.kind == "entity":
        shared = sorted(n for n in fa.names & fb.names if n)
        if shared:
            return f"both are called {shared[0]!r}"
    elif len(a.label) > 12 and _close(fa.label, fb.label):
        return "near-identical descriptions"
    return None


def _close(a: str, b: str) -> bool:
    """difflib's ratio is at least 0.9; its cheaper upper bounds rule most pairs out first."""
    m = difflib.SequenceMatcher(None, a, b)
    return m.real_quick_ratio() >= 0.9 and m.quick_ratio() >= 0.9 and m.ratio() >= 0.9


def _squash(name: str) -> str:
    return " ".join(_norm_words(name))
