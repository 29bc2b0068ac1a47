"""## What it does
Reports same-story rewrites: two articles that tell one story in other words, found from several
signals together — figures both state (same subject and metric, overlapping intervals and
times), events both mention, names and rare words both use — published within 45 days of each
other (`duplicates.Thresholds(window_days=)`), wide enough for follow-ups weeks later. Two or more
shared figures and events need one shared name and three shared names or rare words in all; a
single shared figure or event needs three names and ten names or rare words. Stories of
different events on one topic share names and a background figure, not the event: they stay
apart. The message lists the signals that matched. Information only.

## Why is this bad?
It is not wrong; but two rewrites of one report are one source. A figure they both state is the
agency's figure once, and the editor should know that before counting it as confirmed.

## Example
```yaml
article: {id: wire-story, title: Rare earths, outlet: Example Wire, published: 2025-06-03,
          body: "Automakers warned of a shortage of rare earth magnets in a letter dated May 9 to the Trump administration. The Alliance for Automotive Innovation said China controls over 90% of processing."}
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
article: {id: rewrite-story, title: Magnet shortage, outlet: Example Times, published: 2025-06-20,
          body: "In a letter dated May 9, the Alliance for Automotive Innovation told the Trump administration that carmakers face a magnet shortage. Processing is more than 90% Chinese."}
claims:
  - {id: share, quote: "more than 90% Chinese", subject: china, metric: share, value: 90%, qualifier: more than}
events:
  - {id: letter, event: alliance-letter, quote: "a letter dated May 9", when: 2025-05-09, tense: past}
```

## Use instead
```yaml
article: {id: wire-story, title: Rare earths, outlet: Example Wire, published: 2025-06-03,
          body: "Automakers warned of a shortage of rare earth magnets in a letter dated May 9 to the Trump administration. The Alliance for Automotive Innovation said China controls over 90% of processing.",
          note: "Rewritten by Example Times on 2025-06-20; its figures are the agency's, counted once."}
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
from ledger.rules import Hit
from ledger.store import records

ID = "D603"
NAME = "same-story-rewrite"
SEVERITY = "info"
SUMMARY = "Two articles published within weeks tell one story in other words: shared figures, events, names and rare words."


_PAIRS = """
SELECT d.file, d.line, d.col, d.article_b AS later, d.article_a AS earlier, d.days_apart, d.signals,
       a.outlet, a.published, b.outlet AS later_outlet
FROM duplicates d JOIN articles a ON a.article_id = d.article_a JOIN articles b ON b.article_id = d.article_b
WHERE d.rule = 'D603' ORDER BY d.file, d.article_a
"""


def check(ctx):
    for p in records(ctx.db, _PAIRS):
        days = p.days_apart
        when = "the same day" if not days else f"{days} day{'s' if days != 1 else ''} later"
        yield Hit(p.file, p.line, p.col,
                  f"same story as {p.earlier} ({p.outlet}, {p.published}) in other words, {when} "
                  f"— {'; '.join(p.signals)} — count its figures once", p.later)
