"""## What it does
Checks every claim that `restates` a claim in another currency: the restated amount is converted at
the reference rate (the `fx_rates` table: the ledger's own, else the shipped ECB averages) for the
restating claim's `when` — or, without one, its article's publication period — and the two must
overlap. Strictly the rate is the year's average (the month's for a time within one month); read
generously it may be any monthly average of the period, since a writer may have converted at the
rate of the day. Disjoint generous readings are an error, disjoint strict readings alone a warning.
A currency the table does not hold is reported (info) instead of checked.

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
from ledger.figures import figures, verdict
from ledger.fx import Rate, restatement_rates
from ledger.phrasebook import period as period_of, slip_note, strict_only
from ledger.interval import Interval
from ledger.rules import Hit

ID = "Q204"
NAME = "currency-restatement-disagrees"
SEVERITY = "error"
SUMMARY = "A restatement in another currency disagrees at the reference exchange rate for its time."

_ONE = Interval.point(1.0)


def _per_usd(rate: Rate | None, strict: bool) -> Interval:
    if rate is None:
        return _ONE
    return rate.strict if strict else rate.generous


def _rate_text(rate: Rate, period: str) -> str:
    s, g = rate.strict, rate.generous
    strict = f"{s.lo:.4g}" if s.lo == s.hi else f"{s.lo:.4g} – {s.hi:.4g}"
    text = f"{rate.strict_basis} average {strict} {rate.currency} per USD for {period}"
    if g != s:
        text += f", monthly averages {g.lo:.4g} – {g.hi:.4g}"
    return text


def check(ctx):
    claims = {f.key: f for f in figures(ctx.db, "c.currency IS NOT NULL")}
    rates = restatement_rates(ctx.db)
    show = ctx.phrases.figure
    for fig in claims.values():
        other = claims.get(fig.restates)
        if other is None or other.currency == fig.currency:
            continue  # same currency: Q203's job
        period = period_of(fig.at_lo, fig.at_hi)
        needed = {c: rates.get((fig.key, c)) for c in (fig.currency, other.currency) if c != "USD"}
        missing = sorted(c for c, r in needed.items() if r is None)
        if missing:
            yield Hit(fig.file, fig.line, fig.col,
                      f"'{fig.written}' restates '{other.written}' ({other.key}), but fx_rates has no "
                      f"{' or '.join(missing)} rate for {period}: add one (e.g. to claims/reference/) to check it",
                      fig.article_id, fig.claim_id, severity="info")
            continue
        mine, theirs = needed.get(fig.currency), needed.get(other.currency)
        # other's amount in fig's currency: divide by its units per USD, multiply by fig's
        gen = other.generous / _per_usd(theirs, False) * _per_usd(mine, False)
        strict = other.strict / _per_usd(theirs, True) * _per_usd(mine, True)
        severity = verdict(fig.generous, fig.strict, gen, strict)
        if severity is None:
            continue
        basis = "; ".join(_rate_text(r, period) for r in (theirs, mine) if r is not None)
        if severity == "error":
            message = (f"'{fig.written}' ({show(fig.generous, fig)}) restates '{other.written}' ({other.key}), "
                       f"which is {show(gen, fig)} in {fig.currency} ({show(strict, fig)} strictly; {basis}): "
                       f"no reading of the two agrees{slip_note(fig.strict, strict)}")
        else:
            message = (f"'{fig.written}' read strictly is {show(fig.strict, fig)} but '{other.written}' "
                       f"({other.key}) is {show(strict, fig)} at the {basis}; {strict_only()}, or at a monthly rate")
        yield Hit(fig.file, fig.line, fig.col, message, fig.article_id, fig.claim_id, severity=severity)
