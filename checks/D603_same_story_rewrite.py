"""## What it does
Reports same-story rewrites: two articles published within two weeks of each other that mention
the same events and state the same figures (same subject and metric, overlapping intervals) — at
least two of these in all — and share at least a fifth of their vocabulary (word-set Jaccard),
though not their sentences. Typically two outlets rewriting one agency report. Information only.

## Why is this bad?
It is not wrong; but two rewrites of one report are one source. A figure they both state is the
agency's figure once, and the editor should know that before counting it as confirmed.

## Example
```yaml
article: {id: rewrite-story, title: Magnet shortage, outlet: Example Times, published: 2025-06-04,
          body: "Carmakers fear a shortage of rare earth magnets. China controls over 90% of processing. The Alliance sent a letter dated May 9."}
entities:
  - {key: china, name: China, kind: country}
  - {key: alliance-letter, name: The Alliance's letter, kind: event}
metrics:
  - {key: share, description: Share of global processing, kind: share, unit: "%"}
claims:
  - {id: share, quote: "China controls over 90% of processing", subject: china, metric: share, value: 90%, qualifier: over}
events:
  - {id: letter, event: alliance-letter, quote: "a letter dated May 9", when: 2025-05-09, tense: past}
---
article: {id: wire-story, title: Rare earths, outlet: Example Wire, published: 2025-06-03,
          body: "A shortage of rare earth magnets worries carmakers, who wrote a letter dated May 9. Processing is more than 90% Chinese."}
claims:
  - {id: share, quote: "more than 90% Chinese", subject: china, metric: share, value: 90%, qualifier: more than}
events:
  - {id: letter, event: alliance-letter, quote: "a letter dated May 9", when: 2025-05-09, tense: past}
```

## Use instead
```yaml
article: {id: rewrite-story, title: Magnet shortage, outlet: Example Times, published: 2025-06-04,
          body: "Carmakers fear a shortage of rare earth magnets. China controls over 90% of processing. The Alliance sent a letter dated May 9.",
          note: "A rewrite of the Example Wire report; its figures are the agency's, counted once."}
entities:
  - {key: china, name: China, kind: country}
  - {key: alliance-letter, name: The Alliance's letter, kind: event}
metrics:
  - {key: share, description: Share of global processing, kind: share, unit: "%"}
claims:
  - {id: share, quote: "China controls over 90% of processing", subject: china, metric: share, value: 90%, qualifier: over}
events:
  - {id: letter, event: alliance-letter, quote: "a letter dated May 9", when: 2025-05-09, tense: past}
```
"""
from ledger.duplicates import PAIRS_OF_RULE
from ledger.rules import Hit

ID = "D603"
NAME = "same-story-rewrite"
SEVERITY = "info"
SUMMARY = "Two articles published days apart tell the same story with the same events and figures in other words."


def check(ctx):
    for file, line, col, later, earlier, _, _, words, figures, events, _, outlet, published, *_ in \
            ctx.db.execute(PAIRS_OF_RULE, [ID]).fetchall():
        shared = ", ".join([*(figures or []), *(events or [])])
        yield Hit(file, line, col,
                  f"same story as {earlier} ({outlet}, {published}) in other words: shares {shared}; "
                  f"{words:.0%} of their vocabulary in common — count its figures once", later)
