"""Sound interval arithmetic over the extended reals, with open or closed ends.

Every figure in the ledger is an interval (DESIGN §2); relations hold iff the
intervals of both sides intersect. Results are *sound*: for any true values
inside the operands, the exact result of the real operation lies inside the
result interval. Floating-point error is absorbed by moving an endpoint one
ulp outward, and only when the float result actually differs from the exact
one, so exact results (the usual case for short decimals) stay clean.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable

_INF = math.inf


@dataclass(frozen=True, slots=True)
class Interval:
    lo: float
    hi: float
    lo_open: bool = False
    hi_open: bool = False

    def __post_init__(self) -> None:
        if math.isnan(self.lo) or math.isnan(self.hi):
            raise ValueError(f"interval bounds must be numbers, got [{self.lo}, {self.hi}]")

    @classmethod
    def point(cls, x: float) -> Interval:
        return cls(float(x), float(x))

    @classmethod
    def unbounded(cls) -> Interval:
        return cls(-_INF, _INF, True, True)

    def is_empty(self) -> bool:
        if self.lo > self.hi:
            return True
        return self.lo == self.hi and (self.lo_open or self.hi_open)

    def contains(self, x: float) -> bool:
        above = self.lo < x or (self.lo == x and not self.lo_open)
        below = x < self.hi or (x == self.hi and not self.hi_open)
        return above and below

    def intersection(self, other: Interval) -> Interval | None:
        # At a shared endpoint value the tighter (open) flag wins.
        if self.lo > other.lo:
            lo, lo_open = self.lo, self.lo_open
        elif other.lo > self.lo:
            lo, lo_open = other.lo, other.lo_open
        else:
            lo, lo_open = self.lo, self.lo_open or other.lo_open
        if self.hi < other.hi:
            hi, hi_open = self.hi, self.hi_open
        elif other.hi < self.hi:
            hi, hi_open = other.hi, other.hi_open
        else:
            hi, hi_open = self.hi, self.hi_open or other.hi_open
        result = Interval(lo, hi, lo_open, hi_open)
        return None if result.is_empty() else result

    def intersects(self, other: Interval) -> bool:
        return self.intersection(other) is not None

    def gap(self, other: Interval) -> float:
        """Distance between the closest points of two intervals (0 if they meet)."""
        return max(other.lo - self.hi, self.lo - other.hi, 0.0)

    def midpoint(self) -> float:
        if math.isinf(self.lo) and math.isinf(self.hi):
            return 0.0 if self.lo != self.hi else self.lo
        m = self.lo / 2 + self.hi / 2  # halves first: no overflow near max float
        if self.lo < m < self.hi or (m == self.lo == self.hi):
            return m
        # halving underflowed (subnormal ends: [5e-324, 5e-324] gave 0.0) or the interval is one
        # float wide: a closed end is a point of the interval
        return self.lo if not self.lo_open else self.hi if not self.hi_open else m

    def scale(self, k: float) -> Interval:
        return self * Interval.point(k)

    # -- arithmetic ---------------------------------------------------------

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo, self.hi_open, self.lo_open)

    def __add__(self, other: Interval | float) -> Interval:
        b = _as_interval(other)
        if self.is_empty() or b.is_empty():
            return _EMPTY
        return _combine([(self.lo, b.lo, self.lo_open or b.lo_open)],
                        [(self.hi, b.hi, self.hi_open or b.hi_open)], _add)

    def __sub__(self, other: Interval | float) -> Interval:
        return self + (-_as_interval(other))

    def __mul__(self, other: Interval | float) -> Interval:
        b = _as_interval(other)
        if self.is_empty() or b.is_empty():
            return _EMPTY
        candidates = [_mul_candidate(x, xo, y, yo)
                      for x, xo in _ends(self) for y, yo in _ends(b)]
        return _combine(candidates, candidates, _mul)

    def __truediv__(self, other: Interval | float) -> Interval:
        b = _as_interval(other)
        if self.is_empty() or b.is_empty():
            return _EMPTY
        if b.contains(0.0):
            return Interval.unbounded()
        positive = b.lo >= 0  # b lies on one side of zero, possibly touching it openly
        candidates = []
        for x, xo in _ends(self):
            for y, yo in _ends(b):
                if math.isinf(x) and math.isinf(y):
                    return Interval.unbounded()  # inf/inf: the ratio is unconstrained
                candidates.append(_div_candidate(x, xo, y, yo, positive))
        return _combine(candidates, candidates, _div)

    def __radd__(self, other: float) -> Interval:
        return self + other

    def __rsub__(self, other: float) -> Interval:
        return _as_interval(other) - self

    def __rmul__(self, other: float) -> Interval:
        return self * other

    def __rtruediv__(self, other: float) -> Interval:
        return _as_interval(other) / self


_EMPTY = Interval(_INF, -_INF)

# A candidate endpoint: (left operand, right operand, open?).
_Candidate = tuple[float, float, bool]


def _as_interval(x: Interval | float) -> Interval:
    return x if isinstance(x, Interval) else Interval.point(x)


def _ends(a: Interval) -> list[tuple[float, bool]]:
    # An infinite bound is never attained by a real value, so it is open.
    return [(a.lo, a.lo_open or math.isinf(a.lo)), (a.hi, a.hi_open or math.isinf(a.hi))]


def _mul_candidate(x: float, xo: bool, y: float, yo: bool) -> _Candidate:
    # A closed zero factor attains 0 whatever the other factor is.
    closed_zero = (x == 0 and not xo) or (y == 0 and not yo)
    return (x, y, (xo or yo) and not closed_zero)


def _div_candidate(x: float, xo: bool, y: float, yo: bool, positive: bool) -> _Candidate:
    if y == 0:  # an open zero end of the divisor: the quotient runs off to infinity
        if x == 0:
            return (0.0, 1.0, xo)
        sign = (1 if x > 0 else -1) * (1 if positive else -1)
        return (sign * _INF, 1.0, True)
    return (x, y, (xo or yo) and not (x == 0 and not xo))


def _add(x: float, y: float) -> tuple[float, Fraction | None]:
    return x + y, _exact(x, y, lambda a, b: a + b)


def _mul(x: float, y: float) -> tuple[float, Fraction | None]:
    if x == 0 or y == 0:
        return 0.0, Fraction(0)  # 0 * inf is 0: the closure of the real products
    return x * y, _exact(x, y, lambda a, b: a * b)


def _div(x: float, y: float) -> tuple[float, Fraction | None]:
    if math.isinf(y):
        return 0.0, Fraction(0)
    return x / y, _exact(x, y, lambda a, b: a / b)


def _exact(x: float, y: float, op: Callable[[Fraction, Fraction], Fraction]) -> Fraction | None:
    """The exact rational result, or None when an operand is infinite."""
    if math.isinf(x) or math.isinf(y):
        return None
    return op(Fraction(x), Fraction(y))


def _rounded(x: float, y: float, op, down: bool) -> float:
    """op(x, y) rounded toward -inf (down) or +inf, so it bounds the exact value."""
    value, exact = op(x, y)
    if exact is None:
        return value
    if math.isinf(value):  # overflow of a finite result: stay on the finite side if needed
        if down and value > 0:
            return math.nextafter(value, -_INF)
        if not down and value < 0:
            return math.nextafter(value, _INF)
        return value
    if down and Fraction(value) > exact:
        return math.nextafter(value, -_INF)
    if not down and Fraction(value) < exact:
        return math.nextafter(value, _INF)
    return value


def _combine(lo_cands: list[_Candidate], hi_cands: list[_Candidate], op) -> Interval:
    # An endpoint is open only if every candidate attaining it is open.
    los = [(_rounded(x, y, op, True), o) for x, y, o in lo_cands]
    his = [(_rounded(x, y, op, False), o) for x, y, o in hi_cands]
    lo = min(v for v, _ in los)
    hi = max(v for v, _ in his)
    lo_open = all(o for v, o in los if v == lo)
    hi_open = all(o for v, o in his if v == hi)
    return Interval(lo, hi, lo_open, hi_open)
