"""What every command opens: `open` builds a ledger.session.Session (load, resolve, build the
database, run every selected rule) on an in-memory or file database; the types the commands,
the rules and the language server share; hits become findings in one place. Never prints."""
from __future__ import annotations

import dataclasses
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import duckdb

from . import store
# the types every command, rule and the language server share, defined beside the session's
from .checktypes import Context, Options, Report, finish, hedge_tolerance  # noqa: F401
from .loader import Ledger
from .phrasebook import Phrasebook
from .rules import Rule, discover, select
from .units import UnitTable


@contextmanager
def database(path: Path | None):
    """An in-memory database, or one written atomically to `path` when the block succeeds."""
    if path is None:
        con = duckdb.connect(":memory:")
        try:
            yield con
        finally:
            con.close()
    else:
        with store.atomic_database(Path(path)) as con:
            yield con


@dataclass(slots=True)
class Run:
    """An open, checked ledger: what every command works from."""
    db: duckdb.DuckDBPyConnection  # every table loaded, rules run, findings stored
    report: Report
    units: UnitTable
    phrases: Phrasebook
    ledger: Ledger


@contextmanager
def open(paths: list[Path], options: Options | None = None, db: Path | None = None, *,
         check: bool = True, duplicates: bool = True) -> Iterator[Run]:
    """Load, resolve and check the ledger at `paths` into a database — in memory, or written
    atomically to `db` when the block succeeds — and yield it with the report. Every command goes
    through here (and through ledger.session, as the language server does), so configuration and
    flags (Options) mean the same everywhere. `check=False` loads the tables without running the
    rules (`dupes` only reads the duplicates tables); `duplicates=False` builds the duplicate
    tables only when a selected rule (or merging findings on copied text) needs them."""
    from .session import Session

    if db is not None:
        store.check_target(Path(db))  # refuse a foreign file before the work, not after it
    with database(db) as con:
        session = Session(paths, options, con, check=check, duplicates_always=duplicates or db is not None)
        yield Run(con, session.report, session.vocab.unit_table, session.phrases, session.ledger)
        clock = time.perf_counter()
    session.timings["write"] = time.perf_counter() - clock  # writing the database file when `db` is given


def run_check(paths: list[Path], options: Options | None = None, db_path: Path | None = None) -> Report:
    """Check the ledger and return the report (the database is kept only when `db_path` is given)."""
    with open(paths, options, db_path, duplicates=False) as run:
        return run.report


def catalogue(options: Options | None = None) -> dict[str, Rule]:
    """The rules the options select (built-in and `checks` folders), with the severity the
    configuration gives them: what `factledger rules` and `rule` show."""
    options = options or Options()
    chosen = select(discover(options.rule_dirs), options.select, options.ignore)
    return {k: dataclasses.replace(r, severity=options.severities.get(k, r.severity)) for k, r in chosen.items()}
