"""Issue 13: compare only what is comparable — the fourteen cases, each on a tiny ledger."""
from __future__ import annotations

import json

from ledger.cli import main

from conftest import VOCAB, article, located, write_ledger


def claims(*rows: str) -> str:
    return "claims:\n" + "".join(f"  - {r}\n" for r in rows)


def events(*rows: str) -> str:
    return "events:\n" + "".join(f"  - {r}\n" for r in rows)


# -- 1. a weekday in a story published that weekday is that day -------------------------------

def test_weekday_on_the_publication_day_is_that_day(check):
    opening = "{id: o, event: alliance-letter, quote: 'opened on Wednesday', when: %s, tense: past}"
    f = check({
        "a.yaml": article("The plant opened on Wednesday.", published="2024-03-06",
                          items=events(opening % "on Wednesday")),
        "b.yaml": article("The plant, which opened on Wednesday, hired staff.", published="2024-03-08",
                          article_id="b", items=events(opening % "2024-03-06")),
    }, select=["T5"])
    assert f == []


def test_a_weekday_that_is_not_the_publication_day_still_points_back(check):
    opening = "{id: o, event: alliance-letter, quote: 'opened on Wednesday', when: %s, tense: past}"
    f = check({
        "a.yaml": article("The plant opened on Wednesday.", published="2024-03-07",  # a Thursday
                          items=events(opening % "on Wednesday")),
        "b.yaml": article("The plant, which opened on Wednesday, hired staff.", published="2024-03-08",
                          article_id="b", items=events(opening % "2024-02-28")),
    }, select=["T501"])
    assert located(f, "T501") == [("a.yaml", 8, 5)]
    assert "2024-03-06" in f[0].message


def test_will_on_friday_points_forward(check):
    f = check({"a.yaml": article("The council will vote on Friday.", items=events(
        "{id: v, event: alliance-letter, quote: 'will vote on Friday', when: on Friday, tense: future}"))},
        select=["T502"])
    assert f == []


# -- 7. present tense for a date wholly after publication ---------------------------------------

def test_present_tense_for_a_future_date(check):
    f = check({"a.yaml": article("The plant employs 4,000 people.", items=claims(
        "{id: j, quote: 'employs 4,000 people', subject: acme, metric: sales, value: '4,000', when: 2030, tense: present}"))},
        select=["T502"])
    assert located(f, "T502") == [("a.yaml", 8, 5)]
    assert f[0].message.startswith("present tense for '2030'")


def test_present_tense_for_this_year_is_fine(check):
    f = check({"a.yaml": article("The plant employs 4,000 people.", items=claims(
        "{id: j, quote: 'employs 4,000 people', subject: acme, metric: sales, value: '4,000', when: this year, tense: present}"))},
        select=["T502"])
    assert f == []


# -- 11. a headline repeating the body's figure is no double encoding ---------------------------

def test_headline_and_body_are_two_quotes(check):
    story = ("article:\n  id: a\n  title: Acme makes 6 million batteries a day\n  outlet: O\n  published: 2025-06-04\n"
             "  body: 'Acme makes 6 million batteries a day. Inside the plant, workers make 6 million batteries a day.'\n")
    row = "{id: %s, quote: '%s', subject: acme, metric: output, value: 6 million, unit: battery/day, when: 2025}"
    f = check({"a.yaml": story + claims(row % ("head", "Acme makes 6 million batteries a day"),
                                        row % ("body", "workers make 6 million batteries a day"))}, select=["D604"])
    assert f == []


def test_two_body_encodings_are_still_reported(check):
    story = ("article:\n  id: a\n  title: Battery boom\n  outlet: O\n  published: 2025-06-04\n"
             "  body: 'Acme makes 6 million batteries a day. Inside the plant, workers make 6 million batteries a day.'\n")
    row = "{id: %s, quote: '%s', subject: acme, metric: output, value: 6 million, unit: battery/day, when: 2025}"
    f = check({"a.yaml": story + claims(row % ("one", "Acme makes 6 million batteries a day"),
                                        row % ("two", "workers make 6 million batteries a day"))}, select=["D604"])
    assert located(f, "D604") == [("a.yaml", 9, 5)]


