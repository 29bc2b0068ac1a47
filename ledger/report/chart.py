"""Per subject and metric, every outlet's figure as an interval over time: a small inline SVG
(no script, no external asset) where a contradiction shows as bars that do not overlap.

One column per claim, in time order (the day its figure holds from: its `when`, else the
publication date, labelled under the bar); up, its generous reading (light) with the strict one
inside (dark). Values are shown in the metric's own unit (tonnes, %, USD), never SI base units,
and money with a reference rate in US dollars at its period; a log scale is used when the
figures span more than 30x (a ×10 slip then sits a visible step away). Open ends ("over 90%")
run to the edge of the plot, dashed. A claim with an error finding is red, a warning amber.
`build` reads the database; `render` is a pure function of the chart data."""
from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from html import escape

from ..quantity import format_quantity

WIDTH, HEIGHT = 460, 190
LEFT, RIGHT, TOP, BOTTOM = 70, 10, 24, 38
INK = {"error": "#9b1c10", "warning": "#8a5300", None: "#1d4f80"}
LIGHT = {"error": "#f8c9c4", "warning": "#fbe3b0", None: "#cfe3f7"}


@dataclass(frozen=True, slots=True)
class Bar:
    article_id: str
    claim_id: str
    outlet: str
    written: str  # the figure as written, for the tooltip
    day_lo: datetime.date
    day_hi: datetime.date
    lo: float  # generous, in the chart's unit; may be +-inf
    hi: float
    strict_lo: float | None
    strict_hi: float | None
    severity: str | None  # worst finding on the claim


@dataclass(slots=True)
class Chart:
    subject: str
    metric: str
    unit: str
    bars: list[Bar] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.subject}/{self.metric}"  # a pair whose figures cannot share a unit has two charts

    @property
    def outlets(self) -> int:
        return len({b.outlet for b in self.bars})


# every figure in its display unit (ledger.views.claim_display); money with a reference rate in
# US dollars at its period (claims_usd), so '200 billion yen' and '$19 billion' share one axis
_QUERY = """
SELECT c.subject, c.metric,
       CASE WHEN u.units_per_usd IS NOT NULL THEN 'USD' ELSE d.display_unit END AS unit,
       c.article_id, c.claim_id, a.outlet,
       concat_ws(' ', c.qualifier, c.value_text, c.unit_text), u.units_per_usd, c.currency,
       coalesce(c.when_lo, a.published_lo), coalesce(c.when_hi, a.published_hi),
       coalesce(c.lo / u.units_per_usd, d.lo_display), coalesce(c.hi / u.units_per_usd, d.hi_display),
       coalesce(c.strict_lo / u.units_per_usd, d.strict_lo_display),
       coalesce(c.strict_hi / u.units_per_usd, d.strict_hi_display)
FROM claims c
JOIN articles a USING (article_id)
JOIN claim_display d USING (claim_key)
LEFT JOIN claims_usd u USING (claim_key)
WHERE c.lo IS NOT NULL AND c.hi IS NOT NULL AND c.superseded_by IS NULL
  AND coalesce(c.when_lo, a.published_lo) IS NOT NULL
ORDER BY 1, 2, 3, 10, c.article_id, c.claim_id
"""


def build(con, severities: dict[tuple[str, str], str]) -> dict[tuple[str, str, str], Chart]:
    """(subject, metric, unit) -> chart of every claim with a figure. `severities` maps
    (article_id, claim_id) to the worst finding on that claim."""
    charts: dict[tuple[str, str, str], Chart] = {}
    for (subject, metric, unit, aid, cid, outlet, written, rate, currency, d_lo, d_hi, lo, hi, s_lo,
         s_hi) in con.execute(_QUERY).fetchall():
        if rate is not None and currency != "USD":
            written += f" (at {rate:g} {currency} per USD)"
        chart = charts.setdefault((subject, metric, unit), Chart(subject, metric, unit))
        chart.bars.append(Bar(aid, cid, outlet, written, d_lo, d_hi, lo, hi, s_lo, s_hi, severities.get((aid, cid))))
    return charts


def render(chart: Chart, current: str | None = None) -> str:
    """The chart as an inline <svg>: one column per figure in time order (the day its figure holds
    from, then the article), each its generous interval with the strict one darker inside; the
    bars of article `current` drawn with a heavier outline."""
    bars = sorted(chart.bars, key=lambda b: (b.day_lo, b.day_hi, b.article_id, b.claim_id))
    finite = [v for b in bars for v in (b.lo, b.hi) if math.isfinite(v)]
    if not finite:
        return ""
    y, ticks = _y_scale(min(finite), max(finite))
    col = (WIDTH - LEFT - RIGHT) / len(bars)
    title = f"{chart.subject} / {chart.metric} ({chart.unit})"
    parts = [f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(title)}" '
             f'data-key="{escape(chart.key)}">',
             f'<title>{escape(title)}: {len(bars)} figures from {chart.outlets} outlets</title>',
             f'<text x="{LEFT}" y="14" class="chart-title">{escape(_clip(title, 58))}</text>',
             f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="#999"/>',
             f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" stroke="#999"/>']
    for value in ticks:
        ty = y(value)
        parts.append(f'<line x1="{LEFT - 3}" y1="{ty:.1f}" x2="{WIDTH - RIGHT}" y2="{ty:.1f}" stroke="#eee"/>'
                     f'<text x="{LEFT - 5}" y="{ty + 3:.1f}" text-anchor="end" class="tick">'
                     f'{escape(format_quantity(value, ""))}</text>')
    for i, b in enumerate(bars):
        parts.append(_bar(b, LEFT + (i + 0.5) * col, min(col * 0.5, 26), col, y, current, chart.unit))
    parts.append("</svg>")
    return "".join(parts)


