"""## What it does
Reports two articles whose texts are the same once case, whitespace, quote marks and dashes are
normalised — one article filed twice, or a reprint encoded as a new source. The finding sits on
the later article's `article:` key and names the earlier one.

## Why is this bad?
Two "sources" that are one text are one source: a figure they both state is not confirmed twice,
and a contradiction between them is an encoding slip, not news.

## Example
```yaml
article: {id: wire-story, title: Magnet shortage threatens car plants, outlet: Example Wire, published: 2025-06-03,
          body: "Automakers warned on Tuesday that a shortage of rare earth magnets could halt car plants within weeks."}
---
article: {id: wire-story-reprint, title: Magnet shortage threatens car plants, outlet: Example Times, published: 2025-06-04,
          body: "AUTOMAKERS warned on Tuesday that a  shortage of rare earth magnets could halt car plants within weeks."}
```

## Use instead
```yaml
article: {id: wire-story, title: Magnet shortage threatens car plants, outlet: Example Wire, published: 2025-06-03,
          body: "Automakers warned on Tuesday that a shortage of rare earth magnets could halt car plants within weeks.",
          note: "Reprinted by Example Times on 2025-06-04; encoded once."}
```
"""
from ledger.rules import Hit
from ledger.store import records

ID = "D601"
NAME = "exact-duplicate"
SEVERITY = "warning"
SUMMARY = "Two articles have the same text after normalising case, whitespace, quotes and dashes."


_PAIRS = """
SELECT d.file, d.line, d.col, d.article_b AS later, d.article_a AS earlier,
       a.outlet, a.published, b.outlet AS later_outlet
FROM duplicates d JOIN articles a ON a.article_id = d.article_a JOIN articles b ON b.article_id = d.article_b
WHERE d.rule = 'D601' ORDER BY d.file, d.article_a
"""


def check(ctx):
    for p in records(ctx.db, _PAIRS):
        yield Hit(p.file, p.line, p.col,
                  f"same text as {p.earlier} ({p.outlet}, {p.published}) once case, whitespace, quotes and dashes are "
                  f"normalised: encode it once and note the {p.later_outlet} reprint", p.later)
