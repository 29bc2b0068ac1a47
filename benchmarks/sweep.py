"""Per-group growth of the pair-finding steps (issue 15, item 3): C401, C402, A302 and the
shared-figure pairs of the duplicate tables, on one generated worst-case group of N claims with
the same subject and metric, at N = 1k, 10k, 100k. Each step runs as the rule runs it now (the
sweep, ledger/sweep.py) and, at --old-sizes, as main ran it (every pair, or every figure
at every time). CPU and wall seconds; the growth factor between sizes and its exponent
(log growth / log size ratio: 1 is linear, 2 quadratic). Ratios only: the machine is shared.

    python benchmarks/sweep.py [--sizes 1000 10000 100000] [--old-sizes 1000 3000] [--steps C401 ...]

The group: N figures of one subject and metric over 20 years, each year's figures agreeing
(hedged readings around that year's value, which grows 10 % a year), a tenth of them in EUR, six
outliers (a x10 slip, a digit swap, a rounding that only loosely agrees: each contradicts its
year, N/20 figures); C402 reads N/10 subjects with one figure in a hundred ranked #1 and the
year's largest; A302 gives every figure its own day and a tenth of them the whole year, 20
subjects (their shares add up to less than 100 %), and one day in a thousand a share too large. The duplicate step pairs articles that state an
overlapping figure within the rewrite window (ledger.rewrites.SHARED): four claims an article, two
articles a day, so the pairs within the window grow with N and main's join with N².
"""
from __future__ import annotations

import argparse
import importlib
import math
import random
import sys
import time
from dataclasses import fields
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ledger import rewrites  # noqa: E402
from ledger.figures import Figure, verdict  # noqa: E402
from ledger.fx import Rate  # noqa: E402
from ledger.interval import Interval  # noqa: E402

C401 = importlib.import_module("ledger.checks.C401_contradiction")
C402 = importlib.import_module("ledger.checks.C402_ranking_contradicted")
A302 = importlib.import_module("ledger.checks.A302_parts_exceed_whole")
YEARS = 20


def _figure(n: int, **values) -> Figure:
    base = {f.name: None for f in fields(Figure)}
    base.update(claim_key=f"k{n}", article_id=f"a{n // 20}", claim_id=f"c{n}", file=f"f{n // 20}.yaml", line=n % 20,
                col=1, quote="q", subject="s", metric="m", article_kind="article", outlet="o", published="2024",
                quote_norm=f"q{n}", title="t", metric_flow=False, when_text="2024")
    base.update(values)
    return Figure(**base)


def _hedged(x: float, rng: random.Random) -> tuple[Interval, Interval]:
    about = rng.choice([0.02, 0.04, 0.05])
    return Interval(x * (1 - 2 * about), x * (1 + 2 * about)), Interval(x * (1 - about), x * (1 + about))


