"""## What it does
Compares every two claims about the same quantity — same subject and metric (vocabulary keys;
aliases only lead to keys), same whole (`of:`), same state (`state:`; none means `current`), same
change window (`window:`), same event where both name one — whose times match, in one article or
across articles, including reference series (`kind: reference` articles under
`claims/reference/`). Times match when they overlap; for a quantity over a period (a metric with
`flow: true`, a change, a claim with a `window`) only when the periods are equal — a year-to-date
figure through May is not the Q1 figure. A claim without `when` holds for its article's
publication period, unless it names a state other than `current`: then it is compared only with
undated claims of that state. Changes stated without values ("tripled", "rose 300 %") are compared
as factors (×3 is +200 %). Amounts in two currencies are compared through the reference exchange
rates (the day's rate of each article's publication month, see Q204).

Their intervals must overlap: disjoint generous readings are an error, disjoint strict readings
alone a warning that names the rounding or hedge that would reconcile them. Superseded claims,
restatements of each other (Q203/Q204), a claim and the one its `from:` names, and claims one
relation names (`rest = cost - offset`: different quantities) are skipped. A figure stated in
syndicated copies of one text counts once. The finding sits on the outlier (the figure that
disagrees with more others; on the article's claim when the other is a reference) and names the
other.

## Why is this bad?
"Over 90 %" in one story and "75 %" in another, for the same share in the same year, cannot both
be true; readers of either are misinformed, and the ledger shows which outlet said what.

## Example
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "China controls over 90% of global processing. Elsewhere: China processes 75% of it."}
entities:
  - {key: china, name: China, kind: country}
metrics:
  - {key: processing-share, description: Share of global processing, kind: share, unit: "%"}
claims:
  - {id: over-90, quote: "China controls over 90% of global processing", subject: china, metric: processing-share, value: 90%, qualifier: over, when: 2025}
  - {id: share-75, quote: "China processes 75% of it", subject: china, metric: processing-share, value: 75%, when: 2025}
```

## Use instead
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "China controls over 90% of global processing. Elsewhere: China processes 90% of it."}
entities:
  - {key: china, name: China, kind: country}
metrics:
  - {key: processing-share, description: Share of global processing, kind: share, unit: "%"}
claims:
  - {id: over-90, quote: "China controls over 90% of global processing", subject: china, metric: processing-share, value: 90%, qualifier: over, when: 2025}
  - {id: share-90, quote: "China processes 90% of it", subject: china, metric: processing-share, value: 90%, when: 2025}
```
"""
import math
from collections import Counter, defaultdict
from itertools import combinations

from ledger import sweep
from ledger.changes import change_figures, show_factor
from ledger.figures import figures, verdict
from ledger.fx import FxTable, convert
from ledger.interval import Interval
from ledger.phrasebook import period, slip_note
from ledger.reconcile import Operand, reconcile
from ledger.relation import RelationError, parse_relation
from ledger.rules import Hit
from ledger.sources import Sources
from ledger.windows import periodic, same_state

ID = "C401"
NAME = "contradiction"
SEVERITY = "error"
SUMMARY = "Two claims about the same subject, metric and time have incompatible values."
SCOPE = "group"


def _related(db) -> set[frozenset]:
    """Pairs of claims one relation names: `rest = cost - offset` relates different quantities."""
    pairs = set()
    for article, holds in db.execute("SELECT article_id, holds FROM relations").fetchall():
        try:
            left, right = parse_relation(holds, article)
        except RelationError:
            continue  # A301 reports it
        refs = sorted(set(left.refs() + right.refs()))
        pairs.update(frozenset((a, b)) for a, b in combinations(refs, 2))
    return pairs


def _linked(a, b, related) -> bool:
    return (a.restates == b.key or b.restates == a.key or a.from_ref == b.key or b.from_ref == a.key
            or frozenset((a.key, b.key)) in related)


def _periodic(fig) -> bool:
    return periodic(fig.metric_flow, fig.metric_kind, fig.change_window, fig.change_text is not None)


