"""Analyst-ready tables and views, built beside the core tables in every database.

The core `claims` table keeps figures in canonical units (pint base units: 'kilogram / second'
for t/year) so rules compare like with like. Analysts need the figure in the unit people use:
`claim_display` holds, per claim, a readable display unit — the metric's unit as the vocabulary
writes it (t/year, GWh, %, a currency), else the unit the claim was written in — its factor,
and the value and both readings in that unit, with the intervals as the phrasebook writes them.
The views answer the common questions without 25 lines of SQL (docs/queries.md)."""
from __future__ import annotations

from .interval import Interval
from .phrasebook import span
from .resolve import Resolved
from .schema import COPIES, columns
from .store import append
from .units import UnitError

DISPLAY_TABLE = ("claim_display", "Per claim: a readable display unit (the metric's unit as written, else the claim's) and the figure and both readings in it.", [
    ("claim_key", "VARCHAR", "article_id/claim_id"),
    ("display_unit", "VARCHAR", "unit people read: the metric's unit as written in the vocabulary (t/year, GWh, %, USD), else the claim's own"),
    ("display_factor", "DOUBLE", "canonical value = display value x this factor"),
    ("value_display", "DOUBLE", "the written figure in display_unit"),
    ("lo_display", "DOUBLE", "generous reading, lower bound, in display_unit"),
    ("hi_display", "DOUBLE", "generous reading, upper bound, in display_unit"),
    ("strict_lo_display", "DOUBLE", "strict reading, lower bound, in display_unit"),
    ("strict_hi_display", "DOUBLE", "strict reading, upper bound, in display_unit"),
    ("interval_text", "VARCHAR", "generous reading as text, e.g. '[5.7 million battery/day – 6.3 million battery/day]'"),
    ("strict_text", "VARCHAR", "strict reading as text"),
])

# another outlet's copy (an `update` is the same outlet's later version: not a copy to discount)
SYNDICATED = ", ".join(f"'{kind}'" for kind in COPIES if kind != "update")
# claims with their period (DATE), publication, copy marks and readable figures
CLAIMS_READABLE = f"""
CREATE VIEW claims_readable AS
SELECT c.article_id, c.claim_id, c.claim_key, a.outlet, a.published_lo AS published, c.subject, c.metric,
       c.quote, c.qualifier, c.value_text, c.unit_text, d.display_unit, d.value_display,
       d.lo_display, d.hi_display, d.strict_lo_display, d.strict_hi_display, d.interval_text, d.strict_text,
       c.when_text, coalesce(c.when_lo, a.published_lo) AS period_lo, coalesce(c.when_hi, a.published_hi) AS period_hi,
       CASE WHEN c.when_lo IS NOT NULL THEN 'when' WHEN c.when_text IS NOT NULL THEN 'unresolved'
            ELSE 'publication' END AS period_from,
       c.currency, c.superseded_by, cp.article_a AS copy_of, cp.article_a IS NOT NULL AS is_copy,
       c.file, c.line, c.col
FROM claims c
JOIN articles a ON a.article_id = c.article_id
LEFT JOIN claim_display d ON d.claim_key = c.claim_key
LEFT JOIN (SELECT article_b, min(article_a) AS article_a FROM duplicates
           WHERE kind IN ({SYNDICATED}) GROUP BY article_b) cp ON cp.article_b = c.article_id
"""

# money in USD at the claim's period: the month's average rate when the period lies in one month
# and the table has it, else the year's (of the period's first day); USD itself at rate 1
CLAIMS_USD = """
CREATE VIEW claims_usd AS
WITH money AS (SELECT * FROM claims_readable WHERE currency IS NOT NULL),
rated AS (
  SELECT m.claim_key,
         CASE WHEN m.currency = 'USD' THEN 1.0
              ELSE coalesce(
                (SELECT r.units_per_usd FROM fx_rates r WHERE r.currency = m.currency AND r.granularity = 'month'
                   AND m.period_lo BETWEEN r.period_lo AND r.period_hi AND m.period_hi <= r.period_hi),
                (SELECT r.units_per_usd FROM fx_rates r WHERE r.currency = m.currency AND r.granularity = 'year'
                   AND m.period_lo BETWEEN r.period_lo AND r.period_hi)) END AS units_per_usd,
         CASE WHEN m.currency = 'USD' THEN NULL
              WHEN EXISTS (SELECT 1 FROM fx_rates r WHERE r.currency = m.currency AND r.granularity = 'month'
                   AND m.period_lo BETWEEN r.period_lo AND r.period_hi AND m.period_hi <= r.period_hi) THEN 'month'
              ELSE 'year' END AS fx_basis
  FROM money m
)
SELECT m.*, r.units_per_usd, r.fx_basis,
       c.value / r.units_per_usd AS usd_value, c.lo / r.units_per_usd AS usd_lo, c.hi / r.units_per_usd AS usd_hi
FROM money m JOIN rated r USING (claim_key) JOIN claims c USING (claim_key)
"""

