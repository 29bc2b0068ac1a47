"""Every lexicon entry survives extract -> parse -> unit resolution; adding a currency is one entry."""
from __future__ import annotations

import math
from datetime import date

import pytest

from ledger import lexicon, quantity, timeref
from ledger.extract import extract
from ledger.figures import Figure
from ledger.interval import Interval
from ledger.units import UnitTable

from conftest import article, located

UNITS = UnitTable(count_units=sorted(set(lexicon.COUNT_UNITS.values())))


def _one(text: str, kind: str | tuple = ("quantity",)):
    kinds = (kind,) if isinstance(kind, str) else kind
    found = [m for m in extract(text) if m.kind in kinds]
    assert len(found) == 1, f"{text!r}: {[(m.text, m.kind, m.unit) for m in extract(text)]}"
    return found[0]


def _currency_spellings():
    for c in lexicon.CURRENCIES.values():
        for symbol in c.symbols:
            yield c.code, f"It cost {symbol}5 million last year."
        for word in c.words:
            yield c.code, f"It cost 5 million {word} last year."
        yield c.code, f"It cost {c.code} 5 million last year."
        yield c.code, f"It cost 5 million {c.code} last year."


@pytest.mark.parametrize("code,text", list(_currency_spellings()))
def test_every_currency_spelling(code, text):
    m = _one(text)
    assert (m.unit, m.value) == (code, 5e6)
    assert quantity.parse_number(m.text).unit_hint == code  # the mention as written is a ledger value
    assert UNITS.resolve(m.unit).currency == code


@pytest.mark.parametrize("word,exponent", sorted(lexicon.MAGNITUDES.items()))
def test_every_magnitude(word, exponent):
    written = f"$5{word}" if len(word) == 1 else f"$5 {word}"
    m = _one(f"The fund holds {written} in bonds.")
    assert m.text == written and math.isclose(m.value, 5 * 10 ** exponent)
    assert math.isclose(quantity.parse_number(m.text).value, 5 * 10 ** exponent)


@pytest.mark.parametrize("word,n", sorted(lexicon.NUMBER_WORDS.items()))
def test_every_number_word(word, n):
    written = f"{word} million" if word == "one" else word  # a bare "one" is rarely a figure
    m = _one(f"The plant hired {written} engineers.")
    assert m.value == n * (1e6 if word == "one" else 1)
    assert quantity.parse_number(m.figure).value == m.value


@pytest.mark.parametrize("part", sorted(lexicon.FRACTIONS))
def test_every_fraction(part):
    for written, share in ((f"a {part}", lexicon.FRACTIONS[part]), (f"one-{part}", lexicon.FRACTIONS[part])):
        if part == "half" and written.startswith("one"):
            continue
        m = _one(f"Officials said {written} of the staff left.", "fraction")
        assert math.isclose(m.value, share * 100) and math.isclose(quantity.parse_number(m.figure).value, m.value)
    if part != "half":
        m = _one(f"Officials said two {part}s of the staff left.", "fraction")
        assert math.isclose(m.value, 200 * lexicon.FRACTIONS[part])


@pytest.mark.parametrize("word,factor", sorted(lexicon.MULTIPLES.items()))
def test_every_multiple(word, factor):
    text = f"Output {word} last year." if word.endswith(("ed", "ing")) else f"Output will {word} the target."
    m = _one(text, "multiple")
    assert m.text == word and m.value == factor
    assert quantity.change_factor(quantity.parse_change(m.figure)).contains(factor)


@pytest.mark.parametrize("hedge", sorted(lexicon.HEDGES))
def test_every_hedge(hedge):
    gap = "" if hedge in lexicon.HEDGE_SYMBOLS else " "
    m = _one(f"Officials counted {hedge}{gap}40 cases.")
    assert m.value == 40 and m.qualifier == hedge.lower()
    assert quantity.canonical_hedge(m.qualifier) == lexicon.HEDGES[hedge]


DIRECTIONS = sorted((lexicon.FALL_WORDS | lexicon.RISE_WORDS) - set(lexicon.MULTIPLES))


