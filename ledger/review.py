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
from .finding import Finding
from .interval import Interval


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


def _interval(phrases: phrasebook.Phrasebook, lo, hi, lo_open, hi_open, written_unit, canonical_unit) -> str:
    """The interval in the unit the claim was written in; "—" when the claim has none."""
    if lo is None or hi is None or canonical_unit is None:
        return "—"
    return phrases.interval(Interval(lo, hi, bool(lo_open), bool(hi_open)), written_unit, canonical_unit)


def _written(qualifier, value, change, unit) -> str:
    return phrasebook.written(qualifier, value, unit, change)


_when = phrasebook.when


_CLAIMS = """
SELECT claim_id, line, quote, qualifier, value_text, change_text, unit_text,
       lo, hi, lo_open, hi_open, strict_lo, strict_hi, strict_lo_open, strict_hi_open, canonical_unit,
       when_text, when_lo, when_hi, when_relative, subject, metric, superseded_by
FROM claims WHERE article_id = ? ORDER BY line, col
"""

_PEERS = """
SELECT o.subject, o.metric, o.article_id, a.outlet, a.published, o.claim_id, o.qualifier, o.value_text,
       o.change_text, o.unit_text, o.lo, o.hi, o.lo_open, o.hi_open, o.canonical_unit, o.when_text,
       o.when_lo, o.when_hi, o.when_relative
FROM claims o JOIN articles a ON a.article_id = o.article_id
WHERE o.article_id <> $id
  AND EXISTS (SELECT 1 FROM claims m WHERE m.article_id = $id AND m.subject = o.subject AND m.metric = o.metric)
ORDER BY o.subject, o.metric, a.published_lo NULLS LAST, o.article_id, o.line
"""


def review(article_id: str, paths: list[Path], options: Options | None = None) -> ArticleReview:
    with engine.open(paths, options) as run:
        return article_review(run, article_id)


def article_review(run: Run, article_id: str) -> ArticleReview:
    con, report, units = run.db, run.report, run.phrases
    row = con.execute("SELECT title, outlet, published, kind, url, file, line, text_file FROM articles "
                      "WHERE article_id = ?", [article_id]).fetchone()
    if row is None:
        known = [r[0] for r in con.execute("SELECT article_id FROM articles ORDER BY 1").fetchall()]
        hint = [k for k in known if k.startswith(article_id)] or difflib.get_close_matches(article_id, known, n=1)
        tip = f"did you mean {hint[0]!r}?" if hint else "`factledger sql \"SELECT article_id FROM articles\"` lists them"
        raise ReviewError(f"no article {article_id!r} in the ledger; {tip}")
    result = ArticleReview(article_id, *row)
    for c in con.execute(_CLAIMS, [article_id]).fetchall():
        result.claims.append(ClaimRow(
            claim_id=c[0], line=c[1], quote=c[2], written=_written(c[3], c[4], c[5], c[6]),
            interval=_interval(units, *c[7:11], c[6], c[15]), strict=_interval(units, *c[11:15], c[6], c[15]),
            when=_when(*c[16:20]), subject=c[20], metric=c[21], superseded_by=c[22]))
    result.findings = [f for f in report.findings if f.article_id == article_id or f.file == result.file]
    result.rule_summaries = {f.rule: report.rules[f.rule].summary for f in result.findings if f.rule in report.rules}
    for p in con.execute(_PEERS, {"id": article_id}).fetchall():
        result.peers.append(Peer(p[0], p[1], p[2], p[3], p[4], p[5], _written(p[6], p[7], p[8], p[9]),
                                 _interval(units, *p[10:14], p[9], p[14]), _when(*p[15:19])))
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
    return [Duplicate(*row) for row in con.execute(_DUPLICATES, [article_id]).fetchall()]
