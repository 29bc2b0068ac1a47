"""check's output formats: SARIF (validated against the official schema), GitHub workflow
commands, JUnit XML — the same findings in each."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from ledger.cli import main
from ledger.engine import Options, run_check
from ledger.finding import Finding
from ledger.formats import github, repository_root, sarif

from conftest import ROOT, VOCAB, article, write_ledger

SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
SLIP = ("around 6 million batteries per day, or 6 million batteries a month", "claims:\n"
        "  - {id: day, quote: 'around 6 million batteries per day', subject: acme, metric: output, value: 6 million, unit: battery/day, qualifier: around}\n"
        "  - {id: month, quote: '6 million batteries a month', subject: acme, metric: output, value: 6 million, unit: battery/month, restates: day}\n"
        "  - {id: share, quote: '120%', subject: china, metric: share, value: 120%}\n")


def run_format(capsys, fmt: str, *args: str) -> tuple[int, str]:
    code = main(["check", *args, "--format", fmt])
    return code, capsys.readouterr().out


@pytest.fixture
def slip_ledger(tmp_path):
    body = SLIP[0] + ". China has 120% of it."
    return write_ledger(tmp_path / "ledger", {"vocab.yaml": VOCAB, "a.yaml": article(body, items=SLIP[1]),
                                              "broken.yaml": "claims: [\n"})


def test_every_format_reports_the_same_findings(capsys, slip_ledger):
    counts = {}
    code, out = run_format(capsys, "json", str(slip_ledger))
    counts["json"] = len(json.loads(out)["findings"])
    _, out = run_format(capsys, "sarif", str(slip_ledger))
    counts["sarif"] = len(json.loads(out)["runs"][0]["results"])
    _, out = run_format(capsys, "github", str(slip_ledger))
    counts["github"] = sum(1 for line in out.splitlines() if line.startswith("::"))
    _, out = run_format(capsys, "junit", str(slip_ledger))
    root = ET.fromstring(out)
    texts = [el.text or "" for el in root.iter() if el.tag in ("failure", "system-out")]
    counts["junit"] = sum(len(t.splitlines()) for t in texts)
    _, out = run_format(capsys, "text", str(slip_ledger))
    counts["text"] = sum(1 for line in out.splitlines() if re.match(r"\S+:\d+:\d+  ", line))
    assert counts["json"] >= 3  # Q203, Q202, and the broken file's L101
    assert len(set(counts.values())) == 1, counts


def test_sarif_validates_against_the_official_schema(capsys, slip_ledger):
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"SARIF schema not found at {SARIF_SCHEMA} (../shared/schemas beside the repository)")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    _, out = run_format(capsys, "sarif", str(slip_ledger))
    doc = json.loads(out)
    jsonschema.validators.validator_for(schema)(schema).validate(doc)
    run = doc["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    q203 = next(r for r in rules if r["id"] == "Q203")
    assert q203["name"] == "restatement-disagrees" and "## Use instead" in q203["help"]["markdown"]
    assert q203["defaultConfiguration"]["level"] == "error"
    by_rule = {r["ruleId"]: r for r in run["results"]}
    loc = by_rule["Q203"]["locations"][0]["physicalLocation"]
    # relative to the repository root (tmp_path has no .git: the cwd is the root)
    assert loc["artifactLocation"]["uri"].endswith("ledger/a.yaml") and not loc["artifactLocation"]["uri"].startswith("/")
    assert {k: loc["region"][k] for k in ("startLine", "startColumn")} == {"startLine": 9, "startColumn": 5}
    assert rules[by_rule["Q203"]["ruleIndex"]]["id"] == "Q203"


def test_sarif_line_zero_points_at_line_one():
    f = Finding("L106", "article-text", "error", "whole file", "claims/a.yaml", 0, 0)
    assert sarif._location(f, "claims/a.yaml")["physicalLocation"]["region"] == {"startLine": 1}


def test_fingerprint_survives_moves_and_new_figures_but_not_another_item():
    f = Finding("Q203", "restatement-disagrees", "error", "'6 million' vs '70 per second' at 12:3", "a.yaml", 9, 5, "a", "sec")
    moved = Finding("Q203", "restatement-disagrees", "error", "'7 million' vs '80 per second' at 40:1", "a.yaml", 30, 7, "a", "sec")
    other = Finding("Q203", "restatement-disagrees", "error", f.message, "a.yaml", 9, 5, "a", "day")
    assert sarif.fingerprint(f, "a.yaml") == sarif.fingerprint(moved, "a.yaml")
    assert sarif.fingerprint(f, "a.yaml") != sarif.fingerprint(other, "a.yaml")
    assert sarif.fingerprint(f, "a.yaml") != sarif.fingerprint(f, "b.yaml")


def test_sarif_uris_are_relative_to_the_repository_root(tmp_path):
    (tmp_path / ".git").mkdir()
    nested = tmp_path / "sub" / "dir"
    nested.mkdir(parents=True)
    assert repository_root(nested) == tmp_path.resolve()
    assert sarif.uri_for(str(nested / "x.yaml"), tmp_path) == "sub/dir/x.yaml"


def test_github_annotations_escape_and_summarise(tmp_path):
    f = Finding("Q203", "restatement-disagrees", "warning", "100% off,\nreally: yes", "dir,a/b:c.yaml", 3, 4)
    line = github.annotation(f)
    assert line == "::warning file=dir%2Ca/b%3Ac.yaml,line=3,col=4,title=Q203 restatement-disagrees::100%25 off,%0Areally: yes"
    info = Finding("X1", "s", "info", "m", "f.yaml", 0, 0)
    assert github.annotation(info) == "::notice file=f.yaml,title=X1 s::m"


def test_github_summary_mentions_the_annotation_limit(tmp_path):
    many = "".join(f"  - {{id: s{i}, quote: '120%', subject: china, metric: share, value: 120%}}\n" for i in range(12))
    ledger = write_ledger(tmp_path / "l", {"vocab.yaml": VOCAB, "a.yaml": article("120%", items="claims:\n" + many)})
    report = run_check([ledger], Options(select=["Q202"]))
    out = github.render(report, tmp_path)
    assert out.count("::error") == 12
    assert out.splitlines()[-1].startswith("factledger: 12 findings (12 errors)")
    assert "at most 10 annotations" in out


def test_junit_one_testcase_per_rule_failures_for_errors(capsys, slip_ledger):
    _, out = run_format(capsys, "junit", str(slip_ledger), "--select", "Q202,Q203")
    suite = ET.fromstring(out).find("testsuite")
    cases = {c.get("name").split()[0]: c for c in suite.findall("testcase")}
    assert set(cases) == {"Q202", "Q203"}
    assert cases["Q203"].find("failure").get("type") == "error"
    assert "a.yaml:9:5" in cases["Q203"].find("failure").text
    assert suite.get("failures") == "2"


def test_junit_escapes_control_characters():
    from ledger.formats import junit

    f = Finding("Q203", "s", "error", "bad \x0b char <&>", "a.yaml", 1, 1)
    assert "\x0b" not in junit.finding_line(f)