def comparable(a, b) -> bool:
    """Two figures state the same quantity: same whole, state, window, event, and time."""
    if a.share_of != b.share_of or a.change_window != b.change_window or not same_state(a.state, b.state):
        return False
    if a.event and b.event and a.event != b.event:
        return False
    if (a.state or "current") != "current" and (a.when_text is None or b.when_text is None):
        return a.when_text is None and b.when_text is None  # "planned", "initially": no date to compare
    if _periodic(a) or _periodic(b):
        return (a.at_lo, a.at_hi) == (b.at_lo, b.at_hi)
    return a.overlaps_in_time(b)


def _source(fig, sources) -> str:
    if fig.reference:
        return f"the reference series '{fig.title}' ({fig.outlet}, {fig.where()})"
    copies = sources.copies_of(fig.article_id)
    also = "".join(f", and its syndicated copy {c.article_id} ({c.outlet})" for c in copies)
    return f"{fig.article_id} ({fig.outlet}, {fig.where()}{also})"


def _one_per_source(figs, sources):
    """A figure stated in syndicated copies of one text counts once (the earliest copy's)."""
    best = {}
    for fig in figs:
        cluster = sources.cluster(fig.article_id)
        key = (cluster[0], fig.quote_norm, fig.generous)
        if key not in best or cluster.index(fig.article_id) < cluster.index(best[key].article_id):
            best[key] = fig
    kept = {id(f) for f in best.values()}
    return [fig for fig in figs if id(fig) in kept]


class _Money:
    """A figure's readings in another currency, through the reference rates (None: no rate)."""

    def __init__(self, db) -> None:
        self._fx = None
        self._db = db
        self._seen = {}  # (id of figure, currency) -> readings: each figure converted once, not per pair

    def rate(self, fig, currency):
        if self._fx is None:
            self._fx = FxTable(self._db)
        return self._fx.rate(currency, (fig.at_lo, fig.at_hi), (fig.published_lo, fig.published_hi))

    def readings(self, fig, currency):
        """(generous, strict, rate basis) of fig in `currency`."""
        if fig.currency == currency:
            return fig.generous, fig.strict, None
        if fig.currency is None or currency is None:
            return None
        key = (id(fig), currency)
        if key not in self._seen:
            self._seen[key] = self._convert(fig, currency)
        return self._seen[key]

    def inside(self, fig, currency):
        """(generous, strict) of fig in `currency`, each inside the exact conversion (`readings`):
        plain float arithmetic shrunk by far more than its rounding, so it is cheap, and two
        figures apart by the exact readings are apart by these. None: no rate."""
        if fig.currency == currency:
            return fig.generous, fig.strict
        if fig.currency is None or currency is None:
            return None
        mine, theirs = self.rate(fig, fig.currency), self.rate(fig, currency)
        if mine is None or theirs is None:
            return None
        out = (_inside(fig.generous, mine.generous, theirs.generous), _inside(fig.strict, mine.strict, theirs.strict))
        return self.readings(fig, currency)[:2] if None in out else out

    def _convert(self, fig, currency):
        mine, theirs = self.rate(fig, fig.currency), self.rate(fig, currency)
        if mine is None or theirs is None:
            return None
        basis = "; ".join(r.basis for r in (mine, theirs) if r.basis) + f" — {self._fx.source}"
        return convert(fig.generous, mine, theirs, False), convert(fig.strict, mine, theirs, True), basis


def _inside(amount, a, b):
    """An interval inside amount / a * b (rates a, b above zero), or None. The exact conversion
    rounds outward; floats err by a few ulps, far less than the 1e-9 taken off each end (and
    1e-290 below the smallest normal float); open ends."""
    if not (a.lo > 0 and b.lo > 0) or amount.is_empty() or a.is_empty() or b.is_empty():
        return None
    ends = [x / y * z for x in (amount.lo, amount.hi) for y in (a.lo, a.hi) for z in (b.lo, b.hi)]
    if any(math.isnan(e) for e in ends):
        return None
    lo, hi = min(ends), max(ends)
    if not math.isinf(lo):
        lo += abs(lo) * 1e-9 + 1e-290
    if not math.isinf(hi):
        hi -= abs(hi) * 1e-9 + 1e-290
    return Interval(lo, hi, True, True)


