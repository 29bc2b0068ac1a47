"""Syndicated copies are one source (DESIGN §2): the articles the `duplicates` table verifies as
exact or near-copies (D601, D602) form copy clusters. A finding on copied text is reported once
per cluster, naming the copies; a copy never counts as an independent outlet.

Rewrites (D603) are not copies: their figures were re-stated by another writer, and a finding in
one is not a finding in the other."""
from __future__ import annotations

from dataclasses import dataclass, replace

from .finding import Finding

_COPY_PAIRS = "SELECT article_a, article_b FROM duplicates WHERE kind IN ('exact', 'near-copy', 'update')"  # update: a copy re-sent with paragraphs added
_ARTICLES = "SELECT article_id, outlet, published, published_lo, file, line FROM articles"
# the words of every item, for telling "the same sentence in two copies" from two different items
_ITEM_QUOTES = """
SELECT article_id, claim_id, quote_norm FROM claims
UNION ALL SELECT article_id, mention_id, quote_norm FROM events
UNION ALL SELECT article_id, relation_id, coalesce(quote_norm, holds) FROM relations
"""


@dataclass(frozen=True, slots=True)
class Copy:
    article_id: str
    outlet: str
    published: str
    file: str
    line: int


class Sources:
    """article id -> its copy cluster (the members in publication order, earliest first)."""

    def __init__(self, db) -> None:
        parent: dict[str, str] = {}

        def root(a: str) -> str:
            while parent.get(a, a) != a:
                a = parent[a]
            return a

        for a, b in db.execute(_COPY_PAIRS).fetchall():
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
        meta = {r[0]: r for r in db.execute(_ARTICLES).fetchall()}
        clusters: dict[str, list[str]] = {}
        for a in list(parent) + list(parent.values()):
            members = clusters.setdefault(root(a), [])
            if a not in members:
                members.append(a)
        self._cluster: dict[str, tuple[str, ...]] = {}
        for members in clusters.values():
            ordered = tuple(sorted(members, key=lambda m: (meta[m][3], m)))
            for m in ordered:
                self._cluster[m] = ordered
        self._meta = {k: Copy(k, v[1], v[2], v[4], v[5]) for k, v in meta.items()}

    def cluster(self, article_id: str | None) -> tuple[str, ...]:
        """The copies of one text that article belongs to (just itself when it has none)."""
        if article_id is None:
            return ()
        return self._cluster.get(article_id, (article_id,))

    def copies_of(self, article_id: str) -> list[Copy]:
        """The other members of the article's cluster."""
        return [self._meta[m] for m in self.cluster(article_id) if m != article_id]

    def same_source(self, a: str, b: str) -> bool:
        return a == b or b in self._cluster.get(a, ())

    def describe(self, article_id: str) -> str:
        """'X (Outlet, date)' for an article; with its copies when it has any."""
        copies = self.copies_of(article_id)
        meta = self._meta[article_id]
        text = f"{article_id} ({meta.outlet}, {meta.published})"
        if copies:
            text += " and its syndicated " + ("copy " if len(copies) == 1 else "copies ") + ", ".join(
                f"{c.article_id} ({c.outlet}, {c.published})" for c in copies)
        return text


def merge_copies(findings: list[Finding], db) -> list[Finding]:
    """One finding per copy cluster for the same rule on the same words: the copy published first
    keeps it, its message names the other copies (and where they say it), and `others` lists them
    so `check --changed` on any copy still reports it."""
    sources = Sources(db)
    quotes = {(a, i): q for a, i, q in db.execute(_ITEM_QUOTES).fetchall()}
    groups: dict[tuple, list[int]] = {}
    for n, f in enumerate(findings):
        cluster = sources.cluster(f.article_id)
        if len(cluster) < 2 or f.item_id is None or (f.article_id, f.item_id) not in quotes:
            continue
        groups.setdefault((f.rule, cluster, quotes[(f.article_id, f.item_id)]), []).append(n)
    drop: set[int] = set()
    out = list(findings)
    for (_, cluster, _), members in groups.items():
        if len({findings[n].article_id for n in members}) < 2:
            continue
        members.sort(key=lambda n: cluster.index(findings[n].article_id))
        keep, rest = members[0], members[1:]
        kept = findings[keep]
        also = [findings[n] for n in rest if findings[n].article_id != kept.article_id]
        names = "; ".join(f"{f.article_id} ({f.file}:{f.line})" for f in also)
        noun = "copy" if len(also) == 1 else "copies"
        message = (f"{kept.message} — the same text is in its syndicated {noun} {names}: "
                   f"one source, reported once")
        others = tuple(dict.fromkeys([*kept.others, *(f.article_id for f in also),
                                      *(o for f in also for o in f.others)]))
        out[keep] = replace(kept, message=message, others=others)
        drop.update(n for n in rest if findings[n].article_id != kept.article_id)
    return [f for n, f in enumerate(out) if n not in drop]
