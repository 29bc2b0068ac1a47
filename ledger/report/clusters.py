"""Duplicate clusters for the report, from the `duplicate_clusters` and `duplicates` tables."""
from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

_PAIRS = """
SELECT c.cluster_id, d.article_a, d.article_b, d.rule, d.kind, d.jaccard, d.containment
FROM duplicates d JOIN duplicate_clusters c ON c.article_id = d.article_a
ORDER BY c.cluster_id, d.article_a, d.article_b
"""


@dataclass(slots=True)
class Cluster:
    articles: list[str]  # sorted article ids
    notes: list[str] = field(default_factory=list)  # one line per verified pair


def duplicate_clusters(con: duckdb.DuckDBPyConnection) -> list[Cluster]:
    groups: dict[str, Cluster] = {}
    for cluster_id, article_id in con.execute(
            "SELECT cluster_id, article_id FROM duplicate_clusters ORDER BY cluster_id, article_id").fetchall():
        groups.setdefault(cluster_id, Cluster([])).articles.append(article_id)
    for cluster_id, a, b, rule, kind, jaccard, containment in con.execute(_PAIRS).fetchall():
        groups[cluster_id].notes.append(
            f"{a} ↔ {b}: {rule} {kind}, Jaccard {jaccard:.2f}, containment {containment:.2f}")
    return sorted(groups.values(), key=lambda c: c.articles)
