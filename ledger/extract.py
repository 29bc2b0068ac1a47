"""Every numeric mention in a text: where it is, what it says, how it is hedged.

`extract(text)` scans for figures in digits ("4,000", "12.3%", "$2.5 billion", "1.5bn"), in
words ("seventy", "two or three", "a dozen"), fractions ("half", "a third"), multiples
("doubled", "three times") and ranges ("25% to 60%"), and keeps years, dates, times of day
and labels ("Rank #3", "2170 Lithium-Ion") apart from quantities so coverage counts only
figures. The figure tables (magnitudes, number words, hedges, currencies) are the ones
quantity.py and units.py read ledger values with, so a mention's `figure` is always a value
the ledger accepts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import quantity
from .direction import direction_sign
from .units import _CURRENCY_WORDS

QUANTITY_KINDS = ("quantity", "fraction", "multiple")  # what coverage counts as figures
DATE_KINDS = ("year", "date")


@dataclass(frozen=True, slots=True)
class Mention:
    text: str                 # the figure as it stands in the text: text[start:end]
    start: int
    end: int
    value: float | None       # in the written unit (6 million -> 6e6; 12.3% -> 12.3); None for dates
    kind: str                 # quantity | fraction | multiple | year | date | time | label | ordinal
    unit: str | None = None   # currency code, "%", "pp" (percentage points) or "x" (a factor)
    qualifier: str | None = None   # hedge as written right before it: "about", "more than"
    magnitude: str | None = None   # magnitude word as written: "million", "bn"
    high: float | None = None      # upper end of a range ("two or three" -> value 2, high 3)
    direction: str | None = None   # direction word before it: "dropped", "rose", "down"
    figure: str | None = None      # the value as a ledger `value:` reads it ("6 million", "12.3%")
    noun: str | None = None        # the word it counts: "batteries", "jobs"

    @property
    def percent(self) -> bool:
        return self.unit in ("%", "pp")

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__} | {"percent": self.percent}


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUMBER_WORDS = dict(quantity._WORDS)  # zero..twenty and the tens, shared with parse_number
_ONES = _alternation(w for w, n in _NUMBER_WORDS.items() if 0 < n < 10)
_SMALL = _alternation(w for w, n in _NUMBER_WORDS.items() if n < 20)
_TENS = _alternation(w for w, n in _NUMBER_WORDS.items() if n >= 20 and n % 10 == 0)
_BELOW_100 = rf"(?:(?:{_TENS})(?:[- ](?:{_ONES}))?|(?:{_SMALL}))"
_MAGNITUDE_WORDS = ("thousand", "million", "billion", "trillion")
_WORD_NUMBER = (rf"(?:{_BELOW_100}(?:\s+hundred(?:\s+(?:and\s+)?{_BELOW_100})?)?"
                rf"|a\s+dozen|an?(?=\s+(?:hundred|{'|'.join(_MAGNITUDE_WORDS)})\b)(?:\s+hundred)?)")

_SYMBOLS = dict(quantity._CURRENCY_PREFIXES) | {"₩": "KRW"}
_CODES = ("USD", "EUR", "JPY", "CNY", "RMB", "KRW", "GBP")
_SUFFIX_CURRENCIES = {w: c for w, c in _CURRENCY_WORDS.items() if w.isalpha()}  # yen, won, euros ...

# The two scanning patterns open with _START, a cheap test that skips positions that cannot
# begin a figure before the long alternations are tried (benchmarks/extract_speed.py).
_START = r"(?=[\d.$€£¥₩×]|\b[a-zA-Z])"
_NUMBER = re.compile(rf"""{_START}
    (?P<cur>{_alternation(_SYMBOLS)}|(?:{'|'.join(_CODES)})\s?)?
    (?:(?P<digits>(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?|\.\d+)|(?P<words>\b{_WORD_NUMBER}\b))
    (?P<mag>\s*(?:{'|'.join(_MAGNITUDE_WORDS)})\b|\s?(?:bn|mn|tn)\b|(?<=\d)(?:m|k|b)\b)?
    (?P<unit>\s?%\s*points?\b|\s?%|\s+percentage\s+points?\b|\s+(?:percent|per\s+cent)\b
       |\s+(?:U\.?S\.?\s+)?(?:{_alternation(_SUFFIX_CURRENCIES)}|{'|'.join(_CODES)})\b)?
    """, re.X | re.I)
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)\b", re.I)
_MULTIPLE = re.compile(rf"""{_START}(?P<verb>\b(?:doubled|tripled|trebled|quadrupled|halved)\b)
    |(?P<n>\b(?:\d+(?:\.\d+)?|{_BELOW_100}))[\s-]?(?:times|fold)\b
    |(?<!\w)[x×]\s?(?P<pre>\d+(?:\.\d+)?)\b|\b(?P<post>\d+(?:\.\d+)?)[x×](?!\w)""", re.X | re.I)
_FRACTION = re.compile(r"\b(?:(?P<count>a|an|one|two|three|four)[\s-]+)?(?P<part>half|thirds?|quarters?|fifths?)\b", re.I)
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = re.compile(rf"""
      \b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b(?!:)
    | \b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}})?\b
    | \b{_MONTH}\s+(?:of\s+)?\d{{4}}\b
    | \b[QH][1-4](?:\s*(?:of\s+)?(?:\d{{4}}|'\d{{2}}))?\b
    | \b\d{{4}}-\d{{2}}(?:-\d{{2}})?\b | \b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b
    """, re.X)
_TIME = re.compile(r"\b\d{1,2}(?::\d{2}){1,2}(?:\s*[ap]\.?\s?m\b\.?)?|\b\d{1,2}\s*[ap]\.m\.", re.I)
_DECADE = re.compile(r"\b(?:1[89]|20)\d0s\b")
_LABEL = re.compile(r"#\s?\d+\b|\b(?:No|Nos|no)\.\s?\d+\b")
_HEDGE_BEFORE = re.compile(rf"(?:^|(?<=\W))({_alternation(quantity.HEDGES)})\s+$", re.I)
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|or|and)\s*", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_STOP = frozenset("a an and as at by for from in into is of on or per that the to was were with".split())


def extract(text: str) -> list[Mention]:
    """Every numeric mention in `text`, in order of position; spans never overlap."""
    # One byte per character, set where a mention already stands: testing and marking a span
    # costs its length, so the whole scan stays linear in the text (a list of taken spans
    # scanned per candidate made it quadratic in the number of figures).
    taken = bytearray(len(text))
    found: list[Mention] = []

    def free(start: int, end: int) -> bool:
        return taken.find(1, start, end) == -1

    def add(m: Mention | None) -> None:
        if m is not None and free(m.start, m.end):
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
            found.append(m)

    # Most specific shapes first: a date or a time of day must not be read as a quantity.
    for pattern, kind in ((_TIME, "time"), (_DATE, "date"), (_LABEL, "label")):
        for m in pattern.finditer(text):
            add(Mention(m.group(), m.start(), m.end(), _date_year(m.group()), kind))
    for m in _DECADE.finditer(text):
        add(Mention(m.group(), m.start(), m.end(), float(m.group()[:4]), "year"))
    for m in _MULTIPLE.finditer(text):
        add(_multiple(text, m))
    for m in _FRACTION.finditer(text):
        add(_fraction(text, m))
    for m in _ORDINAL.finditer(text):
        if _clean_left(text, m.start()):
            add(Mention(m.group(), m.start(), m.end(), float(re.match(r"\d+", m.group()).group()), "ordinal"))
    pos = 0
    while True:
        m = _NUMBER.search(text, pos)
        if m is None:
            break
        mention = _number(text, m) if free(m.start(), m.end()) else None
        if mention is None:
            pos = m.start() + 1
            continue
        mention = _range(text, mention, free) or mention
        add(mention)
        pos = mention.end
    return sorted(found, key=lambda x: x.start)


def _date_year(text: str) -> float | None:
    year = re.search(r"\b(1[89]|20)\d\d\b", text)
    return float(year.group()) if year else None


def _clean_left(text: str, start: int) -> bool:
    """A figure starts a token: no letter, digit or code-ish joiner glued to its left."""
    if start == 0:
        return True
    before = text[start - 1]
    if before.isalnum() or before in "._/#:":
        return False
    return not (before in "-–" and start >= 2 and text[start - 2].isalnum())


def _number(text: str, m: re.Match, joined: bool = False) -> Mention | None:
    """The mention a _NUMBER match makes, or None when it is part of a code or a non-figure;
    `joined`: the second figure of a range, glued to the first by '-'."""
    end = m.end()
    if not (joined or _clean_left(text, m.start())) or (end < len(text) and (text[end].isalnum() or text[end] in "_")):
        return None  # part of a code such as 7MBR75U2H060-50
    if end + 1 < len(text) and text[end] in ".,:" and text[end + 1].isdigit():
        return None  # "1.2.3", "2:17"
    digits, words = m.group("digits"), m.group("words")
    cur, mag, unit_text = m.group("cur"), m.group("mag"), m.group("unit")
    if words and words.strip().lower() == "one" and not (mag or unit_text or cur):
        return None  # "one of the", "no one": too often not a figure
    unit = _unit(cur, unit_text)
    core = digits or " ".join(words.lower().split())
    magnitude = mag.strip().lower() if mag else None
    figure, value = _figure(core, magnitude, unit)
    if (digits and not cur and not mag and not unit and "," not in digits and "." not in digits
            and len(digits) == 4 and 1800 <= int(digits) <= 2100):
        kind = "year"
    elif digits and not (cur or mag or unit) and _is_label(text, m.start(), end, digits):
        kind = "label"
    else:
        kind = "quantity"
    qualifier, hedge_start = _hedge(text, m.start()) if kind == "quantity" else (None, m.start())
    return Mention(m.group(), m.start(), end, value, kind, unit, qualifier, magnitude,
                   direction=_direction(text, hedge_start) if kind == "quantity" else None,
                   figure=figure if kind == "quantity" else None, noun=_noun(text, end))


def _unit(cur: str | None, unit_text: str | None) -> str | None:
    if unit_text:
        u = " ".join(unit_text.lower().split()).replace("u.s. ", "").replace("us ", "")
        if "point" in u:
            return "pp"
        if u in ("%", "percent", "per cent"):
            return "%"
        return _SUFFIX_CURRENCIES.get(u) or ("CNY" if u == "rmb" else u.upper())
    if cur:
        c = cur.strip()
        return _SYMBOLS.get(c.lower()) or ("CNY" if c.upper() == "RMB" else c.upper())
    return None


def _figure(core: str, magnitude: str | None, unit: str | None) -> tuple[str, float]:
    """(a figure parse_number reads, its value); number words parse_number lacks become digits."""
    text = f"{core}{' ' if len(magnitude) > 2 else ''}{magnitude}" if magnitude else core  # "6 million", "1.5bn"
    if unit in ("%", "pp"):
        text += "%"
    try:
        return text, quantity.parse_number(text).value
    except quantity.QuantityError:  # "two hundred": parse_number reads words up to ninety-nine
        n = _words_value(core)
        text = f"{n:,} {magnitude}" if magnitude else f"{n:,}"
        value = n * 10 ** quantity._MAGNITUDES.get(magnitude, 0)
        return text + ("%" if unit in ("%", "pp") else ""), float(value)


def _words_value(words: str) -> int:
    """'two hundred and fifty' -> 250; 'a hundred' -> 100; 'a' (before a magnitude) -> 1."""
    total = 0
    for word in re.split(r"[\s-]+", words.lower()):
        if word == "hundred":
            total = max(total, 1) * 100
        elif word in ("a", "an"):
            total += 1
        elif word != "and":
            total += _NUMBER_WORDS[word]
    return total


def _is_label(text: str, start: int, end: int, digits: str) -> bool:
    """'America 2170 Lithium-Ion': a bare integer between two capitalised words names a model."""
    before = re.search(r"([A-Za-z]+)\s+$", text[max(0, start - 40):start])
    after = re.match(r"\s+([A-Za-z]+)", text[end:end + 40])
    return bool(len(digits) >= 2 and before and after and before.group(1)[0].isupper()
                and after.group(1)[0].isupper() and not after.group(1).isupper())


def _hedge(text: str, start: int) -> tuple[str | None, int]:
    origin = max(0, start - 40)
    m = _HEDGE_BEFORE.search(text[origin:start])
    if not m:
        return None, start
    return " ".join(m.group(1).lower().split()), origin + m.start(1)


def _direction(text: str, start: int) -> str | None:
    """The nearest direction word among the few before the figure, within its clause."""
    window = re.split(r"[.;:!?\n]", text[max(0, start - 60):start])[-1]
    for word in reversed(_WORD.findall(window)[-4:]):
        if direction_sign(word):
            return word.lower()
    return None


def _noun(text: str, end: int) -> str | None:
    m = re.match(r"\s+(?:of\s+)?([A-Za-z][A-Za-z-]*)", text[end:end + 40])
    if not m or m.group(1).lower() in _STOP:
        return None
    return m.group(1)


def _range(text: str, first: Mention, free) -> Mention | None:
    """'two or three months', '25% to 60%', 'between 10 and 20 million': one mention, value..high."""
    join = _RANGE_JOIN.match(text, first.end)
    if not join or first.kind != "quantity":
        return None
    word = join.group().strip().lower()
    lead = text[max(0, first.start - 12):first.start].lower()
    between = lead.rstrip().endswith("between")
    if word == "and" and not between:
        return None
    if word == "to" and not between and (re.search(r"\bfrom\s+(?:\S+\s+)?$", lead) or first.direction):
        return None  # "fell from 37% to 12%": two states, not a range
    m = _NUMBER.match(text, join.end())
    second = _number(text, m, joined=True) if m and free(m.start(), m.end()) else None
    if second is None or second.kind != "quantity" or second.qualifier:
        return None
    unit = first.unit or second.unit
    if first.unit and second.unit and first.unit != second.unit:
        return None
    magnitude = first.magnitude or second.magnitude
    low = first
    if magnitude and not first.magnitude:  # "10 to 20 million": the magnitude is shared
        figure, value = _figure(first.figure.rstrip("%"), magnitude, unit)
        low = Mention(first.text, first.start, first.end, value, "quantity", unit, first.qualifier, magnitude,
                      figure=figure)
    elif unit and not first.unit:
        figure, value = _figure(first.figure, None, unit)
        low = Mention(first.text, first.start, first.end, value, "quantity", unit, first.qualifier, None,
                      figure=figure)
    if second.value is None or low.value is None or second.value <= low.value:
        return None
    return Mention(text[first.start:second.end], first.start, second.end, low.value, "quantity", unit,
                   first.qualifier, magnitude, high=second.value, direction=first.direction,
                   figure=low.figure, noun=second.noun)


def _multiple(text: str, m: re.Match) -> Mention | None:
    if not _clean_left(text, m.start()):
        return None
    written = m.group()
    if m.group("verb"):
        change = quantity.parse_change(written.lower())
        return Mention(written, m.start(), m.end(), change.number.value, "multiple", "x",
                       direction=written.lower(), figure=written.lower())
    n = m.group("n") or m.group("pre") or m.group("post")
    value = float(n) if n[0].isdigit() else float(_words_value(n))
    if n.strip().lower() == "one":
        return None
    return Mention(written, m.start(), m.end(), value, "multiple", "x", qualifier=_hedge(text, m.start())[0],
                   figure=f"x{n if n[0].isdigit() else _words_value(n)}")


def _fraction(text: str, m: re.Match) -> Mention | None:
    """'a third', 'two-thirds', 'by half', 'nearly half of': shares, read as quantity.py reads them."""
    count, part = m.group("count"), m.group("part").lower()
    before = text[max(0, m.start() - 40):m.start()]
    after = text[m.end():m.end() + 8].lower()
    hedge, hedge_start = _hedge(text, m.start())
    if not count and part != "half":
        return None  # "the third of May"; bare "third" is an ordinal
    if re.search(r"\b(?:first|second|third|fourth|last|latter|former|this|next|fiscal)\s+$", before, re.I):
        return None  # "the first half of 2025", "this quarter": periods
    if not (re.match(r"\s+(?:of|the)\b", after) or (count and count.lower() not in ("a", "an", "one"))
            or hedge or re.search(r"\bby\s+$", before, re.I)):
        return None  # "half-time", "a quarter" (of a year): not a share
    written = " ".join(m.group().lower().replace("-", " ").split())
    try:
        number = quantity.parse_number(written)
    except quantity.QuantityError:
        return None  # "two third": not a fraction
    return Mention(m.group(), m.start(), m.end(), number.value, "fraction", "%", hedge,
                   direction=_direction(text, hedge_start), figure=written, noun=_noun(text, m.end()))
