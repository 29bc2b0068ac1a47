"""Changes stated without the values ("tripled", "rose 300 %", "nearly quadrupled") as factors, so
two of them about one quantity can be compared (DESIGN §2: a factor is not a percent — ×3 is
+200 %, "+300 %" is ×4).

Both readings, like every figure: a factor word or `x3` is strict ±1 % and generous ±10 % (people
say "tripled" for ×2.7–×3.3); a percent change keeps its rounding ("+300 %" is ×3.995–×4.005
strictly, ×3.5–×4.5 generously, rounded to its last non-zero digit); a hedge on the change
("nearly quadrupled", `qualifier: nearly`) shifts or widens the factor as it would a figure."""
from __future__ import annotations

from dataclasses import replace

from . import quantity
from .figures import Figure, figures
from .interval import Interval

_FACTOR_DOMAIN = Interval(0.0, float("inf"))


def _factor_number(change: quantity.Change) -> quantity.Number | None:
    n = change.number
    if change.kind == "factor":
        return quantity.Number(n.value, max(n.strict_step if "." in n.text else 0, 0.01 * n.value),
                               max(n.strict_step if "." in n.text else 0, 0.1 * n.value), None, n.text)
    if change.kind == "relative" and change.sign:
        sign = change.sign
        return quantity.Number(1 + sign * n.value / 100, n.strict_step / 100, n.generous_step / 100, None, n.text)
    return None


def factor_readings(text: str, direction_sign: int, qualifier: str | None, tolerance: float):
    """(strict, generous) factor intervals of a change as written, or None (absolute changes, or
    a relative one without a sign)."""
    try:
        change = quantity.parse_change(text)
    except quantity.QuantityError:
        return None
    if change.kind == "relative" and not change.sign and direction_sign:
        change = replace(change, sign=direction_sign)
    number = _factor_number(change)
    if number is None:
        return None
    hedge = change.hedge or (quantity.canonical_hedge(qualifier) if qualifier else None)
    r = quantity.readings(number, hedge, _FACTOR_DOMAIN, tolerance)
    return r.strict, r.generous


def change_figures(db, tolerance: float) -> list[Figure]:
    """Live claims stating only a change (no value), as figures whose readings are factors."""
    from .direction import direction_sign

    directions = dict(db.execute("SELECT claim_key, direction FROM claims WHERE direction IS NOT NULL").fetchall())
    out = []
    for fig in figures(db, "c.lo IS NULL AND c.change_text IS NOT NULL", usable=False):
        readings = factor_readings(fig.change_text, direction_sign(directions.get(fig.key)), fig.qualifier, tolerance)
        if readings is None:
            continue
        hedged = quantity.parse_change(fig.change_text).hedge is not None  # the hedge is in the change as written
        out.append(replace(fig, unit_text=None, canonical_unit="×", currency=None,
                           qualifier=None if hedged else fig.qualifier, strict=readings[0], generous=readings[1]))
    return out


def show_factor(iv: Interval, fig=None) -> str:
    def one(x: float) -> str:
        percent = (x - 1) * 100
        return f"×{x:.3g} ({percent:+.3g} %)"
    return one(iv.lo) if f"{iv.lo:.3g}" == f"{iv.hi:.3g}" else f"{one(iv.lo)} – {one(iv.hi)}"
