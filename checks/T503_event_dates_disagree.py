"""## What it does
(1) Compares the absolute dates different articles give one event (same event key): if they do
not overlap, the event has two dates (error). (2) Finds copies of one article — the verified exact and
near-copies of the `duplicates` table (D601, D602), or an article whose text says it "originally
appeared on <Outlet>" / "first appeared on <Outlet> on <date>" naming another article's outlet —
and reports when their
publication dates cannot be the same day, or when the date the copy gives for the original is not
the original's `published` (warning: see below).

A copy's date mismatch is a warning, not an error: syndication lag, time zones and listing pages
shift dates by a day without any printed figure being wrong. It still matters — every relative
date ("earlier this month") is resolved against `published`, and the ledger now holds two dates
for one story — so the editor should confirm which date is right.

## Why is this bad?
A letter dated May 9 in one story and May 19 in another cannot both be right; a story whose copies
carry different dates moves every "yesterday" and "earlier this month" in it.

## Example
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "In a letter dated May 9, the Alliance warned the President. The letter, sent on May 19, was signed by many."}
entities:
  - {key: alliance-letter, name: The Alliance's letter, kind: event}
events:
  - {id: letter-9, event: alliance-letter, quote: "In a letter dated May 9", when: 2025-05-09}
  - {id: letter-19, event: alliance-letter, quote: "The letter, sent on May 19", when: 2025-05-19}
```

## Use instead
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "In a letter dated May 9, the Alliance warned the President. The letter, sent in May, was signed by many."}
entities:
  - {key: alliance-letter, name: The Alliance's letter, kind: event}
events:
  - {id: letter-9, event: alliance-letter, quote: "In a letter dated May 9", when: 2025-05-09}
  - {id: letter-may, event: alliance-letter, quote: "The letter, sent in May", when: 2025-05}
```
"""
import re

from ledger.rules import Hit
from ledger.timeref import DateError, parse_date

ID = "T503"
NAME = "event-dates-disagree"
SEVERITY = "error"
SUMMARY = "One event has different dates across mentions, or copies of one article carry different dates."

_EVENT_PAIRS = """
SELECT b.file, b.line, b.col, b.article_id, b.mention_id, b.event, b.when_text, b.when_lo, b.when_hi,
       a.article_id, a.when_text, a.file, a.line
FROM events a JOIN events b ON a.event = b.event AND a.mention_key < b.mention_key
WHERE NOT coalesce(a.when_relative, true) AND NOT coalesce(b.when_relative, true)
  AND a.when_lo IS NOT NULL AND b.when_lo IS NOT NULL
  AND (a.when_hi < b.when_lo OR b.when_hi < a.when_lo)
"""
_ARTICLES = "SELECT article_id, title, outlet, published, published_lo, published_hi, text FROM articles"
_COPY_PAIRS = "SELECT article_a, article_b FROM duplicates WHERE kind IN ('exact', 'near-copy')"
_APPEARED = re.compile(r"(?:originally|first) (?:appeared|published) on (?P<outlet>[A-Z][\w&'.-]*(?: [A-Z][\w&'.-]*)*?)"
                       r"(?: on (?P<date>[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}))?(?=[\s.,;(]|$)")


def _key(outlet: str) -> str:
    return re.sub(r"[^a-z0-9]", "", outlet.casefold())


def _said_date(text: str) -> str | None:
    try:
        return parse_date(text)
    except DateError:
        return None


def _copies(articles, copy_pairs):
    """(copy, original, stated date or None, stated text) for each pair of copies, once."""
    by_id = {art[0]: art for art in articles}
    by_outlet = {}
    for art in articles:
        by_outlet.setdefault(_key(art[2]), []).append(art)
    pairs = {}
    for copy in articles:
        for m in _APPEARED.finditer(copy[6] or ""):
            for original in by_outlet.get(_key(m.group("outlet")), []):
                if original[0] != copy[0]:
                    stated = _said_date(m.group("date")) if m.group("date") else None
                    if stated or (copy[0], original[0]) not in pairs:  # a dated mention wins
                        pairs[(copy[0], original[0])] = (copy, original, stated, m.group("date"))
    for a, b in copy_pairs:  # verified copies; no word says which is the original: report on the later one
        if (a, b) not in pairs and (b, a) not in pairs:
            pairs[(a, b)] = (by_id[a], by_id[b], None, None)
    return pairs.values()


def check(ctx):
    for file, line, col, article, mention, event, when, lo, hi, other, other_when, o_file, o_line in \
            ctx.db.execute(_EVENT_PAIRS).fetchall():
        yield Hit(file, line, col, f"event {event!r} is dated {when} here but {other_when} in {other} "
                  f"({o_file}:{o_line}): the dates do not overlap", article, mention, others=(other,))
    files = {m.article.id: f for f, m in ctx.ledger.models() if m.article is not None}
    copy_pairs = ctx.db.execute(_COPY_PAIRS).fetchall()
    for copy, original, stated, stated_text in _copies(ctx.db.execute(_ARTICLES).fetchall(), copy_pairs):
        f = files[original[0]]
        line, col = f.doc.position(("article", "published"))
        if stated is not None:
            if stated.lo <= original[5] and original[4] <= stated.hi:
                continue
            message = (f"{copy[0]} ({copy[2]}, published {copy[3]}) says this story first appeared on "
                       f"{original[2]} on {stated_text}, but {original[0]} is dated {original[3]}")
        elif copy[5] < original[4] or original[5] < copy[4]:
            message = (f"{copy[0]} ({copy[2]}) is a copy of this story but is dated {copy[3]}, "
                       f"while this one is dated {original[3]}")
        else:
            continue
        yield Hit(f.display, line, col, message + "; relative dates in both resolve against these dates",
                  original[0], None, severity="warning", others=(copy[0],))
