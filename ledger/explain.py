"""Readable intervals and likely slips for finding messages."""
from __future__ import annotations

import math

from .interval import Interval
from .quantity import format_quantity

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