# -- 10. syndicated copies are one source -------------------------------------------------------

WIRE = ("Officials in the valley said on Tuesday that the wildfire north of the reservoir had burned "
        "12,400 acres of forest and grassland since it began, forcing the evacuation of three small towns "
        "and the closure of the state highway that links them to the coast. Crews from four counties "
        "worked through the night to hold the fire line along the ridge, and the sheriff asked residents "
        "to stay away from the burned area until power lines and roads have been inspected. Earlier this "
        "month the same crews had contained a smaller blaze in the canyon to the south.")


def _fire_ledger(third: str = "24,000") -> dict[str, str]:
    acres = "{id: burned, quote: '%s acres', subject: acme, metric: sales, value: '%s', when: 2025-06}"
    blaze = "{id: blaze, event: alliance-letter, quote: 'Earlier this month the same crews', when: earlier this month, tense: past}"
    return {
        "wire.yaml": article(WIRE, article_id="wire", items=claims(acres % ("12,400", "12,400")) + events(blaze)),
        "copy.yaml": article("Valley News. " + WIRE + " Copyright Valley News.", article_id="copy",
                             published="2025-06-05", items=claims(acres % ("12,400", "12,400")) + events(blaze)),
        "other.yaml": article(f"The fire has burned {third} acres.", article_id="other", published="2025-06-05",
                              items=claims(acres % (third, third))),
        "letter.yaml": article("The crews contained the canyon blaze on May 20.", article_id="letter",
                               items=events("{id: d, event: alliance-letter, quote: 'contained the canyon blaze on May 20', when: 2025-05-20}")),
    }


def test_a_contradiction_with_syndicated_copies_is_reported_once(check):
    f = [x for x in check(_fire_ledger(), select=["C401", "D602"]) if x.rule == "C401"]
    assert len(f) == 1  # not one per copy
    named = {f[0].article_id, *f[0].others}
    assert named == {"wire", "copy", "other"}
    assert "syndicated copy" in f[0].message
    assert all(f"{a} (" in f[0].message for a in {"wire", "copy"} - {f[0].article_id})


def test_a_finding_on_syndicated_text_names_the_copies(check):
    f = [x for x in check(_fire_ledger(), select=["T501", "D602"]) if x.rule == "T501"]
    assert len(f) == 1
    assert f[0].article_id == "wire" and "syndicated copy copy (" in f[0].message
    assert "copy" in f[0].others


def test_copies_never_outvote_an_independent_outlet(check):
    # two copies against one other outlet is one source against one: a tie, reported once
    files = _fire_ledger("124,000")
    f = [x for x in check(files, select=["C401"]) if x.rule == "C401"]
    assert len(f) == 1 and "×10 slip" in f[0].message


# -- 14. --changed reports findings involving the changed file on either side -------------------

def test_changed_reports_findings_on_the_other_side(tmp_path, monkeypatch, capsys):
    row = "{id: s, quote: '%s%% of it', subject: china, metric: share, value: %s%%, when: 2025}"
    write_ledger(tmp_path / "claims", {
        "vocab.yaml": VOCAB,
        # three agreeing outlets make the new article the outlier wherever it sits in the file order
        **{f"{n}.yaml": article("China has 90% of it.", article_id=n, items=claims(row % (90, 90)))
           for n in ("a", "b", "c")},
        "z.yaml": article("China has 40% of it.", article_id="z", items=claims(row % (40, 40))),
    })
    monkeypatch.chdir(tmp_path)
    main(["check", "--format", "json", "--select", "C401", "--changed", "claims/a.yaml"])
    found = json.loads(capsys.readouterr().out)["findings"]
    assert [(x["rule"], x["file"]) for x in found] == [("C401", "claims/z.yaml")]


