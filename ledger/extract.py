"""Every numeric mention in a text: where it is, what it says, how it is hedged.

`extract(text, decimal=".")` scans for figures in digits ("4,000", "12.3%", "$2.5 billion",
"1.5bn", "-40%", "3.2-million"), in words ("seventy", "two or three", "half a billion"),
fractions ("half", "one-tenth", "a third of 37,500 homes"), multiples ("doubled", "halving",
"more than four times") and ranges ("25% to 60%"), and keeps years, dates, times of day and
labels ("Room 104", "No. 1", "24/7", "555-0147", "2170 cells") apart from quantities so
coverage counts only figures. Every word it knows comes from lexicon.py, so a mention's
`figure` is always a value the ledger accepts and its `unit` a unit the ledger resolves.
`decimal=","` reads the figures of a decimal-comma article ("2.415", "-31,7%").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from . import lexicon, quantity
from .figurecontext import after_direction, before_direction, glued_unit, hedge_before, noun_after, unit_after
from .figurepatterns import passes, patterns
from .lexicon import alternation

QUANTITY_KINDS = ("quantity", "fraction", "multiple")  # what coverage counts as figures
DATE_KINDS = ("year", "date")


@dataclass(frozen=True, slots=True)
class Mention:
    text: str                 # the figure as it stands in the text: text[start:end]
    start: int
    end: int
    value: float | None       # in the written unit, signed as printed (6 million -> 6e6; -40% -> -40)
    kind: str                 # quantity | fraction | multiple | year | date | time | label | ordinal
    unit: str | None = None   # a unit expression: "USD", "%", "pp", "x" (a factor), "t", "USD/kg", "job"
    qualifier: str | None = None   # hedge as written right before it: "about", "more than", "~"
    magnitude: str | None = None   # magnitude word as written: "million", "bn"
    high: float | None = None      # upper end of a range ("two or three" -> value 2, high 3)
    direction: str | None = None   # direction word before or after it: "dropped", "rose", "lower"
    figure: str | None = None      # the value as a ledger `value:` reads it ("6 million", "12.3%")
    noun: str | None = None        # the word it counts: "batteries", "jobs"
    whole: float | None = None     # a fraction of a stated whole: "a third of 37,500 homes" -> 37500
    start_figure: str | None = None  # "from 37% to 12%": the earlier state of the 12%

    @property
    def percent(self) -> bool:
        return self.unit in ("%", "pp")

    @property
    def currency(self) -> str | None:
        code = (self.unit or "").split("/")[0]
        return code if code in lexicon.CURRENCIES else None

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__} | {"percent": self.percent}


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)\b", re.I)
_TIME = re.compile(r"\b\d{1,2}(?::\d{2}){1,2}(?:\s*[ap]\.?\s?m\b\.?)?|\b\d{1,2}\s*[ap]\.m\.", re.I)
_TO = re.compile(r"\s+to\s+")
_FROM = re.compile(r"\bfrom\s+(?:\S+\s+)?$")
_DECADE = re.compile(r"\b(?:1[89]|20)\d0s\b")
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|or|and)\s*", re.I)
_PHONE = re.compile(r"(\d{3})-(\d{4})$")
_DURATIONS = frozenset({"year", "month", "week", "day", "hour", "minute", "decade"})


def extract(text: str, decimal: str = ".") -> list[Mention]:
    """Every numeric mention in `text`, in order of position; spans never overlap."""
    p = patterns()
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
    for pattern, kind in ((_TIME, "time"), (p.date, "date"), (p.label, "label")):
        for m in pattern.finditer(text):
            if kind == "label" and not _is_label(m.group()):
                continue
            add(Mention(m.group(), m.start(), m.end(), _date_year(m.group()) if kind == "date" else None, kind))
    for m in _DECADE.finditer(text):
        add(Mention(m.group(), m.start(), m.end(), float(m.group()[:4]), "year"))
    multiples, fractions, ratios = passes(p, text)
    if multiples:
        for m in p.multiple.finditer(text):
            add(_multiple(text, m))
    if fractions:
        for m in p.fraction.finditer(text):
            add(_fraction(text, m, decimal))
    if ratios:
        for m in p.ratio.finditer(text):
            add(_ratio(text, m))
    for m in _ORDINAL.finditer(text):
        if _clean_left(text, m.start()):
            add(Mention(m.group(), m.start(), m.end(), float(re.match(r"\d+", m.group()).group()), "ordinal"))
    number = p.number[decimal]
    pos = 0
    while True:
        m = number.search(text, pos)
        if m is None:
            break
        mention = _number(text, m, decimal) if free(m.start(), m.end()) else None
        if mention is None:
            pos = m.start() + 1
            continue
        mention = _range(text, mention, free, decimal) or mention
        add(mention)
        pos = mention.end
    return _link(text, sorted(found, key=lambda x: x.start))


def _is_label(written: str) -> bool:
    phone = _PHONE.search(written)
    if phone and len(written) == 8:  # "555-0147" is a phone number; "300-1000" a range
        return phone.group(2).startswith("0") or int(phone.group(2)) <= int(phone.group(1))
    return True


def _link(text: str, found: list[Mention]) -> list[Mention]:
    """Directions read only up to the previous figure; 'from 37% to 12%' links the two states."""
    out: list[Mention] = []
    prev_end = 0
    for m in found:
        if m.kind in QUANTITY_KINDS and m.direction is None:
            start = hedge_before(patterns().hedge_before, text, m.start)[1] if m.qualifier else m.start
            word = before_direction(text, max(prev_end, start - 60), start) or after_direction(text, m.end)
            if word:
                m = replace(m, direction=word)
        if m.kind == "quantity" and out and out[-1].kind == "quantity":
            first = out[-1]
            between = text[first.end:m.start]
            if _TO.fullmatch(between) and _FROM.search(text[max(0, first.start - 16):first.start]):
                m = replace(m, start_figure=first.figure, direction=m.direction or first.direction)
        out.append(m)
        prev_end = m.end if m.kind in QUANTITY_KINDS else prev_end
    return out


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


def _number(text: str, m: re.Match, decimal: str, joined: bool = False) -> Mention | None:
    """The mention a number match makes, or None when it is part of a code or a non-figure;
    `joined`: the second figure of a range, glued to the first by '-'."""
    end = m.end()
    if not (joined or _clean_left(text, m.start())) or (end < len(text) and (text[end].isalnum() or text[end] in "_")):
        if not (end < len(text) and text[end].isalnum() and glued_unit(text, end)):
            return None  # part of a code such as 7MBR75U2H060-50, not "5kg", "38C"
    if end + 1 < len(text) and text[end] in ".,:" and text[end + 1].isdigit():
        return None  # "1.2.3", "2:17"
    digits, words = m.group("digits"), m.group("words")
    cur, mag, unit_text = m.group("cur"), m.group("mag"), m.group("unit")
    if words and words.strip().lower() == "one" and not (mag or unit_text or cur):
        return None  # "one of the", "no one": too often not a figure
    sign = "-" if m.group("sign") in ("-", "−") else ""
    unit = _unit(cur, unit_text)
    core = _ledger_digits(digits, decimal) if digits else " ".join(words.lower().split())
    magnitude = mag.strip(" -").lower() if mag else None
    figure, value = _figure(sign + core, magnitude, unit)
    if (digits and not cur and not mag and not unit and not sign and "," not in digits and "." not in digits
            and len(digits) == 4 and 1800 <= int(digits) <= 2100):
        kind = "year"
    elif digits and not (cur or mag or unit or sign) and _model_name(text, m.start(), end, digits):
        kind = "label"
    else:
        kind = "quantity"
    if kind != "quantity":
        return Mention(m.group(), m.start(), end, value, kind, noun=noun_after(text, end))
    if unit in (None, "pp") or unit in lexicon.CURRENCIES:
        after = unit_after(text, end, unit)
        unit = after or unit
    qualifier, _ = hedge_before(patterns().hedge_before, text, m.start())
    if qualifier and lexicon.HEDGES.get(qualifier) == "over" and unit in _DURATIONS:
        qualifier = None  # "over five years" is a period, not "more than five years"
    return Mention(m.group(), m.start(), end, value, kind, unit, qualifier, magnitude,
                   figure=figure, noun=noun_after(text, end))


def _ledger_digits(digits: str, decimal: str) -> str:
    """Digits in ledger notation (dot decimal, comma thousands): '2.415' (it) -> '2,415'."""
    return digits.translate(str.maketrans(",.", ".,")) if decimal == "," else digits


def _unit(cur: str | None, unit_text: str | None) -> str | None:
    if unit_text:
        u = " ".join(unit_text.lower().split()).replace("u.s. ", "").replace("us ", "")
        if "point" in u:
            return "pp"
        if u == "%" or u in lexicon.PERCENT_WORDS:
            return "%"
        u = re.sub(r"^(?:di|de|d['’])\s*", "", u)
        return lexicon.currency_of(u) or lexicon.currency_of(u.upper()) or u.upper()
    if cur:
        return lexicon.currency_of(cur.strip())
    return None


def _figure(core: str, magnitude: str | None, unit: str | None) -> tuple[str, float]:
    """(a figure parse_number reads, its value)."""
    text = f"{core}{' ' if len(magnitude) > 2 else ''}{magnitude}" if magnitude else core  # "6 million", "1.5bn"
    if unit in ("%", "pp"):
        text += "%"
    values = _values()
    value = values.get(text)
    if value is None:
        if len(values) > _MAX_VALUES:
            values.clear()
        value = values[text] = quantity.parse_number(text).value
    return text, value


# Figures repeat across an archive ("4,000", "6 million"): each is read once (per lexicon).
_values = lexicon.derived(dict)
_MAX_VALUES = 1 << 16
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+$")
_WORD_AFTER = re.compile(r"\s+([A-Za-z]+)")


def _model_name(text: str, start: int, end: int, digits: str) -> bool:
    """'America 2170 Lithium-Ion': a bare integer between two capitalised words names a model."""
    if len(digits) < 2 or not start or not text[start - 1].isspace():
        return False
    after = _WORD_AFTER.match(text[end:end + 40])
    if not after or not after.group(1)[0].isupper() or after.group(1).isupper():
        return False
    before = _WORD_BEFORE.search(text[max(0, start - 40):start])
    return bool(before and before.group(1)[0].isupper())


def _range(text: str, first: Mention, free, decimal: str) -> Mention | None:
    """'two or three months', '25% to 60%', 'between 10 and 20 million': one mention, value..high."""
    join = _RANGE_JOIN.match(text, first.end)
    if not join or first.kind != "quantity":
        return None
    word = join.group().strip().lower()
    lead = text[max(0, first.start - 12):first.start].lower()
    between = lead.rstrip().endswith("between")
    if word == "and" and not between:
        return None
    if word == "to" and not between and (re.search(r"\bfrom\s+(?:\S+\s+)?$", lead)
                                         or before_direction(text, max(0, first.start - 60), first.start)):
        return None  # "fell from 37% to 12%", "edged up to 7.2%": two states, not a range
    m = patterns().number[decimal].match(text, join.end())
    second = _number(text, m, decimal, joined=True) if m and free(m.start(), m.end()) else None
    if second is None or second.kind != "quantity" or second.qualifier:
        return None
    if first.unit and second.unit and first.unit != second.unit:
        return None
    unit = first.unit or second.unit
    magnitude = first.magnitude or second.magnitude
    low = first
    if magnitude and not first.magnitude:  # "10 to 20 million": the magnitude is shared
        figure, value = _figure(first.figure.rstrip("%"), magnitude, unit)
        low = replace(first, value=value, magnitude=magnitude, figure=figure)
    elif unit and not first.unit:
        figure, value = _figure(first.figure, None, unit)
        low = replace(first, value=value, figure=figure)
    if second.value is None or low.value is None or second.value <= low.value:
        return None
    return Mention(text[first.start:second.end], first.start, second.end, low.value, "quantity", unit,
                   first.qualifier, magnitude, high=second.value, figure=low.figure, noun=second.noun)


def _multiple(text: str, m: re.Match) -> Mention | None:
    if not _clean_left(text, m.start()):
        return None
    written = m.group()
    qualifier = hedge_before(patterns().hedge_before, text, m.start())[0]
    if m.group("verb") or m.group("bare"):
        group = "verb" if m.group("verb") else "bare"
        word = m.group(group).lower()
        if m.group("hedged"):
            qualifier = " ".join(m.group("hedged").lower().split())
        return Mention(m.group(group), m.start(group), m.end(group), lexicon.MULTIPLES[word], "multiple", "x",
                       qualifier, direction=word, figure=word)
    n = m.group("n") or m.group("pre") or m.group("post")
    value = float(n) if n[0].isdigit() else float(quantity.words_value(n.lower()))
    if n.strip().lower() == "one":
        return None
    return Mention(written, m.start(), m.end(), value, "multiple", "x", qualifier,
                   figure=f"x{n if n[0].isdigit() else quantity.words_value(n.lower())}")


def _fraction(text: str, m: re.Match, decimal: str) -> Mention | None:
    """'a third', 'two-thirds', 'by half', 'nearly half of', 'one-tenth': shares, read as
    quantity.py reads them; 'a third of 37,500 homes' keeps the whole it is a part of."""
    count, part = m.group("count"), m.group("part").lower()
    before = text[max(0, m.start() - 40):m.start()]
    after = text[m.end():m.end() + 40]
    hedge, _ = hedge_before(patterns().hedge_before, text, m.start())
    if not count and part != "half":
        return None  # "the third of May"; bare "third" is an ordinal
    if re.search(r"\b(?:first|second|third|fourth|last|latter|former|this|next|fiscal)\s+$", before, re.I):
        return None  # "the first half of 2025", "this quarter": periods
    if part == "half" and re.match(r"\s+an?[\s-]+\w", after, re.I) and re.match(
            rf"\s+an?[\s-]+(?:{alternation(lexicon.MAGNITUDES)}|hundred|dozen)\b", after, re.I):
        return None  # "half a billion": a number with a magnitude
    if not (re.match(r"\s+(?:of|the)\b", after.lower()) or (count and count.lower() not in ("a", "an", "one"))
            or (count and count.lower() == "one" and "-" in m.group()) or hedge or re.search(r"\bby\s+$", before, re.I)):
        return None  # "half-time", "a quarter" (of a year): not a share
    written = " ".join(m.group().lower().replace("-", " ").split())
    try:
        number = quantity.parse_number(written)
    except quantity.QuantityError:
        return None  # "two third": not a fraction
    whole = None
    of = re.match(r"\s+of\s+(?:the|its|their|all|about|some|roughly)?\s*", after)
    if of:
        w = patterns().number[decimal].match(text, m.end() + of.end())
        if w and (wm := _number(text, w, decimal)) is not None and wm.kind == "quantity" and not wm.percent:
            whole = wm.value
    return Mention(m.group(), m.start(), m.end(), number.value, "fraction", "%", hedge,
                   figure=written, noun=noun_after(text, m.end()), whole=whole)


def _ratio(text: str, m: re.Match) -> Mention | None:
    """'one in five adults', '7 in 10 patients': a share (20 %, 70 %); not '3 in 10 minutes'."""
    n, d = (float(x.replace(",", "")) if x[0].isdigit() else float(quantity.words_value(x.lower()))
            for x in (m.group("n"), m.group("d")))
    after = re.match(r"\s+([a-z]+)", text[m.end():m.end() + 30])
    if not d or n >= d or not _clean_left(text, m.start()) or (after and after.group(1) in lexicon.UNIT_WORDS):
        return None
    share = round(100 * n / d, 6)
    hedge, _ = hedge_before(patterns().hedge_before, text, m.start())
    return Mention(m.group(), m.start(), m.end(), share, "fraction", "%", hedge, figure=f"{share:g}%",
                   noun=noun_after(text, m.end()))
