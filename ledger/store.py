"""Build the DuckDB database: schema, bulk load through the appender, atomic file writes."""
from __future__ import annotations

import collections
import functools
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import duckdb

from . import schema
from .finding import Finding
from .resolve import Tables
from .schema import FindingRow


def create(con: duckdb.DuckDBPyConnection, tables: Tables) -> None:
    for statement in schema.ddl():
        con.execute(statement)
    for name in schema.TABLES:
        rows = getattr(tables, name, None)
        if rows:
            append(con, name, rows)


@functools.lru_cache(maxsize=256)
def _record_type(names: tuple[str, ...]):
    return collections.namedtuple("Record", names, rename=True)


def records(con: duckdb.DuckDBPyConnection, sql: str, params=None) -> list:
    """The rows of a query as named records (`row.claim_id`, `row.lo`), named by its columns:
    readers use names, never positions."""
    cursor = con.execute(sql, params) if params is not None else con.execute(sql)
    record = _record_type(tuple(d[0] for d in cursor.description))
    return [record._make(row) for row in cursor.fetchall()]


def append(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    # the appender buffers rows and inserts them in one statement: bulk, no pyarrow import
    with con.appender(table) as app:
        app.append_rows(rows)
        app.flush()


def finding_rows(findings: list[Finding]) -> list[FindingRow]:
    return [FindingRow(rule=f.rule, slug=f.slug, severity=f.severity, message=f.message, file=f.file,
                       line=f.line, col=f.col, article_id=f.article_id, item_id=f.item_id,
                       waived_by=f.waiver.by if f.waiver else None)
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