# -- 2, 3. periods and windows are part of what is compared ------------------------------------

CHANGE = "{id: %s, quote: '%s', subject: acme, metric: sales, value: '%s', when: %s%s}"


def test_a_flow_over_overlapping_unequal_periods_is_not_compared(check):
    flow = "metrics:\n  - {key: sold, description: Sold over a period, kind: count, unit: battery, flow: true}\n"
    row = "{id: %s, quote: '%s', subject: acme, metric: sold, value: '%s', when: %s}"
    body = "Acme sold 30,000 in the first quarter and 52,000 from January to May."
    f = check({"m.yaml": flow, "a.yaml": article(body, items=claims(
        row % ("q1", "sold 30,000 in the first quarter", "30,000", "2024-Q1"),
        row % ("ytd", "52,000 from January to May", "52,000", "2024-01..2024-05")))}, select=["C401"])
    assert f == []
    same = article("Acme sold 30,000 in the first quarter, or 52,000.", items=claims(
        row % ("a", "sold 30,000 in the first quarter", "30,000", "2024-Q1"), row % ("b", "52,000", "52,000", "2024-Q1")))
    assert located(check({"m.yaml": flow, "a.yaml": same}, select=["C401"]), "C401") == [("a.yaml", 9, 5)]


def test_change_windows_separate_month_on_month_from_year_on_year(check):
    metric = "metrics:\n  - {key: chg, description: Change, kind: change, unit: '%'}\n"
    row = "{id: %s, quote: '%s', subject: acme, metric: chg, value: '%s', when: 2024-05, window: %s}"
    body = "Permits fell 52.9% from April, a 74% drop on the year."
    f = check({"m.yaml": metric, "a.yaml": article(body, items=claims(
        row % ("mom", "fell 52.9% from April", "-52.9%", "month-on-month"),
        row % ("yoy", "a 74% drop on the year", "-74%", "on the year")))}, select=["C401"])
    assert f == []


def test_an_unknown_window_is_a_located_schema_error(check):
    f = check({"a.yaml": article("up 5%", items=claims(
        "{id: w, quote: 'up 5%', subject: acme, metric: sales, change: +5%, window: fortnightly}"))}, select=["L102"])
    assert [line for _, line, _ in located(f, "L102")] == [8] and "unknown window 'fortnightly'" in f[0].message


# -- 4. factor vs percent --------------------------------------------------------------------------

def _changes(a: str, b: str, qualifier: str = ""):
    row = "{id: %s, quote: '%s', subject: acme, metric: sales, change: '%s', when: 2024-03%s}"
    return article(f"Sales {a}; sales {b}.", items=claims(row % ("a", a, a, qualifier), row % ("b", b, b, "")))


def test_tripled_is_not_plus_300_percent(check):
    f = check({"a.yaml": _changes("tripled", "+300%")}, select=["C401"])
    assert [x.severity for x in f] == ["error"]
    assert "×3" in f[0].message and "×4" in f[0].message


def test_tripled_is_plus_200_percent_and_a_hedged_factor_reads_as_one(check):
    assert check({"a.yaml": _changes("tripled", "+200%")}, select=["C401"]) == []
    assert check({"a.yaml": _changes("nearly quadrupled", "+280%")}, select=["C401"]) == []
    assert check({"a.yaml": _changes("x4", "+280%", ", qualifier: nearly")}, select=["C401"]) == []
    assert check({"a.yaml": _changes("nearly quadrupled", "+330%")}, select=["C401"]) != []


# -- 5. undated states; `from` names another claim -------------------------------------------------

DUTY = ("The lower 10% duty, down from the current 22%, applies once the order is published.")