# Pairs of figures of one subject and metric that lie apart at the same time, past which a group
# is not reported pair by pair: a hostile or generated file (30,000 claims of one metric, half of
# them 10 and half 20) would otherwise yield hundreds of millions of findings. One finding says so.
MAX_APART = 100_000


def _split(key, left, right):
    """(left, right) sub-tasks of a task by a key two figures must share; right None: pairs
    within left."""
    def parts(members):
        out = defaultdict(list)
        for n in members:
            out[key(n)].append(n)
        return out
    mine = parts(left)
    if right is None:
        return [(group, None) for group in mine.values()]
    theirs = parts(right)
    return [(group, theirs[k]) for k, group in mine.items() if k in theirs]


def _by_event(figs, left, right):
    """Sub-tasks whose pairs have the same event or at least one without an event."""
    def named(members):
        return [n for n in members if figs[n].event], [n for n in members if not figs[n].event]
    event = lambda n: figs[n].event  # noqa: E731
    if right is None:
        some, none = named(left)
        return _split(event, some, None) + [(none, None), (some, none)]
    (ls, ln), (rs, rn) = named(left), named(right)
    return _split(event, ls, rs) + [(ln, right), (ls, rn)]


def _by_time(figs, left, right, dated: bool):
    """(left, right, timed) sub-tasks whose pairs can match in time: a quantity over a period
    only for the same period (untimed within it), others when their times overlap (timed).
    Undated claims of a named state match whatever their time (`dated` False)."""
    if not dated:
        return [(left, right, False)]
    period = lambda n: (figs[n].at_lo, figs[n].at_hi)  # noqa: E731

    def kinds(members):
        return [n for n in members if _periodic(figs[n])], [n for n in members if not _periodic(figs[n])]
    if right is None:
        p, q = kinds(left)
        return ([(a, b, False) for a, b in _split(period, p, None) + _split(period, p, q)] + [(q, None, True)])
    (lp, lq), (rp, rq) = kinds(left), kinds(right)
    return [(a, b, False) for a, b in _split(period, lp, right) + _split(period, lq, rp)] + [(lq, rq, True)]


def _apart(figs, money, left, right, timed, found, limit) -> bool:
    """Add to `found` the pairs (i, j) of the task that lie apart read generously or strictly,
    each figure read in the currency of the other (both ways: which one comes first decides).
    False when there are more than `limit`."""
    def currency(members):
        out = defaultdict(list)
        for n in members:
            out[figs[n].currency].append(n)
        return out
    mine = currency(left)
    theirs = mine if right is None else currency(right)
    for c1, group in mine.items():
        for c2, other in theirs.items():
            if c1 != c2 and None in (c1, c2):
                continue  # an amount in no currency is never compared with one in a currency
            if right is None and c1 == c2:
                tasks = [(c1, group, None)]  # within one currency
            elif right is None and c1 > c2:
                continue  # a pair of currencies is taken once, from (c2, c1)
            else:
                tasks = [(c1, group, other)] + ([(c2, group, other)] if c1 != c2 else [])
            for target, a, b in tasks:
                members = a if b is None else a + b
                read = [money.inside(figs[n], target) for n in members]
                when = [(figs[n].at_lo, figs[n].at_hi) if figs[n].at_lo is not None and figs[n].at_hi is not None
                        else None for n in members] if timed else None
                side = None if b is None else [0] * len(a) + [1] * len(b)
                for strict in (0, 1):
                    pairs = sweep.apart([r[strict] if r else None for r in read], when, side, limit)
                    if pairs is None:
                        return False
                    found.update((min(members[i], members[j]), max(members[i], members[j])) for i, j in pairs)
                    if len(found) > limit:
                        return False
    return True


def _candidates(figs, money):
    """Every pair (i < j) that could contradict: comparable (the same whole, window, state,
    event and time) and apart in some reading — a superset the pairwise test then decides. None
    when there are more than MAX_APART."""
    found = set()
    classes = defaultdict(list)
    for n, f in enumerate(figs):
        undated = (f.state or "current") != "current" and f.when_text is None
        classes[(f.share_of, f.change_window, f.state or "current", undated)].append(n)
    for (*_, undated), members in classes.items():
        for left, right in _by_event(figs, members, None):
            for a, b, timed in _by_time(figs, left, right, not undated):
                if not a or b is not None and not b:
                    continue
                if not _apart(figs, money, a, b, timed, found, MAX_APART):
                    return None
    return sorted(found)


