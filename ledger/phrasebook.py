"""How a claim is shown, in one place: the figure as written, an interval in the unit the claim
was written in, a period, a likely slip, the two-readings sentence, a waiver. The terminal review,
the HTML report, the formats and every rule's message use these, so the same claim reads the same
everywhere (`review` and `report` once printed one interval in battery/day, the other in
battery/second)."""
from __future__ import annotations

import functools
import math
from calendar import monthrange
from datetime import date

from . import lexicon
from .interval import Interval
from .quantity import format_quantity
from .units import UnitTable

# ratio -> name of the slip that would explain it
_SLIPS = {
    10.0: "a ×10 slip (a misplaced digit or decimal point)",
    100.0: "a ×100 slip (percent written as a fraction, or a misplaced decimal point)",
    1000.0: "a ×1000 slip (thousand/million or million/billion mixed up)",
    1e6: "a ×1,000,000 slip (thousand/billion mixed up)",
    7.0: "per day vs per week",
    30.4: "per day vs per month",
    365.0: "per day vs per year",
    12.0: "per month vs per year",
    24.0: "per hour vs per day",
    60.0: "per second vs per minute (or minute vs hour)",
}

quantity = format_quantity  # one figure in a unit: "$1.8 billion", "69.4 battery/s", "12.25 %"


def likely_slip(a: Interval, b: Interval) -> str | None:
    """Name the simple slip that maps one interval's midpoint onto the other's, if any."""
    x, y = a.midpoint(), b.midpoint()
    if not (math.isfinite(x) and math.isfinite(y)) or x <= 0 or y <= 0:
        return None
    ratio = max(x, y) / min(x, y)
    for factor, name in _SLIPS.items():
        if abs(math.log(ratio / factor)) < math.log(1.15):
            return name
    return None


def slip_note(a: Interval, b: Interval) -> str:
    """'; the gap looks like a ×10 slip (...)' when a simple slip explains the gap, else ''."""
    slip = likely_slip(a, b)
    return f"; the gap looks like {slip}" if slip else ""


def strict_only(who: str = "they agree") -> str:
    """The two-readings sentence: the figures reconcile only in their generous reading."""
    return (f"{who} only if the figures are taken as rounded to their last non-zero digit "
            "(hedges at their widest)")


def span(iv: Interval, unit: str, factor: float = 1.0) -> str:
    """An interval held in canonical units, shown in `unit` (canonical = written × factor)."""
    lo, hi = iv.lo / factor, iv.hi / factor
    left = "(" if iv.lo_open else "["
    right = ")" if iv.hi_open else "]"
    if lo == hi:
        return format_quantity(lo, unit)
    lo_text = "-∞" if lo == -math.inf else format_quantity(lo, unit)
    hi_text = "∞" if hi == math.inf else format_quantity(hi, unit)
    return f"{left}{lo_text} – {hi_text}{right}"


@functools.lru_cache(maxsize=1 << 14)
def written(qualifier: str | None, value_text: str | None, unit_text: str | None,
            change_text: str | None = None) -> str:
    """The figure as the text gives it: 'over 90%', '200 billion JPY', '$2.5 billion' (the unit is
    repeated only when the figure does not carry it)."""
    figure = value_text or change_text or ""
    unit = None if value_text and lexicon.states_unit(value_text) else unit_text
    return " ".join(p for p in (qualifier, figure, unit) if p)


def period(lo: date, hi: date) -> str:
    """A day interval as a period: '2021', '2021-03', else '2021-03-04 – 2021-05-01'."""
    if lo.year == hi.year and (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31):
        return str(lo.year)
    if (lo.year, lo.month) == (hi.year, hi.month) and lo.day == 1 and hi.day == monthrange(hi.year, hi.month)[1]:
        return f"{lo:%Y-%m}"
    return f"{lo} – {hi}"


def when(text: str | None, lo: date | None, hi: date | None, relative: bool | None) -> str:
    """A time as written; a relative reference ("earlier this month") also shows the days it means."""
    if text is None:
        return "—"
    if lo is None or not relative:
        return text
    return f"{text} ({lo})" if lo == hi else f"{text} ({lo} – {hi})"


def waiver_note(waiver) -> str:
    """'waived by NAME until DATE: REASON' for a finding an editor signed off."""
    until = f" until {waiver.until.isoformat()}" if waiver.until else ""
    return f"waived by {waiver.by}{until}: {waiver.reason}"


class Phrasebook:
    """The unit-dependent phrases: intervals held in canonical units, shown in the unit the claim
    was written in ('6 million battery/day', not '69.4 battery/s'; '$1.8 billion')."""

    def __init__(self, units: UnitTable) -> None:
        self._units = units

    def interval(self, iv: Interval, unit_text: str | None, canonical_unit: str | None) -> str:
        unit = unit_text or canonical_unit or ""
        try:
            factor = self._units.resolve(unit).factor if unit else 1.0
        except ValueError:  # a unit L107 reported: fall back to the canonical one
            unit, factor = canonical_unit or "", 1.0
        lo, hi = span(Interval.point(iv.lo), unit, factor), span(Interval.point(iv.hi), unit, factor)
        if lo == hi:  # both ends read the same at display precision: one figure
            return lo if iv.lo == iv.hi else f"≈ {lo}"
        return span(iv, unit, factor)

    def figure(self, iv: Interval, fig) -> str:
        """`iv` in the written unit of `fig` (a figures.Figure, or anything with unit_text and
        canonical_unit)."""
        return self.interval(iv, fig.unit_text, fig.canonical_unit)
