"""## What it does
Checks every claim that `restates` a claim in another currency: the restated amount is converted at
the reference rate (the `fx_rates` table: the ledger's own, else the shipped ECB averages) and the
two must overlap. A newsroom converts at the day's rate when it writes, so the strict rate is the
publication month's average widened by how far a day's rate strays from its month's average
(measured on the ECB daily rates since 2015: the 99th percentile, 2–3.5 % by currency; see
docs/accuracy.md); read generously it may be any monthly average of the claim's time or of the
publication month, widened by the largest daily deviation measured. Disjoint generous readings are
an error, disjoint strict readings alone a warning naming the figure whose rounding reconciles
them. Every finding names the rate and its source. A currency the table does not hold is reported
(info) instead of checked.

## Why is this bad?
"200 billion yen ($19 billion)" tells the reader the amount twice; when the conversion is off by
a factor of ten, at least one of the figures — usually the one readers remember — is wrong.

## Example
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2021-02,
          body: "The Japanese government has budgeted 200 billion yen (19 billion dollars)."}
entities:
  - {key: japan, name: Japan, kind: country}
metrics:
  - {key: budget, description: Money budgeted, kind: money, unit: USD}
claims:
  - {id: jpy, quote: "200 billion yen", subject: japan, metric: budget, value: 200 billion, unit: JPY, when: 2021}
  - {id: usd, quote: "19 billion dollars", subject: japan, metric: budget, value: 19 billion, unit: USD, when: 2021, restates: jpy}
fx_rates:
  - {currency: JPY, period: '2021', units_per_usd: 109.87}
```

## Use instead
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2021-02,
          body: "The Japanese government has budgeted 200 billion yen (1.8 billion dollars)."}
entities:
  - {key: japan, name: Japan, kind: country}
metrics:
  - {key: budget, description: Money budgeted, kind: money, unit: USD}
claims:
  - {id: jpy, quote: "200 billion yen", subject: japan, metric: budget, value: 200 billion, unit: JPY, when: 2021}
  - {id: usd, quote: "1.8 billion dollars", subject: japan, metric: budget, value: 1.8 billion, unit: USD, when: 2021, restates: jpy}
fx_rates:
  - {currency: JPY, period: '2021', units_per_usd: 109.87}
```
"""
from ledger.figures import RESTATEMENTS, figures, verdict
from ledger.fx import FxTable, convert
from ledger.phrasebook import period, slip_note
from ledger.reconcile import loosened
from ledger.rules import Hit

ID = "Q204"
NAME = "currency-restatement-disagrees"
SEVERITY = "error"
SUMMARY = "A restatement in another currency disagrees at the reference exchange rate for its time."
SCOPE = "article"


def _rate_needed(fig, other, mine, theirs) -> str:
    """The exchange rate at which the two figures agree, against the average the strict reading used."""
    needed = other.strict.midpoint() / fig.strict.midpoint()  # units of other's currency per unit of fig's
    average = theirs.strict.midpoint() / mine.strict.midpoint()
    return (f"they agree only at {needed:.4g} {other.currency} per {fig.currency}, {needed / average - 1:+.1%} "
            f"from the average the strict reading uses ({average:.4g}) — more than a day's rate usually strays")


def check(ctx):
    claims = {f.key: f for f in figures(ctx.db, f"c.currency IS NOT NULL AND {RESTATEMENTS}")}
    table = FxTable(ctx.db)
    show = ctx.phrases.figure
    for fig in claims.values():
        other = claims.get(fig.restates)
        if other is None or other.currency == fig.currency:
            continue  # same currency: Q203's job
        label = period(fig.at_lo, fig.at_hi)
        at, published = (fig.at_lo, fig.at_hi), (fig.published_lo, fig.published_hi)
        rates = {c: table.rate(c, at, published) for c in (fig.currency, other.currency)}
        missing = sorted(c for c, r in rates.items() if r is None)
        if missing:
            yield Hit(fig.file, fig.line, fig.col,
                      f"'{fig.written}' restates '{other.written}' ({other.key}), but fx_rates has no "
                      f"{' or '.join(missing)} rate for {label}: add one (e.g. to claims/reference/) to check it",
                      fig.article_id, fig.claim_id, severity="info")
            continue
        mine, theirs = rates[fig.currency], rates[other.currency]
        gen = convert(other.generous, theirs, mine, strict=False)
        strict = convert(other.strict, theirs, mine, strict=True)
        severity = verdict(fig.generous, fig.strict, gen, strict)
        if severity is None:
            continue
        basis = "; ".join(r.basis for r in (theirs, mine) if r.basis) + f" — {table.source}"
        if severity == "error":
            message = (f"'{fig.written}' ({show(fig.generous, fig)}) restates '{other.written}' ({other.key}), "
                       f"which is {show(gen, fig)} in {fig.currency} ({show(strict, fig)} strictly; {basis}): "
                       f"no reading of the two agrees{slip_note(fig.strict, strict)}")
        else:
            message = (f"'{fig.written}' read strictly is {show(fig.strict, fig)} but '{other.written}' "
                       f"({other.key}) is {show(strict, fig)} at the {basis}; {_rate_needed(fig, other, mine, theirs)}")
            if fig.generous.intersects(strict):
                message += f", or if {loosened(fig, strict, lambda iv, _: show(iv, fig))}"
        yield Hit(fig.file, fig.line, fig.col, message, fig.article_id, fig.claim_id, severity=severity,
                  others=(other.article_id,) if other.article_id != fig.article_id else ())
