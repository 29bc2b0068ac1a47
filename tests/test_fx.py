"""The FX reference table: generator arithmetic on a tiny ECB-shaped CSV, and the ledger section."""
from __future__ import annotations

from datetime import date

from ledger.fxgen import averages, daily_cross_rates, render
from ledger.phrasebook import period as period_label

from conftest import located

ECB = """Date,USD,JPY,GBP,
2021-02-01,1.25,125.0,0.8,
2021-01-29,1.2,120.0,N/A,
2021-01-28,1.0,110.0,0.9,
"""


def test_cross_rates_and_complete_period_means():
    daily = daily_cross_rates(ECB)
    assert daily["JPY"][date(2021, 1, 28)] == 110.0 and daily["EUR"][date(2021, 1, 29)] == 1 / 1.2
    assert date(2021, 1, 29) not in daily["GBP"]  # N/A is skipped, not zero
    rows = averages(daily, last_day=date(2021, 2, 1))
    assert ("JPY", "2021-01", 105.0) in rows  # mean of 110 and 100
    assert not [r for r in rows if r[1] in ("2021", "2021-02")]  # incomplete year and month left out


def test_rendered_file_loads_as_a_ledger_section(check):
    text = render([("JPY", "2021", 109.87)], "0.0", date(2021, 1, 1), date(2021, 12, 31))
    assert "TWD" in text and "source:" in text
    assert check({"fx.yaml": text}) == []


def test_bad_period_is_a_located_schema_error(check):
    f = check({"fx.yaml": "fx_rates:\n  - {currency: JPY, period: 2021-13, units_per_usd: 1}\n"
                          "  - {currency: JPY, period: 2021-03-04, units_per_usd: 1}\n"}, select=["L102"])
    assert [(n, line) for n, line, _ in located(f, "L102")] == [("fx.yaml", 2), ("fx.yaml", 3)]


def test_period_labels():
    assert period_label(date(2021, 1, 1), date(2021, 12, 31)) == "2021"
    assert period_label(date(2021, 2, 1), date(2021, 2, 28)) == "2021-02"
    assert period_label(date(2021, 2, 1), date(2021, 2, 27)) == "2021-02-01 – 2021-02-27"
