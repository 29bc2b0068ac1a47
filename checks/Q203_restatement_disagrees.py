"""## What it does
Checks every claim that `restates` another: after converting both to the same unit, their
intervals must overlap. Disjoint generous readings are an error; when only the strict readings
(the precision of the last written digit) are disjoint it is a warning saying what rounding would
reconcile them. Restatements in another currency are left to the currency rule.

## Why is this bad?
"6 million a day, that's about 70 a second" invites the reader to check; a restatement that does
not survive the conversion (per day vs per month, ×1000) undermines both figures.

## Example
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "We make around 6 million batteries per day. That's about 700 batteries each second."}
entities:
  - {key: acme, name: Acme, kind: organisation}
metrics:
  - {key: output, description: Batteries made per unit of time, kind: rate, unit: battery/day}
units: [{name: battery}]
claims:
  - {id: per-day, quote: "around 6 million batteries per day", subject: acme, metric: output, value: 6 million, unit: battery/day, qualifier: around}
  - {id: per-second, quote: "about 700 batteries each second", subject: acme, metric: output, value: 700, unit: battery/s, qualifier: about, restates: per-day}
```

## Use instead
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "We make around 6 million batteries per day. That's about 70 batteries each second."}
entities:
  - {key: acme, name: Acme, kind: organisation}
metrics:
  - {key: output, description: Batteries made per unit of time, kind: rate, unit: battery/day}
units: [{name: battery}]
claims:
  - {id: per-day, quote: "around 6 million batteries per day", subject: acme, metric: output, value: 6 million, unit: battery/day, qualifier: around}
  - {id: per-second, quote: "about 70 batteries each second", subject: acme, metric: output, value: 70, unit: battery/s, qualifier: about, restates: per-day}
```
"""
from ledger.interval import Interval
from ledger.phrasebook import slip_note, strict_only, written
from ledger.rules import Hit

ID = "Q203"
NAME = "restatement-disagrees"
SEVERITY = "error"
SUMMARY = "A restatement in other units disagrees with the claim it restates after conversion."

_PAIRS = """
SELECT c.file, c.line, c.col, c.article_id, c.claim_id, c.value_text, c.unit_text, c.qualifier,
       c.lo, c.hi, c.lo_open, c.hi_open, c.strict_lo, c.strict_hi, c.strict_lo_open, c.strict_hi_open,
       r.claim_key, r.value_text, r.unit_text, r.qualifier,
       r.lo, r.hi, r.lo_open, r.hi_open, r.strict_lo, r.strict_hi, r.strict_lo_open, r.strict_hi_open
FROM claims c
JOIN claims r ON r.claim_key = c.restates
WHERE c.lo IS NOT NULL AND r.lo IS NOT NULL
  AND c.dimension = r.dimension
  AND c.currency IS NOT DISTINCT FROM r.currency   -- other currencies: the FX rule's job
"""


def check(ctx):
    for row in ctx.db.execute(_PAIRS).fetchall():
        file, line, col, article, claim, value, unit, qual = row[:8]
        gen, strict = Interval(*row[8:12]), Interval(*row[12:16])
        other, o_value, o_unit, o_qual = row[16:20]
        o_gen, o_strict = Interval(*row[20:24]), Interval(*row[24:28])
        if gen.intersects(o_gen) and strict.intersects(o_strict):
            continue
        def show(iv):
            return ctx.phrases.interval(iv, unit, None)
        said = written(qual, value, unit)
        restated = written(o_qual, o_value, o_unit)
        if not gen.intersects(o_gen):
            message = (f"'{said}' ({show(gen)}) restates '{restated}' ({other}), which is "
                       f"{show(o_gen)} after converting {o_unit} to {unit}: no reading of the two agrees")
            message += slip_note(gen, o_gen)
            yield Hit(file, line, col, message, article, claim)
        else:
            yield Hit(file, line, col,
                      f"'{said}' read strictly is {show(strict)} but '{restated}' ({other}) is "
                      f"{show(o_strict)} in {unit}; {strict_only()}", article, claim, severity="warning")
