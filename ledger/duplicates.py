"""The `duplicates` and `duplicate_clusters` tables, computed once per check from the loaded
articles (rules D601, D602 and D603 only read them).

* exact (D601): the same text after `textnorm.normalise` (case, whitespace, quotes, dashes);
* near-copy (D602): verified shingle Jaccard >= JACCARD, or containment >= CONTAINMENT (a wire
  story wrapped in a new header and footer), after boilerplate removal (`ledger.shingles`);
* rewrite (D603): published within WINDOW_DAYS, sharing at least REWRITE_SHARED event keys and
  figures (same subject and metric, overlapping generous intervals), and a word-set Jaccard of at
  least REWRITE_WORDS — the same story told in other words.

Each pair is reported once, oldest article first; its location is the later article's `article:`
key. Clusters are the connected components of the verified pairs.
"""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np

from . import minhash, shingles, store
from .loader import Ledger, load_ledger

JACCARD = 0.5
CONTAINMENT = 0.8
REWRITE_WORDS = 0.2
REWRITE_SHARED = 2
WINDOW_DAYS = 14

RULE_OF_KIND = {"exact": "D601", "near-copy": "D602", "rewrite": "D603"}

_ARTICLES = """
SELECT article_id, text, text_norm, published_lo, published_hi FROM articles
WHERE kind = 'article' AND text IS NOT NULL ORDER BY published_lo, published_hi, article_id
"""

# Pairs of articles (within the window) sharing events or figures, with what they share.
_SHARED = f"""
WITH pub AS (SELECT article_id, published_lo AS lo, published_hi AS hi FROM articles WHERE kind = 'article'),
-- an article's events: those it mentions, and those its figures belong to (`event:` on a claim)
ev AS (SELECT article_id, event FROM events UNION SELECT article_id, event FROM claims WHERE event IS NOT NULL),
shared AS (
    SELECT DISTINCT c1.article_id AS a, c2.article_id AS b, 'figure' AS what, c1.subject || '/' || c1.metric AS name
    FROM claims c1 JOIN claims c2 ON c1.subject = c2.subject AND c1.metric = c2.metric
     AND c1.article_id < c2.article_id AND c1.lo <= c2.hi AND c2.lo <= c1.hi
    UNION
    SELECT DISTINCT e1.article_id, e2.article_id, 'event', e1.event
    FROM ev e1 JOIN ev e2 ON e1.event = e2.event AND e1.article_id < e2.article_id
)
SELECT s.a, s.b,
       list(name ORDER BY name) FILTER (WHERE what = 'figure') AS figures,
       list(name ORDER BY name) FILTER (WHERE what = 'event') AS events
FROM shared s JOIN pub pa ON pa.article_id = s.a JOIN pub pb ON pb.article_id = s.b
WHERE greatest(pa.lo, pb.lo) - least(pa.hi, pb.hi) <= {WINDOW_DAYS}
GROUP BY s.a, s.b
"""


@dataclass(frozen=True, slots=True)
class Thresholds:
    jaccard: float = JACCARD
    containment: float = CONTAINMENT
    rewrite_words: float = REWRITE_WORDS
    rewrite_shared: int = REWRITE_SHARED


