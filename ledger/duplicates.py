"""The `duplicates`, `duplicate_clusters` and `sources` tables, computed once per check from the
loaded articles (rules D601, D602 and D603 only read them; other rules read `sources`).

* exact (D601): the same text after `textnorm.normalise` (case, whitespace, quotes, dashes);
* near-copy, update, partial-copy (D602): text reuse found by `ledger.reuse` — verified shingle
  Jaccard >= JACCARD or containment >= CONTAINMENT after boilerplate removal, or a shared passage
  (`ledger.passages`). The later text holding all of the earlier plus new paragraphs of the same
  outlet is an `update`; a text holding only part of the other, a `partial-copy`; `copied_a` and
  `copied_b` say which paragraphs ("paragraphs 1–6 of 9");
* rewrite (D603): the same story in other words, from shared figures, events, names and rare
  words within a window of days (`ledger.rewrites`); `signals` says which matched.

Each pair is reported once, oldest article first; its location is the later article's `article:`
key. Clusters are the connected components of the verified pairs; `sources` maps every article to
the earliest article of its cluster of copies (rewrites excluded): one source, for other rules.
"""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np

from . import minhash, passages, reuse, rewrites, schema, shingles, store
from .loader import Ledger

JACCARD = reuse.JACCARD
CONTAINMENT = reuse.CONTAINMENT

RULE_OF_KIND = {"exact": "D601", "near-copy": "D602", "update": "D602", "partial-copy": "D602", "rewrite": "D603"}
COPIES = schema.COPIES


@dataclass(frozen=True, slots=True)
class Thresholds:
    jaccard: float = JACCARD
    containment: float = CONTAINMENT
    window_days: int = rewrites.WINDOW_DAYS  # rewrites: publication days at most this far apart


_ARTICLES = """
SELECT article_id, text, text_norm, published_lo, published_hi, outlet FROM articles
WHERE kind = 'article' AND text IS NOT NULL ORDER BY published_lo, published_hi, article_id
"""


def load(con: duckdb.DuckDBPyConnection, ledger: Ledger, limits: Thresholds = Thresholds()) -> None:
    """Fill `duplicates`, `duplicate_clusters` and `sources` from the tables already loaded."""
    rows = con.execute(_ARTICLES).fetchall()
    ids = [r[0] for r in rows]
    table, pairs, source = _pairs(con, ledger, rows, limits) if len(rows) >= 2 else ([], [], list(range(len(ids))))
    store.append(con, "duplicates", table)
    label = minhash.components(len(ids), *_columns(pairs))  # the earliest member of each component
    size = np.bincount(label, minlength=len(ids))[label]
    store.append(con, "duplicate_clusters",
                 [(ids[i], ids[label[i]], int(size[i])) for i in np.flatnonzero(size > 1).tolist()])
    copies = np.bincount(source, minlength=len(ids))[source] if ids else []
    store.append(con, "sources", [(ids[i], ids[source[i]], int(copies[i])) for i in range(len(ids))])
    con.execute("INSERT INTO sources SELECT article_id, article_id, 1 FROM articles WHERE kind = 'article' "
                "AND article_id NOT IN (SELECT article_id FROM sources)")  # articles without text


def _pairs(con, ledger: Ledger, rows: list[tuple], limits: Thresholds):
    """(rows of `duplicates`, their (a, b) article indices, copy-cluster label of each article)."""
    ids = [r[0] for r in rows]
    index = {a: i for i, a in enumerate(ids)}  # order = publication order: a < b means b is later
    texts = [r[1] for r in rows]
    by_text: dict[str, int] = {}
    first_of = [by_text.setdefault(r[2], i) for i, r in enumerate(rows)]  # one dict lookup per article
    found = reuse.find(texts, limits.jaccard, limits.containment)
    sh, p = found.sh, found.pairs
    at = {(a, b): n for n, (a, b) in enumerate(zip(p.a.tolist(), p.b.tolist()))}
    exact = [(first, i) for i, first in enumerate(first_of) if first != i and (first, i) not in at]
    more = minhash.verify(sh, *_columns(exact))  # exact copies too short to share a shingle
    kinds = {q: "exact" for q in exact}
    at_exact = {q: n for n, q in enumerate(exact)}
    jaccard = p.jaccard  # once: the property computes the whole array
    for q, n in at.items():
        kinds[q] = "exact" if first_of[q[0]] == first_of[q[1]] else _copy_kind(
            int(p.shared[n]), int(p.size_a[n]), int(p.size_b[n]), float(jaccard[n]), rows[q[0]][5] == rows[q[1]][5], limits)
    source = minhash.components(len(ids), *_columns(sorted(kinds))).tolist()
    shared = rewrites.shared(con, index, limits.window_days)
    signals = rewrites.find(shared, texts, source, taken=kinds)
    kinds.update((q, "rewrite") for q in signals)
    pairs = sorted(kinds)
    if not pairs:
        return [], [], source
    a, b = _columns(pairs)
    docs, pos, row = reuse.positions(texts, sh, np.concatenate((a, b)))
    ua, ub = passages.units_found(sh, pos, row, a, b), passages.units_found(sh, pos, row, b, a)
    rest = [q for q in pairs if kinds[q] == "rewrite"]
    again = minhash.verify(sh, *_columns(rest))  # rewrites were not candidates: their overlap, once
    at_rest = {q: n for n, q in enumerate(rest)}
    word = minhash.verify(shingles.shingle(texts, 1), a, b).jaccard
    where = _locations(ledger)
    # each source's overlap arrays once, not once per pair (the properties compute whole arrays)
    overlap = {id(src): (src.jaccard, src.containment) for src in (p, again, more)}
    table = []
    for n, q in enumerate(pairs):
        kind = kinds[q]
        src, k = (p, at[q]) if q in at else (again, at_rest[q]) if q in at_rest else (more, at_exact[q])
        jac, cont = overlap[id(src)]
        figures, events = shared.get(q, ([], []))
        file, line, col = where.get(ids[q[1]], (None, None, None))
        table.append((ids[q[0]], ids[q[1]], kind, RULE_OF_KIND[kind],
                      1.0 if kind == "exact" else float(jac[k]), 1.0 if kind == "exact" else float(cont[k]),
                      int(src.shared[k]), int(src.size_a[k]), int(src.size_b[k]), float(word[n]),
                      len(figures), figures, len(events), events,
                      (rows[q[1]][3] - rows[q[0]][3]).days, file, line, col,
                      _describe(ua.of(n), pos.by_paragraph[row[q[0]]]), _describe(ub.of(n), pos.by_paragraph[row[q[1]]]),
                      signals[q].describe() if q in signals else None))
    return table, pairs, source


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


def clusters(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[tuple]]:
    """(column names, rows) of every duplicate cluster of an open ledger database."""
    cursor = con.execute(CLUSTERS)
    return [d[0] for d in cursor.description], cursor.fetchall()
