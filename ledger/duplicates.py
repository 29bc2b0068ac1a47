"""The `duplicates` and `duplicate_clusters` tables, computed once per check from the loaded
articles (rules D601, D602 and D603 only read them).

* exact (D601): the same text after `textnorm.normalise` (case, whitespace, quotes, dashes);
* near-copy, update, partial-copy (D602): text reuse found by `ledger.reuse` — verified shingle
  Jaccard >= JACCARD or containment >= CONTAINMENT after boilerplate removal, or a shared passage
  (`ledger.passages`). The later text holding all of the earlier plus new paragraphs of the same
  outlet is an `update`; a text holding only part of the other, a `partial-copy`; `copied_a` and
  `copied_b` say which paragraphs ("paragraphs 1–6 of 9");
* rewrite (D603): published within WINDOW_DAYS, sharing at least REWRITE_SHARED event keys and
  figures (same subject and metric, overlapping generous intervals), and a word-set Jaccard of at
  least REWRITE_WORDS — the same story told in other words.

Each pair is reported once, oldest article first; its location is the later article's `article:`
key. Clusters are the connected components of the verified pairs; `sources` maps every article to
the earliest article of its cluster of copies (rewrites excluded): one source, for other rules.
"""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np

from . import minhash, passages, reuse, shingles, store
from .loader import Ledger, load_ledger

JACCARD = reuse.JACCARD
CONTAINMENT = reuse.CONTAINMENT
REWRITE_WORDS = 0.2
REWRITE_SHARED = 2
WINDOW_DAYS = 14

RULE_OF_KIND = {"exact": "D601", "near-copy": "D602", "update": "D602", "partial-copy": "D602", "rewrite": "D603"}
COPIES = ("exact", "near-copy", "update", "partial-copy")

_ARTICLES = """
SELECT article_id, text, text_norm, published_lo, published_hi, outlet FROM articles
WHERE kind = 'article' AND text IS NOT NULL ORDER BY published_lo, published_hi, article_id
"""

