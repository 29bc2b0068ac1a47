"""A rule's `scope` header: what an incremental check may restrict it to. A user rule without one
runs in full (`ledger`); an unknown scope is refused naming the file, not guessed."""
from __future__ import annotations

import pytest

from ledger.rules import RuleError, discover

_RULE = """/*
id: X901
name: every-claim
severity: info
summary: Every claim, for the test.
{scope}
## What it does
Lists every claim.
*/
SELECT file, line, col, 'a claim' AS message FROM claims
"""


def _write(tmp_path, scope: str):
    folder = tmp_path / "checks"
    folder.mkdir()
    (folder / "X901_every_claim.sql").write_text(_RULE.format(scope=scope), encoding="utf-8")
    return folder


def test_a_user_rule_without_scope_runs_over_the_whole_ledger(tmp_path):
    assert discover([_write(tmp_path, "")])["X901"].scope == "ledger"


def test_a_declared_scope_is_kept(tmp_path):
    assert discover([_write(tmp_path, "scope: article\n")])["X901"].scope == "article"


def test_an_unknown_scope_is_refused_with_the_file(tmp_path):
    with pytest.raises(RuleError, match=r"X901_every_claim\.sql: scope must be one of article, group"):
        discover([_write(tmp_path, "scope: paragraph\n")])


def test_a_python_rule_with_an_unknown_scope_is_refused(tmp_path):
    folder = tmp_path / "checks"
    folder.mkdir()
    (folder / "X902_py_rule.py").write_text(
        '"""## What it does\nNothing."""\nID = "X902"\nNAME = "py-rule"\nSEVERITY = "info"\n'
        'SUMMARY = "Nothing."\nSCOPE = "paragraph"\n\n\ndef check(ctx):\n    return []\n', encoding="utf-8")
    with pytest.raises(RuleError, match=r"X902_py_rule\.py: scope must be one of"):
        discover([folder])
