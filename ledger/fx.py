"""Reference exchange rates for a claim's time (DESIGN §2: money converts through the reference FX
rate for the claim's date or period), read from the `fx_rates` table by a date join.

Two readings, like every figure: the **strict** rate is the average for the claim's period — the
month's when it lies within one month, else the year's (the range of yearly averages across a
multi-year period); the **generous** rate spans every monthly average over the period, since a
writer may have converted at the rate of the day.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .figures import CLAIMS_AT
from .interval import Interval

# For each restating claim (c) and the claim it restates (o): the rates of both currencies over
# c's time (its `when`, else the publication period), per granularity.
_RESTATEMENT_RATES = f"""
WITH c AS ({CLAIMS_AT}),
wanted AS (
    SELECT c.claim_key AS key, c.at_lo, c.at_hi, unnest([c.currency, o.currency]) AS currency
    FROM c JOIN claims o ON o.claim_key = c.restates
    WHERE c.currency IS NOT NULL AND o.currency IS NOT NULL AND c.currency <> o.currency
)
SELECT w.key, w.currency, w.at_lo, w.at_hi, r.granularity, min(r.units_per_usd), max(r.units_per_usd),
       any_value(r.source)
FROM wanted w
JOIN fx_rates r ON r.currency = w.currency AND r.period_lo <= w.at_hi AND r.period_hi >= w.at_lo
GROUP BY ALL
"""


@dataclass(frozen=True, slots=True)
class Rate:
    """Units of `currency` per US dollar over a period, in two readings."""
    currency: str
    strict: Interval
    generous: Interval
    strict_basis: str  # "yearly" | "monthly"
    source: str | None


def restatement_rates(db) -> dict[tuple[str, str], Rate]:
    """(restating claim key, currency) -> Rate, where the table has one; the dollar is 1."""
    grains: dict[tuple[str, str], dict[str, tuple[float, float, str | None]]] = {}
    spans: dict[tuple[str, str], tuple[date, date]] = {}
    for key, currency, lo_day, hi_day, granularity, lo, hi, source in db.execute(_RESTATEMENT_RATES).fetchall():
        grains.setdefault((key, currency), {})[granularity] = (lo, hi, source)
        spans[(key, currency)] = (lo_day, hi_day)
    return {k: _rate(k[1], g, *spans[k]) for k, g in grains.items()}


def _rate(currency: str, grains: dict, lo: date, hi: date) -> Rate:
    month, year = grains.get("month"), grains.get("year")
    within_month = (lo.year, lo.month) == (hi.year, hi.month)
    if year is not None and not (within_month and month is not None):
        chosen, basis = year, "yearly"
    else:
        chosen, basis = month, "monthly"
    strict = Interval(chosen[0], chosen[1])
    generous = strict if month is None else Interval(min(month[0], strict.lo), max(month[1], strict.hi))
    return Rate(currency, strict, generous, basis, chosen[2])