# the latest figure per subject, metric and period: from the most recently published article,
# corrections (superseded claims) and syndicated copies left out
LATEST_FIGURES = """
CREATE VIEW latest_figures AS
SELECT * EXCLUDE (rn) FROM (
  SELECT r.*, row_number() OVER (PARTITION BY subject, metric, period_lo, period_hi
                                 ORDER BY published DESC NULLS LAST, article_id, claim_id) AS rn
  FROM claims_readable r
  WHERE superseded_by IS NULL AND NOT is_copy AND value_display IS NOT NULL
) WHERE rn = 1
"""

VIEWS = {"claims_readable": ("Claims as analysts read them: figure and intervals in a readable unit, the period each holds for (as DATE; the publication date when undated), syndicated copies marked.", CLAIMS_READABLE),
         "claims_usd": ("Money claims converted to US dollars through fx_rates at the claim's period (monthly average when it lies in one month, else yearly).", CLAIMS_USD),
         "latest_figures": ("The latest figure per subject, metric and period: most recent publication wins; superseded claims and syndicated copies left out.", LATEST_FIGURES)}


def display_rows(resolved: Resolved) -> list[tuple]:
    table = resolved.unit_table
    claim = columns("claims")
    metric_units = {m[0]: m[3] for m in resolved.tables.metrics}
    rows = []
    for values in resolved.tables.claims:
        c = dict(zip(claim, values))
        if c["canonical_unit"] is None:
            continue
        unit, factor = _display_unit(table, c["canonical_unit"], metric_units.get(c["metric"]), c["unit_text"])

        def shown(x):
            return None if x is None else x / factor

        def text(lo, hi, lo_open, hi_open):
            if lo is None or hi is None:
                return None
            return span(Interval(lo, hi, bool(lo_open), bool(hi_open)), unit, factor)

        rows.append((c["claim_key"], unit, factor, shown(c["value"]), shown(c["lo"]), shown(c["hi"]),
                     shown(c["strict_lo"]), shown(c["strict_hi"]),
                     text(c["lo"], c["hi"], c["lo_open"], c["hi_open"]),
                     text(c["strict_lo"], c["strict_hi"], c["strict_lo_open"], c["strict_hi_open"])))
    return rows


def _display_unit(table, canonical: str, metric_unit: str | None, written: str | None) -> tuple[str, float]:
    """The first of (metric's unit, claim's unit) that shares the claim's canonical unit."""
    for unit in (metric_unit, written):
        if not unit:
            continue
        try:
            info = table.resolve(unit)
        except UnitError:
            continue
        if info.canonical == canonical:
            return unit, info.factor
    return canonical, 1.0


def create(con, resolved: Resolved) -> None:
    """Build `claim_display` and the views; call after the core tables and `duplicates` exist."""
    name, comment, cols = DISPLAY_TABLE
    con.execute(f"CREATE TABLE {name} (" + ", ".join(f"{c} {t}" for c, t, _ in cols) + ")")
    con.execute(f"COMMENT ON TABLE {name} IS {_quote(comment)}")
    for c, _, text in cols:
        con.execute(f"COMMENT ON COLUMN {name}.{c} IS {_quote(text)}")
    rows = display_rows(resolved)
    if rows:
        append(con, name, rows)
    for view, (comment, sql) in VIEWS.items():
        con.execute(sql)
        con.execute(f"COMMENT ON VIEW {view} IS {_quote(comment)}")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
