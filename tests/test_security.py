"""Safe to run on a stranger's pull request (docs/security.md): each attack of issue 10 as a test.
Nothing a ledger folder holds (YAML, texts, configuration, cache file, symlinks, rules) may run code
without the runner's say-so, read files outside the ledger, write outside the asked-for output,
hang the gate or forge CI output; a rule that breaks fails the gate, naming its file and line."""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from ledger.cli import main
from ledger.engine import Options, run_check
from ledger.parsecache import VERSION, ParseCache
from ledger.store import DatabaseTargetError

from conftest import VOCAB, article, write_ledger

CLAIM = """\
claims:
  - {id: c1, quote: "Acme sold 40 batteries", subject: acme, metric: sales, value: 40, unit: battery, when: 2025}
"""


def _ledger(root: Path, **extra) -> Path:
    return write_ledger(root, {"vocab.yaml": VOCAB, "a.yaml": article("Acme sold 40 batteries.", items=CLAIM), **extra})


def _cli(*args, cwd: Path, env: dict | None = None, timeout: float = 120):
    proc = subprocess.run([sys.executable, "-m", "ledger", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})
    return proc.returncode, proc.stdout, proc.stderr


def _sql_rule(folder: Path, rule_id: str, sql: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{rule_id}_probe.sql"
    path.write_text(f"/*\nid: {rule_id}\nname: probe\nseverity: error\nsummary: A probe.\n\nDoc.\n*/\n{sql}\n")
    return path


def _py_rule(folder: Path, rule_id: str, body: str, head: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{rule_id}_probe.py"
    path.write_text(f'{head}ID = "{rule_id}"\nNAME = "probe"\nSEVERITY = "error"\nSUMMARY = "A probe."\n\n\n'
                    f"def check(ctx):\n{body}")
    return path


class _Boom:
    """A pickle that, once loaded, writes a marker file: proof of code execution, harmless."""
    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "executed"))


# ---- 1. the parse cache holds data, never code -------------------------------------------------

def _cache_with(path: Path, digest: str, payload, version: str, payload_type: str) -> None:
    con = duckdb.connect(str(path))
    con.execute(f"CREATE TABLE parse_cache (digest VARCHAR PRIMARY KEY, version VARCHAR, payload {payload_type})")
    con.execute("INSERT INTO parse_cache VALUES (?, ?, ?)", [digest, version, payload])
    con.close()


@pytest.mark.parametrize("version, payload_type", [("1", "BLOB"), (VERSION, "BLOB"), (VERSION, "VARCHAR")])
def test_a_crafted_pickle_in_the_cache_is_never_loaded(tmp_path, version, payload_type):
    ledger = _ledger(tmp_path / "ledger")
    marker = tmp_path / "marker"
    digest = hashlib.sha256((ledger / "a.yaml").read_bytes()).hexdigest()
    payload = pickle.dumps(_Boom(marker))
    if payload_type == "VARCHAR":
        payload = payload.decode("latin-1")
    _cache_with(tmp_path / "cache.duckdb", digest, payload, version, payload_type)
    report = run_check([ledger], Options(cache=tmp_path / "cache.duckdb"))
    assert not marker.exists()
    assert report.timings["cache_hits"] == 0
    assert [f.rule for f in report.findings] == [f.rule for f in run_check([ledger]).findings]
    # the file was parsed afresh and the cache rewritten with data only
    con = duckdb.connect(str(tmp_path / "cache.duckdb"), read_only=True)
    rows = con.execute("SELECT version, payload FROM parse_cache").fetchall()
    con.close()
    assert rows and all(v == VERSION and json.loads(p) for v, p in rows)


