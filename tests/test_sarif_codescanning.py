"""SARIF as GitHub code scanning reads it: line hashes, region ends, precision and problem
severity on rules, helpUri, percent-encoded URIs; GitHub annotations relative to the repository."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from ledger.engine import Options, run_check
from ledger.formats import github, sarif

from conftest import ROOT, VOCAB, article, write_ledger

SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
ITEMS = ("claims:\n"
         "  - {id: s1, quote: '120%', subject: china, metric: share, value: 120%}\n"
         "  - {id: s2, quote: '130%', subject: china, metric: share, value: 130%}\n")


@pytest.fixture
def odd_repo(tmp_path):
    """A repository whose ledger folder has a space and an accent in its name."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    ledger = write_ledger(repo / "my claims é", {"vocab.yaml": VOCAB, "a.yaml": article("120% and 130%", items=ITEMS)})
    return repo, ledger


def _sarif(repo: Path, ledger: Path) -> dict:
    report = run_check([ledger], Options(select=["Q202"]))
    return json.loads(sarif.render(report, repo))


def test_uris_are_percent_encoded_and_resolve_to_the_file(odd_repo):
    repo, ledger = odd_repo
    run = _sarif(repo, ledger)["runs"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert uris == {"my%20claims%20%C3%A9/a.yaml"}
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert " " not in base and base.startswith("file:///") and base.endswith("/")
    uri = uris.pop()
    assert Path(unquote(urlparse(base).path)) / unquote(uri) == (ledger / "a.yaml").resolve()
    assert re.fullmatch(r"[A-Za-z0-9%/._~-]+", uri)  # nothing a URI may not carry unescaped


def test_results_carry_line_hash_and_region_end(odd_repo):
    repo, ledger = odd_repo
    lines = (ledger / "a.yaml").read_text(encoding="utf-8").splitlines()
    results = _sarif(repo, ledger)["runs"][0]["results"]
    assert len(results) == 2
    for r in results:
        region = r["locations"][0]["physicalLocation"]["region"]
        line = lines[region["startLine"] - 1]
        assert region["endLine"] == region["startLine"]
        assert region["endColumn"] == len(line.rstrip()) + 1 > region["startColumn"]
        digest, n = r["partialFingerprints"]["primaryLocationLineHash"].split(":")
        assert digest == sarif.line_hash(line) and n == "1"
    # two claims on two different lines: two different hashes
    assert len({r["partialFingerprints"]["primaryLocationLineHash"] for r in results}) == 2


def test_line_hash_ignores_whitespace_and_counts_repeats():
    assert sarif.line_hash("  - {id: a, value: 1}") == sarif.line_hash("- {id: a,  value: 1}\r")
    assert sarif.line_hash("value: 1") != sarif.line_hash("value: 2")


def test_rules_carry_precision_problem_severity_and_help_uri(odd_repo):
    repo, ledger = odd_repo
    rules = {r["id"]: r for r in _sarif(repo, ledger)["runs"][0]["tool"]["driver"]["rules"]}
    q202 = rules["Q202"]
    assert q202["properties"]["problem.severity"] == "error"
    assert q202["properties"]["precision"] == "high"
    assert urlparse(q202["helpUri"]).scheme == "file"
    assert Path(unquote(urlparse(q202["helpUri"]).path)).name.startswith("Q202_")
    report = run_check([ledger], Options(select=["L101", "D603"]))
    doc = json.loads(sarif.render(report, repo))
    rules = {r["id"]: r for r in doc["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["L101"]["properties"]["precision"] == "very-high"  # the loader's own findings
    assert rules["D603"]["properties"]["problem.severity"] == "recommendation"


def test_still_valid_against_the_sarif_schema(odd_repo):
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"SARIF schema not found at {SARIF_SCHEMA}")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    repo, ledger = odd_repo
    jsonschema.validators.validator_for(schema)(schema).validate(_sarif(repo, ledger))


def test_github_paths_are_relative_to_the_repository_root(odd_repo, monkeypatch):
    repo, ledger = odd_repo
    monkeypatch.chdir(ledger)  # a step that runs inside the ledger folder
    report = run_check([Path(".")], Options(select=["Q202"]))
    assert report.findings[0].file == "a.yaml"  # relative to the working directory
    out = github.render(report, repo)
    assert "file=my claims é/a.yaml," in out
