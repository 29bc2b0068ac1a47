"""Properties of the consistency rules: a ledger whose dependent figures are computed from their
sources (restatements in other units and currencies, relations, shares, cumulative totals) raises
none of the rules; pushing one dependent figure beyond its generous interval always raises the rule
that guards it."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings, strategies as st

from ledger.engine import Options, run_check

from conftest import VOCAB, write_ledger

RULES = ["Q203", "Q204", "A301", "A302", "A303", "C401", "C402", "C403", "D604"]
EXTRA = """\
entities:
  - {key: taiwan, name: Taiwan, kind: country}
  - {key: india, name: India, kind: country}
metrics:
  - {key: shipped, description: Batteries shipped since the start, kind: count, unit: battery, cumulates: output}
fx_rates:
  - {currency: JPY, period: '2021', units_per_usd: 110}
"""
DAYS_2017_2021 = 1826  # 2017-01-01 .. 2021-12-31


def fmt(x: float) -> str:
    return f"{x:.6g}"


def build(rate, jpy, b, c, shares, fraction, bump: str | None = None, factor: float = 1.0):
    """The ledger's claims; `bump` names the one dependent figure multiplied by `factor`."""
    k = {name: (factor if name == bump else 1.0) for name in ("sec", "usd", "rest", "share", "total")}
    last_share = (100 - sum(shares)) * k["share"]
    rows = [
        f"{{id: day, quote: q, subject: acme, metric: output, value: '{rate}', unit: battery/day, when: 2021}}",
        f"{{id: sec, quote: q, subject: acme, metric: output, value: '{fmt(rate / 86400 * k['sec'])}', unit: battery/s, when: 2021, restates: day}}",
        f"{{id: jpy, quote: q, subject: china, metric: cost, value: '{jpy}', unit: JPY, when: 2021}}",
        f"{{id: usd, quote: q, subject: china, metric: cost, value: '{fmt(jpy / 110 * k['usd'])}', unit: USD, when: 2021, restates: jpy}}",
        f"{{id: b, quote: q, subject: acme, metric: cost, value: '{b}', unit: USD, when: 2020}}",
        f"{{id: c, quote: q, subject: taiwan, metric: cost, value: '{c}', unit: USD, when: 2020}}",
        f"{{id: rest, quote: q, subject: india, metric: cost, value: '{fmt((b - c) * k['rest'])}', unit: USD, when: 2020}}",
        *[f"{{id: s{i}, quote: q, subject: {s}, metric: share, value: '{v}%', when: 2021}}"
          for i, (s, v) in enumerate(zip(("acme", "taiwan"), shares))],
        f"{{id: s-last, quote: q, subject: india, metric: share, value: '{fmt(last_share)}%', when: 2021}}",
        f"{{id: total, quote: q, subject: acme, metric: shipped, value: '{fmt(rate * DAYS_2017_2021 * fraction * k['total'])}', unit: battery, when: 2017..2021}}",
    ]
    return ("article:\n  id: a\n  title: T\n  outlet: O\n  published: 2022\n  body: q\nclaims:\n"
            + "".join(f"  - {r}\n" for r in rows) + "relations:\n  - {id: r, holds: rest = b - c}\n")


def findings(text: str):
    with tempfile.TemporaryDirectory() as tmp:
        root = write_ledger(Path(tmp), {"vocab.yaml": VOCAB, "extra.yaml": EXTRA, "a.yaml": text})
        return run_check([root], Options(select=RULES)).findings


ledgers = st.tuples(
    st.integers(1_000, 10**9),                               # rate per day, exact
    st.integers(10**6, 10**12),                              # yen
    st.integers(1_000, 10**9), st.integers(0, 999),          # b and c (c < b)
    st.lists(st.integers(0, 300).map(lambda n: n / 10), min_size=2, max_size=2),  # two shares, 1 decimal
    st.floats(0.05, 0.95),                                   # total as a fraction of rate x days
)


@settings(max_examples=15, deadline=None)
@given(ledgers)
def test_computed_ledger_is_consistent(values):
    assert findings(build(*values)) == []


@settings(max_examples=15, deadline=None)
@given(ledgers, st.sampled_from([("sec", "Q203"), ("usd", "Q204"), ("rest", "A301"), ("share", "A302"),
                                 ("total", "A303")]))
def test_pushing_one_dependent_beyond_its_generous_reading_is_caught(values, target):
    bump, rule = target
    # x3 is beyond any generous reading (a rate of "1000" reads generously as 500-1500); a share is
    # pushed 60 points past the remainder; a total to three times rate x days
    factor = {"share": 1.0 + 60 / (100 - sum(values[4])), "total": 3.0 / values[5]}.get(bump, 3.0)
    got = {f.rule for f in findings(build(*values, bump=bump, factor=factor))}
    assert rule in got, got
