"""CLI conventions shared with ruff, Vale, yamllint, sqlfluff: --version, --output-file (atomic),
--statistics, colour honouring NO_COLOR, --select/--ignore extending the configuration, the same
positional paths everywhere, shell completion."""
from __future__ import annotations

import io
import json
import os

import pytest

from ledger import colour, output
from ledger.cli import build_parser, main

from conftest import VOCAB, article, write_ledger

TWO = ("120% and 130%", "claims:\n"
       "  - {id: s1, quote: '120%', subject: china, metric: share, value: 120%}\n"
       "  - {id: s2, quote: '130%', subject: china, metric: share, value: 130%}\n")


@pytest.fixture
def project(tmp_path, monkeypatch):
    write_ledger(tmp_path / "ledger", {"vocab.yaml": VOCAB, "a.yaml": article(TWO[0], items=TWO[1])})
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("factledger ") and out.split()[1][0].isdigit()


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_output_file_for_every_check_format(project, capsys, fmt):
    code = main(["check", "ledger", "--format", fmt])
    expected = capsys.readouterr().out
    target = project / "out" / f"report.{fmt}"
    target.parent.mkdir()
    target.write_text("previous")
    assert main(["check", "ledger", "--format", fmt, "--output-file", str(target)]) == code == 1
    assert capsys.readouterr().out == ""
    assert target.read_text(encoding="utf-8") == expected  # replaced whole
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no temp file left


@pytest.mark.parametrize("argv", [["sql", "SELECT count(*) AS n FROM claims", "ledger", "--format", "csv"],
                                  ["dupes", "ledger", "--format", "json"], ["schema"]])
def test_output_file_on_other_commands(project, capsys, argv):
    main(argv)
    expected = capsys.readouterr().out
    target = project / "o.txt"
    assert main([*argv, "-o", str(target)]) == 0
    assert capsys.readouterr().out == "" and target.read_text(encoding="utf-8") == expected


def test_output_file_into_a_missing_folder_is_a_usage_error(project, capsys):
    assert main(["check", "ledger", "-o", str(project / "no" / "such" / "f.json")]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "r.txt"
    target.write_text("old")

    def broken(*a, **k):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(output.os, "replace", broken)
    with pytest.raises(output.OutputError, match="No space left"):
        output.write_text_atomic(target, "new")
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["r.txt"]


def test_statistics_counts_per_rule(project, capsys):
    assert main(["check", "ledger", "--statistics"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["2", "Q202", "value-out-of-domain", "error"]
    assert out[-1].split() == [str(sum(int(line.split()[0]) for line in out[:-1])), "total"]
    main(["check", "ledger", "--statistics", "--format", "json", "--select", "Q202"])
    stats = json.loads(capsys.readouterr().out)["statistics"]
    assert stats == [{"rule": "Q202", "slug": "value-out-of-domain", "severity": "error", "count": 2, "waived": 0}]


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert colour.wanted("auto", _Tty()) and not colour.wanted("auto", io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not colour.wanted("auto", _Tty())
    assert colour.wanted("always", io.StringIO()) and not colour.wanted("never", _Tty())
    monkeypatch.setenv("NO_COLOR", "")  # empty means unset (no-color.org)
    assert colour.wanted("auto", _Tty())


def test_check_colours_findings_on_request_and_stays_plain_in_a_pipe(project, capsys):
    main(["check", "ledger"])
    plain = capsys.readouterr().out
    assert "\033[" not in plain
    main(["check", "ledger", "--color", "always"])
    coloured = capsys.readouterr().out
    assert "\033[1;31merror\033[0m" in coloured
    strip = __import__("re").compile(r"\033\[[0-9;]*m")
    assert strip.sub("", coloured) == plain  # colour adds nothing but escapes


def test_select_and_ignore_extend_the_configuration(project, capsys):
    (project / "factledger.toml").write_text('paths = ["ledger"]\nignore = ["Q202"]\n')
    main(["check", "--format", "json"])
    assert {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]} == {"C401"}
    main(["check", "--format", "json", "--ignore", "C401"])
    assert json.loads(capsys.readouterr().out)["findings"] == []  # the configured ignore still holds
    (project / "factledger.toml").write_text('paths = ["ledger"]\nselect = ["C401"]\n')
    main(["check", "--format", "json", "--select", "Q202"])
    rules = {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert rules == {"C401", "Q202"}
    helptext = build_parser()._subparsers._group_actions[0].choices["check"].format_help()
    assert "extends `select` in the configuration" in " ".join(helptext.split())


@pytest.mark.parametrize("argv", [["check", "--format", "json"], ["dupes", "--format", "json"],
                                  ["sql", "SELECT count(*) AS n FROM claims", "--format", "json"],
                                  ["build", "--db", "x.duckdb"], ["export", "--parquet", "pq"],
                                  ["report", "--html", "site"], ["review", "a"]])
def test_every_path_taking_command_honours_configured_paths(project, capsys, argv):
    (project / "factledger.toml").write_text('paths = ["ledger"]\n')
    assert main(argv) in (0, 1), capsys.readouterr().err  # finds the ledger without a PATH
    capsys.readouterr()
    (project / "factledger.toml").write_text('paths = ["nowhere"]\n')
    assert main(argv) == 2
    assert "nowhere" in capsys.readouterr().err


def test_sql_takes_paths_after_the_query_or_with_file(project, capsys):
    (project / "q.sql").write_text("SELECT count(*) AS n FROM claims")
    assert main(["sql", "--file", "q.sql", "ledger", "--format", "csv"]) == 0
    assert capsys.readouterr().out.split() == ["n", "2"]
    assert main(["sql", "SELECT count(*) AS n FROM claims", "ledger", "--format", "csv"]) == 0
    assert capsys.readouterr().out.split() == ["n", "2"]


def test_shell_completion_through_argcomplete(monkeypatch):
    argcomplete = pytest.importorskip("argcomplete")
    line = "factledger check --stat"
    for key, value in {"_ARGCOMPLETE": "1", "COMP_LINE": line, "COMP_POINT": str(len(line)),
                       "_ARGCOMPLETE_IFS": "\n"}.items():
        monkeypatch.setenv(key, value)
    out = io.StringIO()
    exits = []
    argcomplete.autocomplete(build_parser(), output_stream=out, exit_method=exits.append)
    assert exits == [0] and "--statistics" in out.getvalue().split()
    # main() hands its parser to argcomplete, which answers the shell's hook and exits
    called = []
    monkeypatch.setattr(argcomplete, "autocomplete", lambda parser: called.append(parser.prog))
    monkeypatch.delenv("_ARGCOMPLETE")
    main(["schema", "-o", os.devnull])
    assert called == ["factledger"]
