"""## What it does
Reports a unit that cannot be used: unknown (with a "did you mean"), or of another dimension than
its metric (`battery/day` for a money metric), or contradicting the value (`$2.5 billion` with
`unit: JPY`).

## Why is this bad?
Without a known unit a figure cannot be converted, so it cannot be compared with anything.

## Example
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "We make 6 million batteries per day."}
entities:
  - {key: acme, name: Acme, kind: organisation}
metrics:
  - {key: output, description: Batteries made per unit of time, kind: rate, unit: battery/day}
units: [{name: battery}]
claims:
  - id: per-day
    quote: "6 million batteries per day"
    subject: acme
    metric: output
    value: 6 million
    unit: batery/day
```

## Use instead
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "We make 6 million batteries per day."}
entities:
  - {key: acme, name: Acme, kind: organisation}
metrics:
  - {key: output, description: Batteries made per unit of time, kind: rate, unit: battery/day}
units: [{name: battery}]
claims:
  - id: per-day
    quote: "6 million batteries per day"
    subject: acme
    metric: output
    value: 6 million
    unit: battery/day
```
"""
ID = "L107"
NAME = "bad-unit"
SEVERITY = "error"
SUMMARY = "A unit is unknown, of the wrong dimension for its metric, or contradicts the value."
STAGE = "load"