@pytest.mark.parametrize("word", DIRECTIONS)
def test_every_direction_word(word):
    before = word not in lexicon.DIRECTION_NOUNS and word not in lexicon.HEDGES
    m = _one(f"Sales {word} 5% last year." if before else f"Sales saw a 5% {word} last year.")
    assert m.direction == word and lexicon.direction_of(m.direction) == (-1 if word in lexicon.FALL_WORDS else 1)


@pytest.mark.parametrize("word", sorted(lexicon.AFTER_DIRECTIONS))
def test_every_direction_word_after_the_figure(word):
    assert _one(f"Output was 5% {word} than planned.").direction == word


@pytest.mark.parametrize("month,n", sorted(lexicon.MONTHS.items()))
def test_every_month(month, n):
    written = f"{month.title()} 3, 2025"
    m = _one(f"It was signed on {written} in Paris.", "date")
    assert m.text == written
    assert timeref.parse_date(written).lo == date(2025, n, 3)


@pytest.mark.parametrize("weekday,n", sorted(lexicon.WEEKDAYS.items()))
def test_every_weekday(weekday, n):
    published = timeref.parse_date("2025-06-04")  # a Wednesday
    assert timeref.resolve_when(weekday.title(), published).lo.weekday() == n


@pytest.mark.parametrize("word,unit", sorted(lexicon.UNIT_WORDS.items()) + sorted(lexicon.COUNT_UNITS.items()))
def test_every_unit_word(word, unit):
    gap = "" if len(word) == 1 or word.startswith("°") else " "
    m = _one(f"The site recorded 40{gap}{word} last year.")
    assert (m.value, m.unit) == (40, unit)
    info = UNITS.resolve(m.unit)
    assert info.factor > 0


@pytest.mark.parametrize("word", sorted(lexicon.LABEL_WORDS))
def test_every_label_word(word):
    assert [m.kind for m in extract(f"Go to {word.title()} 12 now.") if m.kind in ("quantity", "label")] == ["label"]


# -- adding a currency is one lexicon entry ---------------------------------------------

@pytest.fixture
def cedi():
    added = lexicon.Currency("GHS", ("₵",), ("cedi", "cedis"), prefix="₵")
    before = lexicon.CURRENCIES.get("GHS")
    lexicon.add_currency(added)
    yield added
    if before is None:
        del lexicon.CURRENCIES["GHS"]
    else:
        lexicon.CURRENCIES["GHS"] = before
    lexicon.changed()


def test_a_currency_added_at_run_time_reaches_extract_quote_fidelity_and_display(cedi, check):
    m = _one("Ghana raised ₵50 billion in bonds.")
    assert (m.unit, m.value, m.currency) == ("GHS", 5e10, "GHS")
    assert _one("Ghana raised 50 billion cedis in bonds.").unit == "GHS"
    assert quantity.parse_number("₵50 billion").unit_hint == "GHS"
    assert UNITS.resolve("GHS/year").currency == "GHS"

    text = "Ghana raised ₵50 billion in bonds."
    items = ("claims:\n"
             "  - {id: ok, quote: 'raised ₵50 billion', subject: acme, metric: cost, value: ₵50 billion}\n"
             "  - {id: slip, quote: 'raised ₵50 billion', subject: acme, metric: cost, value: ₵50 million}\n"
             "  - {id: usd, quote: 'raised ₵50 billion', subject: acme, metric: cost, value: 50 billion, unit: USD}\n")
    f = check({"a.yaml": article(text, items=items)}, select=["Q201"])
    assert located(f, "Q201") == [("a.yaml", 9, 5), ("a.yaml", 10, 5)]
    assert "billion in the quote, million in the value" in f[0].message
    assert "in GHS but the unit is USD" in f[1].message

    assert quantity.format_quantity(5e10, "GHS") == "₵50 billion"
    figure = Figure(**{name: None for name in Figure.__slots__} | {
        "value_text": "₵50 billion", "unit_text": "GHS", "generous": Interval(1, 2), "strict": Interval(1, 2)})
    assert figure.written == "₵50 billion"  # not "₵50 billion GHS"


def test_without_the_entry_the_symbol_is_no_currency():
    assert "GHS" not in lexicon.currency_symbols().values() or lexicon.CURRENCIES["GHS"].symbols == ()
    assert all(m.unit != "GHS" for m in extract("Ghana raised ₵50 billion in bonds."))
