"""What the words around a figure say about it: its hedge, direction, unit and noun.

Used by extract.py; every word comes from lexicon.py.
"""
from __future__ import annotations

import re

from . import lexicon
from .lexicon import alternation

_WORD = re.compile(r"[^\W\d_][\w'’-]*")  # letters of any language: "reculé", "bajó"
_STOP = frozenset("a an and as at by for from in into is of on or per that the to was were with".split())
_CLAUSE = re.compile(r"[.;:!?\n]")
_NOUN = re.compile(r"\s+(?:of\s+)?([A-Za-z][A-Za-z-]*)")
_NEXT_WORD = re.compile(r"\s+([A-Za-z][A-Za-z-]*)")


def hedge_before(pattern: re.Pattern, text: str, start: int) -> tuple[str | None, int]:
    """(the hedge written right before `start`, where it starts); "edged up to 7.2%" has none:
    after a verb of motion "up to" is a direction."""
    origin = max(0, start - 40)
    window = text[origin:start]
    ends = _hedge_ends()
    tail = window.rstrip()[-ends[1]:]
    if tail.isascii() and not tail.lower().endswith(ends[0]):
        return None, start  # the words before end in no hedge's last word: the pattern cannot match
    m = pattern.search(window)
    if not m:
        return None, start
    word = m.group(1) or m.group(2)
    at = origin + m.start(1 if m.group(1) else 2)
    hedge = " ".join(word.lower().split())
    if hedge == "up to":
        verb = _WORD.findall(text[max(0, at - 30):at])
        if verb and (verb[-1].lower() in lexicon.MOTION_VERBS or lexicon.direction_of(verb[-1])):
            return None, start
    return hedge, at


@lexicon.derived
def _hedge_ends() -> tuple[tuple[str, ...], int]:
    """(the last words of the hedges: "than", "about", "approx.", "~"; the longest one's length):
    a hedge right before a figure ends the words before it in one of them."""
    words = {h.split()[-1].lower() for h in lexicon.HEDGES}
    return tuple(sorted(words)), max(map(len, words))


def before_direction(text: str, lo: int, start: int) -> str | None:
    """The nearest direction word among the few before the figure, within its clause."""
    window = _CLAUSE.split(text[max(0, lo):start])[-1]
    words = _WORD.findall(window)[-5:]
    for i in range(len(words) - 1, -1, -1):
        word = words[i].lower()
        if word in lexicon.DIRECTION_NOUNS or (word == "up" and i and words[i - 1].lower() in lexicon.PHRASAL_UP):
            continue  # "growth forecast", "made up 16.5%"
        if lexicon.direction_of(word):
            return word
    return None


@lexicon.derived
def _after_pattern() -> re.Pattern:
    stop = alternation(_STOP)
    return re.compile(rf"(?:[\s-]+(?:{alternation(lexicon.CHANGE_WINDOWS)}))*(?:\s+(?!(?:{stop})\b)[a-z]+)?"
                      rf"\s+({alternation(lexicon.AFTER_DIRECTIONS)})\b", re.I)


def after_direction(text: str, end: int) -> str | None:
    m = _after_pattern().match(text, end)
    return m.group(1).lower() if m else None


def noun_after(text: str, end: int) -> str | None:
    m = _NOUN.match(text[end:end + 40])
    if not m or m.group(1).lower() in _STOP:
        return None
    return m.group(1)


class _UnitPatterns:
    def __init__(self) -> None:
        printed = {w: u for w, u in lexicon.UNIT_WORDS.items() if len(w) > 1}
        self.words = printed | lexicon.COUNT_UNITS
        self.glued = {w: u for w, u in lexicon.UNIT_WORDS.items() if len(w) == 1}  # "38C", "5t"
        words = alternation(self.words)
        self.measure = re.compile(rf"(?:-|\s*)(?i:({words}))(?![\w])")
        self.glued_re = re.compile(rf"({alternation(self.glued)})\b")
        # "4,000 new jobs", "40 hotels", "1,200 wind turbines": a plural noun after the figure counts
        self.counted = re.compile(r"(?:\s+[A-Za-z][A-Za-z-]*){1,4}")
        per = alternation([*printed, *lexicon.COUNT_UNITS, *lexicon.TIME_UNITS])
        self.per = re.compile(rf"(?:\s+of\s+[a-z]+)?(?:\s*/\s*|\s+(?:{alternation(lexicon.PER_WORDS)})\s+)(?i:({per}))\b"
                              rf"|\s+(annually)\b", re.I)


_units = lexicon.derived(_UnitPatterns)


def glued_unit(text: str, end: int) -> bool:
    """A unit abbreviation glued to the digits ("5kg", "38C", "400GWh"), ending the token."""
    u = _units()
    m = u.glued_re.match(text, end) or u.measure.match(text, end)
    return bool(m) and not (m.end() < len(text) and text[m.end()].isalnum())


def _counted(text: str, end: int) -> tuple[str | None, int]:
    """The first plural noun among the next few words, before any stop word: what is counted."""
    m = _units().counted.match(text, end)
    if not m:
        return None, end
    fallback = (None, end)
    for word in _NEXT_WORD.finditer(m.group()):
        w = word.group(1).lower()
        if w in _STOP or w in lexicon.NOT_COUNTED:
            break
        noun = lexicon.singular(w)
        if noun and noun != w:
            return noun, end + word.end()
        if noun and fallback[0] is None:  # "1 battery"; but "ten battery factories" counts factories
            fallback = (noun, end + word.end())
    return fallback


def unit_after(text: str, end: int, unit: str | None) -> str | None:
    """The unit a figure's following words give it: "812 tonnes", "3.2-million-square-foot",
    "4,000 new jobs", "$640 per kilogram" (USD/kg), "$100 billion a year" (USD/year)."""
    u = _units()
    base, at = unit, end
    if unit is None:
        m = u.glued_re.match(text, end) or u.measure.match(text, end)
        if m and m.re is u.glued_re:
            base, at = u.glued[m.group(1)], m.end()
        elif m:
            base, at = u.words[m.group(1).lower()], m.end()
        else:
            base, at = _counted(text, end)
    if base is None or base == "pp":
        return None
    per = u.per.match(text, at)
    if per:
        word = (per.group(1) or per.group(2)).lower()
        denominator = lexicon.TIME_UNITS.get(word) or u.words.get(word)
        if denominator and denominator != base:
            return f"{base}/{denominator}"
    return base
