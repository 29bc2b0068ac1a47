"""Claims as figures for the consistency rules (Q204, A302, A303, C401-C403, D604): both readings,
the time they hold for, how to show them, and the one verdict every comparison uses (DESIGN §2)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import phrasebook
from .interval import Interval

# Every claim with the time it holds for: its `when`, else the article's publication period.
CLAIMS = """
SELECT c.*, coalesce(c.when_lo, a.published_lo) AS at_lo, coalesce(c.when_hi, a.published_hi) AS at_hi,
       a.kind AS article_kind, a.outlet AS outlet, a.title AS title, a.published AS published,
       a.published_lo AS published_lo, a.published_hi AS published_hi, m.kind AS metric_kind,
       coalesce(m.flow, false) AS metric_flow
FROM claims c
JOIN articles a ON a.article_id = c.article_id
LEFT JOIN metrics m ON m.key = c.metric
"""
# Live claims only: superseded claims are skipped, the correction speaks for them.
CLAIMS_AT = CLAIMS + "WHERE c.superseded_by IS NULL\n"


@dataclass(frozen=True, slots=True)
class Figure:
    """A claim as every reader sees it: its columns by name, both readings as Intervals (None
    when the claim has no usable figure), the time it holds for and its article's facts."""
    claim_key: str
    article_id: str
    claim_id: str
    file: str
    line: int
    col: int
    quote: str
    subject: str
    metric: str
    share_of: str | None
    value_text: str | None
    change_text: str | None
    unit_text: str | None
    qualifier: str | None
    canonical_unit: str | None
    dimension: str | None
    currency: str | None
    at_lo: date | None
    at_hi: date | None
    when_text: str | None
    when_lo: date | None
    when_hi: date | None
    when_relative: bool | None
    tense: str | None
    generous: Interval | None
    strict: Interval | None
    article_kind: str
    outlet: str
    published: str
    metric_kind: str | None
    rank: int | None
    restates: str | None
    superseded_by: str | None
    quote_norm: str
    title: str
    change_window: str | None  # what is compared beyond subject and metric (ledger/windows.py)
    state: str | None
    event: str | None
    from_ref: str | None
    metric_flow: bool
    published_lo: date
    published_hi: date

    @property
    def key(self) -> str:
        return self.claim_key

    @property
    def written(self) -> str:
        """The figure as the text gives it: 'over 90%', '200 billion JPY'."""
        return phrasebook.written(self.qualifier, self.value_text, self.unit_text, self.change_text)

    @property
    def reference(self) -> bool:
        return self.article_kind == "reference"

    def overlaps_in_time(self, other: Figure) -> bool:
        return (self.at_lo is not None and other.at_lo is not None
                and self.at_lo <= other.at_hi and other.at_lo <= self.at_hi)

    def where(self) -> str:
        return f"{self.file}:{self.line}"


_COLUMNS = [name for name in Figure.__slots__ if name not in ("generous", "strict")]
_READINGS = ["lo", "hi", "lo_open", "hi_open", "strict_lo", "strict_hi", "strict_lo_open", "strict_hi_open"]
_SPLIT = Figure.__slots__.index("generous")  # the readings sit between the other columns (both slots in a row)


def figures(db, where: str = "TRUE", params=None, *, live: bool = True, usable: bool = True,
            order: str = "file, line, col") -> list[Figure]:
    """Claims as Figures, filtered by a SQL condition on `c` (with `params`): by default live
    claims with a usable figure (both readings); `live=False` keeps superseded ones, `usable=False`
    those without an interval (the review shows every claim)."""
    conditions = [f"({where})"] + (["c.lo IS NOT NULL"] if usable else [])
    sql = (f"SELECT {', '.join(_COLUMNS + _READINGS)} FROM ({CLAIMS_AT if live else CLAIMS}) c "
           f"WHERE {' AND '.join(conditions)} ORDER BY {order}")
    # the columns come in Figure's field order, so rows become Figures by position: at 255k claims
    # building them by name cost more than the query (issue 15)
    cursor = db.execute(sql, params) if params is not None else db.execute(sql)
    n, out = len(_COLUMNS), []
    for row in cursor.fetchall():
        lo, hi, lo_open, hi_open, s_lo, s_hi, s_lo_open, s_hi_open = row[n:]
        generous = None if lo is None or hi is None else Interval(lo, hi, bool(lo_open), bool(hi_open))
        strict = None if s_lo is None or s_hi is None else Interval(s_lo, s_hi, bool(s_lo_open), bool(s_hi_open))
        out.append(Figure(*row[:_SPLIT], generous, strict, *row[_SPLIT:n]))
    return out


def verdict(gen_a: Interval, strict_a: Interval, gen_b: Interval, strict_b: Interval) -> str | None:
    """'error' when even the generous readings are disjoint, 'warning' when only the strict ones
    are, None when they agree."""
    if not gen_a.intersects(gen_b):
        return "error"
    if not strict_a.intersects(strict_b):
        return "warning"
    return None


# The claims a restatement rule (Q203, Q204) reads: those whose key restates another or is
# restated, every row of such a key (a key used twice reads as it always did: the last by position).
RESTATEMENTS = """c.claim_key IN (SELECT claim_key FROM claims WHERE restates IS NOT NULL
                UNION SELECT restates FROM claims WHERE restates IS NOT NULL)"""
