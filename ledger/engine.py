"""What every command opens: `open` builds a ledger.session.Session (load, resolve, build the
database, run every selected rule) on an in-memory or file database; the types the commands,
the rules and the language server share; hits become findings in one place. Never prints."""
from __future__ import annotations

import dataclasses
import datetime
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import duckdb

from . import rewrites, ruleexec, store
from .finding import Finding
from .loader import Ledger
from .phrasebook import Phrasebook
from .quantity import Tolerance
from .rules import Hit, Rule, discover, select
from .units import UnitTable


@dataclass(slots=True)
class Options:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    rule_dirs: list[Path] = field(default_factory=list)
    severities: dict[str, str] = field(default_factory=dict)  # per-rule override (configuration)
    tolerance: float = 0.05
    # per-hedge overrides of `tolerance` (canonical hedge -> fraction): configuration `[hedge-tolerance]`
    hedge_tolerance: dict[str, float] = field(default_factory=dict)
    rewrite_window: int = rewrites.WINDOW_DAYS  # D603: most days between a story and its rewrite
    today: datetime.date | None = None  # for waiver expiry; None: the real today
    cache: Path | None = None  # parse cache file (ledger.parsecache): re-parse only changed files
    # seconds; None or 0: no limit. A rule past its limit is stopped and fails the check
    rule_timeout: float | None = 300.0
    check_timeout: float | None = 1800.0  # all rules together
    # lock the database after loading (no file access for rules and queries); off only for
    # `sql --allow-file-access`, an analyst's explicit choice
    sandbox: bool = True
    writable: Path | None = None  # the one folder the locked database may write (export's output)


@dataclass(slots=True)
class Context:
    """What a Python rule sees: the database and the unit table (with the phrasebook bound to it).
    `ledger` (the loaded files) is still read by E701 (draft quotes), T503 (key positions), T504
    (datelines) and A301 (constants); a restricted run sees the files of the affected articles."""
    db: duckdb.DuckDBPyConnection
    units: UnitTable
    phrases: Phrasebook  # how to show a claim in a message (ledger.phrasebook)
    tolerance: float | Tolerance
    ledger: Ledger


@dataclass(slots=True)
class Report:
    findings: list[Finding]
    rules: dict[str, Rule]
    files: int
    articles: int
    claims: int
    ledger: Ledger | None = None  # what was loaded (article files and texts, for --changed)
    # seconds per phase (load, resolve, database, rules, rule:<ID>, findings): for benchmarks;
    # the engine never prints them
    timings: dict[str, float] = field(default_factory=dict)
    # rules that broke (error, exception, time limit): the check is incomplete, the gate fails
    failures: list[ruleexec.RuleFailure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. a corrupt parse cache that was ignored
    # what the loader and resolver could not use, whatever rules were selected (`sql` and `dupes`
    # report it: their answer leaves it out)
    problems: list[Finding] = field(default_factory=list)


def hedge_tolerance(options: Options) -> float | Tolerance:
    """The tolerance the readings use: the one fraction, or it with per-hedge overrides."""
    if not options.hedge_tolerance:
        return options.tolerance
    return Tolerance(options.tolerance, tuple(sorted(options.hedge_tolerance.items())))


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
    from .session import Session  # the session builds on this module's types

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


def _finish(rule: Rule, item: Hit, options: Options, ledger: Ledger | None = None) -> Finding:
    """The one place a rule's hit becomes a Finding — SQL rows, Python rules, loader problems (rows
    of `problems`) and stale waivers alike. Severity: the configuration's, else the one a hit
    lowered itself to (strict-only conflicts), else the rule file's. A hit that names the key it
    is about (`field`) is located at that key."""
    severity = options.severities.get(rule.id) or item.severity or rule.severity
    line, col = item.line or 0, item.col or 0
    if getattr(item, "field", None) and ledger is not None:
        line, col = ledger.locate(item.file, item.article_id, item.item_id, item.field) or (line, col)
    return Finding(rule=rule.id, slug=rule.slug, severity=severity, message=item.message,
                   file=item.file, line=line, col=col,
                   article_id=item.article_id, item_id=item.item_id, others=tuple(item.others or ()))
