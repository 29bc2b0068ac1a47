"""`factledger export --parquet DIR`: every table, same rows as the database, replaced atomically."""
from __future__ import annotations

import duckdb

from ledger import schema
from ledger.cli import main

from conftest import ROOT


def test_export_writes_every_table_and_replaces_atomically(tmp_path):
    out = tmp_path / "pq"
    assert main(["export", str(ROOT / "claims"), "--parquet", str(out)]) == 0
    assert main(["build", str(ROOT / "claims"), "--db", str(tmp_path / "l.duckdb")]) == 0
    con = duckdb.connect(str(tmp_path / "l.duckdb"), read_only=True)
    for table in schema.TABLES:
        exported = duckdb.sql(f"SELECT count(*) FROM '{out / (table + '.parquet')}'").fetchall()[0][0]
        assert exported == con.execute(f"SELECT count(*) FROM {table}").fetchone()[0], table
    assert duckdb.sql(f"SELECT count(*) FROM '{out / 'claims.parquet'}'").fetchall()[0][0] > 0
    (out / "stale.parquet").write_bytes(b"old")
    assert main(["export", str(ROOT / "claims"), "--parquet", str(out)]) == 0
    assert not (out / "stale.parquet").exists()  # the folder was replaced, not merged
    assert sorted(p.name for p in tmp_path.iterdir()) == ["l.duckdb", "pq"]  # no temp leftovers
