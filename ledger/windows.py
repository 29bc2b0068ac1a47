"""What is compared beyond subject and metric (DESIGN §2: comparable means the same quantity):

* the **window** of a change — month on month, year on year, quarter on quarter, year to date, or
  since a named date: "fell 52.9 % from April" and "a 74 % drop on the year" for one month are two
  quantities;
* the **period** of a flow (a metric with `flow: true`, a change, a claim with a window): sales in
  Q1 and sales January to May are different quantities, so their periods must be equal, not merely
  overlap;
* the **state** a claim names — `current`, `initial`, `planned`, `full-operation`, `after-order`
  …: an undated "initial capacity" and "at full operation" are not one figure on the publication
  day. An unstated state and `current` are the same state.
"""
from __future__ import annotations

import re

from .timeref import DateError, parse_date

_WINDOWS = {
    "month-on-month": ("mom", "m/m", "month on month", "month-on-month", "on the month", "from the previous month",
                       "from a month earlier", "monthly"),
    "quarter-on-quarter": ("qoq", "q/q", "quarter on quarter", "quarter-on-quarter", "on the quarter",
                           "from the previous quarter"),
    "year-on-year": ("yoy", "y/y", "year on year", "year-on-year", "on the year", "from a year earlier",
                     "from a year ago", "annual", "annually"),
    "year-to-date": ("ytd", "year to date", "year-to-date", "so far this year"),
}
_ALIASES = {alias: key for key, aliases in _WINDOWS.items() for alias in aliases}
ACCEPTED = ", ".join(_WINDOWS) + ", since DATE (since 2024-03)"


def parse_window(text: str) -> str:
    """The canonical window: one of the named ones, or `since YYYY-MM-DD` (the first day of the
    date written)."""
    s = " ".join(str(text).lower().split())
    if s in _ALIASES:
        return _ALIASES[s]
    m = re.fullmatch(r"(?:since|from) (.+)", s)
    if m:
        try:
            return f"since {parse_date(m[1]).lo.isoformat()}"
        except DateError:
            pass
    raise ValueError(f"unknown window {text!r}; accepted: {ACCEPTED}")


def same_state(a: str | None, b: str | None) -> bool:
    return (a or "current") == (b or "current")


def periodic(metric_flow: bool | None, metric_kind: str | None, window: str | None, is_change: bool) -> bool:
    """A quantity over a period (a flow, a change): comparable only for the same period."""
    return bool(metric_flow) or metric_kind == "change" or window is not None or is_change
