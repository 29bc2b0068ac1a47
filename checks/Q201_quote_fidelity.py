"""## What it does
Reads the figures in each claim's quote (`factledger extract` does the same on a whole text),
takes the one that best matches the claim, and reports when the encoded value, magnitude,
currency, percent or hedge is not what the quote states: "6 million" encoded as 6 billion,
"about 70" encoded with no qualifier (or with "over"), an amount in yen encoded in USD, a
percentage encoded as a plain number. Where a simple slip explains a value gap (million vs
billion, ×10) the finding names it.

A change-only claim (`change:` without `value:`) is held to its quote too: "down 6.7 million"
encoded as `change: -67 million` is a ×10 slip, "more than four times" encoded `x3` a wrong
factor. Values are compared signed (docs/format.md, *Signs*): "-40%" is -40, and "fell 9%" may
be encoded `9%` or `-9%`. A fraction of a stated whole may be encoded either way: "a third of
37,500 homes" is 33 % or 12,500 homes. The quote is read in the article's number locale
(`decimal:` / `language:`).

It abstains — by design, silently — when the quote holds no figure at all (a ranking such as
"the top producer"), and when the quote's figure carries no currency (a conversion in brackets,
"200 billion yen (19 billion)", may leave the currency implied). A hedge the claim gives that
the quote states elsewhere than right before the figure ("roughly, 6 million") counts as stated.

## Why is this bad?
The quote is the evidence for the claim. A figure encoded with the wrong magnitude, currency or
hedge makes every comparison downstream wrong while looking well sourced.

## Example
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "We make around 6 million batteries per day."}
entities:
  - {key: acme, name: Acme, kind: organisation}
metrics:
  - {key: output, description: Batteries made per unit of time, kind: rate, unit: battery/day}
units: [{name: battery}]
claims:
  - {id: per-day, quote: "We make around 6 million batteries per day.", subject: acme, metric: output, value: 6 billion, unit: battery/day}
```

## Use instead
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "We make around 6 million batteries per day."}
entities:
  - {key: acme, name: Acme, kind: organisation}
metrics:
  - {key: output, description: Batteries made per unit of time, kind: rate, unit: battery/day}
units: [{name: battery}]
claims:
  - {id: per-day, quote: "We make around 6 million batteries per day.", subject: acme, metric: output, value: 6 million, unit: battery/day, qualifier: around}
```
"""
import functools
import math
import re

from ledger import lexicon, quantity
from ledger.direction import direction_sign
from ledger.phrasebook import likely_slip
from ledger.extract import Mention, extract
from ledger.interval import Interval
from ledger.rules import Hit

ID = "Q201"
NAME = "quote-fidelity"
SEVERITY = "error"
SUMMARY = "The value, magnitude, unit or hedge encoded for a claim is not what its quote states."
SCOPE = "article"

_CLAIMS = """
SELECT c.file, c.line, c.col, c.article_id, c.claim_id, c.quote, c.value_text, c.unit_text, c.qualifier,
       c.hedge, c.currency, c.canonical_unit, c.change_text, coalesce(a.decimal_mark, '.')
FROM claims c LEFT JOIN articles a ON a.article_id = c.article_id
WHERE c.value_text IS NOT NULL OR c.change_text IS NOT NULL
"""
# The figures of quotes that stand isolated in their text, as the article's one scan found them
# (ledger.textscan): the same the quote alone gives. Every other quote is extracted alone.
_SPANS = """
SELECT s.file, s.line, s.col, a.decimal_mark, s.char_start, f.char_start, f.char_end,
       f.written, f.value, f.kind, f.unit, f.qualifier, f.magnitude, f.high, f.direction, f.figure, f.noun, f.whole,
       f.start_figure  -- the fields of an extract.Mention, in order
FROM claim_spans s JOIN articles a ON a.file = s.file AND a.article_id = s.article_id
LEFT JOIN text_figures f
  ON f.file = s.file AND f.article_id = s.article_id AND f.char_start >= s.char_start AND f.char_end <= s.char_end
     AND f.kind IN ('quantity', 'fraction', 'multiple')
WHERE s.isolated
ORDER BY s.file, s.line, s.col, f.char_start
"""
# Weights pick the mention a claim most plausibly encodes: a value mismatch outweighs the rest.
_VALUE_SLIP, _VALUE_OTHER, _OTHER = 3, 6, 1


