"""Figures as written ("6 million", "$2.5 billion", "a third") and their readings.

A figure covers everything that rounds to it (DESIGN §2). parse_number keeps
two rounding widths: the last *written* digit (strict) and the last non-zero
digit (generous); readings() turns a figure and its hedge into the strict and
generous intervals. Arithmetic on the written digits is done in Decimal so
"12.3%" reads as exactly [12.25, 12.35], not 12.250000000000002.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from ledger.interval import Interval


class QuantityError(ValueError):
    """A figure, hedge or change that cannot be read."""


@dataclass(frozen=True)
class Number:
    value: float
    strict_step: float
    generous_step: float
    unit_hint: str | None
    text: str


_CURRENCY_PREFIXES = {"us$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_MAGNITUDES = {
    "thousand": 3, "k": 3,
    "million": 6, "mn": 6, "m": 6, "mio": 6,
    "billion": 9, "bn": 9, "b": 9,
    "trillion": 12, "tn": 12, "tr": 12,
}
_PERCENT = re.compile(r"\s*(?:%|percent|per\s+cent)$")
_MAGNITUDE = re.compile(r"\s*(" + "|".join(sorted(_MAGNITUDES, key=len, reverse=True)) + r")$")
_DIGITS = re.compile(r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?P<frac>\d+))?(?:e(?P<exp>[+-]?\d+))?$")

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen", "twenty"]
_TENS = {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_WORDS: dict[str, int] = {w: i for i, w in enumerate(_UNITS)} | _TENS

# Fractions read as shares, in percent (the canonical dimensionless unit, see
# units.py): "half" is 50 %, strict ±0.5 (a writer who meant 47 % would not say
# half), generous ±5 (people say "half" for 45-55 %).
_FRACTIONS = {"half": 1 / 2, "third": 1 / 3, "quarter": 1 / 4, "fourth": 1 / 4, "fifth": 1 / 5,
              "thirds": 1 / 3, "quarters": 1 / 4, "fourths": 1 / 4, "fifths": 1 / 5}
_FRACTION = re.compile(r"(?:(a|an|one|two|three|four)\s+)?(half|thirds?|quarters?|fourths?|fifths?)$")
_FRACTION_STRICT, _FRACTION_GENEROUS = 0.5, 5.0

_ACCEPTED = ('digits with optional thousands commas and decimals ("4,000", "12.3"), scientific '
             '("6e6"), a magnitude ("6 million", "1.5bn", "20m", "5k"), a currency prefix '
             '($ US$ € £ ¥), a percent suffix ("12.3%", "80 percent"), number words '
             '("seventy", "a dozen") or fractions ("half", "a third", "three quarters")')


def parse_number(text: str) -> Number:
    s = " ".join(str(text).lower().split())
    sign, s = _take_sign(s)
    currency = None
    for prefix, code in _CURRENCY_PREFIXES.items():
        if s.startswith(prefix):
            currency, s = code, s[len(prefix):].lstrip()
            break
    if currency and sign == 1:
        sign, s = _take_sign(s)
    percent = _PERCENT.search(s)
    if percent:
        s = s[:percent.start()]
    exponent = 0
    magnitude = _MAGNITUDE.search(s)
    if magnitude and magnitude.start() > 0:
        exponent, s = _MAGNITUDES[magnitude.group(1)], s[:magnitude.start()]
    if percent and currency:
        raise QuantityError(f"cannot read {text!r}: a figure is money or a percentage, not both")
    parsed = _read_digits(s) or _read_words(s, bool(percent or currency), exponent > 0)
    if parsed is None:
        raise QuantityError(f"cannot read {_shown(text)} as a number; accepted: {_ACCEPTED}")
    value, strict, generous, hint = parsed
    scale = Decimal(10) ** exponent
    if value and not _SMALLEST <= abs(value) * scale <= _LARGEST:
        raise QuantityError(f"{_shown(text)} is {'too large' if abs(value) * scale > 1 else 'too small'} to be a"
                            f" published figure (factledger reads magnitudes from 1e{_LIMIT_EXP} to"
                            f" 1e-{_LIMIT_EXP}); check the digits and the exponent")
    return Number(value=float(sign * value * scale), strict_step=float(strict * scale),
                  generous_step=float(generous * scale),
                  unit_hint=currency or ("%" if percent else hint), text=str(text))


def _shown(text) -> str:
    """The input as a message quotes it: long inputs are cut, not echoed whole."""
    text = repr(str(text))
    return text if len(text) <= 50 else text[:40] + "…" + text[-8:]


def _take_sign(s: str) -> tuple[int, str]:
    if s and s[0] in "+-−":
        return (-1 if s[0] != "+" else 1), s[1:].lstrip()
    return 1, s


# Figures beyond these are typos or hostile input; within them every reading (hedges, unit
# factors, interval arithmetic) stays far from float overflow and from Decimal's exponent limits.
_LIMIT_EXP = 100
_LARGEST, _SMALLEST = Decimal(f"1e{_LIMIT_EXP}"), Decimal(f"1e-{_LIMIT_EXP}")
_MAX_DIGITS = 40  # significant digits a figure may spell out


def _read_digits(s: str) -> tuple[Decimal, Decimal, Decimal, None] | None:
    m = _DIGITS.match(s.strip())
    if not m or not (m.group("int") or m.group("frac")):
        return None
    whole = (m.group("int") or "0").replace(",", "")
    frac = m.group("frac") or ""
    if len(whole.lstrip("0")) + len(frac) > _MAX_DIGITS or len(m.group("exp") or "") > 5:
        raise QuantityError(f"{_shown(s)} spells out more digits than any published figure"
                            f" (at most {_MAX_DIGITS} digits and a 4-digit exponent); check the value")
    exp = int(m.group("exp") or 0)
    value = Decimal(f"{whole}.{frac or 0}").scaleb(exp)
    strict = Decimal("0.5").scaleb(exp - len(frac))
    if frac or not whole.strip("0"):
        # Decimals written out ("2.0", "12.30") are deliberate precision.
        generous = strict
    else:
        trailing_zeros = len(whole) - len(whole.rstrip("0"))
        generous = Decimal("0.5").scaleb(exp + trailing_zeros)
    return value, strict, generous, None


def _read_words(s: str, has_unit: bool, has_magnitude: bool) -> tuple[Decimal, Decimal, Decimal, str | None] | None:
    s = s.strip().replace("-", " ")
    if s in ("a", "an"):  # "a million", "a thousand"; a bare "a" is no number
        return (Decimal(1), Decimal("0.5"), Decimal("0.5"), None) if has_magnitude else None
    if s in ("a dozen", "dozen"):
        return Decimal(12), Decimal("0.5"), Decimal(2), None  # "a dozen" is loose: 10-14
    m = _FRACTION.match(s)
    if m:
        count = 1 if m.group(1) in (None, "a", "an") else _WORDS[m.group(1)]
        plural = m.group(2).endswith("s")
        if has_unit or has_magnitude or plural != (count > 1) or (m.group(2) == "half" and count > 1):
            return None  # "half million", "a thirds", "two third", "half %"
        share = Decimal(repr(count * _FRACTIONS[m.group(2)] * 100))
        return share, Decimal(repr(_FRACTION_STRICT)), Decimal(repr(_FRACTION_GENEROUS)), "%"
    parts = s.split()
    if len(parts) == 2 and _WORDS.get(parts[0], 0) >= 20 and 0 < _WORDS.get(parts[1], 0) < 10:
        return Decimal(_WORDS[parts[0]] + _WORDS[parts[1]]), Decimal("0.5"), Decimal("0.5"), None
    if len(parts) == 1 and parts[0] in _WORDS:
        n = _WORDS[parts[0]]
        generous = Decimal(5) if n % 10 == 0 and n > 0 else Decimal("0.5")
        return Decimal(n), Decimal("0.5"), generous, None
    return None


# -- hedges ----------------------------------------------------------------

HEDGES: dict[str, str] = {
    **dict.fromkeys(["about", "around", "roughly", "approximately", "approx", "approx.", "some",
                     "circa", "ca.", "estimated", "an estimated", "more or less", "on the order of",
                     "in the region of", "something like"], "about"),
    **dict.fromkeys(["over", "more than", "above", "upwards of", "in excess of", "exceeding",
                     "just over", "north of", "greater than"], "over"),
    **dict.fromkeys(["at least", "no less than", "a minimum of", "no fewer than"], "at-least"),
    **dict.fromkeys(["nearly", "almost", "close to", "just under", "just shy of"], "nearly"),
    **dict.fromkeys(["up to", "at most", "as much as", "as many as", "no more than",
                     "a maximum of", "not more than"], "up-to"),
    **dict.fromkeys(["under", "less than", "below", "fewer than"], "under"),
    **dict.fromkeys(["exactly", "precisely", "exact"], "exactly"),
}
_CANONICAL = set(HEDGES.values())


def canonical_hedge(word: str | None) -> str | None:
    if word is None or not str(word).strip():
        return None
    key = " ".join(str(word).lower().split())
    if key in _CANONICAL:
        return key
    if key in HEDGES:
        return HEDGES[key]
    raise QuantityError(f"unknown qualifier {word!r}; accepted: {', '.join(sorted(HEDGES))}")


@dataclass(frozen=True)
class Readings:
    strict: Interval
    generous: Interval


def readings(num: Number, hedge: str | None, domain: Interval, tol: float = 0.05) -> Readings:
    """The strict and generous intervals of a figure under its hedge (DESIGN §2)."""
    kind = canonical_hedge(hedge)
    x, s, g = _dec(num.value), _dec(num.strict_step), _dec(num.generous_step)
    t = _dec(tol)
    spread_s = max(s, t * abs(x))
    spread_g = max(g, 2 * t * abs(x))

    def span(lo: Decimal | float, hi: Decimal | float, lo_open=False, hi_open=False) -> Interval:
        return Interval(float(lo), float(hi), lo_open, hi_open)

    # Open-ended hedges reach the domain's edge, or past x when x is already beyond it.
    top = max(domain.hi, float(x + spread_g))
    bottom = min(domain.lo, float(x - spread_g))
    table = {
        None: (span(x - s, x + s), span(x - g, x + g)),
        "about": (span(x - spread_s, x + spread_s), span(x - spread_g, x + spread_g)),
        "over": (span(x, x + spread_s, lo_open=True), span(x, top, True, domain.hi_open)),
        "at-least": (span(x, x + spread_s), span(x, top, hi_open=domain.hi_open)),
        "nearly": (span(x - spread_s, x), span(x - spread_g, x)),
        "up-to": (span(x - spread_s, x), span(bottom, x, lo_open=domain.lo_open)),
        "under": (span(x - spread_s, x, hi_open=True), span(bottom, x, domain.lo_open, True)),
        "exactly": (span(x, x), span(x, x)),
    }
    strict, generous = table[kind]
    clipped_s, clipped_g = strict.intersection(domain), generous.intersection(domain)
    if clipped_s is None or clipped_g is None:
        return Readings(strict, generous)  # left unclipped so a rule can report the domain violation
    return Readings(clipped_s, clipped_g)


def _dec(x: float) -> Decimal:
    # repr() is the shortest decimal that round-trips: the digits as written.
    return Decimal(repr(float(x))) if math.isfinite(x) else Decimal(x)


# -- changes ---------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    kind: str      # "relative" (percent of the earlier value) | "absolute" | "factor"
    number: Number
    sign: int      # +1 rise, -1 fall, 0 unsigned (the direction word decides)


# Verbs name a factor loosely: strict ±1 %, generous ±10 % ("doubled" for ×1.8-2.2).
_FACTOR_WORDS = {"doubled": 2, "double": 2, "tripled": 3, "triple": 3, "trebled": 3,
                 "quadrupled": 4, "quadruple": 4, "halved": 0.5}
_FACTOR = re.compile(r"^(?:[x×]\s*(?P<pre>.+)|(?P<post>.+?)\s*[x×]|(?P<times>.+?)\s+times)$")
_POINTS = re.compile(r"\s*(?:percentage\s+points?|points?|pts?|pp|%\s*points?)$")


def parse_change(text: str) -> Change:
    s = " ".join(str(text).lower().split())
    if s in _FACTOR_WORDS:
        f = float(_FACTOR_WORDS[s])
        return Change("factor", Number(f, f / 100, f / 10, None, str(text)), 0)
    if s == "by half":  # "dropped by half", "cut by half": the halving idiom
        return Change("relative", Number(50.0, _FRACTION_STRICT, _FRACTION_GENEROUS, "%", str(text)), -1)
    if s.startswith("by "):
        s = s[3:]
    m = _FACTOR.match(s)
    if m:
        number = parse_number(m.group("pre") or m.group("post") or m.group("times"))
        return Change("factor", number, 0)
    sign = 0
    if s and s[0] in "+-−":
        sign, s = (1 if s[0] == "+" else -1), s[1:].lstrip()
    points = _POINTS.search(s)
    if points:
        n = parse_number(s[:points.start()])
        return Change("absolute", Number(n.value, n.strict_step, n.generous_step, "%", str(text)), sign)
    n = parse_number(s)
    return Change("relative" if n.unit_hint == "%" else "absolute", n, sign)


def change_factor(change: Change) -> Interval:
    """The multiplicative factor a relative or factor change allows (generous reading)."""
    n = change.number
    x, g = _dec(n.value), _dec(n.generous_step)
    if change.kind == "factor":
        return Interval(float(x - g), float(x + g))
    if change.kind == "absolute":
        raise QuantityError(f"{n.text!r} is an absolute change: it has no factor without the earlier value")
    if change.sign == 0:
        raise QuantityError(f"{n.text!r} has no sign: write +{n.text} or -{n.text}")
    ends = sorted(1 + change.sign * (x + d) / 100 for d in (-g, g))  # Decimal: "-50%" is exactly 0.5
    return Interval(float(ends[0]), float(ends[1]))


# -- display ---------------------------------------------------------------

_WORD_MAGNITUDES = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")]


def format_quantity(x: float, unit: str) -> str:
    """A readable figure for messages: "$1.8 billion", "69.4 battery/s", "12.25 %"."""
    number = _format_number(abs(x))
    sign = "-" if x < 0 else ""
    if unit == "USD" or unit.startswith("USD/") or unit.startswith("USD /"):
        return f"{sign}${number}{unit[3:]}"
    return f"{sign}{number} {unit}".rstrip()


def _format_number(x: float) -> str:
    if math.isinf(x):
        return "∞"
    word = ""
    for size, name in _WORD_MAGNITUDES:
        if x >= size:
            x, word = x / size, f" {name}"
            break
    # Short decimals (interval ends such as 12.25) are shown exactly; others to 3 digits.
    digits = Decimal(repr(x)).normalize()
    if len(digits.as_tuple().digits) > 4:
        digits = Decimal(f"{x:.3g}").normalize()
    if digits == digits.to_integral_value() and abs(digits) < Decimal("1e15"):
        return f"{int(digits):,}{word}"
    return f"{digits:f}{word}"
