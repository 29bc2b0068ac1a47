"""## What it does
Checks every claim that `restates` another: after converting both to the same unit, their
intervals must overlap. Disjoint generous readings are an error; when only the strict readings
(the precision of the last written digit) are disjoint it is a warning naming the figure whose
rounding or hedge would reconcile them ("they agree only if '70 battery/s' is rounded to the
nearest 10 battery/s", "only if 'about' in 'about 70 battery/s' allows 8 %"). Restatements in another currency are left to the currency rule.

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
from ledger.figures import RESTATEMENTS, figures
from ledger.phrasebook import slip_note
from ledger.reconcile import reconcile
from ledger.rules import Hit

ID = "Q203"
NAME = "restatement-disagrees"
SEVERITY = "error"
SUMMARY = "A restatement in other units disagrees with the claim it restates after conversion."
SCOPE = "article"

def _others(fig, other) -> tuple[str, ...]:
    """The restated claim's article, when it is another one (`check --changed` reports either side)."""
    return (other.article_id,) if other.article_id != fig.article_id else ()


def check(ctx):
    figs = {f.key: f for f in figures(ctx.db, RESTATEMENTS, live=False)}
    for fig in figs.values():
        other = figs.get(fig.restates)
        # other currencies: the FX rule's job
        if other is None or fig.dimension != other.dimension or fig.currency != other.currency:
            continue
        if fig.generous.intersects(other.generous) and fig.strict.intersects(other.strict):
            continue

        def show(iv):  # both in the restating claim's unit
            return ctx.phrases.figure(iv, fig)
        if not fig.generous.intersects(other.generous):
            message = (f"'{fig.written}' ({show(fig.generous)}) restates '{other.written}' ({other.key}), which is "
                       f"{show(other.generous)} after converting {other.unit_text} to {fig.unit_text}: "
                       f"no reading of the two agrees{slip_note(fig.generous, other.generous)}")
            yield Hit(fig.file, fig.line, fig.col, message, fig.article_id, fig.claim_id, others=_others(fig, other))
        else:
            yield Hit(fig.file, fig.line, fig.col,
                      f"'{fig.written}' read strictly is {show(fig.strict)} but '{other.written}' ({other.key}) is "
                      f"{show(other.strict)} in {fig.unit_text}; {reconcile(fig, other, lambda iv, _: show(iv))}",
                      fig.article_id, fig.claim_id, severity="warning", others=_others(fig, other))
