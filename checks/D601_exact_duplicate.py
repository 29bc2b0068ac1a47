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
from ledger.duplicates import PAIRS_OF_RULE
from ledger.rules import Hit

ID = "D601"
NAME = "exact-duplicate"
SEVERITY = "warning"
SUMMARY = "Two articles have the same text after normalising case, whitespace, quotes and dashes."


def check(ctx):
    for file, line, col, later, earlier, *_, outlet, published, later_outlet, _, _, _, _ in ctx.db.execute(PAIRS_OF_RULE, [ID]).fetchall():
        yield Hit(file, line, col,
                  f"same text as {earlier} ({outlet}, {published}) once case, whitespace, quotes and dashes are "
                  f"normalised: encode it once and note the {later_outlet} reprint", later)
