"""Same-story rewrites (D603): the same story in other words, found from several signals at once.

* **figures**: claims of both articles with the same subject and metric, overlapping generous
  intervals and overlapping times (`when`) — the same number about the same thing;
* **events**: event keys both mention;
* **entities**: proper names both texts use (capitalised words not opening a sentence);
* **rare words**: other words both texts use that few sources of the ledger use;
* **dates**: first possible publication days at most `window_days` apart (default 45: follow-ups
  and weekly rewrites weeks later).

Rarity is counted in sources, not articles (`sources` clusters of copies count once), and is
"in at most max(RARE_SOURCES, RARE_SHARE of the sources)". A pair is a rewrite when

* it shares two or more figures and events, at least one name, and TEXT_STRONG names and rare
  words in all; or
* it shares one figure or event, at least NAMES_ONE names, and TEXT_ONE names and rare words.

Stories of different events on one topic share the topic's words, the company's names and often
a background figure (its workforce, China's share of processing), but not the event and its own
figures: they stay apart. Month and weekday names are dates, not names.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import duckdb

WINDOW_DAYS = 45
RARE_SOURCES = 3
RARE_SHARE = 0.01
TEXT_STRONG = 3  # shared names + rare words, with >= 2 shared figures and events
NAMES_ONE = 3  # with one shared figure or event: names ...
TEXT_ONE = 10  # ... and names + rare words
_DATES = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]{2,}")
_SENTENCE_END = re.compile(r"[.!?:\"”]\s*$|^\s*$")

# Shared figures (same subject, metric, overlapping values and times) and shared events, per pair
# of articles published within the window; pairs a < b by article id. Only candidates are joined,
# never every two claims of a subject and metric: each article sits in the time buckets (of
# $bucket days) its publication, stretched by the window, touches; two articles within the window
# share a bucket, so claims and events are joined within a bucket (issue 15), and the exact tests
# (values, times, the window) then run on those pairs only.
SHARED = """
WITH pub AS (SELECT article_id, published_lo AS lo, published_hi AS hi FROM articles WHERE kind = 'article'),
slot AS (
    SELECT article_id, unnest(range((lo - DATE '1970-01-01') // $bucket,
                                    (hi - DATE '1970-01-01' + greatest($window, 0)) // $bucket + 1)) AS bucket
    FROM pub
),
-- an article's events: those it mentions, and those its figures belong to (`event:` on a claim)
ev AS (SELECT article_id, event FROM events UNION SELECT article_id, event FROM claims WHERE event IS NOT NULL),
fig AS (SELECT c.article_id, c.subject, c.metric, c.lo, c.hi, c.when_lo, c.when_hi, s.bucket
        FROM claims c JOIN slot s USING (article_id) WHERE c.lo IS NOT NULL AND c.hi IS NOT NULL),
evs AS (SELECT ev.article_id, ev.event, s.bucket FROM ev JOIN slot s USING (article_id)),
shared AS (
    SELECT DISTINCT c1.article_id AS a, c2.article_id AS b, 'figure' AS what, c1.subject || '/' || c1.metric AS name
    FROM fig c1 JOIN fig c2 ON c1.subject = c2.subject AND c1.metric = c2.metric AND c1.bucket = c2.bucket
     AND c1.article_id < c2.article_id AND c1.lo <= c2.hi AND c2.lo <= c1.hi
     AND (c1.when_lo IS NULL OR c2.when_lo IS NULL OR (c1.when_lo <= c2.when_hi AND c2.when_lo <= c1.when_hi))
    UNION
    SELECT DISTINCT e1.article_id, e2.article_id, 'event', e1.event
    FROM evs e1 JOIN evs e2 ON e1.event = e2.event AND e1.bucket = e2.bucket AND e1.article_id < e2.article_id
)
SELECT s.a, s.b,
       list(name ORDER BY name) FILTER (WHERE what = 'figure') AS figures,
       list(name ORDER BY name) FILTER (WHERE what = 'event') AS events
FROM shared s JOIN pub pa ON pa.article_id = s.a JOIN pub pb ON pb.article_id = s.b
WHERE greatest(pa.lo, pb.lo) - least(pa.hi, pb.hi) <= $window
GROUP BY s.a, s.b
"""
BUCKET_DAYS = 28  # the least bucket: a wider one only when the window is wider


@dataclass(frozen=True, slots=True)
class Signals:
    figures: list[str]
    events: list[str]
    entities: list[str]
    rare_words: list[str]

    def describe(self) -> list[str]:
        """'figures: a/b, c/d' ... for every signal that matched."""
        out = []
        for name, items in (("figures", self.figures), ("events", self.events), ("names", self.entities),
                            ("rare words", self.rare_words)):
            if items:
                shown = ", ".join(items[:6]) + (f" and {len(items) - 6} more" if len(items) > 6 else "")
                out.append(f"{name}: {shown}")
        return out


def words(text: str) -> tuple[set[str], set[str]]:
    """(proper names, other words of 4+ letters), lower-cased. A capitalised word counts as a
    name unless it opens a sentence (or a line, or a quote)."""
    names, other = set(), set()
    for m in _WORD.finditer(text):
        w = m.group()
        before = text[max(0, m.start() - 3):m.start()]
        if w[0].isupper() and not _SENTENCE_END.search(before) and m.start() > 0:
            names.add(w.lower())
        elif len(w) >= 4:
            other.add(w.lower())
    return names - _DATES, other - names - _DATES


def shared(con: duckdb.DuckDBPyConnection, index: dict[str, int], window_days: int = WINDOW_DAYS):
    """{(i, j): (figures, events)} for articles published within the window (`index`: article
    id -> position; i < j)."""
    out = {}
    for a, b, f, e in con.execute(SHARED, {"window": window_days, "bucket": max(window_days, BUCKET_DAYS)}).fetchall():
        if a in index and b in index:
            out[tuple(sorted((index[a], index[b])))] = (f or [], e or [])
    return out


def find(shared: dict, texts: list[str], source: list[int], taken=frozenset()) -> dict[tuple[int, int], Signals]:
    """Rewrites among pairs with shared figures or events (`shared`), except those in `taken`
    (already copies); `source[i]` is article i's cluster of copies (rarity counts sources)."""
    shared = {q: v for q, v in shared.items() if q not in taken}
    if not shared:
        return {}
    vocab = [words(t) for t in texts]
    df: Counter = Counter()
    seen: dict[int, set[str]] = {}
    for i, (names, other) in enumerate(vocab):
        seen.setdefault(source[i], set()).update(names | other)
    for ws in seen.values():
        df.update(ws)
    rare_limit = max(RARE_SOURCES, RARE_SHARE * len(seen))
    # each text's rare names and words once, so a pair intersects two small sets, not its vocabularies
    rare: dict[int, tuple[set[str], set[str]]] = {}
    for i in {i for q in shared for i in q}:
        rare[i] = tuple({w for w in ws if df[w] <= rare_limit} for ws in vocab[i])
    out = {}
    for (i, j), (figures, events) in shared.items():
        entities = sorted(rare[i][0] & rare[j][0])
        words_ = sorted(rare[i][1] & rare[j][1])
        facts, text = len(figures) + len(events), len(entities) + len(words_)
        if (facts >= 2 and entities and text >= TEXT_STRONG) or (facts == 1 and len(entities) >= NAMES_ONE and text >= TEXT_ONE):
            out[(i, j)] = Signals(figures, events, entities, words_)
    return out
