"""Duplicate clusters for the report, read from whichever duplicates table the database holds.

The duplicates tables are added by the duplicate-detection rules; a database without them (an
older build, or rules deselected) simply has no clusters section. Two shapes are understood:
`duplicate_clusters` (one row per member: a `cluster…` column and an `article_id` column) and
`duplicates` (one row per pair: the first two `article…` columns); every other column is shown
as it is."""
from __future__ import annotations

from dataclasses import dataclass, field

import duckdb


@dataclass(slots=True)
class Cluster:
    articles: list[str]  # sorted article ids
    notes: list[str] = field(default_factory=list)  # one line per source row, "col=value, …"


def duplicate_clusters(con: duckdb.DuckDBPyConnection) -> list[Cluster] | None:
    tables = {name for (name,) in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' "
        "AND table_name IN ('duplicates', 'duplicate_clusters')").fetchall()}
    tables |= {name for (name,) in con.execute(
        "SELECT view_name FROM duckdb_views() WHERE schema_name = 'main' "
        "AND view_name IN ('duplicates', 'duplicate_clusters')").fetchall()}
    if "duplicate_clusters" in tables:
        found = _from_members(con)
        if found is not None:
            return found
    if "duplicates" in tables:
        return _from_pairs(con)
    return None


def _rows(con, table: str) -> tuple[list[str], list[tuple]]:
    cursor = con.execute(f"SELECT * FROM {table}")
    names = [d[0] for d in cursor.description]
    return names, sorted(cursor.fetchall(), key=lambda row: tuple(str(v) for v in row))


def _note(names: list[str], row: tuple, skip: set[int]) -> str:
    return ", ".join(f"{n}={v}" for i, (n, v) in enumerate(zip(names, row)) if i not in skip and v is not None)


def _from_members(con) -> list[Cluster] | None:
    names, rows = _rows(con, "duplicate_clusters")
    cluster_col = next((i for i, n in enumerate(names) if n.lower().startswith("cluster")), None)
    article_col = next((i for i, n in enumerate(names) if n.lower() == "article_id"), None)
    if cluster_col is None or article_col is None:
        return None
    groups: dict[str, Cluster] = {}
    for row in rows:
        cluster = groups.setdefault(str(row[cluster_col]), Cluster([]))
        if row[article_col] not in cluster.articles:
            cluster.articles.append(row[article_col])
        note = _note(names, row, {cluster_col})
        if note and note not in cluster.notes:
            cluster.notes.append(note)
    return _finish(groups.values())


def _from_pairs(con) -> list[Cluster] | None:
    names, rows = _rows(con, "duplicates")
    cols = [i for i, n in enumerate(names) if n.lower().startswith("article")][:2]
    if len(cols) < 2:
        return None
    parent: dict[str, str] = {}

    def root(a: str) -> str:  # union-find: pairs sharing an article form one cluster
        while parent.setdefault(a, a) != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for row in rows:
        parent[root(row[cols[0]])] = root(row[cols[1]])
    groups: dict[str, Cluster] = {}
    for row in rows:
        cluster = groups.setdefault(root(row[cols[0]]), Cluster([]))
        for a in (row[cols[0]], row[cols[1]]):
            if a not in cluster.articles:
                cluster.articles.append(a)
        cluster.notes.append(f"{row[cols[0]]} ↔ {row[cols[1]]}: " + _note(names, row, set(cols)))
    return _finish(groups.values())


def _finish(clusters) -> list[Cluster]:
    done = [Cluster(sorted(c.articles), c.notes) for c in clusters]
    return sorted(done, key=lambda c: c.articles)
