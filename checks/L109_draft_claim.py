"""## What it does
Reports every claim marked `draft: true` — the candidates `factledger new` writes, one per figure
in the text, with `TODO` for subject and metric. A draft is loaded and validated but kept out of
every comparison (no other rule sees it) until an editor completes it and deletes `draft: true`.

## Why is this bad?
It is unfinished: an article whose figures are still drafts has not been checked against
anything, so a pre-publish gate must not pass it. L109 is an error, and the default gate
(`--fail-on error`) fails while any draft is left. While encoding, lower it in the configuration
(`severity = {L109 = "info"}` in `factledger.toml`) to see drafts without failing; remove that
line before the gate runs.

## Example
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "We make around 6 million batteries per day."}
claims:
  - id: n01-6-million
    quote: "We make around 6 million batteries per day."
    subject: TODO
    metric: TODO
    draft: true
    value: 6 million
    qualifier: around
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
  - id: per-day
    quote: "We make around 6 million batteries per day."
    subject: acme
    metric: output
    value: 6 million
    unit: battery/day
    qualifier: around
```
"""
from ledger.rules import Hit

ID = "L109"
NAME = "draft-claim"
SEVERITY = "error"
SUMMARY = "A draft claim (from `factledger new`) still waits for its subject, metric and review."


def check(ctx):
    for f, model in ctx.ledger.models():
        if model.article is None:
            continue
        for i, claim in enumerate(model.claims):
            if not claim.draft:
                continue
            line, col = f.doc.position(("claims", i))
            todo = [k for k in ("subject", "metric") if getattr(claim, k) == "TODO"]
            figure = claim.value or claim.change
            what = f"set {' and '.join(todo)}, " if todo else ""
            yield Hit(f.display, line, col,
                      f"draft claim '{claim.id}' ({figure}): {what}check value, unit and qualifier against "
                      "the quote, then remove `draft: true` (or delete the candidate)", model.article.id, claim.id)