def _conflicts(ctx, sources, money, oversized):
    """(first, second, severity) for every pair of figures that cannot both hold; groups with too
    many pairs apart go to `oversized`."""
    related = _related(ctx.db)
    groups = defaultdict(list)
    for fig in _one_per_source(figures(ctx.db), sources):
        groups[(fig.subject, fig.metric, "value")].append(fig)
    for fig in _one_per_source(change_figures(ctx.db, ctx.tolerance), sources):
        groups[(fig.subject, fig.metric, "factor")].append(fig)
    for figs in groups.values():
        found = _group_conflicts(figs, money, related)
        if found is None:
            oversized.append(figs)
        else:
            yield from found


def _group_conflicts(figs, money, related):
    """(first, second, severity) for the pairs of one group that cannot both hold, first before
    second in `figs` order ((file, line) from figures()); None past MAX_APART."""
    candidates = _candidates(figs, money) if len(figs) > 1 else []
    if candidates is None:
        return None
    out = []
    for i, j in candidates:
        first, second = figs[i], figs[j]
        if _linked(first, second, related) or not comparable(first, second):
            continue
        theirs = money.readings(second, first.currency)
        if theirs is None:
            continue
        severity = verdict(first.generous, first.strict, theirs[0], theirs[1])
        if severity is not None:
            out.append((first, second, severity))
    return out


def check(ctx):
    display = ctx.phrases.figure
    sources = Sources(ctx.db)
    money = _Money(ctx.db)
    oversized = []
    conflicts = list(_conflicts(ctx, sources, money, oversized))
    for figs in oversized:
        first = figs[0]
        yield Hit(first.file, first.line, first.col,
                  f"{len(figs):,} figures for {first.subject} / {first.metric}: more than {MAX_APART:,} pairs of"
                  " them have disjoint readings at the same time, too many to report one by one, so none was"
                  " reported;"
                  " split the metric (by period or unit) or the subject", first.article_id, first.claim_id,
                  severity="warning")
    # report at the outlier: the figure that disagrees with more others ("870,000" against three
    # "87,000"); a reference series is never the one reported; a tie reports the later figure
    count = Counter(fig.key for pair in conflicts for fig in pair[:2])
    for first, second, severity in conflicts:
        if second.reference and not first.reference or count[first.key] > count[second.key]:
            here, other = first, second
        else:
            here, other = second, first
        if here.reference and not other.reference:
            here, other = other, here
        show = show_factor if here.canonical_unit == "×" else display
        generous, strict, basis = money.readings(other, here.currency)
        subject, metric = here.subject, here.metric
        when = period(max(here.at_lo, other.at_lo), min(here.at_hi, other.at_hi))
        verb = "contradicts" if severity == "error" else "only loosely agrees with"
        reading = "generous" if severity == "error" else "strict"
        mine = here.generous if severity == "error" else here.strict
        theirs = generous if severity == "error" else strict
        converted = f" ({show(theirs, here)} in {here.currency} at {basis})" if basis else ""
        message = (f"'{here.written}' for {subject} / {metric} ({when}) {verb} '{other.written}' in "
                   f"{_source(other, sources)}: {show(mine, here)} vs {show(theirs, here)} read {reading}ly"
                   f"{converted if basis and severity == 'error' else ''}")
        if severity == "error":
            message += slip_note(mine, theirs)
        else:
            message += "; " + reconcile(here, Operand(other.written, other.qualifier, strict, generous),
                                      lambda iv, fig: show(iv, here))
            if basis:
                message += f" (converted at {basis})"
        copies = sources.copies_of(here.article_id)
        if copies:
            message += (" — the same text is in its syndicated " + ("copy " if len(copies) == 1 else "copies ")
                        + "; ".join(f"{c.article_id} ({c.file})" for c in copies) + ": one source, reported once")
        yield Hit(here.file, here.line, here.col, message, here.article_id, here.claim_id, severity=severity,
                  others=tuple(a for a in (*sources.cluster(other.article_id), *sources.cluster(here.article_id))
                               if a != here.article_id))

