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
