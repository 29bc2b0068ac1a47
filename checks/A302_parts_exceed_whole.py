"""## What it does
Adds up parts of one whole that hold at one time, one figure per subject (the largest lower bound
when a subject has several): shares of a metric of kind `share` (of the same `of:` whole, or of
none) must not sum above 100 %, and amounts stated `of:` a whole must not sum above what a claim
about that whole (same metric, overlapping time) allows. When even the generous lower bounds
exceed the whole it is an error; when only the strict ones do, a warning.

## Why is this bad?
"Taiwan holds 60 % and China 50 % of global capacity" cannot both be true; nor can a division's
$3 billion inside a company's $2 billion. One of the figures is wrong or refers to another whole.

## Example
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2021-02,
          body: "Taiwan makes 60% of the world's chips; China makes 50%."}
entities:
  - {key: taiwan, name: Taiwan, kind: country}
  - {key: china, name: China, kind: country}
  - {key: world, name: World, kind: region}
metrics:
  - {key: chip-share, description: Share of global chip output, kind: share, unit: "%"}
claims:
  - {id: taiwan, quote: "Taiwan makes 60%", subject: taiwan, metric: chip-share, value: 60%, of: world, when: 2021}
  - {id: china, quote: "China makes 50%", subject: china, metric: chip-share, value: 50%, of: world, when: 2021}
```

## Use instead
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2021-02,
          body: "Taiwan makes 22% of the world's chips; China makes 15%."}
entities:
  - {key: taiwan, name: Taiwan, kind: country}
  - {key: china, name: China, kind: country}
  - {key: world, name: World, kind: region}
metrics:
  - {key: chip-share, description: Share of global chip output, kind: share, unit: "%"}
claims:
  - {id: taiwan, quote: "Taiwan makes 22%", subject: taiwan, metric: chip-share, value: 22%, of: world, when: 2021}
  - {id: china, quote: "China makes 15%", subject: china, metric: chip-share, value: 15%, of: world, when: 2021}
```
"""
from collections import defaultdict

from ledger import sweep
from ledger.figures import figures
from ledger.interval import Interval
from ledger.phrasebook import period, quantity, strict_only
from ledger.rules import Hit

ID = "A302"
NAME = "parts-exceed-whole"
SEVERITY = "error"
SUMMARY = "Parts of one whole at one time add up to more than the whole (shares above 100 %)."
SCOPE = "metric"


# Only what this rule adds up: shares in %, amounts `of:` a whole, and claims about such a whole.
_PARTS_AND_WHOLES = """(c.metric_kind = 'share' AND c.canonical_unit = '%') OR c.share_of IS NOT NULL
    OR EXISTS (SELECT 1 FROM claims w WHERE w.share_of = c.subject AND w.metric = c.metric)"""


def _lows(active, whole_key, strict):
    """The active part with the largest lower bound for each subject (the whole itself excluded)."""
    best = {}
    for fig in active:
        lo = (fig.strict if strict else fig.generous).lo
        if fig.subject != whole_key and (fig.subject not in best or lo > best[fig.subject][0]):
            best[fig.subject] = (lo, fig)
    return sorted((f for _, f in best.values()), key=lambda f: (f.file, f.line))


def _excess(parts, cap: float, strict: bool) -> float | None:
    """The sum of the parts' lower bounds when it is above cap (or reaches it through an open bound)."""
    ivs = [p.strict if strict else p.generous for p in parts]
    total = sum(iv.lo for iv in ivs)
    if total > cap or (total == cap and any(iv.lo_open for iv in ivs)):
        return total
    return None


def _problems(group, wholes):
    """(severity, parts, total, cap, whole figure or None, time) for each time the parts overflow.
    The times are the parts' start times; the figures (and wholes) that hold at each come from
    one sweep (ledger.sweep.alive), not from scanning the group at every time."""
    seen = set()
    times = sorted({f.at_lo for f in group})
    holding = sweep.alive([(f.at_lo, f.at_hi) for f in group], times)
    whole_at = sweep.alive([(w.at_lo, w.at_hi) for w in wholes], times) if wholes is not None else None
    for live in holding:
        caps = [(wholes[i], wholes[i].generous.hi, wholes[i].strict.hi) for i in next(whole_at)] \
            if wholes is not None else [(None, 100.0, 100.0)]
        if not caps:
            continue
        active = [group[i] for i in live]
        lows = {strict: _lows(active, group[0].share_of, strict) for strict in (False, True)}
        for whole, gen_cap, strict_cap in caps:
            for strict in (False, True):
                parts = lows[strict]
                if (len(parts) < 2 and whole is None) or not parts:
                    continue
                total = _excess(parts, strict_cap if strict else gen_cap, strict)
                key = (frozenset(p.key for p in parts), whole.key if whole else None)
                if total is not None and key not in seen:
                    seen.add(key)
                    yield ("warning" if strict else "error"), parts, total, strict_cap if strict else gen_cap, whole
                    break


def check(ctx):
    show = ctx.phrases.figure
    figs = figures(ctx.db, _PARTS_AND_WHOLES)
    shares, amounts = defaultdict(list), defaultdict(list)
    for f in figs:
        if f.metric_kind == "share" and f.canonical_unit == "%":
            shares[(f.metric, f.share_of)].append(f)
        elif f.share_of is not None:
            amounts[(f.metric, f.share_of)].append(f)
    by_subject = defaultdict(list)
    for f in figs:
        by_subject[(f.metric, f.subject)].append(f)
    groups = [(g, None) for g in shares.values()] + [(g, by_subject.get(k, [])) for k, g in amounts.items()]
    for group, wholes in groups:
        for severity, parts, total, cap, whole in _problems(group, wholes):
            last = parts[-1]
            reading = "generous" if severity == "error" else "strict"
            listed = ", ".join(f"{p.subject} {show(p.strict if severity != 'error' else p.generous, p)} "
                               f"({p.where()})" for p in parts)
            when = period(max(p.at_lo for p in parts), min(p.at_hi for p in parts))
            of = f"of {last.share_of}" if last.share_of else "shares"
            if whole is None:
                message = (f"{last.metric} {of} in {when} add up to at least {quantity(total, '%')} "
                           f"read {reading}ly, above 100 %: {listed}")
            else:
                message = (f"parts of {whole.subject} for {last.metric} in {when} add up to at least "
                           f"{show(Interval.point(total), last)} read {reading}ly, but {whole.subject} is at most "
                           f"{show(Interval.point(cap), whole)} ('{whole.written}', {whole.where()}): {listed}")
            if severity == "warning":
                message += "; " + strict_only("they fit")
            yield Hit(last.file, last.line, last.col, message, last.article_id, last.claim_id, severity=severity)
