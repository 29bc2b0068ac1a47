"""Q204, A302, A303, C401-C403, T503, D604 on tiny fixtures: where they fire, what they say, and
silence on the consistent seed cases."""
from __future__ import annotations

from conftest import article, located

FX = "fx.yaml"
FX_RATES = """\
source: {name: test rates}
fx_rates:
  - {currency: JPY, period: '2021', units_per_usd: 110}
  - {currency: JPY, period: '2021-01', units_per_usd: 104}
  - {currency: JPY, period: '2021-12', units_per_usd: 114}
"""
EXTRA_VOCAB = """\
entities:
  - {key: taiwan, name: Taiwan, kind: country}
  - {key: world, name: World, kind: region}
metrics:
  - {key: shipped, description: Batteries shipped since the start, kind: count, unit: battery, cumulates: output}
  - {key: budget, description: Money budgeted, kind: money, unit: USD}
"""


def claims(*rows: str) -> str:
    return "claims:\n" + "".join(f"  - {r}\n" for r in rows)


def ledger(body, *rows, extra=None, **kw):
    files = {"a.yaml": article(body, items=claims(*rows), **kw), "more.yaml": EXTRA_VOCAB, FX: FX_RATES}
    return {**files, **(extra or {})}


# -- Q204 ------------------------------------------------------------------------------------

JPY = "{id: jpy, quote: '200 billion yen', subject: china, metric: budget, value: 200 billion, unit: JPY, when: 2021}"


def test_q204_yen_slip_is_an_error_naming_x10(check):
    f = check(ledger("200 billion yen (19 billion)", JPY,
        "{id: usd, quote: '19 billion', subject: china, metric: budget, value: 19 billion, unit: USD, when: 2021, restates: jpy}"),
        select=["Q204"])
    assert located(f, "Q204") == [("a.yaml", 9, 5)]
    assert f[0].severity == "error" and "×10" in f[0].message
    assert "$18.5 billion – $19.5 billion" in f[0].message and "$1.82 billion" in f[0].message


def test_q204_correct_conversion_is_silent_and_uses_publication_period_without_when(check):
    f = check(ledger("200 billion yen (1.8 billion)",
        "{id: jpy, quote: '200 billion yen', subject: china, metric: budget, value: 200 billion, unit: JPY}",
        "{id: usd, quote: '1.8 billion', subject: china, metric: budget, value: 1.8 billion, unit: USD, restates: jpy}",
        published="2021-12"), select=["Q204"])
    assert f == []


def test_q204_strict_only_disagreement_is_a_warning(check):
    # 200 billion yen at the 2021 average (110) is $1.818 billion: exactly $1.90 billion disagrees strictly,
    # but at January's 104 yen per dollar it is $1.92 billion: the generous (monthly) rate reconciles it
    f = check(ledger("200 billion yen (1.90 billion)", JPY,
        "{id: usd, quote: '1.90 billion', subject: china, metric: budget, value: 1.90 billion, unit: USD, when: 2021, restates: jpy}"),
        select=["Q204"])
    assert [x.severity for x in f] == ["warning"]


def test_q204_missing_rate_is_reported_not_guessed(check):
    f = check(ledger("200 billion yen (1.8 billion)",
        "{id: jpy, quote: '200 billion yen', subject: china, metric: budget, value: 200 billion, unit: JPY, when: 2014}",
        "{id: usd, quote: '1.8 billion', subject: china, metric: budget, value: 1.8 billion, unit: USD, when: 2014, restates: jpy}"),
        select=["Q204"])
    assert located(f, "Q204") == [("a.yaml", 9, 5)] and f[0].severity == "info" and "no JPY rate for 2014" in f[0].message


# -- A302 ------------------------------------------------------------------------------------

def test_a302_shares_of_one_whole_above_100(check):
    f = check(ledger("over 60% and 45%",
        "{id: c, quote: 'over 60%', subject: china, metric: share, value: 60%, qualifier: over, of: world, when: 2021}",
        "{id: t, quote: '45%', subject: taiwan, metric: share, value: 45%, of: world, when: 2021}"), select=["A302"])
    assert located(f, "A302") == [("a.yaml", 9, 5)] and f[0].severity == "error"
    assert "above 100 %" in f[0].message


