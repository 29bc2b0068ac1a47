"""Q202, Q203, A301 on tiny fixtures: where they fire, and silence on the consistent cases."""
from __future__ import annotations

from conftest import article, located


def claims(*rows: str) -> str:
    return "claims:\n" + "".join(f"  - {r}\n" for r in rows)


PER_DAY = "{id: day, quote: 'around 6 million batteries per day', subject: acme, metric: output, value: 6 million, unit: battery/day, qualifier: around}"


def test_q202_share_above_100(check):
    f = check({"a.yaml": article("China has 120% of it.", items=claims(
        "{id: s, quote: '120%', subject: china, metric: share, value: 120%}"))}, select=["Q202"])
    assert located(f, "Q202") == [("a.yaml", 8, 66)]  # at the value
    assert "outside the domain" in f[0].message and "[0, 100]" in f[0].message


def test_q202_over_100_is_impossible_and_over_90_is_fine(check):
    f = check({"a.yaml": article("over 100% and over 90%", items=claims(
        "{id: a, quote: 'over 100%', subject: china, metric: share, value: 100%, qualifier: over}",
        "{id: b, quote: 'over 90%', subject: china, metric: share, value: 90%, qualifier: over}"))}, select=["Q202"])
    assert located(f, "Q202") == [("a.yaml", 8, 71)]  # at the value


def test_q202_negative_count(check):
    f = check({"a.yaml": article("sold -40 batteries", items=claims(
        "{id: s, quote: '-40 batteries', subject: acme, metric: sales, value: -40}"))}, select=["Q202"])
    assert located(f, "Q202") == [("a.yaml", 8, 74)]  # at the value


def test_q203_seed_case_is_silent(check):
    text = "We make around 6 million batteries per day. That's about 70 batteries each second."
    f = check({"a.yaml": article(text, items=claims(PER_DAY,
        "{id: sec, quote: 'about 70 batteries each second', subject: acme, metric: output, value: 70, unit: battery/s, qualifier: about, restates: day}"))})
    assert f == []


def test_q203_per_day_vs_per_month_slip_is_an_error_and_named(check):
    text = "around 6 million batteries per day, or 6 million batteries a month"
    f = check({"a.yaml": article(text, items=claims(PER_DAY,
        "{id: month, quote: '6 million batteries a month', subject: acme, metric: output, value: 6 million, unit: battery/month, restates: day}"))},
        select=["Q203"])
    assert located(f, "Q203") == [("a.yaml", 9, 5)]
    assert f[0].severity == "error"
    assert "per day vs per month" in f[0].message


def test_q203_strict_only_conflict_is_a_warning(check):
    # 70/s strictly is [69.5, 70.5]; exactly 6,000,000/day is 69.44/s: only rounding to 10 reconciles
    text = "exactly 6,000,000 batteries per day, or 70 batteries each second"
    f = check({"a.yaml": article(text, items=claims(
        "{id: day, quote: 'exactly 6,000,000 batteries per day', subject: acme, metric: output, value: '6,000,000', unit: battery/day, qualifier: exactly}",
        "{id: sec, quote: '70 batteries each second', subject: acme, metric: output, value: 70, unit: battery/s, restates: day}"))},
        select=["Q203"])
    assert located(f, "Q203") == [("a.yaml", 9, 5)]
    assert f[0].severity == "warning"
    assert "rounded" in f[0].message


def test_a301_seed_ford_case_holds(check):
    text = "could cost up to $2.5 billion. offset $1 billion of this, the remaining $1.5 billion"
    f = check({"a.yaml": article(text, items=claims(
        "{id: cost, quote: 'up to $2.5 billion', subject: acme, metric: cost, value: $2.5 billion, qualifier: up to}",
        "{id: off, quote: 'offset $1 billion', subject: acme, metric: cost, value: $1 billion}",
        "{id: rest, quote: 'the remaining $1.5 billion', subject: acme, metric: cost, value: $1.5 billion}")
        + "relations:\n  - {id: net, holds: rest = cost - off}\n")})
    assert f == []


def test_a301_sum_that_does_not_add_up(check):
    text = "cost $2.5 billion, offset $1.0 billion, the remaining $2.5 billion"
    f = check({"a.yaml": article(text, items=claims(
        "{id: cost, quote: 'cost $2.5 billion', subject: acme, metric: cost, value: $2.5 billion}",
        "{id: off, quote: 'offset $1.0 billion', subject: acme, metric: cost, value: $1.0 billion}",
        "{id: rest, quote: 'the remaining $2.5 billion', subject: acme, metric: cost, value: $2.5 billion}")
        + "relations:\n  - {id: net, holds: rest = cost - off}\n")}, select=["A301"])
    assert located(f, "A301") == [("a.yaml", 12, 5)]
    assert f[0].severity == "error"
    assert "left side" in f[0].message and "right side" in f[0].message


def test_a301_unreadable_relation_and_unknown_claim(check):
    f = check({"a.yaml": article("x", items="relations:\n  - {id: r1, holds: a = b +}\n  - {id: r2, holds: a = nothing}\n")},
              select=["A301"])
    assert located(f, "A301") == [("a.yaml", 8, 5), ("a.yaml", 9, 5)]
    assert "cannot read relation" in f[0].message
    assert "a/nothing" in f[1].message