# Pairs of articles (within the window) sharing events or figures, with what they share.
_SHARED = f"""
WITH pub AS (SELECT article_id, published_lo AS lo, published_hi AS hi FROM articles WHERE kind = 'article'),
shared AS (
    SELECT DISTINCT c1.article_id AS a, c2.article_id AS b, 'figure' AS what, c1.subject || '/' || c1.metric AS name
    FROM claims c1 JOIN claims c2 ON c1.subject = c2.subject AND c1.metric = c2.metric
     AND c1.article_id < c2.article_id AND c1.lo <= c2.hi AND c2.lo <= c1.hi
    UNION
    SELECT DISTINCT e1.article_id, e2.article_id, 'event', e1.event
    FROM events e1 JOIN events e2 ON e1.event = e2.event AND e1.article_id < e2.article_id
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
    """Fill `duplicates`, `duplicate_clusters` and `sources` from the tables already loaded."""
    rows = con.execute(_ARTICLES).fetchall()
    ids = [r[0] for r in rows]
    if len(rows) >= 2:
        table, pairs = _pairs(con, ledger, rows, limits)
        store.append(con, "duplicates", table)
    else:
        pairs = []
    label = minhash.components(len(ids), *_columns(pairs))  # the earliest member of each component
    size = np.bincount(label, minlength=len(ids))[label]
    store.append(con, "duplicate_clusters",
                 [(ids[i], ids[label[i]], int(size[i])) for i in np.flatnonzero(size > 1).tolist()])
    copies = [p for p, row in zip(pairs, table) if row[2] in COPIES] if pairs else []
    label = minhash.components(len(ids), *_columns(copies))
    size = np.bincount(label, minlength=len(ids))[label]
    store.append(con, "sources", [(ids[i], ids[label[i]], int(size[i])) for i in range(len(ids))])
    con.execute("INSERT INTO sources SELECT article_id, article_id, 1 FROM articles WHERE kind = 'article' "
                "AND article_id NOT IN (SELECT article_id FROM sources)")  # articles without text


def _pairs(con, ledger: Ledger, rows: list[tuple], limits: Thresholds) -> tuple[list[tuple], list[tuple[int, int]]]:
    """(rows of `duplicates`, their (a, b) article indices)."""
    ids = [r[0] for r in rows]
    index = {a: i for i, a in enumerate(ids)}  # order = publication order: a < b means b is later
    texts = [r[1] for r in rows]
    shared = {(min(index[a], index[b]), max(index[a], index[b])): (f or [], e or [])
              for a, b, f, e in con.execute(_SHARED).fetchall() if a in index and b in index}
    by_text: dict[str, int] = {}
    first_of = [by_text.setdefault(r[2], i) for i, r in enumerate(rows)]  # one dict lookup per article
    found = reuse.find(texts, limits.jaccard, limits.containment)
    sh, p = found.sh, found.pairs
    stats = {(a, b): n for n, (a, b) in enumerate(zip(p.a.tolist(), p.b.tolist()))}
    kinds = {(first, i): "exact" for i, first in enumerate(first_of) if first != i}
    for (a, b), n in stats.items():
        kinds.setdefault((a, b), "exact" if first_of[a] == first_of[b] else "copy")
    rewrite = [q for q, (f, e) in shared.items() if q not in kinds and len(f) + len(e) >= limits.rewrite_shared]
    vocab = shingles.shingle(texts, 1)
    words = minhash.verify(vocab, *_columns(rewrite))
    for q, j in zip(rewrite, words.jaccard.tolist()):
        if j >= limits.rewrite_words:
            kinds[q] = "rewrite"
    pairs = sorted(kinds)
    if not pairs:
        return [], []
    missing = [q for q in pairs if q not in stats]  # exact copies with no shingle, rewrites
    extra = minhash.verify(sh, *_columns(missing))
    at = {q: k for k, q in enumerate(missing)}
    a, b = _columns(pairs)
    docs, pos, row = reuse.positions(texts, sh, np.concatenate((a, b)))
    ua, ub = passages.units_found(sh, pos, row, a, b), passages.units_found(sh, pos, row, b, a)
    word = minhash.verify(vocab, a, b).jaccard
    where = _locations(ledger)
    table = []
    for n, (a, b) in enumerate(pairs):
        src, k = (p, stats[(a, b)]) if (a, b) in stats else (extra, at[(a, b)])
        shared_sh, size_a, size_b = int(src.shared[k]), int(src.size_a[k]), int(src.size_b[k])
        kind = kinds[(a, b)]
        if kind == "copy":
            kind = _copy_kind(shared_sh, size_a, size_b, float(src.jaccard[k]), rows[a][5] == rows[b][5], limits)
        figures, events = shared.get((a, b), ([], []))
        file, line, col = where.get(ids[b], (None, None, None))
        table.append((ids[a], ids[b], kind, RULE_OF_KIND[kind],
                      1.0 if kind == "exact" else float(src.jaccard[k]), 1.0 if kind == "exact" else float(src.containment[k]),
                      shared_sh, size_a, size_b, float(word[n]),
                      len(figures), figures, len(events), events,
                      (rows[b][3] - rows[a][3]).days, file, line, col,
                      _describe(ua.of(n), pos.by_paragraph[row[a]]), _describe(ub.of(n), pos.by_paragraph[row[b]])))
    return table, pairs


def _copy_kind(shared: int, size_a: int, size_b: int, jaccard: float, same_outlet: bool, limits: Thresholds) -> str:
    """near-copy: most of each text is in the other; update: the later text holds all of the
    earlier one and adds its own (same outlet); partial-copy: only part of a text is reused."""
    inside_a, inside_b = shared >= limits.containment * size_a, shared >= limits.containment * size_b
    if jaccard >= limits.jaccard or (inside_a and inside_b):
        return "near-copy"
    if inside_a:
        return "update" if same_outlet else "near-copy"
    return "partial-copy"


def _describe(copied: list[bool], by_paragraph: bool) -> str:
    """'paragraphs 1–6 of 9' / 'all 4 sentences' / 'no paragraph' (of the text after boilerplate)."""
    unit = "paragraphs" if by_paragraph else "sentences"
    if copied and all(copied):
        return f"all {len(copied)} {unit}" if len(copied) > 1 else f"its one {unit[:-1]}"
    if not any(copied):
        return f"no {unit[:-1]}"
    return f"{unit} {passages.ranges(copied)} of {len(copied)}"


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
       d.figures, d.events, d.days_apart, a.outlet, a.published, b.outlet, d.kind, d.copied_a, d.copied_b
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
