"""Dates as day intervals: absolute forms ("2025-Q4", "June 3, 2025") and references
relative to the publication date ("earlier this month", "last fall", "mid-May").

A relative reference is resolved for every possible publication day and the
results are joined, so an imprecise publication date (a whole month) widens
the answer instead of guessing a day (DESIGN §2: dates are day intervals).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Callable

from . import lexicon


class DateError(ValueError):
    """A date or time reference that cannot be read."""


class ImpossibleDate(DateError):
    """A relative reference that cannot hold for any publication day (rule T501 reports it)."""


@dataclass(frozen=True)
class When:
    lo: date
    hi: date  # inclusive
    text: str
    relative: bool
    direction: str | None  # "past" | "future" | "present" | None, w.r.t. publication


_MONTHS = lexicon.MONTHS
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAYS = lexicon.WEEKDAYS
_COUNTS = lexicon.COUNT_WORDS
# Meteorological seasons (northern hemisphere): first month and length.
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}

_ABSOLUTE_EXAMPLES = ("2025, 2025-06, 2025-06-04, 2025-Q4, Q3 2025, 2025-H1, H2 2027, mid-2024, "
                      "the first seven months of 2025, 2017..2025-03, June 2025, June 3, 2025, March 11, 2025")
_RELATIVE_EXAMPLES = ("earlier this month, last year, yesterday, 3 days ago, this week, Friday, "
                      "in April, mid-May, last fall, this quarter, since 2017, recent decades")

Span = tuple[date, date]


# -- absolute dates -----------------------------------------------------------

def parse_date(text: str) -> When:
    s = " ".join(str(text).split())
    if ".." in s:
        first, _, last = s.partition("..")
        lo, hi = _absolute(first.strip(), text).lo, _absolute(last.strip(), text).hi
        if lo > hi:
            raise DateError(f"date range {text!r} ends before it starts")
        return When(lo, hi, str(text), False, None)
    return _absolute(s, text)


def _absolute(s: str, text: str) -> When:
    span = _absolute_span(s.lower().replace(",", " ").strip())
    if span is None:
        raise DateError(f"cannot read the date {_shown(text)}; accepted: {_ABSOLUTE_EXAMPLES}")
    return When(span[0], span[1], str(text), False, None)


_PART_OF_YEAR = {"early": (1, 4), "mid": (5, 4), "late": (9, 4)}  # first month, months: thirds of the year
_ORDINALS = "|".join(lexicon.ORDINAL_WORDS)


def _absolute_span(s: str) -> Span | None:
    s = " ".join(s.replace(",", " ").split())
    s = re.sub(r"^the ", "", s)
    try:
        if m := re.fullmatch(r"([qh])([1-4])[ -]?(?:of )?(\d{4})", s):  # "Q3 2025", "H2 2027" as printed
            s = f"{m[3]}-{m[1]}{m[2]}"
        if m := re.fullmatch(r"(early|mid|late)[- ]?(\d{4})", s):  # "mid-2024"
            first, count = _PART_OF_YEAR[m[1]]
            return _months(int(m[2]), first, count)
        if m := re.fullmatch(rf"first (\d+|{'|'.join(_COUNTS)}) months (?:of )?(\d{{4}})", s):
            n = int(m[1]) if m[1].isdigit() else _COUNTS[m[1]]
            return _months(int(m[2]), 1, n) if 1 <= n <= 12 else None
        if m := re.fullmatch(rf"({_ORDINALS}) (quarter|half) (?:of )?(\d{{4}})", s):
            n, size = lexicon.ORDINAL_WORDS[m[1]], 3 if m[2] == "quarter" else 6
            return _months(int(m[3]), size * (n - 1) + 1, size) if n * size <= 12 else None
        if m := re.fullmatch(r"(\d{4})", s):
            return _year(int(m[1]))
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})", s):
            return _month(int(m[1]), int(m[2]))
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s):
            return _day(date(int(m[1]), int(m[2]), int(m[3])))
        if m := re.fullmatch(r"(\d{4})-?q([1-4])", s):
            return _months(int(m[1]), 3 * int(m[2]) - 2, 3)
        if m := re.fullmatch(r"(\d{4})-?h([12])", s):
            return _months(int(m[1]), 6 * int(m[2]) - 5, 6)
        if m := re.fullmatch(_MONTH + r" (\d{4})", s):
            return _month(int(m[2]), _MONTHS[m[1]])
        if m := re.fullmatch(_MONTH + r" (\d{1,2})(?:st|nd|rd|th)? (\d{4})", s):
            return _day(date(int(m[3]), _MONTHS[m[1]], int(m[2])))
        if m := re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)? " + _MONTH + r" (\d{4})", s):
            return _day(date(int(m[3]), _MONTHS[m[2]], int(m[1])))
    except ValueError:  # a day or month out of range: "2025-02-30", "2025-13"
        return None
    return None


def _day(d: date) -> Span:
    return d, d


def _year(y: int) -> Span:
    return date(y, 1, 1), date(y, 12, 31)


def _month(y: int, m: int) -> Span:
    if not 1 <= m <= 12:
        raise ValueError(f"no month {m}")
    return _months(y, m, 1)


def _months(y: int, m: int, count: int) -> Span:
    """`count` calendar months starting at month m of year y (m may run past 12 or below 1)."""
    y0, m0 = divmod(y * 12 + m - 1, 12)
    y1, m1 = divmod(y * 12 + m - 1 + count - 1, 12)
    return date(y0, m0 + 1, 1), date(y1, m1 + 1, calendar.monthrange(y1, m1 + 1)[1])


# -- relative references ------------------------------------------------------

def resolve_when(text: str, published: When, tense: str | None = None) -> When:
    """An absolute date, or a reference resolved against every possible publication day. A
    future tense ("will vote on Friday", "opens in April") points a bare weekday or month forward."""
    s = " ".join(str(text).lower().split()).rstrip(".")
    if s.startswith("in ") and _absolute_span(s[3:]) is not None:
        s = s[3:]
    if ".." in s or _absolute_span(s) is not None:
        return replace(parse_date(s), text=str(text))
    try:
        rule = _relative_rule(s, tense == "future")
    except ValueError:  # a count past int()'s digit limit
        rule = None
    if rule is None:
        raise DateError(f"cannot read the time reference {_shown(text)}; accepted: "
                        f"{_ABSOLUTE_EXAMPLES}, or relative to publication: {_RELATIVE_EXAMPLES}")
    direction, resolve = rule
    if (published.hi - published.lo).days > MAX_PUBLISHED_DAYS:
        raise DateError(f"{_shown(text)} is relative, but the publication date {published.text!r} spans more"
                        " than a year: give the publication date as a year, month or day")
    try:
        pairs = [(p, span) for p in _days(published) if (span := resolve(p)) and span[0] <= span[1]]
    except (ValueError, OverflowError):  # date() and timedelta() refuse days outside years 1-9999
        raise DateError(f"{_shown(text)} reaches outside the calendar (years 1 to 9999) from the publication"
                        f" date {published.text}: check the count") from None
    spans = [span for _, span in pairs]
    if direction == _PAST_OR_TODAY:  # a weekday: the publication day itself when it is that weekday
        direction = "past" if all(span[1] < p for p, span in pairs) else None
    elif direction == _FUTURE_OR_TODAY:
        direction = "future" if all(span[0] > p for p, span in pairs) else None
    if not spans:
        if direction in ("past", "future"):
            side = "before" if direction == "past" else "after"
            raise ImpossibleDate(f"{str(text)!r} leaves no day {side} the publication date {published.text}")
        raise ImpossibleDate(f"{str(text)!r} cannot hold for the publication date {published.text}")
    return When(min(lo for lo, _ in spans), max(hi for _, hi in spans), str(text), True, direction)


MAX_PUBLISHED_DAYS = 366  # a publication date is a year, month or day: relative words resolve per day


def _shown(text) -> str:
    text = repr(str(text))
    return text if len(text) <= 50 else text[:40] + "…" + text[-8:]


def _days(published: When):
    d = published.lo
    while d <= published.hi:
        yield d
        d += timedelta(days=1)


Rule = tuple[str | None, Callable[[date], Span | None]]
_PAST_OR_TODAY = "past-or-today"  # resolved per publication day: "past", or None when it is that day
_FUTURE_OR_TODAY = "future-or-today"


def _relative_rule(s: str, ahead: bool = False) -> Rule | None:
    s = re.sub(r"^(?:on|in|during) ", "", s)
    fixed: dict[str, Rule] = {
        "today": ("present", _day),
        "yesterday": ("past", lambda p: _day(p - timedelta(days=1))),
        "recent decades": ("past", lambda p: (_years_before(p, 30), p)),
        "recent years": ("past", lambda p: (_years_before(p, 10), p)),
    }
    if s in fixed:
        return fixed[s]
    if m := re.fullmatch(r"(early|mid|late)[- ](this|last|next) month", s):
        part, which = m[1], m[2]
        month = (lambda p: _period(p, "month")) if which == "this" else _calendar_rule(which, "month")[1]
        direction = {"this": None, "last": "past", "next": "future"}[which]
        return direction, lambda p: _part_of_month(month(p), part)
    if m := re.fullmatch(r"(earlier|later)? ?(this|last|next) (week|month|quarter|year)", s):
        return _calendar_rule(m[1] or m[2], m[3]) if m[2] == "this" or not m[1] else None
    if m := re.fullmatch(r"(\d+|" + "|".join(_COUNTS) + r") (day|week|month|year)s? ago", s):
        n = int(m[1]) if m[1].isdigit() else _COUNTS[m[1]]
        return "past", lambda p: _shift(p, m[2], -n)
    if m := re.fullmatch(r"(this|last|next) (" + "|".join(_SEASONS) + ")", s):
        return _season_rule(m[1], _SEASONS[m[2]])
    if m := re.fullmatch(r"(last |next )?(" + "|".join(_WEEKDAYS) + ")", s):
        wd = _WEEKDAYS[m[2]]
        if m[1] == "next ":
            return "future", lambda p: _day(p + timedelta(days=(wd - p.weekday() - 1) % 7 + 1))
        if ahead and not m[1]:  # "will vote on Friday": that day or the next one
            return _FUTURE_OR_TODAY, lambda p: _day(p + timedelta(days=(wd - p.weekday()) % 7))
        if m[1] == "last ":
            return "past", lambda p: _day(p - timedelta(days=(p.weekday() - wd - 1) % 7 + 1))
        # news style: "on Wednesday" in a Wednesday story is that day, else the latest one before
        return _PAST_OR_TODAY, lambda p: _day(p - timedelta(days=(p.weekday() - wd) % 7))
    if m := re.fullmatch(r"(?:(early|mid|late)[- ]?)?" + _MONTH + r"(?: (\d{1,2})(?:st|nd|rd|th)?)?", s):
        return _month_rule(_MONTHS[m[2]], m[1], int(m[3]) if m[3] else None, ahead)
    if m := re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)? " + _MONTH, s):
        return _month_rule(_MONTHS[m[2]], None, int(m[1]), ahead)
    if m := re.fullmatch(rf"(?:the )?first (\d+|{'|'.join(_COUNTS)}) months(?: of (?:the|this) year)?", s):
        n = int(m[1]) if m[1].isdigit() else _COUNTS[m[1]]
        if not 1 <= n <= 12:
            return None
        # the latest run of months from January that ended before publication
        return "past", lambda p: next(span for y in (p.year, p.year - 1) if (span := _months(y, 1, n))[1] < p)
    if s in ("so far this year", "this year so far", "year to date", "year-to-date", "the year to date"):
        return "past", lambda p: (date(p.year, 1, 1), p)
    if s.startswith("since "):
        start = _absolute_span(s[6:])
        if start is not None:
            return None, lambda p: (start[0], p)
    return None


def _part_of_month(month: Span, part: str) -> Span:
    """early = days 1-10, mid = 11-20, late = 21 to the month's end."""
    lo, hi = month
    if part == "early":
        return lo, lo.replace(day=10)
    if part == "mid":
        return lo.replace(day=11), lo.replace(day=20)
    return lo.replace(day=21), hi


