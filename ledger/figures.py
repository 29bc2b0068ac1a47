"""Claims as figures for the consistency rules (Q204, A302, A303, C401-C403, D604): both readings,
the time they hold for, how to show them, and the one verdict every comparison uses (DESIGN §2)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import phrasebook
from .interval import Interval

# Every live claim with the time it holds for: its `when`, else the article's publication period.
# Superseded claims are skipped: the correction speaks for them.
CLAIMS_AT = """
SELECT c.*, coalesce(c.when_lo, a.published_lo) AS at_lo, coalesce(c.when_hi, a.published_hi) AS at_hi,
       a.kind AS article_kind, a.outlet AS outlet, a.title AS title, m.kind AS metric_kind
FROM claims c
JOIN articles a ON a.article_id = c.article_id
LEFT JOIN metrics m ON m.key = c.metric
WHERE c.superseded_by IS NULL
"""

_INTERVALS = "lo, hi, lo_open, hi_open, strict_lo, strict_hi, strict_lo_open, strict_hi_open"


@dataclass(frozen=True, slots=True)
class Figure:
    claim_key: str
    article_id: str
    claim_id: str
    file: str
    line: int
    col: int
    subject: str
    metric: str
    share_of: str | None
    value_text: str | None
    unit_text: str | None
    qualifier: str | None
    canonical_unit: str | None
    currency: str | None
    at_lo: date | None
    at_hi: date | None
    when_text: str | None
    generous: Interval
    strict: Interval
    article_kind: str
    outlet: str
    metric_kind: str | None
    rank: int | None
    restates: str | None
    quote_norm: str
    title: str

    @property
    def key(self) -> str:
        return self.claim_key

    @property
    def written(self) -> str:
        """The figure as the text gives it: 'over 90%', '200 billion JPY'."""
        return phrasebook.written(self.qualifier, self.value_text, self.unit_text)

    @property
    def reference(self) -> bool:
        return self.article_kind == "reference"

    def overlaps_in_time(self, other: Figure) -> bool:
        return (self.at_lo is not None and other.at_lo is not None
                and self.at_lo <= other.at_hi and other.at_lo <= self.at_hi)

    def where(self) -> str:
        return f"{self.file}:{self.line}"


_FIELDS = [name for name in Figure.__slots__ if name not in ("generous", "strict")]


def figures(db, where: str = "TRUE") -> list[Figure]:
    """Live claims with a usable figure (both readings), filtered by a SQL condition on `c`."""
    rows = db.execute(f"SELECT {', '.join(_FIELDS)}, {_INTERVALS} FROM ({CLAIMS_AT}) c "
                      f"WHERE c.lo IS NOT NULL AND ({where}) ORDER BY file, line, col").fetchall()
    n = len(_FIELDS)
    return [Figure(**dict(zip(_FIELDS, r[:n])), generous=Interval(*r[n:n + 4]), strict=Interval(*r[n + 4:]))
            for r in rows]


def verdict(gen_a: Interval, strict_a: Interval, gen_b: Interval, strict_b: Interval) -> str | None:
    """'error' when even the generous readings are disjoint, 'warning' when only the strict ones
    are, None when they agree."""
    if not gen_a.intersects(gen_b):
        return "error"
    if not strict_a.intersects(strict_b):
        return "warning"
    return None