@pytest.mark.parametrize("mutate", [
    lambda e: "{not json",
    lambda e: json.dumps([1, 2, 3]),
    lambda e: json.dumps({**e, "extra": 1}),
    lambda e: json.dumps({**e, "doc": {**e["doc"], "positions": e["doc"]["positions"][:-2]}}),
    lambda e: json.dumps({**e, "doc": {**e["doc"], "positions": e["doc"]["positions"] + [1, 1]}}),
    lambda e: json.dumps({**e, "doc": {**e["doc"], "positions": ["1"] * len(e["doc"]["positions"])}}),
    lambda e: json.dumps({**e, "doc": {**e["doc"], "data": {"article": 5}}}),
    lambda e: json.dumps({**e, "model": {"article": {"id": "A B"}}}),
    lambda e: json.dumps({**e, "problems": [{"rule": "L101"}]}),
    lambda e: json.dumps({**e, "problems": [{"rule": "L101", "severity": "fatal", "message": "m", "line": 1,
                                               "col": 1, "article_id": None, "item_id": None}]}),
])
def test_a_corrupt_cache_entry_is_ignored_with_a_warning(tmp_path, mutate):
    ledger = _ledger(tmp_path / "ledger")
    cache = tmp_path / "cache.duckdb"
    run_check([ledger], Options(cache=cache))
    con = duckdb.connect(str(cache))
    digest, payload = con.execute("SELECT digest, payload FROM parse_cache WHERE payload LIKE '%\"article\"%'").fetchone()
    con.execute("UPDATE parse_cache SET payload = ? WHERE digest = ?", [mutate(json.loads(payload)), digest])
    con.close()
    report = run_check([ledger], Options(cache=cache))
    assert [(f.rule, f.line) for f in report.findings] == [(f.rule, f.line) for f in run_check([ledger]).findings]
    assert report.timings["cache_hits"] == 1  # the vocabulary's entry still serves
    assert any("corrupt cache entry was ignored" in w for w in report.warnings)


def test_a_cache_whose_table_is_a_view_reading_files_reads_nothing(tmp_path):
    ledger = _ledger(tmp_path / "ledger")
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN=s3cr3t")
    con = duckdb.connect(str(tmp_path / "cache.duckdb"))
    con.execute(f"CREATE VIEW parse_cache AS SELECT 'x' AS digest, '{VERSION}' AS version, content AS payload "
                f"FROM read_text('{secret}')")
    con.close()
    # a DuckDB file whose parse_cache is a view is not a cache factledger wrote: refused before
    # anything is read from it (and never replaced: it is not ours)
    with pytest.raises(DatabaseTargetError) as refused:
        run_check([ledger], Options(cache=tmp_path / "cache.duckdb"))
    assert "not a factledger cache file" in str(refused.value) and "s3cr3t" not in str(refused.value)


# ---- 2. Python rules from the configuration need the runner's opt-in ----------------------------

def _project(tmp_path: Path) -> tuple[Path, Path]:
    project = tmp_path / "project"
    _ledger(project / "claims")
    marker = tmp_path / "imported"
    _py_rule(project / "rules", "X901", "    return []\n", head=f"open({str(marker)!r}, 'w').write('x')\n")
    (project / "factledger.toml").write_text('paths = ["claims"]\n\nchecks = ["rules"]\n')
    return project, marker


def test_configured_python_rules_do_not_run_without_opt_in(tmp_path):
    project, marker = _project(tmp_path)
    env = {"FACTLEDGER_ALLOW_PYTHON_RULES": ""}
    code, out, err = _cli("check", cwd=project, env=env)
    assert code == 2 and not marker.exists()
    assert "factledger.toml:3: `checks` names Python rules (rules/X901_probe.py)" in err
    assert "--allow-python-rules" in err and "FACTLEDGER_ALLOW_PYTHON_RULES=1" in err
    assert _cli("check", "--allow-python-rules", cwd=project, env=env)[0] == 0 and marker.exists()
    marker.unlink()
    assert _cli("check", cwd=project, env={"FACTLEDGER_ALLOW_PYTHON_RULES": "1"})[0] == 0 and marker.exists()


def test_configured_sql_rules_run_without_opt_in(tmp_path):
    project, _ = _project(tmp_path)
    (project / "rules" / "X901_probe.py").unlink()
    _sql_rule(project / "rules", "X902", "SELECT file, line, col, 'seen ' || claim_id AS message FROM claims")
    code, out, err = _cli("check", cwd=project, env={"FACTLEDGER_ALLOW_PYTHON_RULES": ""})
    assert code == 1 and "X902  error    seen c1" in out, err