def test_states_are_not_pinned_to_the_publication_day(check):
    f = check({"a.yaml": article(DUTY, items=claims(
        "{id: old, quote: 'the current 22%', subject: china, metric: share, value: 22%, state: current}",
        "{id: new, quote: 'The lower 10% duty', subject: china, metric: share, value: 10%, state: after-order, "
        "from: old, direction: lower}"))}, select=["C401", "C403"])
    assert f == []


def test_from_naming_a_claim_feeds_the_direction_check(check):
    f = check({"a.yaml": article(DUTY, items=claims(
        "{id: old, quote: 'the current 22%', subject: china, metric: share, value: 22%, state: current}",
        "{id: new, quote: 'The lower 10% duty', subject: china, metric: share, value: 10%, state: after-order, "
        "from: old, direction: higher}"))}, select=["C403"])
    assert located(f, "C403") == [("a.yaml", 9, 5)] and "from 22% to 10%" in f[0].message


def test_without_states_the_two_duties_still_conflict(check):
    f = check({"a.yaml": article(DUTY, items=claims(
        "{id: old, quote: 'the current 22%', subject: china, metric: share, value: 22%}",
        "{id: new, quote: 'The lower 10% duty', subject: china, metric: share, value: 10%}"))}, select=["C401"])
    assert [x.severity for x in f] == ["error"]


# -- 6. printed datelines --------------------------------------------------------------------------

WIRE_STORY = "BRUSSELS, March 4 (Wire) – Ministers met on Friday to agree the duty."
MEETING = "{id: m, event: alliance-letter, quote: 'Ministers met on Friday', when: on Friday, tense: past}"


def test_a_dateline_a_month_off_is_reported_at_published(check):
    f = check({"a.yaml": article(WIRE_STORY, published="2024-04-04", items=events(MEETING))}, select=["T504"])
    assert located(f, "T504") == [("a.yaml", 5, 14)]
    assert "'BRUSSELS, March 4 (Wire)' is dated 2024-03-04" in f[0].message


def test_relative_words_resolve_against_the_dateline(check):
    dated = article("The ministers met on March 1.", article_id="b", items=events(
        "{id: m, event: alliance-letter, quote: 'The ministers met on March 1', when: 2024-03-01, tense: past}"))
    f = check({"a.yaml": article(WIRE_STORY, published="2024-03-05", items=events(MEETING)), "b.yaml": dated},
              select=["T5"])
    assert f == []  # "Friday" before March 4 is March 1, though the web date is March 5


# -- 8. exchange rates at the day's rate, with the source named ------------------------------------

def _fx_files(body, published, rows):
    # no FX table of the ledger's own: the shipped ECB table (ledger/data/fx-usd.yaml) is used
    return {"a.yaml": article(body, published=published, items=claims(*rows))}


def test_a_conversion_at_the_days_rate_does_not_warn(check):
    f = check(_fx_files("€500 million ($611 million)", "2021-05-20", [
        "{id: eur, quote: '€500 million', subject: acme, metric: cost, value: €500 million, when: 2021}",
        "{id: usd, quote: '$611 million', subject: acme, metric: cost, value: $611 million, when: 2021, restates: eur}"]),
        select=["Q204"])
    assert f == []


def test_a_currency_finding_names_the_rate_and_its_source(check):
    f = check(_fx_files("€500 million ($680 million)", "2021-05-20", [
        "{id: eur, quote: '€500 million', subject: acme, metric: cost, value: €500 million, when: 2021}",
        "{id: usd, quote: '$680 million', subject: acme, metric: cost, value: $680 million, when: 2021, restates: eur}"]),
        select=["Q204"])
    assert len(f) == 1 and "publication month" in f[0].message and "European Central Bank" in f[0].message
    assert "(shipped with factledger: ledger/data/fx-usd.yaml)" in f[0].message  # not this machine's path


