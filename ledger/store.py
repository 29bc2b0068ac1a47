"""Build the DuckDB database: schema, bulk load through the appender, atomic file writes."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import duckdb

from . import schema
from .finding import Finding
from .resolve import Tables


def create(con: duckdb.DuckDBPyConnection, tables: Tables) -> None:
    for statement in schema.ddl():
        con.execute(statement)
    for name in schema.TABLES:
        rows = getattr(tables, name, None)
        if rows:
            append(con, name, rows)


def append(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    # the appender buffers rows and inserts them in one statement: bulk, no pyarrow import
    with con.appender(table) as app:
        app.append_rows(rows)
        app.flush()


def finding_rows(findings: list[Finding]) -> list[tuple]:
    return [(f.rule, f.slug, f.severity, f.message, f.file, f.line, f.col, f.article_id, f.item_id,
             f.waiver.by if f.waiver else None)
            for f in findings]


@contextmanager
def atomic_database(target: Path):
    """Build the database in a temp file beside `target`, then rename over it: an interrupted
    build leaves the previous file intact, and readers never see a half-written one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    os.unlink(tmp)  # DuckDB must create the file itself
    con = duckdb.connect(tmp)
    try:
        yield con
        con.execute("CHECKPOINT")
        con.close()
        os.replace(tmp, target)
    finally:
        con.close()
        for leftover in (tmp, tmp + ".wal"):
            if os.path.exists(leftover):
                os.unlink(leftover)