def _years_before(p: date, n: int) -> date:
    return p.replace(year=p.year - n, day=min(p.day, 28) if p.month == 2 else p.day)


def _shift(p: date, unit: str, n: int) -> Span:
    """The day / week / calendar month / calendar year n units away from p."""
    if unit == "day":
        return _day(p + timedelta(days=n))
    if unit == "week":
        return _week(p + timedelta(weeks=n))
    if unit == "month":
        return _months(p.year, p.month + n, 1)
    return _year(p.year + n)


def _week(p: date) -> Span:
    monday = p - timedelta(days=p.weekday())  # ISO weeks start on Monday
    return monday, monday + timedelta(days=6)


def _period(p: date, unit: str) -> Span:
    if unit == "week":
        return _week(p)
    if unit == "month":
        return _months(p.year, p.month, 1)
    if unit == "quarter":
        return _months(p.year, (p.month - 1) // 3 * 3 + 1, 3)
    return _year(p.year)


def _calendar_rule(which: str, unit: str) -> Rule:
    one_day = timedelta(days=1)
    if which == "earlier":
        return "past", lambda p: (_period(p, unit)[0], p - one_day)
    if which == "later":
        return "future", lambda p: (p + one_day, _period(p, unit)[1])
    if which == "this":
        return "present", lambda p: _period(p, unit)
    step = -1 if which == "last" else 1

    def neighbour(p: date) -> Span:
        lo, hi = _period(p, unit)
        return _period(lo - one_day, unit) if step < 0 else _period(hi + one_day, unit)

    return ("past" if step < 0 else "future"), neighbour


def _season_rule(which: str, first_month: int) -> Rule:
    """this = the season of the current season-year; last = the latest one ended before
    publication; next = the first one starting after it."""
    def season(y: int) -> Span:
        return _months(y, first_month, 3)

    def this(p: date) -> Span:
        # Winter straddles the new year: in Jan/Feb "this winter" began last December.
        return season(p.year - 1 if first_month == 12 and p.month <= 2 else p.year)

    def last(p: date) -> Span:
        y = p.year
        while season(y)[1] >= p:
            y -= 1
        return season(y)

    def upcoming(p: date) -> Span:
        y = p.year - 1
        while season(y)[0] <= p:
            y += 1
        return season(y)

    return {"this": ("present", this), "last": ("past", last), "next": ("future", upcoming)}[which]


def _month_rule(month: int, part: str | None, day: int | None, ahead: bool = False) -> Rule | None:
    """"April", "mid-May", "May 9": in the publication year unless that is after
    publication, then the year before; in future tense (`ahead`) the publication year unless that
    is over, then the year after."""
    def span_in(y: int) -> Span:
        lo, hi = _month(y, month)
        if day is not None:
            return _day(date(y, month, day))
        if part == "early":
            return lo, lo.replace(day=10)
        if part == "mid":
            return lo.replace(day=11), lo.replace(day=20)
        if part == "late":
            return lo.replace(day=21), hi
        return lo, hi

    if day is not None and not 1 <= day <= calendar.monthrange(2024, month)[1]:  # leap year: Feb 29 ok
        return None  # "May 32" is no date

    def resolve(p: date) -> Span | None:
        for y in ((p.year, p.year + 1) if ahead else (p.year, p.year - 1)):
            try:
                span = span_in(y)
            except ValueError:  # Feb 29 outside a leap year
                continue
            if (span[1] >= p) if ahead else (span[0] <= p):
                return span
        return None

    return None, resolve
