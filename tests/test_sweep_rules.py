"""C401 and C402 find, through ledger.sweep, exactly the pairs the brute-force comparison of every
two figures finds: random groups of figures with open, closed, infinite and equal ends, states,
windows, events, periods (flows, changes), undated claims of a named state, currencies with and
without a rate, and times that nest, touch or miss. The brute force below is the rules' old loop,
kept here as the reference."""
from __future__ import annotations

import importlib
import math
from dataclasses import fields
from datetime import date
from itertools import combinations
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.figures import Figure, verdict
from ledger.fx import Rate
from ledger.interval import Interval

C401 = importlib.import_module("ledger.checks.C401_contradiction")
C402 = importlib.import_module("ledger.checks.C402_ranking_contradicted")
A302 = importlib.import_module("ledger.checks.A302_parts_exceed_whole")

INF = math.inf
ends = st.one_of(st.sampled_from([-INF, INF, 0.0, 10.0, 20.0]), st.integers(0, 30).map(float))
YEAR = [(date(2024, 1, 1), date(2024, 12, 31)), (date(2024, 1, 1), date(2024, 3, 31)),
        (date(2024, 3, 31), date(2024, 3, 31)), (date(2024, 4, 1), date(2024, 6, 30)), (date(2025, 1, 1), date(2025, 12, 31))]


@st.composite
def interval(draw, inside: Interval | None = None):
    a, b = sorted((draw(ends), draw(ends)))
    iv = Interval(a, b, draw(st.booleans()) or a == -INF, draw(st.booleans()) or b == INF)
    if inside is not None:  # a strict reading: within the generous one, or (now and then) not
        hit = iv.intersection(inside) if draw(st.integers(0, 4)) else iv
        return hit or inside
    return iv


def figure(n: int, **values) -> Figure:
    base = {f.name: None for f in fields(Figure)}
    base.update(claim_key=f"k{n}", article_id=f"a{n}", claim_id=f"c{n}", file="f.yaml", line=n, col=1,
                quote="q", subject="s", metric="m", article_kind="article", outlet="o", published="2024",
                quote_norm="q", title="t", metric_flow=False, published_lo=date(2024, 1, 1),
                published_hi=date(2024, 12, 31))
    base.update(values)
    return Figure(**base)


@st.composite
def figures(draw, ranked: bool = False):
    out = []
    for n in range(draw(st.integers(0, 12))):
        generous = draw(interval())
        at = draw(st.sampled_from(YEAR + [None]))
        out.append(figure(
            n, generous=generous, strict=draw(interval(inside=generous)),
            subject=draw(st.sampled_from(["s", "t", "u"])) if ranked else "s",
            at_lo=at[0] if at else None, at_hi=at[1] if at else None,
            when_text=draw(st.sampled_from([None, "2024"])),
            share_of=draw(st.sampled_from([None, None, "w"])),
            change_window=draw(st.sampled_from([None, None, "year-on-year"])),
            state=draw(st.sampled_from([None, None, "current", "planned"])),
            event=draw(st.sampled_from([None, None, "e1", "e2"])),
            metric_flow=draw(st.booleans()), metric_kind=draw(st.sampled_from([None, "share", "change"])),
            change_text=draw(st.sampled_from([None, None, "tripled"])),
            currency=draw(st.sampled_from([None, "USD", "EUR", "XTS"])),
            rank=draw(st.sampled_from([None, 1, 2])) if ranked else None))
    return out


class Money(C401._Money):
    """Reference rates without a database: EUR has one per year, XTS none."""

    def __init__(self) -> None:
        super().__init__(None)
        self._fx = SimpleNamespace(source="test rates")

    def rate(self, fig, currency):
        if currency == "USD":
            return Rate("USD", Interval.point(1.0), Interval.point(1.0), "")
        if currency == "EUR" and fig.at_lo is not None:
            k = 0.9 if fig.at_lo.year == 2024 else 1.1
            return Rate("EUR", Interval(k, k * 1.03), Interval(k * 0.95, k * 1.08), "EUR basis")
        return None


def brute_c401(figs, money, related):
    out = []
    for first, second in combinations(figs, 2):
        if C401._linked(first, second, related) or not C401.comparable(first, second):
            continue
        theirs = money.readings(second, first.currency)
        if theirs is None:
            continue
        severity = verdict(first.generous, first.strict, theirs[0], theirs[1])
        if severity is not None:
            out.append((first.key, second.key, severity))
    return out


@settings(max_examples=500, deadline=None)
@given(figures(), st.data())
def test_c401_sweep_finds_what_every_pair_finds(figs, data):
    keys = [f.key for f in figs]
    related = {frozenset(p) for p in data.draw(st.lists(st.sampled_from(list(combinations(keys, 2)) or [("x", "y")]),
                                                      max_size=3))}
    found = C401._group_conflicts(figs, Money(), related)
    assert [(a.key, b.key, sev) for a, b, sev in found] == brute_c401(figs, Money(), related)