def test_one_amount_in_two_currencies_across_articles(check):
    row = "{id: p, quote: '%s', subject: acme, metric: cost, value: %s, when: 2024-03}"
    files = {"a.yaml": article("Acme pays €2 billion.", published="2024-03-12",
                                              items=claims(row % ("€2 billion", "€2 billion")))}
    for figure, found in (("$2.2 billion", False), ("$5 billion", True)):
        files["b.yaml"] = article(f"A {figure} deal.", article_id="b", published="2024-03-13",
                                  items=claims(row % (figure, figure)))
        f = check(dict(files), select=["C401"])
        assert bool(f) == found, f
    assert "EUR per USD" in f[0].message


# -- 9. two readings name what reconciles them ------------------------------------------------------

def test_a_warning_names_the_figure_whose_rounding_reconciles(check):
    row = "{id: %s, quote: '%s', subject: china, metric: share, value: %s, when: 2025%s}"
    f = check({"a.yaml": article("70% of it; 74% of it.", items=claims(
        row % ("a", "70% of it", "70%", ""), row % ("b", "74% of it", "74%", "")))}, select=["C401"])
    assert [x.severity for x in f] == ["warning"]
    assert "they agree only if '70%' is rounded to the nearest 10 %" in f[0].message


def test_a_warning_names_how_far_the_hedge_must_stretch(check):
    row = "{id: %s, quote: '%s', subject: china, metric: share, value: %s, when: 2025%s}"
    f = check({"a.yaml": article("about 60% of it; 66% of it.", items=claims(
        row % ("a", "about 60% of it", "60%", ", qualifier: about"), row % ("b", "66% of it", "66%", "")))},
        select=["C401"])
    assert [x.severity for x in f] == ["warning"]
    assert "'about' in 'about 60%' allows 10 %" in f[0].message


def test_a301_warning_names_the_hedge_that_reconciles(check):
    row = "{id: %s, quote: '%s', subject: acme, metric: cost, value: %s, when: 2025%s}"
    f = check({"a.yaml": article("about $2.5 billion, minus $1.1 billion, leaves $1.7 billion", items=claims(
        row % ("cost", "about $2.5 billion", "$2.5 billion", ", qualifier: about"),
        row % ("offset", "$1.1 billion", "$1.1 billion", ""),
        row % ("rest", "$1.7 billion", "$1.7 billion", "")) + "relations:\n  - {id: net, holds: rest = cost - offset}\n")},
        select=["A301"])
    assert [x.severity for x in f] == ["warning"]
    assert "'about' in 'about $2.5 billion' is read at its widest" in f[0].message


# -- 12. inequalities, constants, and operands at different times -----------------------------------

def test_inequalities_hold_or_fail(check):
    row = "{id: %s, quote: '%s', subject: acme, metric: sales, value: '%s', when: 2025}"
    for direct, fails in (("1,500", False), ("6,000", True)):
        f = check({"a.yaml": article(f"{direct} direct of 4,000 jobs", items=claims(
            row % ("direct", direct, direct), row % ("total", "4,000 jobs", "4,000"))
            + "relations:\n  - {id: part, holds: direct <= total}\n")}, select=["A301"])
        assert bool(f) == fails
    assert "'direct <= total' does not hold" in f[0].message


def test_a301_says_when_operands_do_not_share_a_time(check):
    row = "{id: %s, quote: '%s', subject: acme, metric: cost, value: %s, when: %s}"
    f = check({"a.yaml": article("$5 billion in 2023, $1 billion in 2024, $1.5 billion", items=claims(
        row % ("cost", "$5 billion in 2023", "$5 billion", "2023"), row % ("offset", "$1 billion in 2024", "$1 billion", "2024"),
        row % ("rest", "$1.5 billion", "$1.5 billion", "2024")) + "relations:\n  - {id: net, holds: rest = cost - offset}\n")},
        select=["A301"])
    assert "the operands do not share a time (rest: 2024, cost: 2023, offset: 2024)" in f[0].message


