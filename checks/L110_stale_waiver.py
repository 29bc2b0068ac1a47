"""## What it does
Reports a waiver (`waive:` on a claim, event, relation or article) that no longer does anything:
it matches no finding of its rule, its `until` day has passed, it names a rule that does not
exist, or it repeats another waiver of the same rule on the same item. An expired waiver stops
applying, so the finding it covered is reported again beside this one.

## Why is this bad?
A waiver is an editor's signed sign-off of one known problem. Once the problem is fixed, a
left-over waiver would silently swallow the next, different problem of the same rule on that
claim; once its date has passed, the sign-off needs renewing by a person.

## Example
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
  - id: per-second
    quote: "about 70 batteries each second"
    subject: acme
    metric: output
    value: 70
    unit: battery/s
    qualifier: about
    restates: per-day
    waive:
      - {rule: Q203, reason: "the outlet rounds per-second figures", by: ed}
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
ID = "L110"
NAME = "stale-waiver"
SEVERITY = "warning"
SUMMARY = "A waiver matches no finding, has expired, names no rule, or repeats another."
STAGE = "load"