def _bar(b: Bar, cx: float, width: float, col: float, y, current: str | None, unit: str) -> str:
    top_open, bottom_open = not math.isfinite(b.hi), not math.isfinite(b.lo)
    y_top = TOP if top_open else y(b.hi)
    y_bottom = HEIGHT - BOTTOM if bottom_open else y(b.lo)
    ink, light = INK[b.severity], LIGHT[b.severity]
    mine = b.article_id == current
    dash = ' stroke-dasharray="3 2"' if top_open or bottom_open else ""
    days = b.day_lo.isoformat() + (f" – {b.day_hi.isoformat()}" if b.day_hi != b.day_lo else "")
    tip = (f"{b.outlet} ({b.article_id}/{b.claim_id}): {b.written} — {_fmt(b.lo, unit)} – {_fmt(b.hi, unit)}, {days}"
           + (f" [{b.severity}]" if b.severity else ""))
    x0 = cx - width / 2
    out = [f'<g class="bar{" current" if mine else ""}" data-article="{escape(b.article_id)}" '
           f'data-claim="{escape(b.claim_id)}" data-severity="{escape(b.severity or "")}">'
           f'<title>{escape(tip)}</title>',
           f'<rect x="{x0:.1f}" y="{y_top:.1f}" width="{width:.1f}" height="{max(y_bottom - y_top, 2):.1f}" '
           f'fill="{light}" stroke="{ink}" stroke-width="{2 if mine else 0.8}"{dash}/>']
    if b.strict_lo is not None and b.strict_hi is not None:
        s_top = TOP if not math.isfinite(b.strict_hi) else y(b.strict_hi)
        s_bottom = HEIGHT - BOTTOM if not math.isfinite(b.strict_lo) else y(b.strict_lo)
        out.append(f'<rect x="{x0 + width * 0.25:.1f}" y="{s_top:.1f}" width="{width * 0.5:.1f}" '
                   f'height="{max(s_bottom - s_top, 2):.1f}" fill="{ink}" opacity="0.8"/>')
    chars = max(int(col / 5.5), 4)
    when = b.day_lo.isoformat()[:7] if (b.day_hi - b.day_lo).days > 31 else b.day_lo.isoformat()
    if (b.day_hi - b.day_lo).days > 300:
        when = b.day_lo.isoformat()[:4] + ("" if b.day_lo.year == b.day_hi.year else f"–{b.day_hi.year}")
    out.append(f'<text x="{cx:.1f}" y="{HEIGHT - BOTTOM + 12}" text-anchor="middle" class="label">'
               f'{escape(_clip(b.outlet, chars))}</text>'
               f'<text x="{cx:.1f}" y="{HEIGHT - BOTTOM + 24}" text-anchor="middle" class="tick">{escape(_clip(when, chars))}</text></g>')
    return "".join(out)


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n - 1] + "…"


def _fmt(v: float, unit: str = "") -> str:
    if v == math.inf:
        return "∞"
    if v == -math.inf:
        return "-∞"
    return format_quantity(v, unit)


def _y_scale(lo: float, hi: float):
    """(value -> y, tick values). Log when the figures span more than 30x, else linear with a
    margin (from zero up when the figures are close to it)."""
    plot_h = HEIGHT - TOP - BOTTOM
    if lo > 0 and hi / lo > 30:
        a, b = math.log10(lo) - 0.15, math.log10(hi) + 0.15
        ticks = [10.0 ** k for k in range(math.ceil(a), math.floor(b) + 1)]
        return (lambda v: TOP + (b - math.log10(max(v, 10 ** a))) / (b - a) * plot_h), ticks
    pad = (hi - lo) * 0.15 or abs(hi) * 0.15 or 1.0
    a, b = lo - pad, hi + pad
    if lo >= 0 and a < 0:
        a = 0.0
    step = 10 ** math.floor(math.log10(b - a))
    while (b - a) / step < 3:
        step /= 2
    ticks = [round(k * step, 10) for k in range(math.ceil(a / step), math.floor(b / step) + 1)][:8]
    return (lambda v: TOP + (b - v) / (b - a) * plot_h), ticks