def test_a302_different_times_do_not_add_up(check):
    f = check(ledger("60% and 45%",
        "{id: c, quote: '60%', subject: china, metric: share, value: 60%, of: world, when: 2021}",
        "{id: t, quote: '45%', subject: taiwan, metric: share, value: 45%, of: world, when: 2030}"), select=["A302"])
    assert f == []


def test_a302_strict_only_overflow_is_a_warning(check):
    # 50% + 50.8%: generous lows 45 + 50.75 fit, strict lows 49.5 + 50.75 do not
    f = check(ledger("50% and 50.8%",
        "{id: c, quote: '50%', subject: china, metric: share, value: 50%, when: 2021}",
        "{id: t, quote: '50.8%', subject: taiwan, metric: share, value: 50.8%, when: 2021}"), select=["A302"])
    assert [x.severity for x in f] == ["warning"]


def test_a302_part_exceeds_its_whole(check):
    f = check(ledger("the world spent $1.5 billion, Acme $3 billion of it",
        "{id: w, quote: 'the world spent $1.5 billion', subject: world, metric: cost, value: $1.5 billion, when: 2021}",
        "{id: p, quote: 'Acme $3 billion', subject: acme, metric: cost, value: $3 billion, of: world, when: 2021}"),
        select=["A302"])
    assert located(f, "A302") == [("a.yaml", 9, 5)] and "at most" in f[0].message


# -- A303 ------------------------------------------------------------------------------------

RATE = "{id: r, quote: 'around 6 million batteries per day', subject: acme, metric: output, value: 6 million, unit: battery/day, qualifier: around, when: 2025}"


def test_a303_seed_case_is_silent(check):
    f = check(ledger("around 6 million batteries per day; 11 billion shipped", RATE,
        "{id: t, quote: '11 billion shipped', subject: acme, metric: shipped, value: 11 billion, when: 2017..2025-03}"))
    assert f == []


def test_a303_total_above_rate_times_days(check):
    f = check(ledger("around 6 million batteries per day; 25 billion shipped", RATE,
        "{id: t, quote: '25 billion shipped', subject: acme, metric: shipped, value: 25 billion, when: 2017..2025-03}"),
        select=["A303"])
    assert located(f, "A303") == [("a.yaml", 9, 5)] and "3,012 days" in f[0].message and "19.9 billion" in f[0].message


def test_a303_total_below_a_minimum_rate(check):
    f = check(ledger("at least 6 million batteries per day in 2024; 1 billion shipped in 2024",
        "{id: r, quote: 'at least 6 million batteries per day', subject: acme, metric: output, value: 6 million, unit: battery/day, qualifier: at least, when: 2024}",
        "{id: t, quote: '1 billion shipped', subject: acme, metric: shipped, value: 1 billion, when: 2024}"),
        select=["A303"])
    assert located(f, "A303") == [("a.yaml", 9, 5)] and "below" in f[0].message


def test_a303_bad_link_is_located_at_the_metric(check):
    bad = "metrics:\n  - {key: total, description: T, kind: count, unit: battery, cumulates: sales}\n"
    f = check({"bad.yaml": bad}, select=["A303"])
    assert located(f, "A303") == [("bad.yaml", 2, 5)] and "not a metric of kind rate" in f[0].message


# -- C401 ------------------------------------------------------------------------------------

SHARE = "{id: %s, quote: '%s', subject: china, metric: share, value: %s, when: 2025%s}"


def test_c401_seed_over_90_more_than_90_and_90_are_compatible(check):
    files = {
        "a.yaml": article("over 90%", items=claims(SHARE % ("s", "over 90%", "90%", ", qualifier: over"))),
        "b.yaml": article("more than 90%", article_id="b", items=claims(SHARE % ("s", "more than 90%", "90%", ", qualifier: more than"))),
        "c.yaml": article("90%", article_id="c", published="2025", items=claims("{id: s, quote: '90%', subject: china, metric: share, value: 90%}")),
    }
    assert check(files) == []