def group(n: int, seed: int = 1, ranked: bool = False) -> list[Figure]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        year = 2000 + i % YEARS
        value = 100 * 1.1 ** (year - 2000) * rng.uniform(0.99, 1.01)
        if i < 6:  # the outliers: x10, a digit swap, a loose rounding (each against its year: linear)
            value *= (10, 0.7, 1.09)[i // 2]
        if ranked and i % 100 == 50:  # C402: a ranked figure, the year's largest
            value *= 1.15
        euro = i % 10 == 9
        generous, strict = _hedged(value * (0.9 if euro else 1), rng)
        out.append(_figure(i, generous=generous, strict=strict, currency="EUR" if euro else "USD",
                           at_lo=date(year, 1, 1), at_hi=date(year, 12, 31), published_lo=date(year, 6, 1),
                           published_hi=date(year, 6, 30), subject=f"s{i % max(1, n // 10)}",
                           rank=1 if ranked and i % 100 == 50 else None))
    return out


def parts(n: int, seed: int = 1) -> list[Figure]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        day = date(2000, 1, 1) + timedelta(days=rng.randrange(YEARS * 365))
        lo, hi = (date(day.year, 1, 1), date(day.year, 12, 31)) if i % 10 == 0 else (day, day)
        share = rng.uniform(0.5, 4.0) if i % 1000 != 5 else 60.0  # now and then one too large on its day
        out.append(_figure(i, subject=f"s{i % 20}", share_of="w", generous=Interval(share - 0.5, share + 0.5),
                           strict=Interval(share - 0.05, share + 0.05), at_lo=lo, at_hi=hi, metric_kind="share",
                           canonical_unit="%"))
    return out


class Money(C401._Money):
    """The reference rates without a database: EUR per USD 0.9 (±3 % strict, ±8 % generous)."""

    def __init__(self) -> None:
        super().__init__(None)
        self._fx = SimpleNamespace(source="benchmark rates")

    def rate(self, fig, currency):
        if currency == "USD":
            return Rate("USD", Interval.point(1.0), Interval.point(1.0), "")
        return Rate("EUR", Interval(0.9 * 0.97, 0.9 * 1.03), Interval(0.9 * 0.92, 0.9 * 1.08), "EUR 0.9")


# -- main's loops, as they were ---------------------------------------------------------------

def old_c401(figs):
    money, related, out = Money(), set(), []
    for first, second in combinations(figs, 2):
        if C401._linked(first, second, related) or not C401.comparable(first, second):
            continue
        theirs = money.readings(second, first.currency)
        if theirs is not None and verdict(first.generous, first.strict, theirs[0], theirs[1]) is not None:
            out.append((first, second))
    return out


def old_c402(figs):
    out = 0
    for ranked in (f for f in figs if f.rank is not None):
        others = [o for o in figs if o.metric == ranked.metric and o.share_of == ranked.share_of
                  and o.subject != ranked.subject and o.currency == ranked.currency and ranked.overlaps_in_time(o)]
        for strict in (False, True):
            mine = ranked.strict if strict else ranked.generous
            found = {}
            for o in others:
                theirs = o.strict if strict else o.generous
                if o.subject not in found and (theirs.lo > mine.hi or (theirs.lo == mine.hi and (theirs.lo_open or mine.hi_open))):
                    found[o.subject] = o
            out += len(found)
    return out


def old_a302(group, wholes=None):
    seen, out = set(), 0
    for t in sorted({f.at_lo for f in group}):
        active = [f for f in group if f.at_lo <= t <= f.at_hi]
        for strict in (False, True):
            found = A302._lows(active, group[0].share_of, strict)
            if len(found) >= 2 and A302._excess(found, 100.0, strict) is not None:
                key = frozenset(p.key for p in found)
                if key not in seen:
                    seen.add(key)
                    out += 1
                    break
    return out


# -- the duplicate tables' shared figures -------------------------------------------------------

def shared_db(n: int, seed: int = 1):
    """A database with N claims of one subject and metric, four to an article, two articles a
    day (an archive grows by its days: N/8 days long), each claim about its article's year."""
    import duckdb

    from ledger import store

    rng = random.Random(seed)
    con = duckdb.connect(":memory:")
    con.execute("CREATE TABLE articles (article_id VARCHAR, kind VARCHAR, published_lo DATE, published_hi DATE)")
    con.execute("CREATE TABLE claims (article_id VARCHAR, subject VARCHAR, metric VARCHAR, lo DOUBLE, hi DOUBLE, "
                "when_lo DATE, when_hi DATE, event VARCHAR)")
    con.execute("CREATE TABLE events (article_id VARCHAR, event VARCHAR)")
    articles, claims = [], []
    for a in range(max(2, n // 4)):
        day = date(2000, 1, 1) + timedelta(days=a // 2)
        articles.append((f"a{a:06d}", "article", day, day))
        for _ in range(4):
            value = 100 * 1.1 ** (day.year - 2000) * rng.uniform(0.95, 1.05)
            claims.append((f"a{a:06d}", "s", "m", value * 0.98, value * 1.02, date(day.year, 1, 1),
                           date(day.year, 12, 31), None))
    store.append(con, "articles", articles)
    store.append(con, "claims", claims)
    index = {a[0]: i for i, a in enumerate(articles)}
    return con, index


# main's query: every two claims of a subject and metric joined, the window applied afterwards
OLD_SHARED = """
WITH pub AS (SELECT article_id, published_lo AS lo, published_hi AS hi FROM articles WHERE kind = 'article'),
ev AS (SELECT article_id, event FROM events UNION SELECT article_id, event FROM claims WHERE event IS NOT NULL),
shared AS (
    SELECT DISTINCT c1.article_id AS a, c2.article_id AS b, 'figure' AS what, c1.subject || '/' || c1.metric AS name
    FROM claims c1 JOIN claims c2 ON c1.subject = c2.subject AND c1.metric = c2.metric
     AND c1.article_id < c2.article_id AND c1.lo <= c2.hi AND c2.lo <= c1.hi
     AND (c1.when_lo IS NULL OR c2.when_lo IS NULL OR (c1.when_lo <= c2.when_hi AND c2.when_lo <= c1.when_hi))
    UNION
    SELECT DISTINCT e1.article_id, e2.article_id, 'event', e1.event
    FROM ev e1 JOIN ev e2 ON e1.event = e2.event AND e1.article_id < e2.article_id
)
SELECT s.a, s.b,
       list(name ORDER BY name) FILTER (WHERE what = 'figure') AS figures,
       list(name ORDER BY name) FILTER (WHERE what = 'event') AS events
FROM shared s JOIN pub pa ON pa.article_id = s.a JOIN pub pb ON pb.article_id = s.b
WHERE greatest(pa.lo, pb.lo) - least(pa.hi, pb.hi) <= $window
GROUP BY s.a, s.b
"""


def old_shared(con, index):
    return con.execute(OLD_SHARED, {"window": rewrites.WINDOW_DAYS}).fetchall()


def new_shared(con, index):
    return rewrites.shared(con, index, rewrites.WINDOW_DAYS)


# -- measuring ---------------------------------------------------------------------------------

def timed(fn, *args):
    cpu, wall = time.process_time(), time.perf_counter()
    result = fn(*args)
    return time.process_time() - cpu, time.perf_counter() - wall, result


def size(result) -> int:
    if isinstance(result, int):
        return result
    return len(result) if result is not None else -1


STEPS = {
    "C401": (group, lambda figs: C401._group_conflicts(figs, Money(), set()), old_c401),
    "C402": (lambda n: group(n, ranked=True), lambda figs: sum(len(v) for s in (False, True) for v in C402.larger(figs, s).values()), old_c402),
    "A302": (parts, lambda figs: len(list(A302._problems(figs, None))), old_a302),
    "duplicates": (shared_db, lambda db: new_shared(*db), lambda db: old_shared(*db)),
}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--old-sizes", type=int, nargs="+", default=[1000, 3000],
                    help="N for main's every-pair loops (quadratic: 100k would take hours)")
    ap.add_argument("--steps", nargs="+", default=list(STEPS))
    args = ap.parse_args(argv)
    print(f"{'step':<11} {'N':>7} {'how':<5} {'CPU s':>9} {'wall s':>9} {'found':>9} {'growth CPU':>11} {'exponent':>9}")
    for name in args.steps:
        build, new, old = STEPS[name]
        for how, fn in (("sweep", new), ("old", old)):
            previous = None
            for n in (args.sizes if how == "sweep" else args.old_sizes):
                data = build(n)
                cpu, wall, result = timed(fn, data)
                growth = exponent = ""
                if previous is not None and previous[1] > 0:
                    ratio = cpu / previous[1]
                    growth = f"x{ratio:.1f}"
                    exponent = f"{math.log(ratio) / math.log(n / previous[0]):.2f}" if ratio > 0 else ""
                print(f"{name:<11} {n:>7} {how:<5} {cpu:>9.3f} {wall:>9.3f} {size(result):>9} {growth:>11} {exponent:>9}",
                      flush=True)
                previous = (n, cpu)


if __name__ == "__main__":
    main()
