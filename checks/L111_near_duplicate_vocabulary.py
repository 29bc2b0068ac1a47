"""## What it does
Reports a vocabulary entry that looks like another one: two metrics of the same kind and unit
dimension, or two entities of the same kind, whose keys have the same words in another order,
spelling or number (`ev-sales-share` / `share-of-ev-sales`, `licences` / `licenses`), differ only
by a generic word (`employment` / `total-employment`), share a name or alias, or whose metric
descriptions are near-identical. It stays silent on keys that differ by a word that means
something (`tariff-cost-gross` / `tariff-cost-net`), and on entries of different kinds.

## Why is this bad?
Claims are compared across articles by subject and metric key. When one quantity has two keys,
the claims filed under one are never compared with those filed under the other: every
contradiction between them goes unreported, silently.

## Example
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "Acme said EVs were 12% of its sales."}
claims:
  - {id: ev-share, quote: "12% of its sales", subject: acme-corp, metric: share-of-ev-sales, value: 12%, when: 2025}
entities:
  - {key: acme, name: Acme Corp, kind: organisation, aliases: [Acme]}
  - {key: acme-corp, name: Acme, kind: organisation}
metrics:
  - {key: ev-sales-share, description: EVs' share of new-car sales, kind: share, unit: "%"}
  - {key: share-of-ev-sales, description: Share of EVs in car sales, kind: share, unit: "%"}
```

## Use instead
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "Acme said EVs were 12% of its sales."}
claims:
  - {id: ev-share, quote: "12% of its sales", subject: acme, metric: ev-sales-share, value: 12%, when: 2025}
entities:
  - {key: acme, name: Acme Corp, kind: organisation, aliases: [Acme]}
metrics:
  - {key: ev-sales-share, description: EVs' share of new-car sales, kind: share, unit: "%"}
  - {key: ev-sales-share-used, description: Used EVs' share of used-car sales, kind: share, unit: "%"}
```
"""
from ledger.rules import Hit
from ledger.vocab import entries, near_duplicates

ID = "L111"
NAME = "near-duplicate-vocabulary"
SEVERITY = "info"
SCOPE = "vocabulary"
SUMMARY = "Two vocabulary entries look like one quantity or one entity under two keys."


def check(ctx):
    for dup in near_duplicates(entries(ctx.db)):
        a, b = dup.first, dup.second
        kind = f"{a.kind} of kind {a.category}" + (f" in {a.unit}" if a.kind == "metric" else "")
        yield Hit(b.file, b.line, b.col,
                  f"{b.kind} {b.key!r} looks like {a.key!r} ({a.file}:{a.line}): both a {kind}, {dup.why}; "
                  f"claims under one key are never compared with claims under the other — keep one key "
                  f"(move the other's name into `aliases`), or say in the description how they differ")
