"""Printed datelines: "BRUSSELS, March 4 (Wire) –" opens a wire story with the date it was filed.
It is a date the article states — checked against `published` (rule T504) — and relative words
("last month", "on Friday") resolve against it (DESIGN §2)."""
from __future__ import annotations

import re
from datetime import date

from .timeref import When, _MONTH, _MONTHS

# an upper-case place (possibly with a region: "LAKESIDE, Ore."), a comma, a month and day (and
# maybe a year), an optional agency in parentheses, then a dash: the wire-service opening
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z .'’-]{1,40}(?:, [A-Z][A-Za-z.]{1,15})?),\s+"
    r"(?P<month>" + _MONTH.replace("(", "(?:", 1) + r")\s+(?P<day>\d{1,2})(?:,?\s+(?P<year>\d{4}))?"
    r"\s*(?:\((?P<agency>[^)]{1,40})\))?\s*[-–—]", re.IGNORECASE | re.MULTILINE)


def find(text: str | None, published: When) -> tuple[When, str] | None:
    """(the dateline's day, the words) when the text opens one of its first lines with a dateline.
    Without a year, the day is the one nearest the publication date."""
    if not text:
        return None
    head = text[:600]
    m = _DATELINE.search(head)
    if not m or m.group("place") != m.group("place").upper():
        return None
    month = _MONTHS[m.group("month").lower().rstrip(".")]
    day = int(m.group("day"))
    years = [int(m.group("year"))] if m.group("year") else [published.lo.year - 1, published.lo.year,
                                                             published.hi.year + 1]
    candidates = []
    for y in years:
        try:
            candidates.append(date(y, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    middle = published.lo + (published.hi - published.lo) / 2
    d = min(candidates, key=lambda c: abs((c - middle).days))
    words = m.group(0).strip().rstrip("-–—").strip()
    return When(d, d, words, False, None), words
