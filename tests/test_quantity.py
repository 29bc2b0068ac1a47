import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.interval import Interval
from ledger.quantity import (
    HEDGES, QuantityError, canonical_hedge, change_factor, format_quantity, parse_change,
    parse_number, readings,
)

INF = math.inf
SHARE = Interval(0, 100)
NONNEG = Interval(0, INF)

NUMBERS = [
    # text, value, strict_step, generous_step, unit_hint
    ("70", 70, 0.5, 5, None),
    ("4,000", 4000, 0.5, 500, None),
    ("194,500", 194500, 0.5, 50, None),
    ("12.3", 12.3, 0.05, 0.05, None),
    ("0.5", 0.5, 0.05, 0.05, None),
    ("2.0", 2, 0.05, 0.05, None),
    ("-3.5", -3.5, 0.05, 0.05, None),
    ("+40", 40, 0.5, 5, None),
    ("0", 0, 0.5, 0.5, None),
    ("6e6", 6e6, 0.5e6, 0.5e6, None),
    ("1.2E9", 1.2e9, 0.05e9, 0.05e9, None),
    ("6 million", 6e6, 0.5e6, 0.5e6, None),
    ("1.5 billion", 1.5e9, 0.05e9, 0.05e9, None),
    ("200 billion", 200e9, 0.5e9, 50e9, None),
    ("3 trillion", 3e12, 0.5e12, 0.5e12, None),
    ("1.5bn", 1.5e9, 0.05e9, 0.05e9, None),
    ("20m", 20e6, 0.5e6, 5e6, None),
    ("5k", 5000, 500, 500, None),
    ("11 thousand", 11000, 500, 500, None),
    ("a million", 1e6, 0.5e6, 0.5e6, None),
    ("$2.5 billion", 2.5e9, 0.05e9, 0.05e9, "USD"),
    ("US$ 3bn", 3e9, 0.5e9, 0.5e9, "USD"),
    ("-$40", -40, 0.5, 5, "USD"),
    ("€5k", 5000, 500, 500, "EUR"),
    ("£12", 12, 0.5, 0.5, "GBP"),
    ("¥200 billion", 200e9, 0.5e9, 50e9, "JPY"),
    ("12.3%", 12.3, 0.05, 0.05, "%"),
    ("12.3 %", 12.3, 0.05, 0.05, "%"),
    ("80 percent", 80, 0.5, 5, "%"),
    ("12 per cent", 12, 0.5, 0.5, "%"),
    ("seventy", 70, 0.5, 5, None),
    ("twelve", 12, 0.5, 0.5, None),
    ("twenty-five", 25, 0.5, 0.5, None),
    ("a dozen", 12, 0.5, 2, None),
    ("half", 50, 0.5, 5, "%"),
    ("a half", 50, 0.5, 5, "%"),
    ("one half", 50, 0.5, 5, "%"),
    ("a third", 100 / 3, 0.5, 5, "%"),
    ("two thirds", 200 / 3, 0.5, 5, "%"),
    ("a quarter", 25, 0.5, 5, "%"),
    ("three quarters", 75, 0.5, 5, "%"),
]


@pytest.mark.parametrize("text,value,strict,generous,hint", NUMBERS)
def test_parse_number(text, value, strict, generous, hint):
    n = parse_number(text)
    assert n.value == pytest.approx(value)
    assert n.strict_step == pytest.approx(strict)
    assert n.generous_step == pytest.approx(generous)
    assert n.unit_hint == hint
    assert n.text == text


@pytest.mark.parametrize("text", ["hundreds", "", "abc", "1,00", "12.", "1.2.3", "thousand",
                                  "a", "5%%", "$5%", "half million", "two half", "a thirds", "-", "$"])
def test_parse_number_rejects(text):
    with pytest.raises(QuantityError) as err:
        parse_number(text)
    assert repr(text) in str(err.value)


MAGNITUDES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3,
              "m": 1e6, "bn": 1e9}


@given(st.integers(-10**6, 10**6), st.sampled_from(sorted(MAGNITUDES)))
def test_magnitude_round_trip(n, word):
    assert parse_number(f"{n:,} {word}").value == n * MAGNITUDES[word]
    assert parse_number(f"{n}{word}").value == n * MAGNITUDES[word]


# -- readings, straight from DESIGN §2 ---------------------------------------

def test_design_examples():
    assert readings(parse_number("6 million"), None, NONNEG).generous == Interval(5.5e6, 6.5e6)
    assert readings(parse_number("12.3%"), None, SHARE).generous == Interval(12.25, 12.35)
    assert readings(parse_number("4,000"), None, NONNEG).generous == Interval(3500, 4500)
    r = readings(parse_number("70 %"), None, SHARE)
    assert r.strict == Interval(69.5, 70.5) and r.generous == Interval(65, 75)
    assert readings(parse_number("90 %"), "over", SHARE).generous == Interval(90, 100, lo_open=True)


