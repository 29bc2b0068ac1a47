"""## What it does
(1) Compares the absolute dates different mentions give one event (same event key), and the date
the vocabulary gives it (`date:` on the event entity): if they do not overlap, the event has two
dates (error). (2) Finds copies of one article — the verified exact and
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
from ledger.store import records
from ledger.timeref import DateError, parse_date

ID = "T503"
NAME = "event-dates-disagree"
SEVERITY = "error"
SUMMARY = "One event has different dates across mentions, or copies of one article carry different dates."

_EVENT_PAIRS = """
WITH dated AS (
    SELECT event, mention_key, article_id, mention_id, when_text, when_lo, when_hi, file, line, col FROM events
    WHERE NOT coalesce(when_relative, true) AND when_lo IS NOT NULL
    UNION ALL  -- the vocabulary's date of an event (`date:` on its entity)
    SELECT key, NULL, NULL, NULL, date_text, date_lo, date_hi, file, line, col FROM entities WHERE date_lo IS NOT NULL
)
SELECT b.file, b.line, b.col, b.article_id, b.mention_id, b.event, b.when_text, b.when_lo, b.when_hi,
       coalesce(a.article_id, 'the vocabulary') AS other, a.when_text AS other_when, a.file AS other_file,
       a.line AS other_line
FROM dated a JOIN dated b ON a.event = b.event AND b.mention_key IS NOT NULL
 AND (a.mention_key IS NULL OR a.mention_key < b.mention_key)
WHERE a.when_hi < b.when_lo OR b.when_hi < a.when_lo
"""
_ARTICLES = ("SELECT article_id, title, outlet, published, published_lo, published_hi, text, file, published_line,"
             " published_col FROM articles")
_COPY_PAIRS = "SELECT article_a, article_b FROM duplicates WHERE kind IN ('exact', 'near-copy', 'update')"  # update: a copy re-sent with paragraphs added
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
    by_id = {art.article_id: art for art in articles}
    by_outlet = {}
    for art in articles:
        by_outlet.setdefault(_key(art.outlet), []).append(art)
    pairs = {}
    for copy in articles:
        for m in _APPEARED.finditer(copy.text or ""):
            for original in by_outlet.get(_key(m.group("outlet")), []):
                if original.article_id != copy.article_id:
                    stated = _said_date(m.group("date")) if m.group("date") else None
                    if stated or (copy.article_id, original.article_id) not in pairs:  # a dated mention wins
                        pairs[(copy.article_id, original.article_id)] = (copy, original, stated, m.group("date"))
    for a, b in copy_pairs:  # verified copies; no word says which is the original: report on the later one
        if (a, b) not in pairs and (b, a) not in pairs:
            pairs[(a, b)] = (by_id[a], by_id[b], None, None)
    return pairs.values()


def check(ctx):
    for p in records(ctx.db, _EVENT_PAIRS):
        yield Hit(p.file, p.line, p.col, f"event {p.event!r} is dated {p.when_text} here but {p.other_when} in "
                  f"{p.other} ({p.other_file}:{p.other_line}): the dates do not overlap", p.article_id, p.mention_id,
                  others=(p.other,) if p.other != "the vocabulary" else ())
    copy_pairs = ctx.db.execute(_COPY_PAIRS).fetchall()
    for copy, original, stated, stated_text in _copies(records(ctx.db, _ARTICLES), copy_pairs):
        if stated is not None:
            if stated.lo <= original.published_hi and original.published_lo <= stated.hi:
                continue
            message = (f"{copy.article_id} ({copy.outlet}, published {copy.published}) says this story first appeared on "
                       f"{original.outlet} on {stated_text}, but {original.article_id} is dated {original.published}")
        elif copy.published_hi < original.published_lo or original.published_hi < copy.published_lo:
            message = (f"{copy.article_id} ({copy.outlet}) is a copy of this story but is dated {copy.published}, "
                       f"while this one is dated {original.published}")
        else:
            continue
        yield Hit(original.file, original.published_line, original.published_col, message + "; relative dates in both resolve against these dates",
                  original.article_id, None, severity="warning", others=(copy.article_id,))
