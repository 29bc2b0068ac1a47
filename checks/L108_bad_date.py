"""## What it does
Reports a `when` that is neither a date (`2025`, `2025-06`, `2025-06-04`, `2017..2025-03`) nor a
relative reference factledger can resolve against the publication date (`earlier this month`,
`last year`, `a day ago`).

## Why is this bad?
Claims are compared only when their times overlap; a time that cannot be read silently drops the
claim out of every time-based check.

## Example
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "Sales were 40 units."}
entities:
  - {key: acme, name: Acme, kind: organisation}
metrics:
  - {key: sales, description: Units sold, kind: count, unit: unit_sold}
units: [{name: unit_sold}]
claims:
  - id: sales
    quote: "40 units"
    subject: acme
    metric: sales
    value: 40
    when: sometime soonish
```

## Use instead
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "Sales were 40 units."}
entities:
  - {key: acme, name: Acme, kind: organisation}
metrics:
  - {key: sales, description: Units sold, kind: count, unit: unit_sold}
units: [{name: unit_sold}]
claims:
  - id: sales
    quote: "40 units"
    subject: acme
    metric: sales
    value: 40
    when: last year
```
"""
ID = "L108"
NAME = "bad-date"
SEVERITY = "error"
SUMMARY = "A date or time reference cannot be read."
STAGE = "load"
