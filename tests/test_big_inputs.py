"""Big and odd inputs: findings per group, not per pair; one cause reported once, not its echoes."""
from __future__ import annotations

from pathlib import Path

from ledger.engine import Options, run_check

from conftest import VOCAB, article, located, write_ledger


def _claims(n: int, row: str) -> str:
    return "claims:\n" + "".join(f"  - {row.format(i=i)}\n" for i in range(n))


def test_d604_reports_a_thousand_copies_once(tmp_path):
    rows = _claims(1000, "{{id: c{i}, quote: '40 batteries', subject: acme, metric: sales, value: 40}}")
    root = write_ledger(tmp_path / "l", {"vocab.yaml": VOCAB, "a.yaml": article("40 batteries", items=rows)})
    findings = run_check([root], Options(select=["D604"])).findings
    assert located(findings, "D604") == [("a.yaml", 9, 5)]
    assert "999 claims 'c1' (line 9)" in findings[0].message and "and 989 more" in findings[0].message


def test_c401_says_so_when_a_group_is_too_large_to_compare(tmp_path):
    rows = _claims(2001, "{{id: c{i}, quote: 'q{i}', subject: acme, metric: sales, value: {i}0, when: 2025}}")
    body = " ".join(f"q{i}" for i in range(2001))
    root = write_ledger(tmp_path / "l", {"vocab.yaml": VOCAB, "a.yaml": article(body, items=rows)})
    findings = run_check([root], Options(select=["C401"])).findings
    assert [(f.line, f.col, f.severity) for f in findings] == [(8, 5, "warning")]
    assert "2,001 figures for acme / sales" in findings[0].message


def test_duplicate_vocabulary_in_two_folders_is_reported_once_and_compared_once(tmp_path):
    row = "claims:\n  - {id: s, quote: '%s batteries', subject: acme, metric: sales, value: '%s', when: 2024}\n"
    one = write_ledger(tmp_path / "one", {"vocab.yaml": VOCAB, "a.yaml": article("40 batteries", items=row % (40, 40))})
    two = write_ledger(tmp_path / "two", {"vocab.yaml": VOCAB, "b.yaml": article("90 batteries", article_id="b", items=row % (90, 90))})
    findings = run_check([one, two], Options(select=["C401", "L104"])).findings
    assert len([f for f in findings if f.rule == "C401"]) == 1  # not x4 through the repeated metric
    l104 = [f for f in findings if f.rule == "L104"]
    assert [(Path(f.file).parent.name, Path(f.file).name, f.line, f.col) for f in l104] == [("two", "vocab.yaml", 2, 5)]
    assert "8 vocabulary keys here are already defined in" in l104[0].message


def test_one_schema_error_in_the_vocabulary_is_not_echoed_by_every_claim(tmp_path):
    broken = VOCAB.replace("{key: acme, name: Acme, kind: organisation}", "{key: acme, name: Acme, kind: organisatio}")
    row = "  - {id: c%d, quote: '40 batteries', subject: acme, metric: sales, value: 40, when: 202%d}\n"
    items = "claims:\n" + "".join(row % (i, i) for i in range(5))
    root = write_ledger(tmp_path / "l", {"vocab.yaml": broken, "a.yaml": article("40 batteries", items=items)})
    findings = run_check([root], Options(select=["L1"])).findings
    assert [(f.rule, Path(f.file).name, f.line, f.col) for f in findings] == [("L102", "vocab.yaml", 2, 35)]


def test_unparseable_vocabulary_is_not_echoed_either(tmp_path):
    broken = VOCAB.replace("units:", "units: [")
    row = "claims:\n  - {id: c, quote: '40 batteries', subject: acme, metric: sales, value: 40}\n"
    root = write_ledger(tmp_path / "l", {"vocab.yaml": broken, "a.yaml": article("40 batteries", items=row)})
    findings = run_check([root], Options(select=["L101", "L103"])).findings
    assert [f.rule for f in findings] == ["L101"]


def test_one_bad_claim_keeps_the_rest_of_the_article_checked(tmp_path):
    items = ("claims:\n  - {id: bad, quote: '40 batteries', subject: acme, metric: sales, value: lots}\n"
             "  - {id: good, quote: '40 batteries', subject: acme, metric: sales, value: 40}\n"
             "  - {id: other, quote: '90 batteries', subject: acme, metric: salez, value: 90}\n")
    root = write_ledger(tmp_path / "l", {"vocab.yaml": VOCAB, "a.yaml": article("40 batteries", items=items)})
    report = run_check([root])
    assert report.claims == 2  # the bad one is dropped, the two others are checked
    assert {(f.rule, f.line) for f in report.findings if f.rule.startswith("L")} >= {("L102", 8), ("L103", 10), ("L105", 10)}


def test_a_cached_parse_keeps_what_validation_dropped(tmp_path):
    broken = VOCAB.replace("{key: acme, name: Acme, kind: organisation}", "{key: acme, name: Acme, kind: organisatio}")
    row = "claims:\n  - {id: c, quote: '40 batteries', subject: acme, metric: sales, value: 40}\n"
    root = write_ledger(tmp_path / "l", {"vocab.yaml": broken, "a.yaml": article("40 batteries", items=row)})
    options = Options(select=["L1"], cache=tmp_path / "cache.duckdb")
    cold = run_check([root], options).findings
    warm = run_check([root], options).findings
    assert [f.rule for f in cold] == [f.rule for f in warm] == ["L102"]
