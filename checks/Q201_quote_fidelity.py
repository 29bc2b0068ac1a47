"""## What it does
Reads the figures in each claim's quote (`factledger extract` does the same on a whole text),
takes the one that best matches the claim, and reports when the encoded value, magnitude,
currency, percent or hedge is not what the quote states: "6 million" encoded as 6 billion,
"about 70" encoded with no qualifier (or with "over"), an amount in yen encoded in USD, a
percentage encoded as a plain number. Where a simple slip explains a value gap (million vs
billion, ×10) the finding names it.

It abstains — by design, silently — when the quote holds no figure at all (a ranking such as
"the top producer"), for change-only claims (`change:` without `value:`, checked by the change
rules), and when the quote's figure carries no currency (a conversion in brackets, "200 billion
yen (19 billion)", may leave the currency implied). A hedge the claim gives that the quote
states elsewhere than right before the figure ("roughly, 6 million") counts as stated.

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
import math
import re

from ledger import quantity
from ledger.explain import likely_slip
from ledger.extract import extract
from ledger.interval import Interval
from ledger.direction import direction_sign
from ledger.rules import Hit
from ledger.units import CURRENCIES

ID = "Q201"
NAME = "quote-fidelity"
SEVERITY = "error"
SUMMARY = "The value, magnitude, unit or hedge encoded for a claim is not what its quote states."

_CLAIMS = """
SELECT file, line, col, article_id, claim_id, quote, value_text, unit_text, qualifier, hedge,
       currency, canonical_unit
FROM claims
WHERE value_text IS NOT NULL
"""
_MAGNITUDE = re.compile(r"(thousand|million|billion|trillion)\b", re.I)
_EXPONENT = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12}
# Weights pick the mention a claim most plausibly encodes: a value mismatch outweighs the rest.
_VALUE_SLIP, _VALUE_OTHER, _OTHER = 3, 6, 1


def check(ctx):
    for row in ctx.db.execute(_CLAIMS).fetchall():
        file, line, col, article, claim, quote, value_text, unit_text, qualifier, hedge, currency, canonical = row
        number = quantity.parse_number(value_text)
        percent = canonical == "%" or number.unit_hint == "%"
        mentions = [m for m in extract(quote) if m.kind in ("quantity", "fraction")]
        if not mentions:
            continue  # the quote states no figure: nothing to compare (see the doc)
        scored = [_compare(m, number, value_text, percent, currency, unit_text, qualifier, hedge, quote)
                  for m in mentions]
        score, problems, m = min(scored, key=lambda s: s[0])
        if score:
            yield Hit(file, line, col,
                      f"the quote states '{_as_written(m)}' but the claim encodes "
                      f"'{' '.join(p for p in (qualifier, value_text, unit_text) if p)}': {'; '.join(problems)}",
                      article, claim)


def _compare(m, number, value_text, percent, currency, unit_text, qualifier, hedge, quote):
    score, problems = 0, []
    stated = [m.value, m.high]
    if m.value is not None and direction_sign(quote) < 0:  # "fell 9%", "a 74% drop": the quote's sign is -
        stated.append(-m.value)
    if not any(_same(number.value, v) for v in stated if v is not None):
        slip = _slip(number.value, m, value_text)
        score += _VALUE_SLIP if slip else _VALUE_OTHER
        problems.append(f"value {value_text} is not {m.figure or m.text}" + (f": {slip}" if slip else ""))
    if m.percent != percent:
        score += _OTHER
        problems.append("the quote gives a percentage but the unit is not %" if m.percent
                        else "the claim is in % but the quote gives no percentage")
    if m.unit in CURRENCIES and m.unit != currency:
        score += _OTHER
        problems.append(f"the quote's amount is in {m.unit} but the unit is {unit_text or 'not a currency'}")
    stated = quantity.canonical_hedge(m.qualifier) if m.qualifier else None
    if stated != hedge and not (hedge and re.search(rf"\b{re.escape(qualifier.lower())}\b", quote.lower())):
        score += _OTHER
        problems.append(f"the quote hedges it '{m.qualifier}' ({stated})" if stated and hedge
                        else f"the quote hedges it '{m.qualifier}' but the claim has no qualifier" if stated
                        else f"qualifier '{qualifier}' is not in the quote")
    return score, problems, m


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _slip(claimed: float, m, value_text: str) -> str | None:
    """Name the slip between the written and the encoded value: the magnitude word, or ×10^k."""
    said, wrote = m.magnitude and _EXPONENT.get(m.magnitude), _MAGNITUDE.search(value_text)
    if said and wrote and _EXPONENT[wrote.group(1).lower()] != said and m.value and _same(
            claimed / m.value, 10.0 ** (_EXPONENT[wrote.group(1).lower()] - said)):
        return f"{m.magnitude} in the quote, {wrote.group(1).lower()} in the value"
    return likely_slip(Interval(claimed, claimed), Interval(m.value, m.value)) if m.value else None


def _as_written(m) -> str:
    return f"{m.qualifier} {m.text}" if m.qualifier else m.text