def test_c401_bounds_a_group_that_contradicts_itself(monkeypatch):
    monkeypatch.setattr(C401, "MAX_APART", 50)
    figs = [figure(n, generous=Interval.point(float(n % 2)), strict=Interval.point(float(n % 2)),
                   at_lo=YEAR[0][0], at_hi=YEAR[0][1], currency="USD") for n in range(20)]  # 100 pairs apart
    assert C401._group_conflicts(figs, Money(), set()) is None
    assert len(C401._group_conflicts(figs[:12], Money(), set())) == 36


def brute_c402(figs, ranked, strict):
    mine = ranked.strict if strict else ranked.generous
    found = {}
    for o in figs:
        if (o.metric == ranked.metric and o.share_of == ranked.share_of and o.subject != ranked.subject
                and o.currency == ranked.currency and ranked.overlaps_in_time(o)):
            theirs = o.strict if strict else o.generous
            if o.subject not in found and (theirs.lo > mine.hi or (theirs.lo == mine.hi and (theirs.lo_open or mine.hi_open))):
                found[o.subject] = o
    return [o.key for o in found.values()]


@settings(max_examples=500, deadline=None)
@given(figures(ranked=True))
def test_c402_sweep_finds_what_every_pair_finds(figs):
    for strict in (False, True):
        above = C402.larger(figs, strict)
        for n, ranked in enumerate(figs):
            if ranked.rank is not None:
                assert [o.key for o in above.get(n, [])] == brute_c402(figs, ranked, strict)


def brute_a302(group, wholes):
    """A302's old loop: every part and whole scanned again at every start time."""
    seen = set()
    for t in sorted({f.at_lo for f in group}):
        active = [f for f in group if f.at_lo <= t <= f.at_hi]
        caps = [(w, w.generous.hi, w.strict.hi) for w in wholes if w.at_lo <= t <= w.at_hi] if wholes is not None \
            else [(None, 100.0, 100.0)]
        for whole, gen_cap, strict_cap in caps:
            for strict in (False, True):
                parts = A302._lows(active, group[0].share_of, strict)
                if (len(parts) < 2 and whole is None) or not parts:
                    continue
                total = A302._excess(parts, strict_cap if strict else gen_cap, strict)
                key = (frozenset(p.key for p in parts), whole.key if whole else None)
                if total is not None and key not in seen:
                    seen.add(key)
                    yield ("warning" if strict else "error"), parts, total, strict_cap if strict else gen_cap, whole
                    break


@st.composite
def parts(draw):
    out = []
    for n in range(draw(st.integers(1, 10))):
        lo = draw(st.sampled_from([10.0, 20.0, 30.0, 40.0, 50.0, 60.0]))
        at = draw(st.sampled_from(YEAR))
        out.append(figure(n, subject=draw(st.sampled_from(["s", "t", "u", "w"])), share_of="w",
                          generous=Interval(lo - 5, lo + 5, draw(st.booleans())), strict=Interval(lo - 1, lo + 1),
                          at_lo=at[0], at_hi=at[1], line=draw(st.integers(1, 4)), col=n))
    return out


@settings(max_examples=300, deadline=None)
@given(parts(), st.booleans())
def test_a302_sweep_finds_what_scanning_every_time_finds(group, with_wholes):
    wholes = [f for f in group if f.subject == "w"] if with_wholes else None
    shown = lambda found: [(sev, [p.key for p in ps], total, cap, w.key if w else None)  # noqa: E731
                           for sev, ps, total, cap, w in found]
    assert shown(A302._problems(group, wholes)) == shown(brute_a302(group, wholes))


def test_c401_a_group_with_too_many_pairs_apart_is_one_located_warning(tmp_path, monkeypatch):
    """Three shares that all disagree are three pairs apart: past a bound of two, one warning on
    the group's first figure replaces the findings (the bound is 100,000 in the rule)."""
    from conftest import VOCAB, article, write_ledger

    from ledger import engine

    row = "{id: %s, quote: '%s', subject: china, metric: share, value: %s, when: 2025}"
    files = {"vocab.yaml": VOCAB, "a.yaml": article("10% 50% 90%", items="claims:\n" + "".join(
        f"  - {row % (f's{v}', f'{v}%', f'{v}%')}\n" for v in (10, 50, 90)))}
    with engine.open([write_ledger(tmp_path / "ledger", files)], engine.Options(), check=False) as run:
        ctx = engine.Context(run.db, run.units, run.phrases, 0.05, run.ledger)
        assert [h.severity for h in C401.check(ctx)] == ["error"] * 3  # every pair, under the bound
        monkeypatch.setattr(C401, "MAX_APART", 2)
        hits = list(C401.check(ctx))
    assert [(h.severity, h.line, h.col) for h in hits] == [("warning", 8, 5)]  # the first claim
    assert hits[0].message.startswith("3 figures for china / share: more than 2 pairs of them have disjoint readings")
