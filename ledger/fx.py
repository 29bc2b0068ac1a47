"""Exchange rates for comparing amounts in two currencies (Q204 restatements, C401 across
articles), DESIGN §2: a newsroom converts at the day's rate, so the **strict** rate spans the daily
rates of the publication month — its monthly average widened by DAILY_BAND — and the **generous**
rate every monthly average of the claim's time and of the publication month, widened by DAILY_MAX.

The bands are measured, not guessed: `benchmarks/fx_daily_spread.py` compares every ECB daily
reference rate since 2015 with its month's average (docs/accuracy.md has the table). DAILY_BAND is
the 99th percentile of |day / month average - 1| rounded up to half a percent, DAILY_MAX the largest
deviation seen, rounded up likewise (the Swiss franc's de-pegging in January 2015 for CHF)."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

from .interval import Interval

DAILY_BAND = {"EUR": 0.03, "JPY": 0.035, "GBP": 0.035, "CNY": 0.02, "KRW": 0.03, "CHF": 0.03,
              "CAD": 0.03, "AUD": 0.04, "INR": 0.02}
DAILY_MAX = {"EUR": 0.05, "JPY": 0.06, "GBP": 0.08, "CNY": 0.035, "KRW": 0.055, "CHF": 0.09,
             "CAD": 0.05, "AUD": 0.075, "INR": 0.03}
OTHER_BAND, OTHER_MAX = 0.04, 0.09  # a currency not measured: the widest measured bands

_ONE = Interval.point(1.0)
_RATES = "SELECT currency, granularity, period_lo, period_hi, units_per_usd, source, file FROM fx_rates"


@dataclass(frozen=True, slots=True)
class Rate:
    """Units of `currency` per US dollar, in two readings, and where the figures come from."""
    currency: str
    strict: Interval
    generous: Interval
    basis: str  # what the strict rate is: "May 2021 average 0.8228 EUR per USD ±3 % (daily rates)"


class FxTable:
    """The `fx_rates` table in memory: monthly and yearly averages per currency."""

    def __init__(self, db) -> None:
        self._months: dict[str, list[tuple[date, date, float]]] = {}
        self._years: dict[str, list[tuple[date, date, float]]] = {}
        self.source = None
        for currency, grain, lo, hi, rate, source, file in db.execute(_RATES).fetchall():
            (self._months if grain == "month" else self._years).setdefault(currency, []).append((lo, hi, rate))
            self.source = self.source or (f"{source} ({file})" if source else file)
        for table in (self._months, self._years):
            for rows in table.values():
                rows.sort()

    def has(self, currency: str) -> bool:
        return currency == "USD" or currency in self._months or currency in self._years

    def _within(self, table, currency, lo: date, hi: date) -> list[float]:
        """Averages of periods overlapping [lo, hi] (rows sorted and disjoint per granularity)."""
        rows = table.get(currency, [])
        out = []
        for start, end, rate in rows[max(0, bisect_left(rows, (lo,)) - 1):]:
            if start > hi:
                break
            if end >= lo:
                out.append(rate)
        return out

    def rate(self, currency: str, at: tuple[date, date], published: tuple[date, date]) -> Rate | None:
        """The rate for an amount that holds over `at`, written in an article of `published`."""
        if currency == "USD":
            return Rate("USD", _ONE, _ONE, "")
        band, widest = DAILY_BAND.get(currency, OTHER_BAND), DAILY_MAX.get(currency, OTHER_MAX)
        written = self._within(self._months, currency, *published)
        basis_months = written or self._within(self._months, currency, *at)
        if basis_months:
            what = "publication month" if written else "months of the claim's time"
            core = Interval(min(basis_months), max(basis_months))
        else:  # no monthly figure: the yearly averages of the publication year, or of the claim's time
            years = self._within(self._years, currency, *published) or self._within(self._years, currency, *at)
            if not years:
                return None
            what = "yearly average"
            core = Interval(min(years), max(years))
        every = basis_months + self._within(self._months, currency, *at) + self._within(self._years, currency, *at)
        strict = Interval(core.lo * (1 - band), core.hi * (1 + band))
        generous = Interval(min(every) * (1 - widest), max(every) * (1 + widest))
        average = f"{core.lo:.4g}" if core.lo == core.hi else f"{core.lo:.4g} – {core.hi:.4g}"
        basis = (f"{what} {average} {currency} per USD ±{band:.1%} for the day's rate "
                 f"(monthly averages {min(every):.4g} – {max(every):.4g} read generously)")
        return Rate(currency, strict, Interval(min(generous.lo, strict.lo), max(generous.hi, strict.hi)), basis)


def convert(amount: Interval, source: Rate, target: Rate, strict: bool) -> Interval:
    """An amount in `source.currency` expressed in `target.currency`."""
    a, b = (source.strict, target.strict) if strict else (source.generous, target.generous)
    return amount / a * b