def load(con: duckdb.DuckDBPyConnection, ledger: Ledger, limits: Thresholds = Thresholds()) -> None:
    """Fill `duplicates` and `duplicate_clusters` from the tables already loaded."""
    rows = con.execute(_ARTICLES).fetchall()
    if len(rows) < 2:
        return
    ids = [r[0] for r in rows]
    index = {a: i for i, a in enumerate(ids)}  # order = publication order: a < b means b is later
    texts = [r[1] for r in rows]
    shared = {(min(index[a], index[b]), max(index[a], index[b])): (f or [], e or [])
              for a, b, f, e in con.execute(_SHARED).fetchall() if a in index and b in index}
    kinds: dict[tuple[int, int], str] = {}
    by_text: dict[str, int] = {}
    first_of = [by_text.setdefault(r[2], i) for i, r in enumerate(rows)]  # one dict lookup per article
    for i, first in enumerate(first_of):
        if first != i:
            kinds[(first, i)] = "exact"
    sh = shingles.shingle(texts)
    near = minhash.find_pairs(sh)
    keep = (near.jaccard >= limits.jaccard) | (near.containment >= limits.containment)
    for a, b in zip(near.a[keep].tolist(), near.b[keep].tolist()):
        kinds.setdefault((a, b), "exact" if first_of[a] == first_of[b] else "near-copy")
    rewrite = [p for p, (f, e) in shared.items() if p not in kinds and len(f) + len(e) >= limits.rewrite_shared]
    vocab = shingles.shingle(texts, 1)
    words = minhash.verify(vocab, *_columns(rewrite))
    for p, j in zip(rewrite, words.jaccard.tolist()):
        if j >= limits.rewrite_words:
            kinds[p] = "rewrite"
    pairs = sorted(kinds)
    if not pairs:
        return
    over = minhash.verify(sh, *_columns(pairs))
    word = minhash.verify(vocab, *_columns(pairs)).jaccard
    where = _locations(ledger)
    table = []
    for n, (a, b) in enumerate(pairs):
        figures, events = shared.get((a, b), ([], []))
        file, line, col = where.get(ids[b], (None, None, None))
        table.append((ids[a], ids[b], kinds[(a, b)], RULE_OF_KIND[kinds[(a, b)]],
                      1.0 if kinds[(a, b)] == "exact" else float(over.jaccard[n]),
                      1.0 if kinds[(a, b)] == "exact" else float(over.containment[n]),
                      int(over.shared[n]), int(over.size_a[n]), int(over.size_b[n]), float(word[n]),
                      len(figures), figures, len(events), events,
                      (rows[b][3] - rows[a][3]).days, file, line, col))
    store.append(con, "duplicates", table)
    label = minhash.components(len(ids), *_columns(pairs))  # the earliest member of each component
    size = np.bincount(label, minlength=len(ids))[label]
    store.append(con, "duplicate_clusters",
                 [(ids[i], ids[label[i]], int(size[i])) for i in np.flatnonzero(size > 1).tolist()])


def _columns(pairs: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    arr = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    return arr[:, 0], arr[:, 1]


def _locations(ledger: Ledger) -> dict[str, tuple[str, int, int]]:
    """Article id -> (file, line, col) of its `article:` key."""
    out = {}
    for f, model in ledger.models():
        if model.article is not None:
            out[model.article.id] = (f.display, *f.doc.position(("article",), key=True))
    return out


PAIRS_OF_RULE = """
SELECT d.file, d.line, d.col, d.article_b, d.article_a, d.jaccard, d.containment, d.word_jaccard,
       d.figures, d.events, d.days_apart, a.outlet, a.published, b.outlet
FROM duplicates d JOIN articles a ON a.article_id = d.article_a JOIN articles b ON b.article_id = d.article_b
WHERE d.rule = ? ORDER BY d.file, d.article_a
"""

CLUSTERS = """
SELECT c.cluster_id AS cluster, c.article_id, a.outlet, a.published,
       string_agg(DISTINCT d.kind, ', ' ORDER BY d.kind) AS kinds,
       round(max(d.jaccard), 3) AS best_jaccard, round(max(d.containment), 3) AS best_containment
FROM duplicate_clusters c
JOIN articles a USING (article_id)
JOIN duplicates d ON c.article_id IN (d.article_a, d.article_b)
GROUP BY c.cluster_id, c.article_id, a.outlet, a.published, a.published_lo
ORDER BY cluster, a.published_lo, c.article_id
"""


def clusters(paths: list) -> tuple[list[str], list[tuple]]:
    """(column names, rows) of every duplicate cluster of the ledger at `paths`, built in memory."""
    from .engine import database
    from .resolve import resolve

    ledger = load_ledger(paths)
    resolved = resolve(ledger)
    with database(None) as con:
        store.create(con, resolved.tables)
        load(con, ledger)
        cursor = con.execute(CLUSTERS)
        return [d[0] for d in cursor.description], cursor.fetchall()