@pytest.mark.parametrize("value", ['"../elsewhere"', '"/etc"'])
def test_configuration_cannot_name_folders_outside_its_repository(tmp_path, value):
    project = tmp_path / "project"
    _ledger(project / "claims")
    (project / "factledger.toml").write_text(f'paths = [{value}]\n')
    code, _, err = _cli("check", cwd=project)
    assert code == 2 and "factledger.toml:1: `paths`:" in err and "outside the folder of factledger.toml" in err


# ---- 3. SQL is sandboxed: no file reads, writes or attaches --------------------------------------

def _attacks(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "secret.csv").write_text("token\ns3cr3t\n")
    return {
        "read_text": f"SELECT content FROM read_text('{tmp_path / 'secret.csv'}')",
        "read_csv": f"SELECT token FROM read_csv('{tmp_path / 'secret.csv'}')",
        "environ": "SELECT content FROM read_text('/proc/self/environ')",
        "copy": f"COPY (SELECT 1 AS x) TO '{tmp_path / 'written.csv'}'",
        "attach": f"ATTACH '{tmp_path / 'attached.duckdb'}' AS other",
        "unlock": "SET enable_external_access = true",
    }


def _nothing_leaked(tmp_path: Path, text: str) -> None:
    assert "s3cr3t" not in text and "PATH=" not in text
    assert not (tmp_path / "written.csv").exists() and not (tmp_path / "attached.duckdb").exists()


@pytest.mark.parametrize("attack", ["read_text", "read_csv", "environ", "copy", "attach", "unlock"])
def test_sql_rules_cannot_touch_files(tmp_path, attack):
    sql = _attacks(tmp_path)[attack]
    if attack in ("read_text", "read_csv", "environ"):
        sql = f"SELECT 'a.yaml' AS file, 1 AS line, 1 AS col, x.* AS message FROM ({sql}) AS x"
    rule = _sql_rule(tmp_path / "rules", "X903", sql)
    report = run_check([_ledger(tmp_path / "ledger")], Options(rule_dirs=[tmp_path / "rules"], select=["X9"]))
    assert report.findings == []
    [failure] = report.failures
    assert (failure.rule, failure.file, failure.line) == ("X903", str(rule), 9)
    _nothing_leaked(tmp_path, str(failure))


@pytest.mark.parametrize("attack", ["read_text", "read_csv", "environ", "copy", "attach", "unlock"])
@pytest.mark.parametrize("with_db", [False, True])
def test_sql_command_cannot_touch_files_by_default(tmp_path, capsys, attack, with_db):
    ledger = _ledger(tmp_path / "ledger")
    where = ["--db", str(tmp_path / "l.duckdb")] if with_db else ["--ledger", str(ledger)]
    if with_db:
        assert main(["build", str(ledger), "--db", str(tmp_path / "l.duckdb")]) == 0
    capsys.readouterr()
    assert main(["sql", *where, _attacks(tmp_path)[attack]]) == 2
    out, err = capsys.readouterr()
    _nothing_leaked(tmp_path, out + err)
    if attack != "unlock":
        assert "--allow-file-access" in err


def test_sql_command_reads_files_with_allow_file_access(tmp_path, capsys):
    ledger = _ledger(tmp_path / "ledger")
    query = _attacks(tmp_path)["read_csv"]
    assert main(["sql", "--ledger", str(ledger), "--allow-file-access", "--format", "csv", query]) == 0
    assert capsys.readouterr().out == "token\ns3cr3t\n"


# ---- 4. symlinks and special files ---------------------------------------------------------------

