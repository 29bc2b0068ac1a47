"""The review site's page model: articles, their quoted items located in the text, and the findings
attached to each — built from a check report and the database it wrote. Pure data, no HTML."""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

import duckdb

from ..engine import Run
from .. import phrasebook
from ..figures import Figure, figures
from ..finding import SEVERITIES, Finding, severity_rank
from ..interval import Interval
from ..store import records
from ..textnorm import NormalisedText
from .clusters import Cluster, duplicate_clusters

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass(slots=True)
class Item:
    """A claim, event mention or relation of an article, with where its quote sits in the text."""
    kind: str  # claim | event | relation
    item_id: str
    quote: str | None
    file: str
    line: int
    col: int
    details: list[tuple[str, str]]  # (label, text) rows shown in the item's panel
    span: tuple[int, int] | None = None  # [start, end) in the original article text
    findings: list[Finding] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"{self.kind}-{self.item_id}"

    @property
    def worst(self) -> str | None:
        return max((f.severity for f in self.findings), key=severity_rank, default=None)


@dataclass(slots=True)
class ArticlePage:
    article_id: str
    page: str  # file name under articles/
    title: str
    outlet: str
    published: str
    url: str | None
    kind: str
    text: str | None
    items: list[Item]
    findings: list[Finding]  # every finding of the article (item findings included)
    general: list[Finding]  # findings about the article as a whole (no item located)
    clusters: list[Cluster] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for i in self.items if i.kind == kind)


@dataclass(slots=True)
class Site:
    articles: list[ArticlePage]
    other_findings: list[Finding]  # not about any loaded article (vocabulary, unreadable files)
    clusters: list[Cluster]
    files: int
    claims: int
    findings: list[Finding]


def page_name(article_id: str, index: int) -> str:
    """Article ids are validated slugs; anything else gets a safe positional name."""
    stem = article_id if _SLUG.fullmatch(article_id) else f"article-{index}"
    return f"{stem}.html"


def build_site(run: Run) -> Site:
    report, con, phrases = run.report, run.db, run.phrases
    by_article: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_article.setdefault(f.article_id or "", []).append(f)
    clusters = duplicate_clusters(con)
    pages = []
    articles = records(con, "SELECT article_id, title, outlet, published, url, kind, text FROM articles "
                            "ORDER BY article_id")
    for index, a in enumerate(articles):
        aid, text = a.article_id, a.text
        items = _items(con, aid, phrases)
        findings = by_article.pop(aid, [])
        general = _attach(items, findings)
        if text is not None:
            located = NormalisedText(text)
            for item in items:
                item.span = located.find(item.quote) if item.quote else None
        member_of = [c for c in clusters if aid in c.articles]
        pages.append(ArticlePage(aid, page_name(aid, index), a.title, a.outlet, a.published, a.url, a.kind, text,
                                 items, findings, general, member_of))
    other = sorted((f for fs in by_article.values() for f in fs), key=Finding.sort_key)
    return Site(pages, other, clusters, report.files, report.claims, report.findings)


def _attach(items: list[Item], findings: list[Finding]) -> list[Finding]:
    """Give each finding to the item it names (preferring the one at the finding's own line when ids
    clash); return the findings that name no item of the article."""
    general = []
    for f in findings:
        named = [i for i in items if f.item_id is not None and i.item_id == f.item_id]
        at_line = [i for i in named if (i.file, i.line) == (f.file, f.line)]
        targets = at_line or named
        for item in targets:
            item.findings.append(f)
        if not targets:
            general.append(f)
    return general


def _items(con: duckdb.DuckDBPyConnection, article_id: str, phrases: phrasebook.Phrasebook) -> list[Item]:
    where = {"id": article_id}
    claims = figures(con, "c.article_id = $id", where, live=False, usable=False, order="line, col")
    events = records(con, "SELECT mention_id, quote, file, line, col, event, when_text, when_lo, when_hi, tense "
                          "FROM events WHERE article_id = $id ORDER BY line, col", where)
    relations = records(con, "SELECT relation_id, quote, file, line, col, holds FROM relations "
                             "WHERE article_id = $id ORDER BY line, col", where)
    items = [Item("claim", c.claim_id, c.quote, c.file, c.line, c.col, _claim_details(phrases, c)) for c in claims]
    items += [Item("event", e.mention_id, e.quote, e.file, e.line, e.col,
                   [("event", e.event), *_when_rows(e.when_text, e.when_lo, e.when_hi, e.tense)]) for e in events]
    items += [Item("relation", r.relation_id, r.quote, r.file, r.line, r.col, [("holds", r.holds)]) for r in relations]
    return sorted(items, key=lambda i: (i.line, i.col, i.kind, i.item_id))


def _claim_details(phrases: phrasebook.Phrasebook, fig: Figure) -> list[tuple[str, str]]:
    rows = [("as written", fig.written or "(change only)")]
    if fig.generous is not None:
        rows.append(("generous reading", _interval(phrases, fig.generous, fig)))
        if fig.strict is not None:
            rows.append(("strict reading", _interval(phrases, fig.strict, fig)))
    else:
        rows.append(("interval", "none (the value or unit could not be read)"))
    rows += _when_rows(fig.when_text, fig.when_lo, fig.when_hi, fig.tense)
    if fig.superseded_by:
        rows.append(("superseded by", fig.superseded_by))
    return rows


def _when_rows(when_text, when_lo, when_hi, tense) -> list[tuple[str, str]]:
    rows = []
    if when_text:
        dated = f" → {when_lo} – {when_hi}" if when_lo and when_hi else ""
        rows.append(("when", f"{when_text}{dated}"))
    if tense:
        rows.append(("tense", tense))
    return rows


def _interval(phrases: phrasebook.Phrasebook, iv: Interval, fig: Figure) -> str:
    if math.isnan(iv.lo) or math.isnan(iv.hi):
        return "none"
    return phrases.figure(iv, fig)


def severity_counts(findings: list[Finding]) -> list[tuple[str, int]]:
    counts = Counter(f.severity for f in findings)
    return [(s, counts[s]) for s in reversed(SEVERITIES)]
