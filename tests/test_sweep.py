"""ledger.sweep finds exactly the pairs the brute-force comparison of every two finds: random
intervals with open and closed ends, infinite ends, equal ends, empty ones; random closed time
windows with shared ends; one set or two sides."""
from __future__ import annotations

import math
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.interval import Interval
from ledger.sweep import above, alive, apart, high_key, low_key

INF = math.inf
# few distinct ends, so equal ends (closed against open) are common
ends = st.one_of(st.sampled_from([-INF, INF, 0.0, 1.0, 2.5, -3.0]), st.integers(-4, 4).map(float))


@st.composite
def intervals(draw):
    a, b = draw(ends), draw(ends)
    if not draw(st.integers(0, 9)):  # now and then an empty one (lo > hi, or a point with an open end)
        return Interval(max(a, b), min(a, b), draw(st.booleans()), draw(st.booleans()))
    a, b = sorted((a, b))
    return Interval(a, b, draw(st.booleans()) or a == -INF, draw(st.booleans()) or b == INF)


@st.composite
def windows(draw):
    start = date(2024, 1, 1) + timedelta(days=draw(st.integers(0, 6)))
    return start, start + timedelta(days=draw(st.integers(0, 4)))


def overlap(s, t) -> bool:
    return s is not None and t is not None and s[0] <= t[1] and t[0] <= s[1]


def items(draw_windows: bool):
    value = st.one_of(st.none(), intervals()) if draw_windows else intervals()
    when = st.one_of(st.none(), windows()) if draw_windows else st.just(None)
    return st.lists(st.tuples(value, when, st.integers(0, 1)), max_size=14)


@settings(max_examples=400, deadline=None)
@given(items(draw_windows=False))
def test_apart_is_every_pair_that_does_not_intersect(rows):
    values = [v for v, _, _ in rows]
    expected = {(i, j) for i in range(len(values)) for j in range(i + 1, len(values))
                if not values[i].intersects(values[j])}
    assert apart(values) == expected


@settings(max_examples=400, deadline=None)
@given(items(draw_windows=True), st.booleans())
def test_apart_at_overlapping_times_and_across_sides(rows, sided):
    values, when, side = [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]
    expected = {(i, j) for i in range(len(rows)) for j in range(i + 1, len(rows))
                if values[i] is not None and values[j] is not None and not values[i].intersects(values[j])
                and overlap(when[i], when[j]) and (not sided or side[i] != side[j])}
    assert apart(values, when, side if sided else None) == expected


@settings(max_examples=400, deadline=None)
@given(items(draw_windows=True), st.lists(st.booleans(), min_size=14, max_size=14))
def test_above_is_every_pair_wholly_above(rows, asks):
    """C402's test, written out: o is above q when o.lo > q.hi, or equal with an open end."""
    values, when = [r[0] for r in rows], [r[1] for r in rows]
    highs = [high_key(v) if v is not None and asks[i] else None for i, v in enumerate(values)]
    lows = [low_key(v) if v is not None else None for v in values]
    expected = {(q, o) for q in range(len(rows)) for o in range(len(rows))
                if q != o and highs[q] is not None and lows[o] is not None and overlap(when[q], when[o])
                and (values[o].lo > values[q].hi or (values[o].lo == values[q].hi
                                                     and (values[o].lo_open or values[q].hi_open)))}
    found = list(above(lows, highs, when))
    assert len(found) == len(set(found))
    assert set(found) == expected


def test_limit_stops_early():
    values = [Interval.point(float(i)) for i in range(100)]  # every pair is apart: 4,950 pairs
    assert apart(values, limit=4950) is not None
    assert apart(values, limit=100) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(windows(), max_size=12), st.lists(st.integers(0, 12), max_size=8))
def test_alive_is_every_span_holding_at_each_point(spans, days):
    points = sorted({date(2024, 1, 1) + timedelta(days=d) for d in days})
    expected = [[i for i, (lo, hi) in enumerate(spans) if lo <= t <= hi] for t in points]
    assert list(alive(spans, points)) == expected
