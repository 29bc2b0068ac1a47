"""An internal error exits 3 — not 1 ("findings", which gates tolerate) nor 2 (usage) — with one
line on stderr; the traceback only with --debug (issue 9, item 3)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT, VOCAB, article, write_ledger
from ledger import session
from ledger.cli import main


@pytest.fixture
def ledger(tmp_path):
    return write_ledger(tmp_path / "claims", {"vocab.yaml": VOCAB, "a.yaml": article("Acme sold 40 batteries.")})


def _bug(*args, **kwargs):
    raise ZeroDivisionError("float division by zero\nsecond line")


@pytest.mark.parametrize("argv", [["check"], ["build", "--db", "X"], ["export", "--parquet", "X"]])
def test_a_bug_exits_3_with_one_line(tmp_path, ledger, monkeypatch, capsys, argv):
    monkeypatch.setattr(session, "load_file", _bug)
    argv = [str(tmp_path / "out") if a == "X" else a for a in argv]
    assert main([*argv, str(ledger)]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("factledger: internal error: ZeroDivisionError: float division by zero")
    assert "--debug" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims"]  # nothing half-written


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_prints_the_traceback(ledger, monkeypatch, capsys, where):
    monkeypatch.setattr(session, "load_file", _bug)
    argv = ["--debug", "check", str(ledger)] if where == "before" else ["check", str(ledger), "--debug"]
    assert main(argv) == 3
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "in _bug" in err


def test_the_documented_gate_fails_on_a_crash_and_passes_on_findings(tmp_path, ledger):
    """`factledger check || [ $? -eq 1 ]` (Makefile `check`, docs/ci.md) tolerates findings only."""
    crash = ("import sys; import ledger.session as e; from ledger.cli import main\n"
             "def bug(*a, **k): raise KeyError('oops')\n"
             "e.load_file = bug if sys.argv[1] == 'crash' else e.load_file\n"
             "sys.exit(main(['check', sys.argv[2]]))")
    findings = write_ledger(tmp_path / "bad", {"vocab.yaml": VOCAB,
                                               "a.yaml": article("Acme sold 40 batteries.", items="""\
                                                   claims:
                                                     - id: c1
                                                       quote: "41 batteries"
                                                       subject: acme
                                                       metric: sales
                                                       value: 41
                                                   """)})
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def gate(mode, path):
        script = f'{sys.executable} -c "$0" {mode} {path} || [ $? -eq 1 ]'
        return subprocess.run(["sh", "-c", script, crash], env=env, capture_output=True, text=True)

    assert gate("crash", ledger).returncode != 0
    assert main(["check", str(findings)]) == 1  # an error finding: the check itself exits 1 ...
    assert gate("run", findings).returncode == 0  # ... which the gate tolerates
