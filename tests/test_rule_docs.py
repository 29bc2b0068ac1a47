"""Every rule's doc is executed: its failing example must raise the rule, its passing example
must be clean — so the docs `factledger rule ID` prints cannot go stale."""
from __future__ import annotations

import re

import pytest

from ledger.engine import run_check
from ledger.rules import discover

from conftest import write_ledger

RULES = discover()


def _run(tmp_path, example: str):
    # an example of several articles separates their files with `---` lines
    files = {}
    for part in re.split(r"^---\n", example, flags=re.M):
        article_id = re.search(r"^article:\s*\{?\s*id: ([a-z0-9-]+)", part, re.M).group(1)
        files[f"{article_id}.yaml"] = part
    ledger = write_ledger(tmp_path, files)
    return run_check([ledger]).findings


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_doc_has_the_sections(rule_id):
    doc = RULES[rule_id].doc
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert heading in doc, f"{rule_id} doc lacks {heading!r}"
    failing, passing = RULES[rule_id].examples()
    assert failing and passing


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_failing_example_fails(tmp_path, rule_id):
    failing, _ = RULES[rule_id].examples()
    findings = _run(tmp_path, failing)
    assert rule_id in {f.rule for f in findings}, [(f.rule, f.message) for f in findings]


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_passing_example_is_clean(tmp_path, rule_id):
    _, passing = RULES[rule_id].examples()
    findings = _run(tmp_path, passing)
    assert findings == [], [(f.rule, f.message) for f in findings]


def test_ids_and_slugs_are_unique_and_well_formed():
    slugs = [r.slug for r in RULES.values()]
    assert len(slugs) == len(set(slugs))
    for rule in RULES.values():
        assert re.fullmatch(r"[A-Z]\d{3}", rule.id)
        assert re.fullmatch(r"[a-z0-9-]+", rule.slug)
        assert rule.summary.endswith(".") and len(rule.summary) < 140


def test_readme_rule_table_matches_the_discovered_rules():
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| ([A-Z]\d{3}) \| ([a-z0-9-]+) \|", readme, re.M)
    assert rows == [(r.id, r.slug) for r in RULES.values()]
