"""Figures as written ("6 million", "$2.5 billion", "a third") and their readings.

A figure covers everything that rounds to it (DESIGN §2). parse_number keeps
two rounding widths: the last *written* digit (strict) and the last non-zero
digit (generous); readings() turns a figure and its hedge into the strict and
generous intervals. Arithmetic on the written digits is done in Decimal so
"12.3%" reads as exactly [12.25, 12.35], not 12.250000000000002.
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from decimal import Decimal

from ledger import lexicon
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


# The words and symbols come from the lexicon; the patterns are rebuilt when it grows.
@lexicon.derived
def _magnitude_pattern() -> re.Pattern:
    return re.compile(r"(?:\s*|-)(" + lexicon.alternation(lexicon.MAGNITUDES) + r")$")


@lexicon.derived
def _currency_suffix_pattern() -> re.Pattern:
    words = [*lexicon.currency_words(), *(c.lower() for c in lexicon.CURRENCIES)]
    return re.compile(r"\s+(?:u\.?s\.?\s+)?(" + lexicon.alternation(words) + r")$")


_PERCENT = re.compile(r"\s*(?:%|" + lexicon.alternation(lexicon.PERCENT_WORDS).replace("\\ ", r"\s+") + ")$")
_DIGITS = {
    ".": re.compile(r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?P<frac>\d+))?(?:e(?P<exp>[+-]?\d+))?$"),
    ",": re.compile(r"(?P<int>\d{1,3}(?:\.\d{3})+|\d+)?(?:,(?P<frac>\d+))?$"),
}
_CODE_PREFIX = re.compile(r"([a-z]{3})\s?(?=[\d.])")

_WORDS: dict[str, int] = lexicon.NUMBER_WORDS

# Fractions read as shares, in percent (the canonical dimensionless unit, see
# units.py): "half" is 50 %, strict ±0.5 (a writer who meant 47 % would not say
# half), generous ±5 (people say "half" for 45-55 %).
_FRACTION_STRICT, _FRACTION_GENEROUS = 0.5, 5.0

_ACCEPTED = ('digits with optional thousands commas and decimals ("4,000", "12.3"), scientific '
             '("6e6"), a magnitude ("6 million", "1.5bn", "20m", "5k", "3.2-million", "half a billion"), '
             'a currency symbol or code ("$", "€", "USD 5 million") or word ("200 billion yen"), '
             'a percent suffix ("12.3%", "80 percent"), number words ("seventy", "two hundred", "a dozen") '
             'or fractions ("half", "a third", "three quarters", "one-tenth")')


def parse_number(text: str, decimal: str = ".") -> Number:
    """A figure as written. `decimal`: the article's decimal mark; with "," a figure that
    cannot be read in ledger notation ("31,7%", "1.234.567") is read in the article's."""
    s = " ".join(str(text).lower().split())
    sign, s = _take_sign(s)
    currency = None
    for prefix, code in lexicon.currency_symbols().items():
        if s.startswith(prefix):
            currency, s = code, s[len(prefix):].lstrip()
            break
    else:
        code = _CODE_PREFIX.match(s)
        if code and code.group(1).upper() in lexicon.CURRENCIES:
            currency, s = code.group(1).upper(), s[code.end():]
    if currency and sign == 1:
        sign, s = _take_sign(s)
    if currency is None and (word := _currency_suffix_pattern().search(s)):
        currency, s = lexicon.currency_of(word.group(1).upper()) or lexicon.currency_of(word.group(1)), s[:word.start()]
    percent = _PERCENT.search(s)
    if percent:
        s = s[:percent.start()]
    exponent = 0
    magnitude = _magnitude_pattern().search(s)
    if magnitude and magnitude.start() > 0:
        exponent, s = lexicon.MAGNITUDES[magnitude.group(1)], s[:magnitude.start()]
    if percent and currency:
        raise QuantityError(f"cannot read {text!r}: a figure is money or a percentage, not both")
    parsed = (_read_digits(s, ".") or (decimal == "," and _read_digits(s, ","))
              or _read_words(s, bool(percent or currency), exponent > 0))
    if not parsed:
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