def test_c401_across_articles_says_who_said_what(check):
    files = {
        "a.yaml": article("over 90%", items=claims(SHARE % ("s", "over 90%", "90%", ", qualifier: over"))),
        "b.yaml": article("75%", article_id="b", items=claims(SHARE % ("s", "75%", "75%", ""))),
    }
    f = check(files, select=["C401"])
    assert located(f, "C401") == [("b.yaml", 8, 5)] and f[0].severity == "error"
    assert "'75%'" in f[0].message and "'over 90%' in a (O," in f[0].message


def test_c401_superseded_and_other_times_are_skipped(check):
    f = check({"a.yaml": article("75% then 90%", items=claims(
        "{id: old, quote: '75%', subject: china, metric: share, value: 75%, when: 2025, superseded_by: new}",
        "{id: new, quote: '90%', subject: china, metric: share, value: 90%, when: 2025}",
        "{id: past, quote: '75%', subject: china, metric: share, value: 75%, when: 2010}"))}, select=["C401"])
    assert f == []


def test_c401_names_the_reference_series(check):
    ref = ("article:\n  id: ref\n  kind: reference\n  title: Series XYZ\n  outlet: Statistics Office\n"
           "  published: 2025\n  body: 'China had 60% in 2025.'\n" + claims(SHARE % ("s", "China had 60%", "60%", "")))
    f = check({"a.yaml": article("90%", items=claims(SHARE % ("s", "90%", "90%", ""))), "reference/ref.yaml": ref},
              select=["C401"])
    assert located(f, "C401") == [("a.yaml", 8, 5)] and "the reference series 'Series XYZ'" in f[0].message


def test_c401_strict_only_is_a_warning(check):
    f = check({"a.yaml": article("70% or 74%", items=claims(SHARE % ("a", "70%", "70%", ""), SHARE % ("b", "74%", "74%", "")))},
              select=["C401"])
    assert located(f, "C401") == [("a.yaml", 9, 5)] and f[0].severity == "warning"


# -- C402 ------------------------------------------------------------------------------------

RANKED = "{id: t, quote: 'the top producer at 22%', subject: taiwan, metric: share, value: 22%, rank: 1, of: world, when: 2021}"


def test_c402_seed_case_different_times_is_silent(check):
    f = check(ledger("the top producer at 22%; 24% by 2030", RANKED,
        "{id: c, quote: '24% by 2030', subject: china, metric: share, value: 24%, of: world, when: 2030}"), select=["C402"])
    assert f == []


def test_c402_larger_share_at_the_same_time(check):
    f = check(ledger("the top producer at 22%; China 24%", RANKED,
        "{id: c, quote: 'China 24%', subject: china, metric: share, value: 24%, of: world, when: 2021}"), select=["C402"])
    assert located(f, "C402") == [("a.yaml", 8, 5)] and "china 'China 24%'" not in f[0].message
    assert "ranked #1" in f[0].message and "china" in f[0].message


def test_c402_rank_two_tolerates_one_larger(check):
    f = check(ledger("second at 22%; China 24%",
        "{id: t, quote: 'second at 22%', subject: taiwan, metric: share, value: 22%, rank: 2, of: world, when: 2021}",
        "{id: c, quote: 'China 24%', subject: china, metric: share, value: 24%, of: world, when: 2021}"), select=["C402"])
    assert f == []


# -- C403 ------------------------------------------------------------------------------------

def share_change(value, frm, direction=None, change=None):
    extra = "".join(f", {k}: {v}" for k, v in (("direction", direction), ("change", change)) if v)
    return claims(f"{{id: s, quote: 'x', subject: china, metric: share, value: {value}, from: {{value: {frm}, when: 1990}}, when: 2021{extra}}}")


def test_c403_seed_plummeted_37_to_12_is_silent(check):
    assert check({"a.yaml": article("x", items=share_change("12%", "37%", "plummeted"))}) == []


def test_c403_plummeted_while_rising(check):
    f = check({"a.yaml": article("x", items=share_change("37%", "12%", "plummeted"))}, select=["C403"])
    assert located(f, "C403") == [("a.yaml", 8, 5)] and "went from 12% to 37%" in f[0].message


