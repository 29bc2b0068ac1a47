"""`factledger review ARTICLE_ID`: one article in depth — its metadata, its claims with their
intervals, its findings, what other articles of the ledger say about the same subject and metric,
and its duplicates. Returns a structure; rendering
is `review_render`'s job."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from . import engine, phrasebook
from .engine import Options, Run
from .figures import Figure, figures
from .finding import Finding
from .interval import Interval
from .store import records


class ReviewError(Exception):
    pass


@dataclass(slots=True)
class Duplicate:
    rule: str
    kind: str
    article_id: str  # the other article
    outlet: str
    published: str
    jaccard: float
    containment: float


@dataclass(slots=True)
class ClaimRow:
    claim_id: str
    line: int
    quote: str
    written: str  # qualifier, value and unit as written
    interval: str  # generous reading in canonical units
    strict: str  # strict reading in canonical units
    when: str  # as written, with the day interval it resolves to
    subject: str
    metric: str
    superseded_by: str | None = None


@dataclass(slots=True)
class Peer:
    """A claim of another article on a subject+metric this article also states."""
    subject: str
    metric: str
    article_id: str
    outlet: str
    published: str
    claim_id: str
    written: str
    interval: str
    when: str


@dataclass(slots=True)
class ArticleReview:
    article_id: str
    title: str
    outlet: str
    published: str
    kind: str
    url: str | None
    file: str
    line: int
    text_file: str | None
    claims: list[ClaimRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    rule_summaries: dict[str, str] = field(default_factory=dict)
    peers: list[Peer] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)


def _interval(phrases: phrasebook.Phrasebook, iv: Interval | None, fig: Figure) -> str:
    """The interval in the unit the claim was written in; "—" when the claim has none."""
    return "—" if iv is None else phrases.figure(iv, fig)


def _when(fig: Figure) -> str:
    return phrasebook.when(fig.when_text, fig.when_lo, fig.when_hi, fig.when_relative)


# claims of other articles on a subject and metric this article also states
_PEERS = """c.article_id <> $id
  AND EXISTS (SELECT 1 FROM claims m WHERE m.article_id = $id AND m.subject = c.subject AND m.metric = c.metric)"""


def review(article_id: str, paths: list[Path], options: Options | None = None) -> ArticleReview:
    with engine.open(paths, options) as run:
        return article_review(run, article_id)


def article_review(run: Run, article_id: str) -> ArticleReview:
    con, report, phrases = run.db, run.report, run.phrases
    found = records(con, "SELECT title, outlet, published, kind, url, file, line, text_file FROM articles "
                         "WHERE article_id = ?", [article_id])
    if not found:
        known = [r[0] for r in con.execute("SELECT article_id FROM articles ORDER BY 1").fetchall()]
        hint = [k for k in known if k.startswith(article_id)] or difflib.get_close_matches(article_id, known, n=1)
        tip = f"did you mean {hint[0]!r}?" if hint else "`factledger sql \"SELECT article_id FROM articles\"` lists them"
        raise ReviewError(f"no article {article_id!r} in the ledger; {tip}")
    a = found[0]
    result = ArticleReview(article_id, a.title, a.outlet, a.published, a.kind, a.url, a.file, a.line, a.text_file)
    for fig in figures(con, "c.article_id = $id", {"id": article_id}, live=False, usable=False, order="line, col"):
        result.claims.append(ClaimRow(
            claim_id=fig.claim_id, line=fig.line, quote=fig.quote, written=fig.written,
            interval=_interval(phrases, fig.generous, fig), strict=_interval(phrases, fig.strict, fig),
            when=_when(fig), subject=fig.subject, metric=fig.metric, superseded_by=fig.superseded_by))
    result.findings = [f for f in report.findings if f.article_id == article_id or f.file == result.file]
    result.rule_summaries = {f.rule: report.rules[f.rule].summary for f in result.findings if f.rule in report.rules}
    for fig in figures(con, _PEERS, {"id": article_id}, live=False, usable=False,
                       order="subject, metric, published_lo NULLS LAST, article_id, line"):
        result.peers.append(Peer(fig.subject, fig.metric, fig.article_id, fig.outlet, fig.published, fig.claim_id,
                                 fig.written, _interval(phrases, fig.generous, fig), _when(fig)))
    result.duplicates = _duplicates(con, article_id)
    return result


_DUPLICATES = """
SELECT d.rule, d.kind, o.article_id, o.outlet, o.published, d.jaccard, d.containment
FROM duplicates d
JOIN articles o ON o.article_id = CASE WHEN d.article_a = $1 THEN d.article_b ELSE d.article_a END
WHERE $1 IN (d.article_a, d.article_b)
ORDER BY d.rule, o.article_id
"""


def _duplicates(con, article_id: str) -> list[Duplicate]:
    return [Duplicate(rule=r.rule, kind=r.kind, article_id=r.article_id, outlet=r.outlet, published=r.published,
                      jaccard=r.jaccard, containment=r.containment)
            for r in records(con, _DUPLICATES, [article_id])]