def test_a_yaml_symlink_leaving_the_ledger_is_refused_unread(tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text('secret: "hunter2"\n')
    ledger = _ledger(tmp_path / "ledger")
    (ledger / "evil.yaml").symlink_to(outside)
    (ledger / "twin.yaml").symlink_to(ledger / "vocab.yaml")  # inside the ledger: fine
    findings = run_check([ledger]).findings
    refused = [f for f in findings if Path(f.file).name == "evil.yaml"]
    assert [(f.rule, f.line) for f in refused] == [("L101", 0)]
    assert "symlink to a file outside the ledger folder" in refused[0].message
    assert "hunter2" not in " ".join(f.message for f in findings) and "secret" not in refused[0].message
    assert not [f for f in findings if Path(f.file).name == "twin.yaml" and f.rule == "L101"]


def test_an_article_text_symlink_leaving_the_ledger_is_refused(tmp_path):
    (tmp_path / "passwd.txt").write_text("root:x:0:0\n")
    ledger = write_ledger(tmp_path / "ledger", {"vocab.yaml": VOCAB, "b.yaml": (
        "article: {id: b, title: T, outlet: O, published: 2025-06-04, text: b.txt}\n")})
    (ledger / "b.txt").symlink_to(tmp_path / "passwd.txt")
    [f] = [f for f in run_check([ledger]).findings if f.rule == "L106"]
    assert (Path(f.file).name, f.line, f.col) == ("b.yaml", 1, 68) and "outside the ledger folder" in f.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifos_are_refused_not_waited_on(tmp_path):
    ledger = write_ledger(tmp_path / "ledger", {"vocab.yaml": VOCAB, "b.yaml": (
        "article: {id: b, title: T, outlet: O, published: 2025-06-04, text: b.txt}\n")})
    os.mkfifo(ledger / "b.txt")
    os.mkfifo(ledger / "pipe.yaml")
    code, out, err = _cli("check", str(ledger), cwd=tmp_path, timeout=60)
    assert code == 1, err
    assert "ledger/b.yaml:1:68  L106  error    article text 'b.txt' is not a regular file (a FIFO): refused" in out
    assert "ledger/pipe.yaml:0:0  L101  error    ledger/pipe.yaml is not a regular file (a FIFO): refused" in out


def test_an_unreadable_file_is_a_located_error_and_the_rest_is_checked(tmp_path, monkeypatch):
    ledger = _ledger(tmp_path / "ledger", **{"locked.yaml": "entities: []\n"})
    real_open = os.open

    def deny(path, flags, *args, **kw):
        if str(path).endswith("locked.yaml"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kw)

    monkeypatch.setattr(os, "open", deny)
    report = run_check([ledger])
    locked = [f for f in report.findings if Path(f.file).name == "locked.yaml"]
    assert [(f.rule, f.line, f.message.split(" ", 1)[1]) for f in locked] == [
        ("L101", 0, "cannot be read (Permission denied)")]
    assert report.claims == 1  # the readable files were still checked


# ---- 5. text output cannot forge CI commands or drive the terminal -------------------------------

HOSTILE = "x\\n::error file=README.md,line=1::injected \\e[31mred\\e]0;title\\a ##[warning]legacy \\u202eevil"


def _hostile_ledger(root: Path) -> Path:
    items = f'claims:\n  - {{id: c1, quote: "{HOSTILE}", subject: acme, metric: sales, value: 40, unit: battery, when: 2025}}\n'
    return write_ledger(root, {"vocab.yaml": VOCAB, "a.yaml": article("Acme sold 40 batteries.", items=items)})


def _assert_inert(text: str) -> None:
    for line in text.splitlines():
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line, line
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)


def test_text_output_escapes_control_characters_and_ci_commands(tmp_path, capsys):
    ledger = _hostile_ledger(tmp_path / "ledger")
    assert main(["check", str(ledger), "--format", "text"]) == 1
    out = capsys.readouterr().out
    _assert_inert(out)
    assert '"x\\n::error file=README.md,line=1::injected \\x1b[31mred\\x1b]0;title\\x07 #\\x23[warning]legac' in out


