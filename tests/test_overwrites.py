"""`--db` and `--cache` replace only a file factledger wrote (issue 9, item 4): a DuckDB file
carrying our tables. Anything else — a ledger YAML, notes, a folder, someone's own DuckDB
file — is refused with exit 2 and left byte for byte as it was."""
from __future__ import annotations

import duckdb
import pytest

from conftest import VOCAB, article, write_ledger
from ledger.cli import main


@pytest.fixture
def ledger(tmp_path):
    return write_ledger(tmp_path / "claims", {"vocab.yaml": VOCAB, "a.yaml": article("Acme sold 40 batteries.")})


def _foreign_duckdb(path):
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE mine AS SELECT 42 AS answer")
    con.close()
    return path.read_bytes()


@pytest.mark.parametrize("command", [["build", "--db"], ["check", "--db"], ["check", "--cache"],
                                     ["build", "--cache"], ["report", "--html", "SITE", "--db"]])
def test_a_file_that_is_not_ours_is_never_replaced(tmp_path, ledger, capsys, command):
    command = [str(tmp_path / "site") if c == "SITE" else c for c in command]
    targets = {"yaml": ledger / "a.yaml", "notes": tmp_path / "notes.txt", "duckdb": tmp_path / "theirs.duckdb"}
    (tmp_path / "notes.txt").write_text("my notes\n")
    before = {name: (p.read_bytes() if name != "duckdb" else _foreign_duckdb(p)) for name, p in targets.items()}
    for name, target in targets.items():
        assert main([*command, str(target), str(ledger)]) == 2, name
        err = capsys.readouterr().err
        assert "is not a factledger" in err and err.count("\n") == 1
        assert target.read_bytes() == before[name], name
    assert not (tmp_path / "site").exists()  # refused before any output was written


def test_our_own_files_are_replaced(tmp_path, ledger):
    db, cache = tmp_path / "l.duckdb", tmp_path / ".factledger" / "cache.duckdb"
    for _ in range(2):
        assert main(["build", str(ledger), "--db", str(db), "--cache", str(cache)]) == 0
    assert duckdb.connect(str(db), read_only=True).execute("SELECT count(*) FROM articles").fetchone() == (1,)
    # the database and the cache are both ours, but neither stands in for the other
    assert main(["check", str(ledger), "--cache", str(db)]) == 2
    assert main(["build", str(ledger), "--db", str(cache)]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == [".factledger", "claims", "l.duckdb"]


def test_a_folder_or_a_path_through_a_file_is_a_usage_error(tmp_path, ledger, capsys):
    (tmp_path / "notes.txt").write_text("x")
    for args in (["build", "--db", str(tmp_path)], ["check", "--cache", str(ledger)],
                 ["build", "--db", str(tmp_path / "notes.txt" / "l.duckdb")],
                 ["export", "--parquet", str(tmp_path / "notes.txt" / "pq")]):
        assert main([*args, str(ledger)]) == 2, args
        err = capsys.readouterr().err
        assert err.startswith("factledger: ") and err.count("\n") == 1 and "Traceback" not in err
    assert (tmp_path / "notes.txt").read_text() == "x"


def test_the_database_is_written_in_storage_readable_by_duckdb_1(tmp_path, ledger):
    """Item 10: DuckDB 2's own storage (version 999) is unreadable for 1.x clients; v1.0.0 (64) is
    read by every DuckDB since 0.10. Checked here by the header and by reopening; set
    DUCKDB1_PYTHON to a Python with duckdb 1.x installed to also open it with a 1.x client."""
    import os
    import struct
    import subprocess

    db = tmp_path / "l.duckdb"
    assert main(["build", str(ledger), "--db", str(db)]) == 0
    header = db.read_bytes()[:20]
    assert header[8:12] == b"DUCK" and struct.unpack("<Q", header[12:20])[0] == 64
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM claims").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM articles").fetchone() == (1,)
    con.close()
    other = os.environ.get("DUCKDB1_PYTHON")
    if other:
        code = (f"import duckdb; c = duckdb.connect({str(db)!r}, read_only=True); "
                "assert duckdb.__version__.startswith('1.'); print(c.execute('SELECT count(*) FROM articles').fetchone()[0])")
        assert subprocess.run([other, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "1"
