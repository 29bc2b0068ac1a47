"""## What it does
Finds a dateline printed at the head of the article text — an upper-case place, a month and day
(and maybe a year), an optional agency and a dash: "BRUSSELS, March 4 (Wire) –" — and compares
its day with `published`. A dateline one day before `published` is normal (a story filed in the
evening runs the next day, or online in another time zone) and is not reported; a dateline after
publication or more than a day before it is. Without a year the dateline's year is the one that
puts it nearest the publication date. Relative words in the article ("last month", "on Friday")
resolve against the dateline, since that is the day the text was written for.

## Why is this bad?
Either `published` is wrong — and every relative date in the ledger resolved against it is wrong
with it — or the article is old copy republished under a new date, and "on Friday" no longer
means the Friday the reader thinks.

## Example
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2024-04-04,
          body: "BRUSSELS, March 4 (Wire) – Ministers agreed on Monday to cut the duty."}
entities:
  - {key: duty-deal, name: The ministers' agreement, kind: event}
events:
  - {id: deal, event: duty-deal, quote: "BRUSSELS, March 4 (Wire) – Ministers agreed on Monday", when: on Monday, tense: past}
```

## Use instead
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2024-03-04,
          body: "BRUSSELS, March 4 (Wire) – Ministers agreed on Monday to cut the duty."}
entities:
  - {key: duty-deal, name: The ministers' agreement, kind: event}
events:
  - {id: deal, event: duty-deal, quote: "BRUSSELS, March 4 (Wire) – Ministers agreed on Monday", when: on Monday, tense: past}
```
"""
from datetime import timedelta

from ledger import dateline
from ledger.rules import Hit
from ledger.timeref import DateError, parse_date

ID = "T504"
NAME = "dateline-contradicts-published"
SEVERITY = "error"
SUMMARY = "The dateline printed in the text (\"BRUSSELS, March 4 (Wire) –\") is not the publication date."
SCOPE = "article"


def check(ctx):
    for f, model in ctx.ledger.models():
        a = model.article
        if a is None or a.kind != "article":
            continue
        try:
            published = parse_date(a.published)
        except DateError:
            continue  # L108 reports it
        found = dateline.find(f.text, published)
        if found is None:
            continue
        day, words = found[0].lo, found[1]
        if published.lo - timedelta(days=1) <= day <= published.hi:
            continue
        line, col = f.doc.position(("article", "published"))
        yield Hit(f.display, line, col,
                  f"the text's dateline '{words}' is dated {day}, but the article is published {a.published}: "
                  f"correct `published`, or the text is older copy run again; relative dates in it resolve "
                  f"against the dateline", a.id, None)