def test_review_sql_and_json_outputs_are_inert(tmp_path, capsys):
    ledger = _hostile_ledger(tmp_path / "ledger")
    assert main(["review", "a", str(ledger), "--color", "always", "--width", "30"]) == 0
    review = capsys.readouterr().out
    assert "\x1b[1m" in review  # our own colours stay
    _assert_inert(re.sub(r"\x1b\[[0-9;]*m", "", review))
    assert main(["sql", "--ledger", str(ledger), "SELECT quote FROM claims"]) == 0
    _assert_inert(capsys.readouterr().out)
    assert main(["check", str(ledger), "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert "##[" not in out
    quotes = [f["message"] for f in json.loads(out)["findings"] if f["rule"] == "L105"]
    assert "##[warning]legac" in quotes[0] and "\n::error" in quotes[0]  # the data itself is intact


def test_a_file_name_cannot_start_a_workflow_command(tmp_path, capsys):
    ledger = write_ledger(tmp_path / "ledger", {"vocab.yaml": VOCAB})
    (ledger / "x.yaml").write_text("article: [\n")
    cwd = os.getcwd()
    os.chdir(ledger)
    try:
        (ledger / "x.yaml").rename(ledger / "::error file=a,line=1::forged.yaml")
        main(["check", "."])
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    _assert_inert(out)
    assert "./::error file=a,line=1::forged.yaml:2:1  L101" in out


# ---- 6. time limits, and broken rules fail the gate ---------------------------------------------

LOOP = "    while True:\n        pass\n"
SWALLOW = "    while True:\n        try:\n            sum(range(10_000))\n        except Exception:\n            pass\n"
SLOW_SQL = ("SELECT 'a.yaml' AS file, 1 AS line, 1 AS col, count(*)::VARCHAR AS message "
            "FROM range(100000000) a, range(100000000) b")


@pytest.mark.parametrize("body", [LOOP, SWALLOW, "    import time\n    time.sleep(3600)\n"])
def test_a_looping_python_rule_is_stopped_and_fails_the_check(tmp_path, body):
    rule = _py_rule(tmp_path / "rules", "X904", body)
    options = Options(rule_dirs=[tmp_path / "rules"], rule_timeout=0.5)
    report = run_check([_ledger(tmp_path / "ledger")], options)
    [failure] = report.failures
    assert failure.file == str(rule) and failure.line in range(8, 14)
    assert "was stopped: it ran past the rule time limit (0.5 s, --rule-timeout)" in failure.message
    assert report.timings["rule:X904"] < 5
    assert {f.rule for f in report.findings} == {f.rule for f in run_check([tmp_path / "ledger"]).findings}


def test_a_pathological_sql_rule_is_interrupted(tmp_path):
    rule = _sql_rule(tmp_path / "rules", "X905", SLOW_SQL)
    report = run_check([_ledger(tmp_path / "ledger")], Options(rule_dirs=[tmp_path / "rules"], select=["X9"],
                                                               rule_timeout=0.5))
    assert [(f.rule, f.file, f.line) for f in report.failures] == [("X905", str(rule), 9)]
    assert report.timings["rule:X905"] < 5


def test_the_check_time_limit_bounds_all_rules_together(tmp_path):
    _sql_rule(tmp_path / "rules", "X906", SLOW_SQL)
    (tmp_path / "rules" / "X906_probe.sql").rename(tmp_path / "rules" / "X906_slow.sql")
    _sql_rule(tmp_path / "rules", "X907", SLOW_SQL)
    report = run_check([_ledger(tmp_path / "ledger")], Options(rule_dirs=[tmp_path / "rules"], select=["X9"],
                                                               rule_timeout=60, check_timeout=0.5))
    assert [f.rule for f in report.failures] == ["X906", "X907"]
    assert "check's time limit (0.5 s, --check-timeout)" in report.failures[0].message
    assert "was not run" in report.failures[1].message


def test_time_limits_work_off_the_main_thread(tmp_path):
    _py_rule(tmp_path / "rules", "X908", LOOP)
    ledger = _ledger(tmp_path / "ledger")
    result = {}
    worker = threading.Thread(target=lambda: result.update(
        report=run_check([ledger], Options(rule_dirs=[tmp_path / "rules"], select=["X9"], rule_timeout=0.5))))
    worker.start()
    worker.join(60)
    assert not worker.is_alive()
    assert [f.rule for f in result["report"].failures] == ["X908"]


def test_time_limits_from_the_command_line_and_the_configuration(tmp_path):
    project = tmp_path / "project"
    _ledger(project / "claims")
    _sql_rule(project / "rules", "X909", SLOW_SQL)
    (project / "factledger.toml").write_text('checks = ["rules"]\nrule-timeout = 0.5\n')
    code, _, err = _cli("check", "claims", cwd=project)
    assert code == 2 and "X909_probe.sql:9: rule X909 was stopped: it ran past the rule time limit (0.5 s" in err
    code, _, err = _cli("check", "claims", "--rule-timeout", "0.3", cwd=project)
    assert code == 2 and "(0.3 s, --rule-timeout)" in err
    assert _cli("check", "claims", "--rule-timeout", "-1", cwd=project)[0] == 2
    (project / "factledger.toml").write_text('rule-timeout = "soon"\n')
    code, _, err = _cli("check", "claims", cwd=project)
    assert code == 2 and "factledger.toml:1: `rule-timeout` is a number of seconds" in err


@pytest.mark.parametrize("name, body, head, line, message", [
    ("exception", "    return 1 / 0\n", "", 8, "failed: ZeroDivisionError: division by zero"),
    ("exit in check", "    import sys\n    sys.exit(0)\n", "", 9, "failed: called sys.exit(0)"),
    ("bad hit", "    yield 42\n", "", 1, "failed: it yielded 42 (int), not a Hit"),
])
def test_a_python_rule_that_breaks_fails_the_gate(tmp_path, capsys, name, body, head, line, message):
    rule = _py_rule(tmp_path / "rules", "X910", body, head)
    ledger = _ledger(tmp_path / "ledger")
    assert main(["check", str(ledger), "--checks", str(tmp_path / "rules")]) == 2
    err = capsys.readouterr().err
    assert f"{rule}:{line}: rule X910 {message}" in err and "the check is incomplete (exit 2)" in err


@pytest.mark.parametrize("name, source, line, message", [
    ("syntax", 'ID = "X911"\ndef check(ctx)\n    return []\n', 2, "the rule does not compile"),
    ("import", 'import no_such_module_here\nID = "X911"\n', 1, "the rule fails on import: ModuleNotFoundError"),
    ("exit", 'import sys\n\nsys.exit(0)\n', 3, "the rule fails on import: called sys.exit(0)"),
])
def test_a_python_rule_that_cannot_load_fails_the_gate(tmp_path, capsys, name, source, line, message):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "X911_probe.py").write_text(source)
    assert main(["check", str(_ledger(tmp_path / "ledger")), "--checks", str(tmp_path / "rules")]) == 2
    assert f"X911_probe.py:{line}: {message}" in capsys.readouterr().err


@pytest.mark.parametrize("sql, line, message", [
    ("SELECT nope FROM claims", 9, "failed: BinderException"),
    ("SELECT file, line, col,\n  'x' AS message\nFROM claims WHERE nope", 11, "failed: BinderException"),
    ("SELECT 1 AS x", 9, "returns the columns file, line, col, message"),
    ("SELECT file, line, col, 'm' AS message FROM claims; DROP TABLE claims", 9, "one SELECT statement"),
])
def test_a_sql_rule_that_breaks_fails_the_gate(tmp_path, sql, line, message):
    rule = _sql_rule(tmp_path / "rules", "X912", sql)
    report = run_check([_ledger(tmp_path / "ledger")], Options(rule_dirs=[tmp_path / "rules"], select=["X9"]))
    [failure] = report.failures
    assert (failure.file, failure.line) == (str(rule), line) and message in failure.message


# ---- 7. the HTML report's Content-Security-Policy ------------------------------------------------

def test_every_report_page_carries_a_csp_matching_its_only_script_and_style(tmp_path):
    import base64

    from ledger.report import html_report

    html_report([_hostile_ledger(tmp_path / "ledger")], tmp_path / "site")
    pages = sorted((tmp_path / "site").rglob("*.html"))
    assert len(pages) == 2
    for page in pages:
        text = page.read_text(encoding="utf-8")
        [csp] = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text)
        assert text.index("Content-Security-Policy") < text.index("<style>") < text.index("<script>")
        assert "default-src 'none'" in csp and "unsafe-inline" not in csp
        scripts = re.findall(r"<script>(.*?)</script>", text, re.S)
        styles = re.findall(r"<style>(.*?)</style>", text, re.S)
        assert len(scripts) == 1 and len(styles) == 1
        for kind, body in (("script-src", scripts[0]), ("style-src", styles[0])):
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            assert f"{kind} 'sha256-{digest}'" in csp