def _read_digits(s: str, mark: str) -> tuple[Decimal, Decimal, Decimal, None] | None:
    m = _DIGITS[mark].match(s.strip())
    if not m or not (m.group("int") or m.group("frac")):
        return None
    whole = (m.group("int") or "0").replace("," if mark == "." else ".", "")
    frac = m.group("frac") or ""
    if len(whole.lstrip("0")) + len(frac) > _MAX_DIGITS or len(m.groupdict().get("exp") or "") > 5:
        raise QuantityError(f"{_shown(s)} spells out more digits than any published figure"
                            f" (at most {_MAX_DIGITS} digits and a 4-digit exponent); check the value")
    exp = int(m.groupdict().get("exp") or 0)
    value = Decimal(f"{whole}.{frac or 0}").scaleb(exp)
    strict = Decimal("0.5").scaleb(exp - len(frac))
    if frac or not whole.strip("0"):
        # Decimals written out ("2.0", "12.30") are deliberate precision.
        generous = strict
    else:
        trailing_zeros = len(whole) - len(whole.rstrip("0"))
        generous = Decimal("0.5").scaleb(exp + trailing_zeros)
    return value, strict, generous, None


def words_value(s: str) -> int | None:
    """'two hundred and fifty' -> 250, 'seventy-five' -> 75, 'a hundred' -> 100; else None."""
    parts = [p for p in re.split(r"[\s-]+", s.strip()) if p and p != "and"]
    total, current = 0, 0
    for i, word in enumerate(parts):
        if word in ("a", "an") and i == 0:
            current = 1
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _WORDS and (current % 100 == 0 or (current % 10 == 0 and _WORDS[word] < 10 and current % 100 >= 20)):
            current += _WORDS[word]
        else:
            return None
    return total + current if parts else None


def _read_words(s: str, has_unit: bool, has_magnitude: bool) -> tuple[Decimal, Decimal, Decimal, str | None] | None:
    s = s.strip().replace("-", " ")
    if s in ("a", "an"):  # "a million", "a thousand"; a bare "a" is no number
        return (Decimal(1), Decimal("0.5"), Decimal("0.5"), None) if has_magnitude else None
    if s in ("half a", "half an"):  # "half a billion": as loose as "half"
        return (Decimal("0.5"), Decimal("0.05"), Decimal("0.05"), None) if has_magnitude else None
    if s in ("a dozen", "dozen"):
        return Decimal(12), Decimal("0.5"), Decimal(2), None  # "a dozen" is loose: 10-14
    parts = s.split()
    part = parts[-1] if parts else ""
    single = lexicon.FRACTION_PLURALS.get(part, part)
    if single in lexicon.FRACTIONS and len(parts) <= 2:
        count_word = parts[0] if len(parts) == 2 else None
        count = 1 if count_word in (None, "a", "an") else _WORDS.get(count_word)
        plural = part != single
        if count is None or has_unit or has_magnitude or plural != (count > 1) or (single == "half" and count > 1):
            return None  # "half million", "a thirds", "two third", "half %"
        share = Decimal(repr(count * lexicon.FRACTIONS[single] * 100))
        return share, Decimal(repr(_FRACTION_STRICT)), Decimal(repr(_FRACTION_GENEROUS)), "%"
    n = words_value(s)
    if n is None:
        return None
    generous = Decimal(5) if n % 10 == 0 and 0 < n < 100 else Decimal("0.5")
    if n >= 100:
        zeros = len(str(n)) - len(str(n).rstrip("0"))
        generous = Decimal("0.5").scaleb(zeros)
    return Decimal(n), Decimal("0.5"), generous, None


# -- hedges ----------------------------------------------------------------

HEDGES: dict[str, str] = lexicon.HEDGES  # the written hedge -> its canonical kind
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


@dataclass(frozen=True)
class Tolerance:
    """The hedge tolerance: one fraction for every hedge, with per-hedge overrides from the
    configuration (`[hedge-tolerance]`: `about = 0.1` lets "about 60%" mean 54–66 % strictly)."""
    default: float = 0.05
    per_hedge: tuple[tuple[str, float], ...] = ()

    def of(self, hedge: str | None) -> float:
        return dict(self.per_hedge).get(hedge, self.default)


