"""Pairs by sorting, not by comparing every two (issue 15): which figures of a group lie *apart*
— their intervals do not intersect — or wholly *above* one another, at overlapping times.

Two intervals that intersect can never contradict each other, and in a real group almost every
pair intersects, so the consistency rules (C401, C402) ask for the few pairs that do not instead
of testing all n² of them. One sweep over time in the order intervals start: an interval ends
its life once the sweep passes its end; the live ones sit in two sorted lists, by low end and by
high end, so the ones entirely above (or below) a new interval are a slice found by bisection.
Cost: O(n log n) plus the pairs reported.

The comparison is the one `Interval.intersects` makes, open and closed ends included, as keys:
`low_key(b) > high_key(a)` exactly when b lies entirely above a (b.lo > a.hi, or equal with an
open end on either side). An empty interval intersects nothing: it is apart from every other.
"""
from __future__ import annotations

import heapq
import math
from typing import Iterator, Sequence

from .interval import Interval

Key = tuple[float, int]
_AFTER, _BEFORE = (math.inf,), (-math.inf,)  # sort after / before every entry of equal key


def low_key(iv: Interval) -> Key:
    return (iv.lo, 1 if iv.lo_open else 0)


def high_key(iv: Interval) -> Key:
    return (iv.hi, -1 if iv.hi_open else 0)


def above(lows: Sequence[Key | None], highs: Sequence[Key | None], when: Sequence[tuple | None] | None = None,
          side: Sequence[int] | None = None) -> Iterator[tuple[int, int]]:
    """Every (q, o) with `lows[o] > highs[q]` (o above q) whose times overlap. An item without a
    high key asks nothing, one without a low key is never found. `when[i]` is a closed (start,
    end) — None: never overlaps; `when` None: all overlap. With `side` (0 or 1 per item) only
    pairs across sides. Each pair once, in no particular order."""
    from sortedcontainers import SortedList  # only the consistency rules need it

    n = len(lows)
    sides = 2 if side is not None else 1
    by_low = [SortedList() for _ in range(sides)]
    by_high = [SortedList() for _ in range(sides)]
    if when is None:
        order = range(n)
    else:
        order = sorted((i for i in range(n) if when[i] is not None), key=lambda i: (when[i][0], i))
    ending: list = []
    for i in order:
        if when is not None:
            start = when[i][0]
            while ending and ending[0][0] < start:  # past its end: no later interval overlaps it
                _, j = heapq.heappop(ending)
                s = side[j] if side is not None else 0
                if highs[j] is not None:
                    by_high[s].remove((*highs[j], j))
                if lows[j] is not None:
                    by_low[s].remove((*lows[j], j))
            heapq.heappush(ending, (when[i][1], i))
        mine = side[i] if side is not None else 0
        other = 1 - mine if side is not None else 0
        high, low = highs[i], lows[i]
        if high is not None:  # the live intervals above this one
            live = by_low[other]
            for entry in live.islice(live.bisect_right((*high, *_AFTER))):
                yield i, entry[2]
        if low is not None:  # ... and below it
            live = by_high[other]
            for entry in live.islice(0, live.bisect_left((*low, *_BEFORE))):
                yield entry[2], i
        if high is not None:
            by_high[mine].add((*high, i))
        if low is not None:
            by_low[mine].add((*low, i))

def apart(values: Sequence[Interval | None], when: Sequence[tuple | None] | None = None,
          side: Sequence[int] | None = None, limit: int | None = None) -> set[tuple[int, int]] | None:
    """Index pairs (i < j) whose intervals do not intersect and whose times overlap (see
    `above`); items without an interval take no part. None when there are more than `limit`."""
    lows: list[Key | None] = []
    highs: list[Key | None] = []
    for iv in values:
        if iv is None:
            lows.append(None)
            highs.append(None)
        elif iv.is_empty():  # apart from everything: above and below every other interval
            lows.append((math.inf, 2))
            highs.append((-math.inf, -2))
        else:
            lows.append(low_key(iv))
            highs.append(high_key(iv))
    out = set()
    for q, o in above(lows, highs, when, side):
        out.add((q, o) if q < o else (o, q))
        if limit is not None and len(out) > limit:
            return None
    return out


def alive(spans: Sequence[tuple], points: Sequence) -> Iterator[list[int]]:
    """For each of the ascending `points`, the indices (ascending) of the closed `spans`
    (start, end) that hold at it: each span enters once and leaves once (A302's times)."""
    order = sorted(range(len(spans)), key=lambda i: spans[i][0])
    k, live, ending = 0, set(), []
    for t in points:
        while k < len(order) and spans[order[k]][0] <= t:
            live.add(order[k])
            heapq.heappush(ending, (spans[order[k]][1], order[k]))
            k += 1
        while ending and ending[0][0] < t:
            live.discard(heapq.heappop(ending)[1])
        yield sorted(live)
