"""`check --changed FILE…` (the pre-commit hook): the whole ledger is checked, only findings
touching the named files are reported."""
from __future__ import annotations

import json
import re

import pytest
import yaml

from ledger.cli import main

from conftest import ROOT, VOCAB, article, write_ledger

SHARE = "  - {id: s, quote: '120%', subject: china, metric: share, value: 120%}\n"
LETTER = "events:\n  - {id: l, event: alliance-letter, quote: 'Earlier this month, the letter', when: earlier this month, tense: past}\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """a.yaml has a Q202 problem; b.yaml (text in b.txt) dates the letter 'earlier this month'
    against c.yaml's May 9 — a cross-article T501 finding located in b.yaml."""
    write_ledger(tmp_path / "claims", {
        "vocab.yaml": VOCAB,
        "a.yaml": article("China has 120% of it.", items="claims:\n" + SHARE),
        "b.yaml": "article:\n  id: b\n  title: T\n  outlet: O\n  published: 2025-06-04\n  text: b.txt\n" + LETTER,
        "b.txt": "Earlier this month, the letter was sent.",
        "c.yaml": article("a letter dated May 9", article_id="c", items=
            "events:\n  - {id: d, event: alliance-letter, quote: 'a letter dated May 9', when: 2025-05-09, tense: past}\n"),
    })
    monkeypatch.chdir(tmp_path)
    return tmp_path


def changed(capsys, *files) -> tuple[int, list[tuple[str, str]]]:
    code = main(["check", "--format", "json", "--changed", *files])
    report = json.loads(capsys.readouterr().out)
    return code, sorted((f["rule"], f["file"]) for f in report["findings"])


def test_only_findings_in_changed_files(project, capsys):
    assert changed(capsys, "claims/a.yaml") == (1, [("Q202", "claims/a.yaml")])


def test_cross_article_rules_still_see_the_whole_ledger(project, capsys):
    assert changed(capsys, "claims/b.yaml") == (1, [("T501", "claims/b.yaml")])


def test_a_changed_article_text_selects_its_article(project, capsys):
    assert changed(capsys, "claims/b.txt") == (1, [("T501", "claims/b.yaml")])


def test_unrelated_or_no_files_report_nothing(project, capsys):
    (project / ".pre-commit-config.yaml").write_text("repos: []\n")
    assert changed(capsys, ".pre-commit-config.yaml") == (0, [])
    assert changed(capsys, "claims/vocab.yaml") == (0, [])
    assert changed(capsys) == (0, [])


def test_ledger_comes_from_the_configuration(project, capsys):
    (project / "claims").rename(project / "ledger")
    (project / "factledger.toml").write_text('paths = ["ledger"]\n')
    assert changed(capsys, "ledger/a.yaml") == (1, [("Q202", "ledger/a.yaml")])


def test_pre_commit_hook_definition():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "factledger")
    assert hook["entry"] == "factledger check --changed" and hook["pass_filenames"] is True
    pattern = re.compile(hook["files"])
    assert pattern.search("claims/a.yaml") and pattern.search("claims/a.yml") and pattern.search("claims/a.txt")
    assert not pattern.search("ledger/cli.py")
