"""No gate goes green by accident (issue 9, item 5): a typo'd rule ID is a usage error with a
suggestion, `sql` and `dupes` say what they could not load, drafts fail the default gate, and a
ledger without an FX table still checks currency restatements against the shipped one."""
from __future__ import annotations

import textwrap

import pytest

from conftest import VOCAB, article, located, write_ledger
from ledger.cli import main
from ledger.engine import Options, run_check
from ledger.resolve import default_fx_table as default_table
from ledger.rules import UnknownRuleError


@pytest.fixture
def ledger(tmp_path):
    return write_ledger(tmp_path / "claims", {"vocab.yaml": VOCAB, "a.yaml": article("Acme sold 40 batteries.")})


@pytest.mark.parametrize("flag,value,expect", [
    ("--select", "Q2O3", "did you mean Q203"),
    ("--select", "T51", "did you mean T5"),
    ("--ignore", "E7001", "did you mean E701"),
    ("--ignore", "quote-fidelity", "name of Q201"),
    ("--select", "Q201,X999", "'X999'"),
])
def test_an_unknown_rule_id_is_a_usage_error(ledger, capsys, flag, value, expect):
    assert main(["check", str(ledger), flag, value]) == 2
    err = capsys.readouterr().err
    assert "unknown rule ID" in err and expect in err and err.count("\n") == 1


def test_known_ids_and_prefixes_in_any_case_are_accepted(ledger):
    assert main(["check", str(ledger), "--select", "q2,T5", "--ignore", "T501"]) == 0


def test_unknown_ids_in_the_configuration_are_refused(tmp_path, ledger, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for line in ('select = ["Q2O3"]', 'ignore = ["L10"]', 'severity = {Q299 = "info"}'):
        (tmp_path / "factledger.toml").write_text(line + "\n")
        code = main(["check", str(ledger)])
        err = capsys.readouterr().err
        if line.startswith("ignore"):  # L10 is a prefix of L101..L110: valid
            assert code == 0, err
        else:
            assert code == 2 and "unknown rule ID" in err, err
    with pytest.raises(UnknownRuleError, match="severity"):
        run_check([ledger], Options(severities={"Q299": "info"}))


def _broken(tmp_path):
    return write_ledger(tmp_path / "claims", {"vocab.yaml": VOCAB, "a.yaml": article("Acme sold 40 batteries."),
                                              "b.yaml": "article: [\n", "c.yaml": article("x", article_id="c")[:-15]})


def test_sql_reports_files_it_could_not_load(tmp_path, capsys):
    ledger = _broken(tmp_path)
    assert main(["sql", "SELECT count(*) AS n FROM articles", "--ledger", str(ledger), "--format", "csv"]) == 2
    out, err = capsys.readouterr()
    assert out.splitlines() == ["n", "1"]  # the answer over what loaded ...
    assert "b.yaml:2:1  L101" in err and "c.yaml" in err  # ... and what it leaves out
    assert "2 problems in the ledger" in err


def test_dupes_reports_files_it_could_not_load(tmp_path, capsys):
    assert main(["dupes", str(_broken(tmp_path))]) == 2
    assert "b.yaml:2:1  L101" in capsys.readouterr().err


def test_sql_and_dupes_on_a_clean_ledger_exit_0(ledger, capsys):
    assert main(["sql", "SELECT 1", "--ledger", str(ledger)]) == 0
    assert main(["dupes", str(ledger)]) == 0
    assert capsys.readouterr().err == ""


_DRAFT = """\
claims:
  - id: n01
    quote: "40 batteries"
    subject: TODO
    metric: TODO
    draft: true
    value: 40
"""


def test_a_draft_fails_the_default_gate_unless_the_configuration_lowers_it(tmp_path, monkeypatch, capsys):
    ledger = write_ledger(tmp_path / "claims", {"vocab.yaml": VOCAB,
                                                "a.yaml": article("Acme sold 40 batteries.", items=_DRAFT)})
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(ledger)]) == 1
    assert "L109  error" in capsys.readouterr().out
    (tmp_path / "factledger.toml").write_text('severity = {L109 = "info"}\n')
    assert main(["check", str(ledger)]) == 0


_RESTATED = """\
entities:
  - {key: japan, name: Japan, kind: country}
metrics:
  - {key: budget, description: Money budgeted, kind: money, unit: USD}
claims:
  - {id: jpy, quote: "200 billion yen", subject: japan, metric: budget, value: 200 billion, unit: JPY, when: 2021}
  - {id: usd, quote: "19 billion dollars", subject: japan, metric: budget, value: 19 billion, unit: USD, when: 2021, restates: jpy}
"""


def test_a_ledger_without_fx_rates_uses_the_shipped_table(tmp_path, check):
    body = "The Japanese government has budgeted 200 billion yen (19 billion dollars)."
    findings = check({"a.yaml": article(body, published="2021-02", items=_RESTATED)}, select=["Q204"])
    assert located(findings, "Q204") == [("a.yaml", 13, 5)]  # the restating claim
    assert findings[0].severity == "error" and "109.9 JPY per USD for 2021" in findings[0].message
    assert default_table().is_file() and default_table().parent.name == "data"


def test_the_ledgers_own_fx_table_replaces_the_shipped_one(tmp_path, check):
    body = "The Japanese government has budgeted 200 billion yen (19 billion dollars)."
    own = textwrap.dedent("""\
        source: {name: Our desk rates}
        fx_rates:
          - {currency: JPY, period: '2021', units_per_usd: 10.5}
        """)
    findings = check({"a.yaml": article(body, published="2021-02", items=_RESTATED), "fx.yaml": own}, select=["Q204"])
    assert findings == []  # 200 billion / 10.5 ≈ 19 billion: agrees at the ledger's own rate
