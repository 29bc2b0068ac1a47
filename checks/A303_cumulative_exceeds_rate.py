"""## What it does
For a metric declared cumulative in the vocabulary (`cumulates: <rate-metric>`, e.g. cells shipped
since 2017 accumulating cells per day), bounds each dated total (`when: 2017..2025-03`) by the
subject's stated rate × the days of the period. A rate stated for the period or after it is taken
as a ceiling (output ramps up: today's rate bounds the average since the start), so a total above
the highest rate × elapsed time is flagged; a rate stated as a minimum ("at least", "over") over
the whole period is a floor, and a total below it is flagged too. Disjoint generous readings are
an error, strict ones alone a warning. A `cumulates` naming no rate metric is reported at the
metric.

## Why is this bad?
"11 billion cells since 2017" and "6 million cells a day" check each other: eight years at that
pace is under 20 billion. A total the pace cannot reach means a slip in one of them.

## Example
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "We make around 6 million batteries per day. In March 2025 we passed 110 billion cells shipped."}
entities:
  - {key: acme, name: Acme, kind: facility}
metrics:
  - {key: output, description: Batteries made per day, kind: rate, unit: battery/day}
  - {key: shipped, description: Cells shipped since the start, kind: count, unit: battery, cumulates: output}
units: [{name: battery}]
claims:
  - {id: rate, quote: "around 6 million batteries per day", subject: acme, metric: output, value: 6 million, unit: battery/day, qualifier: around, when: 2025}
  - {id: total, quote: "110 billion cells shipped", subject: acme, metric: shipped, value: 110 billion, unit: battery, when: 2017..2025-03}
```

## Use instead
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "We make around 6 million batteries per day. In March 2025 we passed 11 billion cells shipped."}
entities:
  - {key: acme, name: Acme, kind: facility}
metrics:
  - {key: output, description: Batteries made per day, kind: rate, unit: battery/day}
  - {key: shipped, description: Cells shipped since the start, kind: count, unit: battery, cumulates: output}
units: [{name: battery}]
claims:
  - {id: rate, quote: "around 6 million batteries per day", subject: acme, metric: output, value: 6 million, unit: battery/day, qualifier: around, when: 2025}
  - {id: total, quote: "In March 2025 we passed 11 billion cells shipped", subject: acme, metric: shipped, value: 11 billion, unit: battery, when: 2017..2025-03}
```
"""
from ledger.figures import figures
from ledger.interval import Interval
from ledger.phrasebook import slip_note, strict_only
from ledger.quantity import canonical_hedge
from ledger.rules import Hit
from ledger.units import UnitError

ID = "A303"
NAME = "cumulative-exceeds-rate"
SEVERITY = "error"
SCOPE = "metric"
SUMMARY = "A cumulative total is more (or less) than its stated rate allows over the elapsed time."

_SECONDS_PER_DAY = 86400.0  # rates are held per second (canonical units)
_FLOORS = ("at-least", "over")

_LINKS = """
SELECT c.key, c.unit, c.file, c.line, c.col, c.cumulates, r.key, r.kind, r.unit
FROM metrics c LEFT JOIN metrics r ON r.key = c.cumulates
WHERE c.cumulates IS NOT NULL
"""


def _links(ctx):
    """(valid {total metric: rate metric}, hits for links that cannot be used)."""
    valid, hits = {}, []
    for key, unit, file, line, col, target, found, kind, rate_unit in ctx.db.execute(_LINKS).fetchall():
        problem = None
        if found is None or kind != "rate":
            problem = f"metric {key!r} cumulates {target!r}, which is not a metric of kind rate"
        else:
            try:
                ok = ctx.units.resolve(f"({unit}) / ({rate_unit})").dimension == "[time]"
            except UnitError:
                ok = False
            if not ok:
                problem = f"metric {key!r} ({unit}) cannot accumulate {target!r} ({rate_unit}): {unit} per time should be {rate_unit}"
        if problem:
            hits.append(Hit(file, line, col, problem))
        else:
            valid[key] = target
    return valid, hits


def check(ctx):
    links, hits = _links(ctx)
    yield from hits
    if not links:
        return
    show = ctx.phrases.figure
    figs = figures(ctx.db, "c.metric IN (SELECT key FROM metrics WHERE kind = 'rate' OR cumulates IS NOT NULL)")
    rates = {}
    for f in figs:
        rates.setdefault((f.subject, f.metric), []).append(f)
    for total in figs:
        if total.metric not in links or total.when_text is None:
            continue  # without a period there is no elapsed time
        days = (total.at_hi - total.at_lo).days + 1
        span_text = f"{total.at_lo} – {total.at_hi} ({days:,} days)"
        seconds = Interval.point(days * _SECONDS_PER_DAY)
        stated = rates.get((total.subject, links[total.metric]), [])
        # the tightest ceiling: any rate stated for the period or after it
        ceilings = [r for r in stated if r.at_hi >= total.at_lo]
        if ceilings:
            rate = min(ceilings, key=lambda r: r.generous.hi)
            cap_g, cap_s = rate.generous * seconds, rate.strict * seconds
            if total.generous.lo > cap_g.hi or total.strict.lo > cap_s.hi:
                strict_only = total.generous.lo <= cap_g.hi
                yield _hit(total, rate, "above", (cap_s if strict_only else cap_g).hi, span_text, show, strict_only)
        # the highest floor: a minimum rate stated over the whole period
        floors = [r for r in stated if canonical_hedge(r.qualifier) in _FLOORS
                  and r.at_lo <= total.at_lo and r.at_hi >= total.at_hi]
        if floors:
            rate = max(floors, key=lambda r: r.generous.lo)
            floor_g, floor_s = rate.generous * seconds, rate.strict * seconds
            if total.generous.hi < floor_g.lo or total.strict.hi < floor_s.lo:
                strict_only = total.generous.hi >= floor_g.lo
                yield _hit(total, rate, "below", (floor_s if strict_only else floor_g).lo, span_text, show, strict_only)


def _hit(total, rate, side, bound, span_text, show, strict_only):
    reading = total.strict if strict_only else total.generous
    limit = "at most" if side == "above" else "at least"
    message = (f"'{total.written}' over {span_text} is {side} what '{rate.written}' ({rate.where()}) allows "
               f"over that time: {limit} {show(Interval.point(bound), total)} "
               f"(rate × {span_text.split('(')[1].rstrip(')')}), against {show(reading, total)}")
    if strict_only:
        message += "; " + strict_only()
    else:
        message += slip_note(reading, Interval.point(bound))
    return Hit(total.file, total.line, total.col, message, total.article_id, total.claim_id,
               severity="warning" if strict_only else "error")