def test_c403_doubled_for_times_1_3(check):
    f = check({"a.yaml": article("x", items=share_change("52%", "40%", "doubled"))}, select=["C403"])
    assert located(f, "C403") == [("a.yaml", 8, 5)] and "'doubled' means ×2" in f[0].message


def test_c403_percent_written_for_points(check):
    f = check({"a.yaml": article("x", items=share_change("25%", "50%", "fell", "-25%"))}, select=["C403"])
    assert located(f, "C403") == [("a.yaml", 8, 5)] and "percent vs percentage points" in f[0].message


def test_c403_rose_with_a_negative_change(check):
    f = check({"a.yaml": article("x", items=claims(
        "{id: s, quote: 'x', subject: acme, metric: sales, change: -5%, direction: rose, when: 2021}"))}, select=["C403"])
    assert located(f, "C403") == [("a.yaml", 8, 5)] and "contradicts the stated change -5%" in f[0].message


# -- T503 ------------------------------------------------------------------------------------

def test_t503_one_event_two_absolute_dates(check):
    ev = "events:\n  - {id: e, event: alliance-letter, quote: 'x', when: %s}\n"
    f = check({"a.yaml": article("x", items=ev % "2025-05-09"),
               "b.yaml": article("x", article_id="b", items=ev % "2025-05-19")}, select=["T503"])
    assert located(f, "T503") == [("b.yaml", 8, 5)] and "2025-05-09" in f[0].message


def test_t503_copy_says_the_original_appeared_on_another_day(check):
    orig = article("The story.", published="2025-06-04").replace("outlet: O", "outlet: Auto Blog")
    copy = article("The story first appeared on Autoblog on Jun 3, 2025 This", article_id="b", published="2025-06-03")
    f = check({"a.yaml": orig, "b.yaml": copy.replace("title: T", "title: Other")}, select=["T503"])
    assert located(f, "T503") == [("a.yaml", 5, 14)] and f[0].severity == "warning"
    assert "first appeared on Auto Blog on Jun 3, 2025" in f[0].message


def test_t503_copies_same_day_are_silent_and_different_day_warns(check):
    story = "China controls over 90% of global processing capacity for the magnets."
    same = {"a.yaml": article(story), "b.yaml": article(story, article_id="b")}
    assert check(same, select=["T503"]) == []
    apart = {"a.yaml": article(story), "b.yaml": article(story, article_id="b", published="2025-06-05")}
    assert located(check(apart, select=["T503"]), "T503") == [("b.yaml", 5, 14)]
    # the same title on another day is not a copy: different text
    other = {"a.yaml": article(story), "b.yaml": article("Sales rose.", article_id="b", published="2025-06-05")}
    assert check(other, select=["T503"]) == []


# -- D604 ------------------------------------------------------------------------------------

def test_d604_copy_pasted_claim(check):
    row = "{id: %s, quote: 'around 6 million batteries per day', subject: acme, metric: output, value: 6 million, qualifier: around, when: 2025}"
    f = check({"a.yaml": article("around 6 million batteries per day", items=claims(row % "a", row % "b"))}, select=["D604"])
    assert located(f, "D604") == [("a.yaml", 9, 5)]


def test_d604_restatement_and_other_subjects_are_not_duplicates(check):
    f = check({"a.yaml": article("4,000 workers and 4,000 jobs", items=claims(
        "{id: a, quote: '4,000 workers', subject: acme, metric: sales, value: '4,000', when: 2025}",
        "{id: b, quote: '4,000 jobs', subject: china, metric: sales, value: '4,000', when: 2025}"))}, select=["D604"])
    assert f == []


def test_c401_reports_at_the_outlier(check):
    row = "claims:\n  - {id: s, quote: '%s batteries', subject: acme, metric: sales, value: '%s', when: 2024}\n"
    files = {"a.yaml": article("870,000 batteries", items=row % ("870,000", "870,000"))}
    for name in "bcd":
        # three independent outlets (not copies of one text: copies would be one source)
        files[f"{name}.yaml"] = article(f"Outlet {name} counts 87,000 batteries", article_id=name,
                                        items=row % ("87,000", "87,000"))
    f = check(files, select=["C401"])
    assert located(f, "C401") == [("a.yaml", 8, 5)] * 3
    assert "×10 slip" in f[0].message
