"""Configuration: factledger.toml or [tool.factledger], searched upward; flags override it."""
from __future__ import annotations

import json

import pytest

from ledger.cli import main
from ledger.config import ConfigError, load

from conftest import VOCAB, article, write_ledger

WARN = ("exactly 6,000,000 batteries per day, or 70 batteries each second", "claims:\n"
        "  - {id: d, quote: 'exactly 6,000,000 batteries per day', subject: acme, metric: output, value: '6,000,000', unit: battery/day, qualifier: exactly}\n"
        "  - {id: s, quote: '70 batteries each second', subject: acme, metric: output, value: 70, unit: battery/s, restates: d}\n")


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with a ledger (one strict-only Q203 warning) under `ledger/`, as cwd."""
    write_ledger(tmp_path / "ledger", {"vocab.yaml": VOCAB, "a.yaml": article(WARN[0], items=WARN[1])})
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check_json(capsys, *args) -> tuple[int, dict]:
    code = main(["check", "--format", "json", *args])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out else {"error": err})


def test_paths_and_fail_on_from_factledger_toml(project, capsys):
    (project / "factledger.toml").write_text('paths = ["ledger"]\nfail-on = "warning"\n')
    code, report = check_json(capsys)
    assert code == 1 and [f["rule"] for f in report["findings"]] == ["Q203"]
    code, _ = check_json(capsys, "--fail-on", "error")  # the flag wins
    assert code == 0


def test_found_from_a_subfolder_and_paths_are_relative_to_the_file(project, capsys, monkeypatch):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.factledger]\npaths = ["ledger"]\n')
    sub = project / "deep" / "er"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    code, report = check_json(capsys)
    assert code == 0 and report["summary"]["articles"] == 1


def test_factledger_toml_wins_over_pyproject(project):
    (project / "pyproject.toml").write_text('[tool.factledger]\ntolerance = 0.2\n')
    (project / "factledger.toml").write_text("tolerance = 0.1\n")
    assert load(project).tolerance == 0.1


def test_pyproject_without_our_table_does_not_stop_the_search(project):
    (project / "factledger.toml").write_text("tolerance = 0.1\n")
    inner = project / "pkg"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "pkg"\n')
    assert load(inner).tolerance == 0.1


def test_severity_select_and_ignore(project, capsys):
    (project / "factledger.toml").write_text('paths = ["ledger"]\nignore = ["T"]\n\n[severity]\nQ203 = "error"\n')
    code, report = check_json(capsys)
    assert code == 1 and report["findings"][0]["severity"] == "error"
    (project / "factledger.toml").write_text('paths = ["ledger"]\nselect = ["L"]\n')
    code, report = check_json(capsys)
    assert report["findings"] == []
    code, report = check_json(capsys, "--select", "Q203")  # the flag wins
    assert [f["rule"] for f in report["findings"]] == ["Q203"]


def test_tolerance_reaches_the_engine(project, capsys):
    # 'about 70' vs 'about 78' per second: a 1 % hedge keeps them apart, 20 % lets them meet
    body = "about 70 batteries each second, about 78 batteries each second"
    items = ("claims:\n  - {id: a, quote: 'about 70 batteries each second', subject: acme, metric: output, value: 70, unit: battery/s, qualifier: about}\n"
             "  - {id: b, quote: 'about 78 batteries each second', subject: acme, metric: output, value: 78, unit: battery/s, qualifier: about, restates: a}\n")
    write_ledger(project / "t", {"vocab.yaml": VOCAB, "a.yaml": article(body, items=items)})
    (project / "factledger.toml").write_text('paths = ["t"]\ntolerance = 0.01\n')
    _, tight = check_json(capsys, "--select", "Q203")
    (project / "factledger.toml").write_text('paths = ["t"]\ntolerance = 0.2\n')
    _, loose = check_json(capsys, "--select", "Q203")
    assert len(tight["findings"]) == 1 and loose["findings"] == []
    _, flag = check_json(capsys, "--select", "Q203", "--tolerance", "0.01")  # the flag wins
    assert flag["findings"] == tight["findings"]


@pytest.mark.parametrize("content, line, expected", [
    ('paths = ["ledger"]\nfial-on = "error"\n', 2, "unknown option 'fial-on'; did you mean 'fail-on'?"),
    ('tolerance = 2\n', 1, "`tolerance` is the hedge tolerance"),
    ('\n\n[severity]\nQ203 = "fatal"\n', 3, "give a rule ID (Q203) and one of info, warning, error"),
    ('fail-on = "bad"\n', 1, "`fail-on` must be one of"),
    ('paths = [1]\n', 1, "`paths` must be a list of strings"),
])
def test_bad_configuration_is_located_and_exits_2(project, capsys, content, line, expected):
    (project / "factledger.toml").write_text(content)
    with pytest.raises(ConfigError) as err:
        load(project)
    assert str(err.value).startswith(f"{project / 'factledger.toml'}:{line}: ") and expected in str(err.value)
    code, report = check_json(capsys)
    assert code == 2 and expected in report["error"] and "Traceback" not in report["error"]


def test_unknown_option_in_pyproject_names_its_line(project):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.factledger]\npaths = ["ledger"]\nchecks_dir = "x"\n')
    with pytest.raises(ConfigError, match=r"pyproject.toml:5: unknown option 'checks_dir'; did you mean 'checks'\?"):
        load(project)


def test_invalid_toml_and_missing_configured_path(project, capsys):
    (project / "factledger.toml").write_text("paths = [\n")
    code, report = check_json(capsys)
    assert code == 2 and "not valid TOML" in report["error"]
    (project / "factledger.toml").write_text('paths = ["nowhere"]\n')
    code, report = check_json(capsys)
    assert code == 2 and "`paths` in" in report["error"]


def test_sql_dupes_rules_and_rule_read_the_configuration(project, capsys):
    """Every command opens the ledger one way (engine.open): paths, severities and selection from
    the file, as for check."""
    (project / "factledger.toml").write_text('paths = ["ledger"]\nselect = ["Q"]\n\n[severity]\nQ203 = "info"\n')
    assert main(["sql", "--format", "json", "SELECT rule, severity FROM findings"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"rule": "Q203", "severity": "info"}]
    assert main(["sql", "--format", "json", "--select", "L", "SELECT rule FROM findings"]) == 0  # the flag wins
    assert json.loads(capsys.readouterr().out) == []
    assert main(["dupes", "--format", "json"]) == 0  # the configured ledger: one article, no clusters
    assert json.loads(capsys.readouterr().out) == []
    assert main(["rules"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed and all(line[0] == "Q" for line in listed)
    assert [line.split()[2] for line in listed if line.startswith("Q203")] == ["info"]
    assert main(["rule", "T501"]) == 0  # any rule's doc, selected or not
    assert main(["rule", "Q203"]) == 0 and "Severity: info" in capsys.readouterr().out
