"""The figure vocabulary: every word and symbol a figure is written with, in one place.

quantity.py (reading `value:`), units.py (unit expressions), extract.py (reading texts),
timeref.py (dates), direction.py, draft.py and the rules build their patterns from these
tables, so adding a currency, a magnitude or a unit word is one entry here
(tests/test_lexicon.py proves every entry survives extract -> parse -> unit resolution).

Patterns derived from the tables are built through `derived`, which rebuilds them when an
entry is added at run time (`add_currency`, `add_unit_word`): nothing keeps a stale copy.
"""
from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from typing import Callable, TypeVar

# -- currencies ----------------------------------------------------------------


@dataclass(frozen=True)
class Currency:
    code: str                       # ISO 4217
    symbols: tuple[str, ...] = ()   # printed before the figure: "$", "US$"
    words: tuple[str, ...] = ()     # printed after it: "dollars", "yen"
    prefix: str | None = None       # how messages show an amount: "$1.8 billion" (else "200 billion JPY")


CURRENCIES: dict[str, Currency] = {c.code: c for c in [
    Currency("USD", ("US$", "$"), ("dollar", "dollars"), prefix="$"),
    Currency("EUR", ("€",), ("euro", "euros")),
    Currency("GBP", ("£",), ("sterling",)),  # "pounds" is also a weight: see UNIT_WORDS
    Currency("JPY", ("¥",), ("yen",)),
    Currency("CNY", ("RMB",), ("yuan", "renminbi", "rmb")),
    Currency("KRW", ("₩",), ("won",)),
    Currency("INR", ("₹",), ("rupee", "rupees")),
]} | {code: Currency(code) for code in (
    "TWD AUD CAD CHF HKD SGD SEK NOK DKK NZD BRL MXN RUB ZAR IDR THB MYR PHP VND PLN CZK HUF "
    "TRY ILS SAR AED ARS CLP COP EGP NGN PKR BDT UAH RON").split()}

# -- magnitudes, number words, fractions, multiples ------------------------------

# Word or abbreviation -> power of ten. Abbreviations of one letter are read only glued to
# digits ("20m", "5k"); see extract.py.
MAGNITUDES: dict[str, int] = {
    "thousand": 3, "k": 3, "mila": 3,
    "million": 6, "mn": 6, "m": 6, "mio": 6, "mln": 6, "milione": 6, "milioni": 6, "millionen": 6,
    "billion": 9, "bn": 9, "b": 9, "miliardo": 9, "miliardi": 9, "milliarden": 9, "mrd": 9, "milliards": 9,
    "trillion": 12, "tn": 12, "tr": 12,
    "millones": 6, "millón": 6, "milliard": 9,
}
MAGNITUDE_WORDS = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12}  # how messages spell them

NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())} | {
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
DOZEN = ("dozen",)

# Fraction words -> the share they name. Singular and plural forms ("a third", "two thirds").
FRACTIONS: dict[str, float] = {
    "half": 1 / 2, "third": 1 / 3, "quarter": 1 / 4, "fourth": 1 / 4, "fifth": 1 / 5, "sixth": 1 / 6,
    "seventh": 1 / 7, "eighth": 1 / 8, "ninth": 1 / 9, "tenth": 1 / 10,
}
FRACTION_PLURALS = {f"{w}s": w for w in FRACTIONS if w != "half"}

# Verbs and adjectives naming a factor: "doubled", "halving", "triple".
MULTIPLES: dict[str, float] = {
    **dict.fromkeys(["doubled", "double", "doubling", "doubles"], 2),
    **dict.fromkeys(["tripled", "triple", "tripling", "triples", "trebled", "treble", "trebling"], 3),
    **dict.fromkeys(["quadrupled", "quadruple", "quadrupling"], 4),
    **dict.fromkeys(["halved", "halve", "halving", "halves"], 0.5),
}

# -- hedges ----------------------------------------------------------------------

HEDGES: dict[str, str] = {
    **dict.fromkeys(["about", "around", "roughly", "approximately", "approx", "approx.", "some",
                     "circa", "ca.", "c.", "estimated", "an estimated", "more or less", "on the order of",
                     "in the region of", "something like", "~", "≈", "about a", "roughly a",
                     "rund", "etwa", "circa", "environ", "unos", "unas"], "about"),
    **dict.fromkeys(["over", "more than", "above", "upwards of", "in excess of", "exceeding",
                     "just over", "north of", "greater than", ">", "topped", "exceeded", "surpassed"], "over"),
    **dict.fromkeys(["at least", "no less than", "a minimum of", "no fewer than", "≥"], "at-least"),
    **dict.fromkeys(["nearly", "almost", "close to", "just under", "just shy of"], "nearly"),
    **dict.fromkeys(["up to", "at most", "as much as", "as many as", "no more than",
                     "a maximum of", "not more than", "≤"], "up-to"),
    **dict.fromkeys(["under", "less than", "below", "fewer than", "<"], "under"),
    **dict.fromkeys(["exactly", "precisely", "exact"], "exactly"),
}
HEDGE_SYMBOLS = frozenset(h for h in HEDGES if not h[0].isalpha())  # glued to the figure: "~640"
# "edged up to 7.2%", "ran up to 4,100": after a verb of motion "up to" is a direction, not a hedge.
MOTION_VERBS = frozenset(
    "edged ticked crept inched ran went moved climbed rose jumped shot surged soared rallied "
    "spiked ramped built came grew swelled leapt leaped raced risen gone".split())

# -- directions ------------------------------------------------------------------

FALL_WORDS = frozenset(
    "fell fall falls falling fallen dropped drop drops dropping declined decline declines declining "
    "down plummeted plunged plunge slumped slump sank sink shrank shrink shrunk lost lose cut cuts "
    "slashed slash slashing halved halving decreased decrease decreases tumbled tumble collapsed "
    "lower reduced reduce reduction eased dipped dip slid slide contracted contraction retreated "
    "lowered slipped sliding tumbling plunging narrowed narrowing shrinking below "
    # Italian, German, French, Spanish
    "scese scesa sceso scesi calato calata calo diminuito ridotto gesunken fiel gefallen "
    "reculé baissé baisse chuté bajó bajaron cayó cayeron".split())
RISE_WORDS = frozenset(
    "rose rise rises rising risen grew grow grows growing growth up increased increase increases "
    "increasing gained gain gains climbed climb jumped jump jumps soared surged surge doubled "
    "doubling tripled tripling quadrupled higher expanded expansion added boosted boost boosts "
    "rebounded rebound hike hiked spiked spike leap leapt leaped rallied add adds adding "
    "increase upswing widened widening above "
    "salito salita saliti cresciuto cresciuti cresciuta aumentato aumento crescita stieg gestiegen wuchs "
    "augmenté progressé hausse crecieron creció subió subieron aumentó".split())
# Nouns that say a direction only after the figure ("a 5% growth"), not before it ("growth forecast").
DIRECTION_NOUNS = frozenset("growth expansion reduction contraction upswing".split())
# "made up 16.5% of sales": after these verbs "up" is no direction.
PHRASAL_UP = frozenset("made make makes making sum sums summed took take takes set sets".split())
PERCENT_WORDS = ("percent", "per cent", "per cento", "pct", "prozent", "por ciento", "pour cent")
# Direction words that may follow the figure: "38.1% lower than", "a 74% year-on-year drop".
AFTER_DIRECTIONS = frozenset(
    "lower higher drop drops decline declines fall falls rise rises increase increases gain gains jump "
    "jumps cut cuts boost reduction growth slump plunge surge down up decrease dip slide spike hike "
    "rebound contraction expansion slash below above upswing".split())
# Between a direction word and its figure, these make the figure the level reached ("fell to
# 12%", "scese a 2.415", "stieg auf"), not the size of the change ("fell 9%").
LEVEL_WORDS = frozenset("to at from a al alla allo ai auf bei à au hasta".split())
# Words between a figure and a direction word after it: "a 74% year-on-year drop".
CHANGE_WINDOWS = frozenset(
    "year-on-year year-over-year yoy y/y month-on-month month-over-month quarter-on-quarter "
    "annual annualised annualized quarterly monthly weekly overall sharp steep further".split())

# -- dates -----------------------------------------------------------------------

MONTHS: dict[str, int] = ({n.lower(): i for i, n in enumerate(calendar.month_name) if n}
                          | {n.lower(): i for i, n in enumerate(calendar.month_abbr) if n} | {"sept": 9})
WEEKDAYS: dict[str, int] = {n.lower(): i for i, n in enumerate(calendar.day_name)}
COUNT_WORDS: dict[str, int] = {"a": 1, "an": 1} | {w: n for w, n in NUMBER_WORDS.items() if 1 <= n <= 12}
ORDINAL_WORDS: dict[str, int] = {w: i for i, w in enumerate(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()) if i}

# -- units as printed --------------------------------------------------------------

# Printed word or abbreviation -> unit expression (pint's, or a count unit below).
UNIT_WORDS: dict[str, str] = {
    **dict.fromkeys(["tonnes", "tonne", "metric tons", "metric ton", "metric tonnes", "t",
                     "tonnellate", "tonnellata", "tonnen", "toneladas"], "t"),
    **dict.fromkeys(["tons", "ton"], "ton"),  # short tons in US usage
    **dict.fromkeys(["kilograms", "kilogram", "kg", "kilos", "kilo"], "kg"),
    **dict.fromkeys(["grams", "gram"], "g"),  # not "g": "5G" is a network
    **dict.fromkeys(["pounds", "pound", "lb", "lbs"], "lb"),
    **dict.fromkeys(["ounces", "ounce", "oz"], "oz"),
    **dict.fromkeys(["gigawatt-hours", "gigawatt hours", "gigawatt-hour", "gigawatt hour", "gwh"], "GWh"),
    **dict.fromkeys(["terawatt-hours", "terawatt hours", "terawatt-hour", "terawatt hour", "twh"], "TWh"),
    **dict.fromkeys(["megawatt-hours", "megawatt hours", "megawatt-hour", "megawatt hour", "mwh"], "MWh"),
    **dict.fromkeys(["kilowatt-hours", "kilowatt hours", "kilowatt-hour", "kilowatt hour", "kwh"], "kWh"),
    **dict.fromkeys(["cents", "cent"], "USD/100"),
    **dict.fromkeys(["p", "pence", "penny"], "GBP/100"),  # "35p a share"
    **dict.fromkeys(["decades", "decade"], "decade"),
    **dict.fromkeys(["gigawatts", "gigawatt", "gw"], "GW"),
    **dict.fromkeys(["megawatts", "megawatt", "mw"], "MW"),
    **dict.fromkeys(["kilowatts", "kilowatt", "kw"], "kW"),
    **dict.fromkeys(["barrels", "barrel", "bbl"], "barrel"),
    **dict.fromkeys(["barrels a day", "barrels per day", "bpd", "b/d"], "barrel/day"),
    **dict.fromkeys(["litres", "liters", "litre", "liter"], "l"),
    **dict.fromkeys(["gallons", "gallon"], "gallon"),
    **dict.fromkeys(["acres", "acre"], "acre"),
    **dict.fromkeys(["hectares", "hectare", "ha", "ettari"], "ha"),
    **dict.fromkeys(["square feet", "square foot", "square-foot", "square-feet", "sq ft", "sq. ft.", "sq-ft", "sqft"],
                    "ft**2"),
    **dict.fromkeys(["square metres", "square meters", "square metre", "square meter", "sq m", "m2", "m²"], "m**2"),
    **dict.fromkeys(["square miles", "square mile", "square-mile", "sq mi"], "mi**2"),
    **dict.fromkeys(["square kilometres", "square kilometers", "square kilometre", "square-kilometre",
                     "sq km", "km2", "km²"], "km**2"),
    **dict.fromkeys(["kilometres", "kilometers", "kilometre", "kilometer", "km", "chilometri"], "km"),
    **dict.fromkeys(["metres", "meters", "metre", "meter"], "m"),
    **dict.fromkeys(["miles", "mile"], "mi"),
    **dict.fromkeys(["feet", "foot", "ft"], "ft"),
    **dict.fromkeys(["millimetres", "millimeters", "mm"], "mm"),
    **dict.fromkeys(["centimetres", "centimeters", "cm"], "cm"),
    **dict.fromkeys(["inches", "inch"], "inch"),
    **dict.fromkeys(["mph", "miles per hour", "miles an hour"], "mph"),
    **dict.fromkeys(["km/h", "kph", "kilometres per hour", "kilometers per hour"], "km/hour"),
    **dict.fromkeys(["°c", "degrees celsius", "celsius", "C"], "degC"),
    **dict.fromkeys(["°f", "degrees fahrenheit", "fahrenheit", "F"], "degF"),
    **dict.fromkeys(["hours", "hour"], "hour"),
    **dict.fromkeys(["days", "day"], "day"),
    **dict.fromkeys(["weeks", "week"], "week"),
    **dict.fromkeys(["months", "month"], "month"),
    **dict.fromkeys(["years", "year"], "year"),
    **dict.fromkeys(["minutes", "minute"], "minute"),
    **dict.fromkeys(["seconds", "second"], "second"),
}
# Count units: what a figure counts. Printed (plural and singular) -> the unit name a
# vocabulary declares under `units:` (`new` proposes the declaration when it is missing).
COUNT_UNITS: dict[str, str] = {
    **{f"{n}s": n for n in (
        "job worker employee resident home household patient death student car vehicle cell "
        "flight passenger visitor bed doctor nurse teacher customer subscriber user member voter "
        "farm school hospital store factory plant shop truck seat ticket vote goal mine "
        "licence license permit tree house shipment order loan case".split())},
    "people": "person", "persons": "person", "staff": "worker", "batteries": "battery",
    "companies": "company", "families": "family", "children": "child", "aircraft": "aircraft",
    "species": "species", "women": "woman", "men": "man",
}
# A plural noun after a figure counts what it names ("40 hotels" -> hotel): these end in "s"
# without being plurals.
NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ous", "ics", "news", "series", "ways", "wards")
NOT_COUNTED = frozenset(  # verbs and adverbs that may follow a figure
    "says said means remains seems makes takes comes goes does gets has was is sits stands lies "
    "perhaps besides sometimes nevertheless whereas thus plus minus".split())
COUNT_UNITS |= {v: v for v in set(COUNT_UNITS.values())}  # the singular as printed
# Per-unit phrases: "$640 per kilogram", "$3 a gallon", "$100 billion a year".
PER_WORDS = ("per", "a", "an", "each", "every")  # and "/"
TIME_UNITS = {"year": "year", "annually": "year", "month": "month", "week": "week", "day": "day",
              "hour": "hour", "second": "s", "minute": "minute", "quarter": "quarter"}

# -- labels: digits that name, not count ---------------------------------------------

# "Room 104", "Route 9", "Gate 12": a number after one of these words names a thing.
LABEL_WORDS = frozenset(
    "room route highway interstate gate platform flight bus suite apartment apt exit channel "
    "chapter section page pier terminal building ward precinct district unit lane track bay "
    "stand court locker line level floor form model version series rule article clause "
    "paragraph item lot plot row seat box studio hall block pages item".split())
# Battery cell formats named by their dimensions: "2170 cells", "the 4680 battery".
CELL_FORMATS = frozenset("1865 18650 2170 21700 4680 46800 4695 4680s 4875".split())

# -- number locale -----------------------------------------------------------------------

# Languages whose news writes a decimal comma and dot thousands: "2.415,5", "31,7%".
DECIMAL_COMMA_LANGUAGES = frozenset("it de fr es pt nl pl cs sk sl hr ro ru uk tr sv da no nb fi id vi el".split())


def decimal_mark(language: str | None = None, decimal: str | None = None) -> str:
    """The decimal mark of an article: its `decimal:`, else its `language:`'s, else '.'."""
    if decimal:
        return decimal
    if language and language.split("-")[0].lower() in DECIMAL_COMMA_LANGUAGES:
        return ","
    return "."


# -- run-time additions -----------------------------------------------------------------

_generation = 0
T = TypeVar("T")


def derived(build: Callable[[], T]) -> Callable[[], T]:
    """A value built from the tables, rebuilt after any run-time addition."""
    cache: list = [None, -1]

    @functools.wraps(build)
    def get() -> T:
        if cache[1] != _generation:
            cache[0], cache[1] = build(), _generation
        return cache[0]
    return get


def changed() -> None:
    """Call after editing a table in place: every derived pattern is rebuilt on next use."""
    global _generation
    _generation += 1


def add_currency(currency: Currency) -> None:
    CURRENCIES[currency.code] = currency
    changed()


def add_unit_word(word: str, unit: str) -> None:
    UNIT_WORDS[word.lower()] = unit
    changed()


# -- derived lookups -----------------------------------------------------------------


@derived
def currency_symbols() -> dict[str, str]:
    """Printed prefix (lower case) -> code, longest first: 'us$' before '$'."""
    pairs = {s.lower(): c.code for c in CURRENCIES.values() for s in c.symbols}
    return dict(sorted(pairs.items(), key=lambda kv: -len(kv[0])))


@derived
def currency_words() -> dict[str, str]:
    """Printed word (lower case) -> code: 'yen', 'euros'."""
    return {w.lower(): c.code for c in CURRENCIES.values() for w in c.words}


@derived
def currency_codes() -> frozenset[str]:
    return frozenset(CURRENCIES)


def currency_of(token: str) -> str | None:
    """The code a printed symbol, word or code names, or None."""
    t = token.strip()
    if t in CURRENCIES:
        return t
    return currency_symbols().get(t.lower()) or currency_words().get(t.lower())


def states_unit(value_text: str) -> bool:
    """Whether a written value carries its own unit: '$2.5 billion', '12%', '200 billion yen'."""
    v = value_text.strip().lower().lstrip("+-−~≈ ")
    if "%" in v or any(v.startswith(s) for s in currency_symbols()):
        return True
    last = v.split()[-1] if v.split() else ""
    return last in currency_words() or last.upper() in CURRENCIES


def alternation(words) -> str:
    """A regex alternation of literal words, longest first (so 'us$' wins over '$')."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def direction_of(word: str) -> int:
    w = word.lower()
    if w in MULTIPLES:
        return 1 if MULTIPLES[w] > 1 else -1
    return -1 if w in FALL_WORDS else 1 if w in RISE_WORDS else 0


def singular(word: str) -> str | None:
    """The count unit a plural noun names ("hotels" -> hotel, "batteries" -> battery), or None."""
    w = word.lower()
    if w in COUNT_UNITS:
        return COUNT_UNITS[w]
    if len(w) < 4 or not w.endswith("s") or w.endswith(NOT_PLURAL_ENDINGS):
        return None
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "sses")):
        return w[:-2]
    return w[:-1]
