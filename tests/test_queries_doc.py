"""docs/queries.md cannot go stale: every ```sql block runs through the CLI against the seed
ledger's database, succeeds and returns at least one row; and `sql` reads files and stdin."""
from __future__ import annotations

import io
import json
import re

import pytest

from ledger.cli import main

from conftest import ROOT

BLOCKS = re.findall(r"```sql\n(.*?)```", (ROOT / "docs" / "queries.md").read_text(encoding="utf-8"), re.S)


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("seed") / "ledger.duckdb"
    assert main(["build", str(ROOT / "claims"), "--db", str(db)]) == 0
    return db


def test_the_page_has_ten_questions():
    assert len(BLOCKS) >= 10


@pytest.mark.parametrize("query", BLOCKS, ids=[f"q{i + 1}" for i in range(len(BLOCKS))])
def test_every_documented_query_runs_and_returns_rows(seed_db, capsys, query):
    code = main(["sql", "--db", str(seed_db), "--format", "json", query])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert len(json.loads(out)) >= 1


def test_query_from_a_file_and_from_stdin(seed_db, tmp_path, capsys, monkeypatch):
    q = tmp_path / "q.sql"
    q.write_text("SELECT count(*) AS n FROM claims WHERE subject = 'china'\n")
    assert main(["sql", "--db", str(seed_db), "--file", str(q), "--format", "json"]) == 0
    from_file = json.loads(capsys.readouterr().out)
    monkeypatch.setattr("sys.stdin", io.StringIO(q.read_text()))
    assert main(["sql", "--db", str(seed_db), "-", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == from_file and from_file[0]["n"] >= 4


def test_query_sources_are_exclusive_and_located(seed_db, tmp_path, capsys):
    assert main(["sql", "--db", str(seed_db)]) == 2
    assert "give one query" in capsys.readouterr().err
    assert main(["sql", "--db", str(seed_db), "SELECT 1", "--file", "q.sql"]) == 2
    assert main(["sql", "--db", str(seed_db), "--file", str(tmp_path / "missing.sql")]) == 2
    assert "missing.sql: cannot read the query" in capsys.readouterr().err
