"""## What it does
Reports syndicated near-copies: two articles whose 5-word shingles overlap by at least half
(Jaccard) or of which one lies at least 80 % inside the other (containment), after sentences of
boilerplate are removed — bylines, "originally appeared on" attributions, newsletter, cookie and
legal text, and any sentence that recurs across many articles of the ledger. Candidates come
from MinHash with LSH banding; every reported pair is verified with exact Jaccard and containment
(the `duplicates` table holds both). The finding sits on the later article's `article:` key.

## Why is this bad?
Newsrooms republish wire copy under their own header and footer. Two copies of one story are one
source: they do not corroborate each other, and a date that differs between them ("earlier this
month" a day apart) is the copy's, not the event's.

## Example
```yaml
article: {id: autoblog-magnets, title: Magnet shortage threatens car plants, outlet: Autoblog, published: 2025-06-03,
          body: "Automakers warned that a shortage of rare earth magnets from China could halt car plants within weeks. The Alliance for Automotive Innovation said suppliers cannot build motors, sensors and speakers without them. Sign up for the Autoblog newsletter."}
---
article: {id: yahoo-autoblog-magnets, title: Magnet shortage threatens car plants, outlet: Yahoo, published: 2025-06-04,
          body: "Magnet shortage threatens car plants originally appeared on Autoblog. Automakers warned that a shortage of rare earth magnets from China could halt car plants within weeks. The Alliance for Automotive Innovation said suppliers cannot build motors, sensors and speakers without them."}
```

## Use instead
```yaml
article: {id: autoblog-magnets, title: Magnet shortage threatens car plants, outlet: Autoblog, published: 2025-06-03,
          body: "Automakers warned that a shortage of rare earth magnets from China could halt car plants within weeks. The Alliance for Automotive Innovation said suppliers cannot build motors, sensors and speakers without them. Sign up for the Autoblog newsletter.",
          note: "Also syndicated by Yahoo on 2025-06-04; the copy is not a second source."}
```
"""
from ledger.duplicates import PAIRS_OF_RULE
from ledger.rules import Hit

ID = "D602"
NAME = "syndicated-copy"
SEVERITY = "warning"
SUMMARY = "Two articles are near-copies of one text once boilerplate is removed (syndicated copy)."


def check(ctx):
    for file, line, col, later, earlier, jaccard, containment, _, _, _, days, outlet, published, later_outlet, kind, \
            copied_a, copied_b, _ in ctx.db.execute(PAIRS_OF_RULE, [ID]).fetchall():
        when = f"{days} day{'s' if days != 1 else ''} later"
        if kind == "update":
            message = (f"update of {earlier} ({outlet}, {published}), {when}: {copied_a} of it are here again as "
                       f"{copied_b} of this text, the rest is new — one story, count its figures once")
        elif kind == "partial-copy":
            message = (f"partial copy of {earlier} ({outlet}, {published}): {copied_a} copied, as {copied_b} of this "
                       f"text ({containment:.0%} of the shorter text's shingles); {later_outlet} published it {when} — "
                       f"one source for what it copies")
        else:
            message = (f"syndicated copy of {earlier} ({outlet}, {published}): {jaccard:.0%} of their shingles shared "
                       f"(Jaccard), {containment:.0%} of the shorter text inside the other, after boilerplate removal "
                       f"({copied_a} of it here); {later_outlet} published it {when} — one source, not two")
        yield Hit(file, line, col, message, later)
