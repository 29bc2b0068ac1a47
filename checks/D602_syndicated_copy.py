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
from ledger.rules import Hit
from ledger.store import records

ID = "D602"
NAME = "syndicated-copy"
SEVERITY = "warning"
SUMMARY = "Two articles are near-copies of one text once boilerplate is removed (syndicated copy)."


_PAIRS = """
SELECT d.file, d.line, d.col, d.article_b AS later, d.article_a AS earlier, d.kind, d.jaccard, d.containment,
       d.copied_a, d.copied_b, d.days_apart, a.outlet, a.published, b.outlet AS later_outlet
FROM duplicates d JOIN articles a ON a.article_id = d.article_a JOIN articles b ON b.article_id = d.article_b
WHERE d.rule = 'D602' ORDER BY d.file, d.article_a
"""


def check(ctx):
    for p in records(ctx.db, _PAIRS):
        kind, earlier, outlet, published, later_outlet = p.kind, p.earlier, p.outlet, p.published, p.later_outlet
        jaccard, containment, copied_a, copied_b, days = p.jaccard, p.containment, p.copied_a, p.copied_b, p.days_apart
        when = "the same day" if not days else f"{days} day{'s' if days != 1 else ''} later"
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
        yield Hit(p.file, p.line, p.col, message, p.later)
