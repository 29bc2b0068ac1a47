"""What `factledger new` can tell from the sentence around a figure: its subject and metric
(from the vocabulary beside the text), its `when`, the article's printed dateline, and the
dated happenings worth an `events:` entry. Every guess is checked the way the ledger will read
it (timeref for dates, the unit table for units); what cannot be checked is left as TODO."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import lexicon, timeref
from .extract import Mention
from .units import UnitError, UnitTable

_WORD = re.compile(r"[a-z][a-z-]+")
_STOP = frozenset(
    "the a an and or of in on at to for by with from per as is was were are be been its their this that "
    "these those than more less over under about into out up down new number share total per cent percent".split())
_RELATIVE = re.compile(
    r"\b(?:(?:earlier|later)\s+)?(?:this|last|next)\s+(?:week|month|quarter|year|spring|summer|fall|autumn|winter)\b"
    r"|\byesterday\b|\btoday\b|\b(?:the\s+)?first\s+\w+\s+months\b|\bso\s+far\s+this\s+year\b|\byear[- ]to[- ]date\b"
    r"|\b(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?:early|mid|late)[- ](?:" + "|".join(n.title() for n in lexicon.MONTHS if len(n) > 3) + r")\b"
    r"|\b(?:in|since)\s+(?:\d{4}|" + "|".join(n.title() for n in lexicon.MONTHS if len(n) > 3 or n == "may") + r")\b")
_EVENT_VERBS = re.compile(
    r"\b(?:signed|sign|announced|announce|opened|open|sent|send|dated|filed|file|launched|launch|closed|"
    r"approved|voted|vote|unveiled|met|meet|held|hold|issued|imposed|ruled|began|begin|started|start|ended|published)\b", re.I)
_DATELINE_LINES = 6


@dataclass
class Vocabulary:
    entities: list = field(default_factory=list)   # models.Entity
    metrics: list = field(default_factory=list)    # models.Metric
    units: UnitTable = field(default_factory=UnitTable)
    unit_names: set[str] = field(default_factory=set)

    @classmethod
    def beside(cls, textfile: Path) -> "Vocabulary":
        """The vocabulary of the ledger folder the text sits in (none when it holds no ledger)."""
        from .loader import load_ledger

        folder = textfile.parent
        if not any(folder.glob("*.yaml")):
            return cls()
        try:
            ledger = load_ledger([folder])
        except Exception:  # an unreadable folder only costs the suggestions
            return cls()
        vocab = cls()
        rows = []
        for _, model in ledger.models():
            vocab.entities.extend(model.entities)
            vocab.metrics.extend(model.metrics)
            rows.extend((u.name, u.same_as, u.definition) for u in model.units)
        vocab.units = UnitTable.from_definitions(rows)
        vocab.unit_names = {name for name, _, _ in rows}
        return vocab

    def subject(self, sentence: str, m: Mention) -> str | None:
        """The entity whose name or alias the sentence names, nearest the figure."""
        best = None
        for e in self.entities:
            for name in [e.name, *e.aliases]:
                for hit in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", sentence, re.I):
                    distance = abs(hit.start() - sentence.find(m.text))
                    if best is None or (distance, -len(name)) < best[0]:
                        best = ((distance, -len(name)), e.key)
        return best[1] if best else None

    def metric(self, sentence: str, unit: str | None, change: bool, noun: str | None = None) -> str | None:
        """A metric whose unit fits the figure's and whose description shares words with the sentence
        (two words, or the counted noun); the only metric of a counted unit's dimension also fits."""
        words = set(_WORD.findall(sentence.lower())) - _STOP
        stems = {w.rstrip("s") for w in words}
        fitting, best = [], None
        for metric in self.metrics:
            if change != (metric.kind == "change") and not (change and unit and metric.kind == "share"):
                continue
            if unit is None or not self._fits(unit, metric.unit):
                continue
            fitting.append(metric)
            described = {w.rstrip("s") for w in _WORD.findall(f"{metric.description} {metric.key}".lower())} - _STOP
            overlap = len(stems & described)
            if noun and noun.lower().rstrip("s") in described:
                overlap += 1
            if overlap and (best is None or overlap >= best[0]):
                best = (overlap, metric.key, best is not None and overlap == best[0])
        if best is None and len(fitting) == 1 and unit.split("/")[0] in self.unit_names:
            return fitting[0].key  # the one metric counting this unit
        return best[1] if best and not best[2] else None  # a tie is no suggestion

    def _fits(self, unit: str, metric_unit: str) -> bool:
        try:
            a, b = self.units.resolve(unit), self.units.resolve(metric_unit)
        except (UnitError, ValueError):
            return False
        return a.dimension == b.dimension and (a.currency is None) == (b.currency is None)


def when_of(sentence: str, m: Mention, sentence_start: int, dates: list[Mention], published: str) -> str | None:
    """The time the sentence gives the figure: a printed date or year in the same sentence, else a
    relative phrase ("last year", "in May"); only what timeref reads against `published`."""
    try:
        pub = timeref.parse_date(published)
    except timeref.DateError:
        return None
    candidates = [(abs(d.start - m.start), d.text) for d in dates
                  if sentence_start <= d.start < sentence_start + len(sentence)]
    candidates += [(abs(sentence_start + r.start() - m.start), r.group()) for r in _RELATIVE.finditer(sentence)]
    for _, text in sorted(candidates):
        written = re.sub(r"^(?:in|on)\s+", "", text.strip(), flags=re.I)
        try:
            timeref.resolve_when(written, pub)
        except timeref.DateError:
            continue
        return written
    return None


def dateline(text: str) -> str | None:
    """A full date printed in the first lines ("June 3, 2025", "Published 3 June 2025"), as YYYY-MM-DD."""
    from .extract import extract

    head = "\n".join(text.splitlines()[:_DATELINE_LINES])[:600]
    for m in extract(head):
        if m.kind != "date" or m.value is None:
            continue
        try:
            when = timeref.parse_date(m.text)
        except timeref.DateError:
            continue
        if when.lo == when.hi:
            return when.lo.isoformat()
    return None


def events_in(text: str, sentences: list[tuple[int, str]], dates: list[Mention], published: str) -> list[dict]:
    """A proposed `events:` entry per sentence that dates a happening ("signed on May 9")."""
    out = []
    for start, sentence in sentences:
        if not _EVENT_VERBS.search(sentence):
            continue
        for d in dates:
            if start <= d.start < start + len(sentence):
                when = when_of(sentence, d, start, [d], published)
                if when:
                    out.append({"id": f"e{len(out) + 1:02d}", "event": "TODO", "quote": sentence.strip(), "when": when})
                break
    return out
