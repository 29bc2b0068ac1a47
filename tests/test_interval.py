import math
import operator

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ledger.interval import Interval

INF = math.inf
# Short decimals (0.1, 2.7) are where float results are inexact, so draw many of them.
finite = st.one_of(
    st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False),
    st.integers(-10_000, 10_000).map(lambda n: n / 10),
    st.integers(-10_000, 10_000).map(lambda n: n / 7),
)


@st.composite
def interval_and_point(draw, infinite=False):
    """An interval with random open ends and a point inside it."""
    a, b = sorted([draw(finite), draw(finite)])
    lo_open, hi_open = draw(st.booleans()), draw(st.booleans())
    if a == b:
        lo_open = hi_open = False
    lo_inf = infinite and draw(st.booleans())
    hi_inf = infinite and draw(st.booleans())
    iv = Interval(-INF if lo_inf else a, INF if hi_inf else b, lo_open or lo_inf, hi_open or hi_inf)
    # Pick an inside point: the ends (if closed), the middle, or a random finite value.
    candidates = [a, b, a / 2 + b / 2, draw(finite)]
    if lo_inf:
        candidates.append(min(a, -1e15))
    if hi_inf:
        candidates.append(max(b, 1e15))
    inside = [x for x in candidates if iv.contains(x)]
    assume(inside)
    return iv, draw(st.sampled_from(inside))


@given(interval_and_point(infinite=True), interval_and_point(infinite=True),
       st.sampled_from([operator.add, operator.sub]))
def test_add_sub_are_sound(a, b, op):
    (ia, x), (ib, y) = a, b
    result = op(ia, ib)
    exact = op(x, y)
    assume(math.isfinite(exact))
    assert result.contains(exact) or _contains_exact(result, x, y, op)


@given(interval_and_point(), interval_and_point(), st.sampled_from([operator.mul, operator.truediv]))
def test_mul_div_are_sound(a, b, op):
    (ia, x), (ib, y) = a, b
    assume(not (op is operator.truediv and y == 0))
    result = op(ia, ib)
    assert _contains_exact(result, x, y, op)


def _contains_exact(result, x, y, op):
    """Compare against the exact rational result, so float rounding cannot hide unsoundness."""
    from fractions import Fraction

    exact = op(Fraction(x), Fraction(y))
    lo_ok = result.lo == -INF or Fraction(result.lo) < exact or (Fraction(result.lo) == exact and not result.lo_open)
    hi_ok = result.hi == INF or exact < Fraction(result.hi) or (Fraction(result.hi) == exact and not result.hi_open)
    return lo_ok and hi_ok


@given(interval_and_point(True), interval_and_point(True))
def test_intersects_is_symmetric(a, b):
    assert a[0].intersects(b[0]) == b[0].intersects(a[0])


@given(interval_and_point(), interval_and_point())
def test_intersects_iff_a_common_point_exists(a, b):
    ia, ib = a[0], b[0]
    both = ia.intersection(ib)
    if both is None:
        for x in (ia.lo, ia.hi, ib.lo, ib.hi, a[1], b[1]):
            assert not (ia.contains(x) and ib.contains(x))
    else:
        witness = both.midpoint()
        assert ia.contains(witness) and ib.contains(witness)


def test_open_ends_do_not_meet():
    assert not Interval(90, 95, lo_open=True).intersects(Interval(85, 90))
    assert Interval(90, 95).intersects(Interval(85, 90))
    assert Interval(90, 95, lo_open=True).gap(Interval(85, 90)) == 0
    assert Interval(90, 95).gap(Interval(80, 85)) == 5


def test_intersection_keeps_the_tighter_flag():
    got = Interval(90, 100, lo_open=True).intersection(Interval(85, 100))
    assert got == Interval(90, 100, lo_open=True, hi_open=False)


def test_result_end_is_open_only_if_every_attaining_candidate_is_open():
    assert Interval(1, 2, lo_open=True) + Interval(3, 4) == Interval(4, 6, lo_open=True)
    # 0 is attained by the closed zero of the first factor, whatever the second is.
    assert Interval(0, 1) * Interval(2, 3, True, True) == Interval(0, 3, hi_open=True)
    assert Interval(-1, 1, lo_open=True) * Interval(-1, 1) == Interval(-1, 1)


def test_exact_results_stay_clean_and_inexact_ones_round_outward():
    assert Interval(2.5e9, 2.5e9) - Interval(1e9, 1e9) == Interval(1.5e9, 1.5e9)
    tenths = Interval.point(0.1) + Interval.point(0.2)  # 0.1 + 0.2 rounds up in floats
    assert tenths.lo < 0.1 + 0.2 and tenths.contains(0.1 + 0.2)
    assert (Interval.point(0.1) * 3).lo < 0.1 * 3
    third = Interval.point(1) / 3
    assert third.lo < third.hi and third.contains(1 / 3)


def test_division_by_an_interval_holding_zero_is_unbounded():
    assert Interval(1, 2) / Interval(-1, 1) == Interval.unbounded()
    assert Interval(1, 2) / Interval(0, 1, lo_open=True) == Interval(1, INF, hi_open=True)


def test_zero_times_infinity_is_zero():
    assert Interval(0, 0) * Interval(0, INF) == Interval(0, 0)


def test_scalars_and_helpers():
    iv = Interval(1, 3)
    assert 1 + iv == Interval(2, 4)
    assert 10 - iv == Interval(7, 9)
    assert 2 * iv == iv.scale(2) == Interval(2, 6)
    assert 6 / Interval(2, 3) == Interval(2, 3)
    assert -iv == Interval(-3, -1)
    assert iv.midpoint() == 2
    assert Interval.unbounded().midpoint() == 0
    assert Interval(2, 1).is_empty() and Interval(1, 1, lo_open=True).is_empty()
    assert not Interval.point(1).is_empty()


def test_nan_bounds_are_refused():
    with pytest.raises(ValueError):
        Interval(math.nan, 1)