def readings(num: Number, hedge: str | None, domain: Interval, tol: float | Tolerance = 0.05) -> Readings:
    """The strict and generous intervals of a figure under its hedge (DESIGN §2)."""
    kind = canonical_hedge(hedge)
    x, s, g = _dec(num.value), _dec(num.strict_step), _dec(num.generous_step)
    t = _dec(tol.of(kind) if isinstance(tol, Tolerance) else tol)
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
    hedge: str | None = None  # canonical hedge: "nearly quadrupled", "more than four times"


_FACTOR = re.compile(r"^(?:[x×]\s*(?P<pre>.+)|(?P<post>.+?)\s*[x×]|(?P<times>.+?)[\s-]+(?:times|fold))$")
_POINTS = re.compile(r"\s*(?:percentage\s+points?|points?|pts?|pp|%\s*points?)$")


@lexicon.derived
def _hedge_prefix() -> re.Pattern:
    return re.compile(r"(" + lexicon.alternation(lexicon.HEDGES) + r")(?:\s+|(?<=[^\w\s.])\s*)")


def parse_change(text: str) -> Change:
    s = " ".join(str(text).lower().split())
    hedge = None
    m = _hedge_prefix().match(s)
    if m and m.end() < len(s):
        hedge, s = lexicon.HEDGES[m.group(1)], s[m.end():]
    change = _parse_change(s, str(text))
    return dataclasses.replace(change, hedge=hedge) if hedge else change


def _parse_change(s: str, text: str) -> Change:
    if s in lexicon.MULTIPLES:
        # Verbs name a factor loosely: strict ±1 %, generous ±10 % ("doubled" for ×1.8-2.2).
        f = float(lexicon.MULTIPLES[s])
        return Change("factor", Number(f, f / 100, f / 10, None, text), 0)
    if s == "by half":  # "dropped by half", "cut by half": the halving idiom
        return Change("relative", Number(50.0, _FRACTION_STRICT, _FRACTION_GENEROUS, "%", text), -1)
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
        return Change("absolute", Number(n.value, n.strict_step, n.generous_step, "%", text), sign)
    n = parse_number(s)
    return Change("relative" if n.unit_hint == "%" else "absolute", n, sign)


def change_factor(change: Change) -> Interval:
    """The multiplicative factor a relative or factor change allows (generous reading)."""
    n = change.number
    x, g = _dec(n.value), _dec(n.generous_step)
    lo, hi = x - g, x + g
    if change.hedge:  # "nearly quadrupled": the hedge's generous reading of the factor or percent
        r = readings(n, change.hedge, Interval(0.0, math.inf)).generous
        lo, hi = _dec(r.lo), _dec(r.hi)
    if change.kind == "factor":
        return Interval(float(lo), float(hi))
    if change.kind == "absolute":
        raise QuantityError(f"{n.text!r} is an absolute change: it has no factor without the earlier value")
    if change.sign == 0:
        raise QuantityError(f"{n.text!r} has no sign: write +{n.text} or -{n.text}")
    ends = sorted(1 + change.sign * e / 100 for e in (lo, hi))  # Decimal: "-50%" is exactly 0.5
    return Interval(float(ends[0]), float(ends[1]))


# -- display ---------------------------------------------------------------

_WORD_MAGNITUDES = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")]


def format_quantity(x: float, unit: str) -> str:
    """A readable figure for messages: "$1.8 billion", "69.4 battery/s", "12.25 %"."""
    shown = _shown_quantities()  # interval ends repeat across a ledger: each is formatted once
    key = (x, unit)
    if key not in shown:
        if len(shown) > 1 << 16:
            shown.clear()
        shown[key] = _format_quantity(x, unit)
    return shown[key]


_shown_quantities = lexicon.derived(dict)  # forgotten when a currency is added at run time


def _format_quantity(x: float, unit: str) -> str:
    number = _format_number(abs(x))
    sign = "-" if x < 0 else ""
    code = unit.split("/")[0].strip()
    currency = lexicon.CURRENCIES.get(code)
    if currency is not None and currency.prefix:  # "$1.8 billion", "$640/kg"
        return f"{sign}{currency.prefix}{number}{unit[len(code):]}"
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