def check(ctx):
    read: dict[tuple, list] = {}  # (file, line, col, decimal) of a claim -> the figures of its quote
    for row in ctx.db.execute(_SPANS).fetchall():
        figures = read.setdefault(row[:4], [])
        if row[5] is not None:
            figures.append(Mention(row[7], row[5] - row[4], row[6] - row[4], *row[8:]))
    numbers = functools.lru_cache(maxsize=None)(quantity.parse_number)  # values repeat
    alone: dict[tuple[str, str], list] = {}  # (quote, decimal) -> its figures: quotes repeat
    for row in ctx.db.execute(_CLAIMS).fetchall():
        (file, line, col, article, claim, quote, value_text, unit_text, qualifier, hedge, currency, canonical,
         change_text, decimal) = row
        mentions = read.get((file, line, col, decimal))
        if mentions is None:
            mentions = alone.get((quote, decimal))
            if mentions is None:
                mentions = alone[quote, decimal] = extract(quote, decimal)
        if value_text is not None:
            number = numbers(value_text, decimal)
            percent = canonical == "%" or number.unit_hint == "%"
            written = value_text
            candidates = [m for m in mentions if m.kind in ("quantity", "fraction")]
        else:
            change = quantity.parse_change(change_text)
            number = change.number  # its magnitude: the sign is the direction word's (C403 checks it)
            percent, currency = change.kind == "relative" or number.unit_hint == "%", None
            written, hedge = change_text, hedge or change.hedge
            kinds = ("multiple",) if change.kind == "factor" else ("quantity", "fraction")
            candidates = [m for m in mentions if m.kind in kinds]
        if not candidates:
            continue  # the quote states no figure of that kind: nothing to compare (see the doc)
        scored = [_compare(m, number, written, percent, currency, unit_text, qualifier, hedge, quote)
                  for m in candidates]
        score, problems, m = min(scored, key=lambda s: s[0])
        if score and decimal == "," and _in_article_notation(written, m):
            problems.append(f"a value is written in ledger notation ('.' decimal, ',' thousands): write {m.figure}")
        if score:
            yield Hit(file, line, col,
                      f"the quote states '{_as_written(m)}' but the claim encodes "
                      f"'{' '.join(p for p in (qualifier, written, None if change_text and not value_text else unit_text) if p)}'"
                      f": {'; '.join(problems)}", article, claim)


def _compare(m, number, value_text, percent, currency, unit_text, qualifier, hedge, quote):
    score, problems = 0, []
    part_of_whole = False
    if not _matches(number.value, m):
        part_of_whole = m.whole is not None and _same(number.value, m.value * m.whole / 100)
        if not part_of_whole:
            slip = _slip(abs(number.value), m, value_text)
            score += _VALUE_SLIP if slip else _VALUE_OTHER
            problems.append(f"value {value_text} is not {_signed_figure(m)}" + (f": {slip}" if slip else ""))
    if m.kind != "multiple" and m.percent != percent and not part_of_whole:
        score += _OTHER
        problems.append("the quote gives a percentage but the unit is not %" if m.percent
                        else "the claim is in % but the quote gives no percentage")
    if m.currency and currency and m.currency != currency or (m.currency and currency is None and not percent
                                                                and unit_text is not None):
        score += _OTHER
        problems.append(f"the quote's amount is in {m.currency} but the unit is {unit_text or 'not a currency'}")
    stated = quantity.canonical_hedge(m.qualifier) if m.qualifier else None
    if stated != hedge and not (hedge and qualifier and _stated(qualifier, quote)):
        score += _OTHER
        problems.append(f"the quote hedges it '{m.qualifier}' ({stated})" if stated and hedge
                        else f"the quote hedges it '{m.qualifier}' but the claim has no qualifier" if stated
                        else f"qualifier '{qualifier or hedge}' is not in the quote")
    return score, problems, m


def _matches(claimed: float, m) -> bool:
    """Signed comparison: "-40%" is -40; "fell 9%" is 9 or -9 (the direction word gives the sign)."""
    for v in (m.value, m.high):
        if v is None:
            continue
        if _same(claimed, v):
            return True
        sign = direction_sign(m.direction)
        if sign and v > 0 and _same(claimed, sign * v):
            return True
    return False


def _in_article_notation(written: str, m) -> bool:
    """The value copied in the article's decimal-comma notation ("2.415" for 2415)."""
    swapped = written.translate(str.maketrans(",.", ".,"))
    try:
        return _matches(quantity.parse_number(swapped).value, m)
    except quantity.QuantityError:
        return False


def _signed_figure(m) -> str:
    return m.figure or m.text


def _stated(qualifier: str, quote: str) -> bool:
    """The qualifier's words (or symbol) occur in the quote."""
    q = re.escape(qualifier.lower())
    edge = r"\b" if qualifier[:1].isalnum() else ""
    return bool(re.search(rf"{edge}{q}{edge if qualifier[-1:].isalnum() else ''}", quote.lower()))


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _slip(claimed: float, m, value_text: str) -> str | None:
    """Name the slip between the written and the encoded value: the magnitude word, or ×10^k."""
    said = lexicon.MAGNITUDE_WORDS.get(m.magnitude or "") or lexicon.MAGNITUDES.get(m.magnitude or "")
    wrote = _magnitude_word().search(value_text)
    if said and wrote:
        exponent = lexicon.MAGNITUDES[wrote.group(1).lower()]
        if exponent != said and m.value and _same(claimed / abs(m.value), 10.0 ** (exponent - said)):
            return f"{m.magnitude} in the quote, {wrote.group(1).lower()} in the value"
    value = abs(m.value) if m.value else None
    return likely_slip(Interval(claimed, claimed), Interval(value, value)) if value else None


@lexicon.derived
def _magnitude_word():
    return re.compile(rf"(?i:\d\s*|\b)({lexicon.alternation(w for w in lexicon.MAGNITUDES if len(w) > 1)})\b")


def _as_written(m) -> str:
    return f"{m.qualifier} {m.text}" if m.qualifier else m.text