def test_vocabulary_constants_with_ranges(check):
    vocab = ("metrics:\n  - {key: area, description: Floor area, kind: level, unit: ft**2}\n"
             "constants:\n  - {key: football-field, name: A football field, value: '48,000..57,600', unit: ft**2}\n")
    row = "{id: area, quote: '%s square feet', subject: acme, metric: area, value: %s, when: 2025}"
    for area, fails in (("2 million", False), ("1.2 million", True)):
        f = check({"v.yaml": vocab, "a.yaml": article(f"{area} square feet, 40 football fields", items=claims(
            row % (area, area)) + "relations:\n  - {id: f, holds: area = 40 * football-field}\n")}, select=["A301"])
        assert bool(f) == fails, f


# -- 13. events: a claim names its event, the vocabulary dates it -----------------------------------

EVENT_VOCAB = "entities:\n  - {key: summit, name: The summit, kind: event, date: 2024-09-12}\n"


def test_the_vocabulary_dates_an_event_for_t501_t502_t503(check):
    mention = "{id: s, event: summit, quote: '%s', when: %s, tense: past}"
    assert check({"v.yaml": EVENT_VOCAB, "a.yaml": article("the summit last month", published="2024-10-05",
                  items=events(mention % ("the summit last month", "last month")))}, select=["T5"]) == []
    f = check({"v.yaml": EVENT_VOCAB, "a.yaml": article("the summit last month", published="2024-11-05",
               items=events(mention % ("the summit last month", "last month")))}, select=["T501"])
    assert "the vocabulary dates it 2024-09-12" in f[0].message
    f = check({"v.yaml": EVENT_VOCAB, "a.yaml": article("the summit on September 21", published="2024-10-05",
               items=events(mention % ("the summit on September 21", "2024-09-21")))}, select=["T503"])
    assert "2024-09-12 in the vocabulary" in f[0].message
    f = check({"v.yaml": EVENT_VOCAB, "a.yaml": article("At the summit leaders will sign $2 billion in deals",
               published="2024-10-05", items=claims(
                   "{id: d, quote: 'leaders will sign $2 billion', subject: acme, metric: cost, value: $2 billion, "
                   "event: summit, tense: future}"))}, select=["T502"])
    assert located(f, "T502") == [("a.yaml", 8, 5)]


def test_review_shows_syndicated_copies_as_one_source(tmp_path):
    from ledger.review import review

    root = write_ledger(tmp_path / "ledger", {"vocab.yaml": VOCAB, **_fire_ledger("12,400")})
    r = review("other", [root])
    peers = [(p.article_id, p.outlet) for p in r.peers if p.metric == "sales"]
    # the wire story and its copy state the figure alike: one row, naming the copy
    assert len(peers) == 1 and peers[0][0] == "wire" and "its syndicated copy copy (O" in peers[0][1]
    own = review("wire", [root])
    assert any("(syndicated copy of this article)" in p.outlet for p in own.peers if p.article_id == "copy")


def test_cross_article_relations_and_restatements_name_the_other_article(check):
    row = "{id: %s, quote: '%s', subject: acme, metric: %s, value: %s, unit: %s, when: 2025%s}"
    files = {
        "a.yaml": article("6 million batteries per day; 2 billion in total", items=claims(
            row % ("d", "6 million batteries per day", "output", "6 million", "battery/day", ""),
            row % ("t", "2 billion in total", "sales", "2 billion", "battery", ""))),
        "b.yaml": article("about 700 a second; 5 billion", article_id="b", items=claims(
            row % ("s", "about 700 a second", "output", "700", "battery/s", ", qualifier: about, restates: a/d"),
            row % ("u", "5 billion", "sales", "5 billion", "battery", ""))
            + "relations:\n  - {id: r, holds: u = a/t}\n"),
    }
    f = check(files, select=["Q203", "A301"])
    assert {(x.rule, x.article_id, x.others) for x in f} == {("Q203", "b", ("a",)), ("A301", "b", ("a",))}
