"""## What it does
Reports a ledger file whose content does not fit the format: a missing required key, an unknown
key (with a "did you mean"), a value that is not a figure (`value: lots`), an unknown hedge word, a
date that cannot be read, an id that is not a slug, or an article id that differs from its file name.

## Why is this bad?
An item the checker cannot read is an item no rule can check: the editor must know before
publication, at the exact line.

## Example
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "Sales rose to 40 units."}
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
    value: forty-ish
```

## Use instead
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "Sales rose to 40 units."}
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
```
"""
ID = "L102"
NAME = "schema"
SEVERITY = "error"
SUMMARY = "A ledger item does not fit the format (missing or unknown key, unreadable figure, hedge or date)."
STAGE = "load"
