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
from .outdir import OutputDirError, make_parent, remove_dead_temps, temp_prefix
from .schema import FindingRow


def create(con: duckdb.DuckDBPyConnection, tables) -> None:
    """Every table of the schema, filled from `tables` (a resolve.Tables: row lists by table name)."""
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
    return list(map(record._make, cursor.fetchall()))  # map: no Python frame per row (~30 % faster)


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


# The storage format we write: DuckDB 2.x's own format (v2.0.0) cannot be read by 1.x clients;
# v1.0.0 (storage version 64) is read by every DuckDB since 0.10 (README, "Ad-hoc SQL")
STORAGE_VERSION = "v1.0.0"

# What makes a DuckDB file ours: these tables, by kind of file we write
OWN_TABLES = {"database": {"articles", "claims", "findings"}, "cache": {"parse_cache"}}
_MAGIC = b"DUCK"  # DuckDB's file header carries it at bytes 8-11


class DatabaseTargetError(OutputDirError):
    """The database (or cache) path holds something we did not write."""


def check_target(target: Path, kind: str = "database") -> None:
    """Refuse a target that is a folder, or an existing file that is not a DuckDB file of ours:
    `build --db notes.txt` or `check --cache claims/a.yaml` must not replace the user's file."""
    target = Path(target)
    if target.is_dir():
        raise DatabaseTargetError(f"{target}: is a folder; give a file name for the {kind}, e.g. {target / _DEFAULT[kind]}")
    if not (target.exists() or target.is_symlink()):
        return
    if target.is_symlink() or not target.is_file():
        raise DatabaseTargetError(f"{target}: is not a regular file; refusing to replace it — give a new file name for the {kind}")
    if not owned(target, kind):
        raise DatabaseTargetError(f"{target}: exists and is not a factledger {kind} file; refusing to replace it — "
                                  f"give a new file name for the {kind} (or delete the file yourself)")


_DEFAULT = {"database": "ledger.duckdb", "cache": "cache.duckdb"}


def owned(path: Path, kind: str) -> bool:
    try:
        with open(path, "rb") as f:
            if f.read(12)[8:12] != _MAGIC:
                return False
    except OSError:
        return False
    try:
        con = duckdb.connect(str(path), read_only=True)
        try:
            names = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        finally:
            con.close()
    except duckdb.Error:
        # a DuckDB file too damaged to open at the cache's path is a cache a killed or disk-full
        # run broke: rebuilding it loses nothing, refusing would block every run
        return kind == "cache"
    return OWN_TABLES[kind] <= names


@contextmanager
def atomic_database(target: Path, kind: str = "database"):
    """Build the database in a temp file beside `target`, then rename over it: an interrupted
    build leaves the previous file intact, and readers never see a half-written one. Only a file
    we wrote is ever replaced; temp files of killed runs are deleted first."""
    target = Path(target)
    check_target(target, kind)
    make_parent(target, kind, DatabaseTargetError)
    try:
        remove_dead_temps(target)
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(target), suffix=".duckdb", dir=target.parent)
    except OSError as exc:
        raise DatabaseTargetError(f"{target}: cannot write the {kind} there ({exc.strerror or exc})") from None
    os.close(fd)
    os.unlink(tmp)  # DuckDB must create the file itself
    con = duckdb.connect(tmp, config={"storage_compatibility_version": STORAGE_VERSION})
    try:
        yield con
        con.execute("CHECKPOINT")
        con.close()
        check_target(target, kind)  # something may have appeared there while we worked
        os.replace(tmp, target)
    finally:
        con.close()
        for leftover in (tmp, tmp + ".wal"):
            if os.path.exists(leftover):
                os.unlink(leftover)
