"""Waivers: matched by ids, shown as waived, not failing the gate; expired and unused ones are
reported by L110; SQL users see them in the `waivers` table."""
from __future__ import annotations

import json

import duckdb

from ledger.cli import main

from conftest import VOCAB, article, located, write_ledger

BODY = "around 6 million batteries per day, or 6 million batteries a month"
DAY = "  - {id: day, quote: 'around 6 million batteries per day', subject: acme, metric: output, value: 6 million, unit: battery/day, qualifier: around}\n"


def month(waive: str = "", value: str = "6 million") -> str:
    """The per-month restatement (a Q203 per-day/per-month slip), with an optional waiver list."""
    claim = ("  - id: month\n    quote: '6 million batteries a month'\n    subject: acme\n    metric: output\n"
             f"    value: {value}\n    unit: battery/month\n    restates: day\n")
    return claim + (f"    waive:\n{waive}" if waive else "")


WAIVE = "      - {rule: Q203, reason: the outlet means per month, by: ann}\n"


def test_waived_finding_is_marked_and_does_not_fail_the_gate(check, tmp_path, capsys):
    findings = check({"a.yaml": article(BODY, items="claims:\n" + DAY + month(WAIVE))})
    assert [(f.rule, f.waiver.by if f.waiver else None) for f in findings] == [("Q203", "ann")]
    ledger = tmp_path / "ledger"
    assert main(["check", str(ledger)]) == 0
    out = capsys.readouterr().out
    assert "[waived by ann: the outlet means per month]" in out
    assert out.splitlines()[-1].startswith("No findings, 1 waived in ")
    assert main(["check", str(ledger), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["waived"] == 1 and report["summary"]["error"] == 0
    assert report["findings"][0]["waiver"] == {"by": "ann", "reason": "the outlet means per month", "until": None}


def test_a_waiver_survives_unrelated_edits(check):
    # lines move, the figure changes, the message changes: still the same rule on the same claim
    padded = "claims:\n" + DAY.replace("around 6", "around  6") + "  - {id: other, quote: 'batteries', subject: acme, metric: sales, value: 6}\n"
    findings = check({"a.yaml": article(BODY + " batteries", items=padded + month(WAIVE, value="7 million"))}, select=["Q203"])
    assert [f.rule for f in findings if f.waiver] == ["Q203"]


def test_a_waiver_names_one_rule_and_one_item(check):
    other_rule = "      - {rule: Q202, reason: x, by: ann}\n"
    findings = check({"a.yaml": article(BODY, items="claims:\n" + DAY + month(other_rule))})
    assert {(f.rule, f.waiver is None) for f in findings} == {("Q203", True), ("L110", True)}


def test_expired_waiver_no_longer_applies_and_says_so(check):
    expired = "      - {rule: Q203, reason: x, by: ann, until: 2020-01-31}\n"
    findings = check({"a.yaml": article(BODY, items="claims:\n" + DAY + month(expired))})
    by_rule = {f.rule: f for f in findings}
    assert by_rule["Q203"].waiver is None and by_rule["Q203"].severity == "error"
    assert "expired on 2020-01-31: the finding it covered is reported again" in by_rule["L110"].message
    assert located(findings, "L110") == [("a.yaml", 17, 9)]


def test_future_until_still_applies(check):
    later = "      - {rule: Q203, reason: x, by: ann, until: 2999-12-31}\n"
    findings = check({"a.yaml": article(BODY, items="claims:\n" + DAY + month(later))})
    assert [(f.rule, f.waiver.until.year) for f in findings] == [("Q203", 2999)]


def test_unused_waiver_is_reported_where_it_is_written(check):
    fixed = month(WAIVE).replace("battery/month", "battery/day")
    findings = check({"a.yaml": article(BODY.replace("a month", "per day"), items="claims:\n" + DAY + fixed.replace("a month", "per day"))})
    assert located(findings, "L110") == [("a.yaml", 17, 9)]
    assert findings[0].severity == "warning" and "matches no finding" in findings[0].message


def test_waiver_of_a_rule_not_selected_is_not_unused(check):
    findings = check({"a.yaml": article(BODY, items="claims:\n" + DAY + month(WAIVE))}, select=["L"])
    assert findings == []


def test_unknown_rule_and_duplicate_waivers(check):
    twice = WAIVE + WAIVE + "      - {rule: Z999, reason: x, by: ann}\n"
    findings = check({"a.yaml": article(BODY, items="claims:\n" + DAY + month(twice))})
    messages = sorted(f.message for f in findings if f.rule == "L110")
    assert len(messages) == 2
    assert "a second waiver of Q203" in messages[0] and "there is no rule Z999" in messages[1]


def test_article_level_waiver_matches_findings_about_the_article(check):
    # T502 on an article-level item is not available in a tiny fixture; a waiver on the article
    # must not swallow a claim's finding
    body = BODY
    head = article(body, items="claims:\n" + DAY + month())
    head = head.replace("  body:", "  waive:\n    - {rule: Q203, reason: x, by: ann}\n  body:")
    findings = check({"a.yaml": head})
    assert {(f.rule, f.waiver is None) for f in findings} == {("Q203", True), ("L110", True)}


def test_bad_waivers_are_schema_errors(check):
    bad = "      - {rule: q203, reason: x, by: ann, until: 2025-13-01}\n"
    findings = check({"a.yaml": article(BODY, items="claims:\n" + DAY + month(bad))})
    messages = " ".join(f.message for f in findings if f.rule == "L102")
    assert "a waiver names one rule ID" in messages and "`until` is a day, YYYY-MM-DD" in messages


def test_waivers_table_and_findings_column(tmp_path):
    ledger = write_ledger(tmp_path / "l", {"vocab.yaml": VOCAB, "a.yaml": article(BODY, items="claims:\n" + DAY + month(WAIVE))})
    db = tmp_path / "l.duckdb"
    assert main(["build", str(ledger), "--db", str(db)]) == 0
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT rule, item_id, waived_by, status FROM waivers").fetchall() == [("Q203", "month", "ann", "applied")]
    assert con.execute("SELECT rule, waived_by FROM findings").fetchall() == [("Q203", "ann")]
    con.close()


def test_review_site_marks_waived_findings(check, tmp_path):
    from ledger.report import html_report

    check({"a.yaml": article(BODY, items="claims:\n" + DAY + month(WAIVE))})
    html_report([tmp_path / "ledger"], tmp_path / "site")
    page = (tmp_path / "site" / "articles" / "a.html").read_text()
    assert "waived by ann" in page and "the outlet means per month" in page