@pytest.mark.parametrize("hedge,strict,generous", [
    ("about", Interval(85.5, 94.5), Interval(81, 99)),
    ("more than", Interval(90, 94.5, lo_open=True), Interval(90, 100, lo_open=True)),
    ("at least", Interval(90, 94.5), Interval(90, 100)),
    ("almost", Interval(85.5, 90), Interval(81, 90)),
    ("up to", Interval(85.5, 90), Interval(0, 90)),
    ("less than", Interval(85.5, 90, hi_open=True), Interval(0, 90, hi_open=True)),
    ("exactly", Interval(90, 90), Interval(90, 90)),
])
def test_hedges(hedge, strict, generous):
    r = readings(parse_number("90%"), hedge, SHARE)
    assert (r.strict, r.generous) == (strict, generous)


def test_readings_clip_to_the_domain_unless_nothing_is_left():
    r = readings(parse_number("98%"), "about", SHARE)
    assert r.generous.hi == 100
    outside = readings(parse_number("120%"), "over", SHARE)
    assert outside.strict.lo == 120 and outside.generous.lo == 120  # left for Q202 to report


def test_over_and_under_reach_an_unbounded_domain():
    assert readings(parse_number("$4.3 billion"), "over", NONNEG).generous.hi == INF
    assert readings(parse_number("$1 trillion"), "up to", NONNEG).generous.lo == 0


def test_hedge_words():
    assert canonical_hedge("Around") == "about"
    assert canonical_hedge("upwards of") == "over"
    assert canonical_hedge("up-to") == "up-to"
    assert canonical_hedge(None) is None
    assert set(HEDGES.values()) == {"about", "over", "at-least", "nearly", "up-to", "under", "exactly"}
    with pytest.raises(QuantityError, match="roughly"):
        canonical_hedge("kinda")


numbers = st.builds(lambda n, d: f"{n}" if d == 0 else f"{n / 10**d:.{d}f}",
                    st.integers(-10**7, 10**7), st.integers(0, 3))


@given(numbers, st.sampled_from([None, "about"]), st.floats(0.01, 0.2))
def test_readings_contain_the_figure(text, hedge, tol):
    num = parse_number(text)
    r = readings(num, hedge, Interval(-INF, INF), tol)
    assert r.strict.contains(num.value) and r.generous.contains(num.value)


@given(numbers, st.sampled_from([None, *sorted(set(HEDGES.values()))]), st.booleans())
def test_generous_covers_strict(text, hedge, share):
    r = readings(parse_number(text), hedge, SHARE if share else NONNEG)
    g, s = r.generous, r.strict
    assert g.lo <= s.lo and s.hi <= g.hi
    assert not (g.lo == s.lo and g.lo_open and not s.lo_open)
    assert not (g.hi == s.hi and g.hi_open and not s.hi_open)


# -- changes ------------------------------------------------------------------

@pytest.mark.parametrize("text,kind,sign,value", [
    ("-50%", "relative", -1, 50), ("+300%", "relative", 1, 300), ("by half", "relative", -1, 50),
    ("-25 points", "absolute", -1, 25), ("25 percentage points", "absolute", 0, 25),
    ("x3", "factor", 0, 3), ("×0.5", "factor", 0, 0.5), ("3x", "factor", 0, 3),
    ("doubled", "factor", 0, 2), ("tripled", "factor", 0, 3), ("halved", "factor", 0, 0.5),
    ("quadrupled", "factor", 0, 4),
])
def test_parse_change(text, kind, sign, value):
    c = parse_change(text)
    assert (c.kind, c.sign, c.number.value) == (kind, sign, value)


def test_change_factor():
    assert change_factor(parse_change("-50%")) == Interval(0.45, 0.55)
    assert change_factor(parse_change("by half")) == Interval(0.45, 0.55)
    assert change_factor(parse_change("+300%")).contains(4)
    assert change_factor(parse_change("tripled")).contains(3)
    assert not change_factor(parse_change("doubled")).contains(1.3)
    with pytest.raises(QuantityError, match="absolute"):
        change_factor(parse_change("-25 points"))
    with pytest.raises(QuantityError, match="sign"):
        change_factor(parse_change("25%"))
    with pytest.raises(QuantityError):
        parse_change("sort of up")


@pytest.mark.parametrize("x,unit,text", [
    (1.8e9, "USD", "$1.8 billion"), (6.5e6, "battery/day", "6.5 million battery/day"),
    (12.25, "%", "12.25 %"), (6e6 / 86400, "battery/s", "69.4 battery/s"),
    (194500, "job", "194,500 job"), (-1.5e9, "USD/year", "-$1.5 billion/year"),
    (3e12, "JPY", "3 trillion JPY"),
])
def test_format_quantity(x, unit, text):
    assert format_quantity(x, unit) == text
