"""Which wiggle room reconciles two figures (DESIGN §2: a warning says exactly which rounding or
hedge would make them agree): "they agree only if 70 % is rounded to the nearest 10 %", "only if
'about' in 'about 6 %' allows 9 %", "only if 'more than $4.3 billion' reaches $4.6 billion".

A figure here is anything with `written`, `qualifier`, `strict` and `generous` (a `figures.Figure`,
or an operand of a relation); `show(interval, figure)` prints an interval in the figure's unit."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

from .interval import Interval
from .quantity import canonical_hedge

Show = Callable[[Interval, object], str]


@dataclass(frozen=True, slots=True)
class Operand:
    """A figure as reconcile() needs it, for rules that read rows rather than `Figure`s."""
    written: str
    qualifier: str | None
    strict: Interval
    generous: Interval


def _hedge(fig) -> str | None:
    try:
        return canonical_hedge(fig.qualifier)
    except ValueError:
        return None


def _nearest(iv: Interval, x: float) -> float:
    return min(max(x, iv.lo), iv.hi)


def loosened(fig, target: Interval | None, show: Show) -> str:
    """What taking `fig` at its generous reading means, in words; with a `target` (the other
    figure's strict reading) how far its hedge must stretch to reach it."""
    hedge = _hedge(fig)
    quoted = f"'{fig.written}'"
    if hedge is None or hedge == "exactly":
        width = fig.generous.hi - fig.generous.lo
        return f"{quoted} is rounded to the nearest {show(Interval.point(width), fig)}"
    word = f"'{fig.qualifier}' in {quoted}"
    if target is None:
        return f"{word} is read at its widest ({show(fig.generous, fig)})"
    if hedge == "about":
        x = fig.strict.midpoint()
        reach = abs(_nearest(target, x) - x) / abs(x) if x else math.inf
        return f"{word} allows {math.ceil(reach * 100 - 1e-9)} %"
    if hedge in ("over", "at-least"):
        return f"{word} reaches {show(Interval.point(_nearest(target, fig.strict.hi)), fig)}"
    return f"{word} allows as little as {show(Interval.point(_nearest(target, fig.strict.lo)), fig)}"


def reconcile(a, b, show: Show) -> str:
    """'they agree only if …' for two figures whose strict readings are disjoint but whose generous
    readings meet: names the figure (or both) whose rounding or hedge closes the gap."""
    options = []
    if a.generous.intersects(b.strict):
        options.append(loosened(a, b.strict, show))
    if b.generous.intersects(a.strict):
        options.append(loosened(b, a.strict, show))
    if options:
        return "they agree only if " + " or ".join(options)
    return ("they agree only if both are read loosely: " + loosened(a, None, show) + " and "
            + loosened(b, None, show))
