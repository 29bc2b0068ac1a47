import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.units import UnitError, UnitTable


@pytest.fixture(scope="module")
def table():
    return UnitTable(count_units=["battery", "vehicle", "job"], aliases={"cell": "battery"},
                     definitions={"football_pitch": "7140 m**2"})


def test_per_day_and_per_second_convert(table):
    day, sec = table.resolve("battery/day"), table.resolve("battery/s")
    assert day.canonical == sec.canonical == "battery / second"
    assert day.dimension == "[battery] / [time]"
    assert day.factor == pytest.approx(1 / 86400)
    assert 6e6 * day.factor / sec.factor == pytest.approx(69.444, rel=1e-4)
    assert table.compatible(day, sec)


@pytest.mark.parametrize("spelling", ["batteries per day", "batteries/day", "cells/day", "cell / day"])
def test_spellings_of_one_rate(table, spelling):
    assert table.resolve(spelling).factor == pytest.approx(1 / 86400)
    assert table.resolve(spelling).canonical == "battery / second"


def test_alias_is_the_same_count(table):
    assert table.compatible(table.resolve("cell"), table.resolve("battery"))
    assert not table.compatible(table.resolve("vehicle"), table.resolve("battery"))


def test_plural_count_units(table):
    assert table.resolve("jobs").canonical == "job"
    assert table.resolve("vehicles").factor == 1


def test_unknown_unit_suggests(table):
    with pytest.raises(UnitError, match="did you mean 'battery'"):
        table.resolve("batery/day")
    with pytest.raises(UnitError, match="'kWh'"):
        table.resolve("kWhh")


@pytest.mark.parametrize("unit,canonical,factor,currency,dimension", [
    ("USD", "USD", 1, "USD", "[money]"),
    ("$", "USD", 1, "USD", "[money]"),
    ("JPY/year", "JPY / second", 1 / (365.25 * 86400), "JPY", "[money] / [time]"),
    ("EUR per year", "EUR / second", 1 / (365.25 * 86400), "EUR", "[money] / [time]"),
    ("USD/t", "USD / kilogram", 1e-3, "USD", "[money] / [mass]"),
])
def test_money_keeps_its_currency(table, unit, canonical, factor, currency, dimension):
    info = table.resolve(unit)
    assert (info.canonical, info.currency, info.dimension) == (canonical, currency, dimension)
    assert info.factor == pytest.approx(factor)


def test_currencies_are_not_interchangeable(table):
    assert not table.compatible(table.resolve("USD"), table.resolve("JPY"))
    with pytest.raises(UnitError, match="mixes currencies"):
        table.resolve("USD/EUR")


@pytest.mark.parametrize("unit,factor", [("%", 1), ("percent", 1), ("points", 1), ("pp", 1),
                                         ("dimensionless", 100), ("battery/battery", 100)])
def test_shares_are_in_percent(table, unit, factor):
    info = table.resolve(unit)
    assert (info.canonical, info.factor, info.dimension) == ("%", factor, "share")


@pytest.mark.parametrize("unit,canonical,factor", [
    ("t", "kilogram", 1000), ("tonnes", "kilogram", 1000), ("km2", "meter ** 2", 1e6),
    ("GWh", "kilogram * meter ** 2 / second ** 2", 3.6e12), ("MW", "kilogram * meter ** 2 / second ** 3", 1e6),
    ("/month", "1 / second", 12 / (365.25 * 86400)), ("/yr", "1 / second", 1 / (365.25 * 86400)),
])
def test_common_units(table, unit, canonical, factor):
    info = table.resolve(unit)
    assert info.canonical == canonical and info.factor == pytest.approx(factor)


def test_custom_definition(table):
    pitch = table.resolve("football_pitch")
    assert pitch.factor == 7140 and table.compatible(pitch, table.resolve("km2"))


def test_resolve_is_cached(table):
    assert table.resolve("GWh") is table.resolve("GWh")


def test_bad_syntax_is_a_unit_error(table):
    with pytest.raises(UnitError, match="cannot read unit"):
        table.resolve("m/")


TIME = {"s": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 7 * 86400,
        "month": 365.25 * 86400 / 12, "year": 365.25 * 86400}


@given(st.sampled_from(sorted(TIME)), st.sampled_from(sorted(TIME)),
       st.sampled_from(["battery", "USD", "t", "job"]))
def test_time_rate_factors_round_trip(table, a, b, count):
    t = table
    ua, ub = t.resolve(f"{count}/{a}"), t.resolve(f"{count}/{b}")
    assert t.compatible(ua, ub)
    assert ua.factor / ub.factor == pytest.approx(TIME[b] / TIME[a])
    assert ua.factor / ub.factor * (ub.factor / ua.factor) == pytest.approx(1)
