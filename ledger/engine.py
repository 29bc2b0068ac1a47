"""The session every command opens: load, resolve, build the database, run every selected rule,
turn their hits into findings. Never prints."""
from __future__ import annotations

import dataclasses
import datetime
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import duckdb

from . import rewrites, ruleexec, sources, store, views, waivers
from .finding import Finding
from .loader import Ledger, load_ledger
from .phrasebook import Phrasebook
from .quantity import Tolerance
from .resolve import resolve
from .rules import Hit, Rule, check_ids, discover, select
from .schema import ProblemRow
from .units import UnitTable


@dataclass(slots=True)
class Context:
    """What a Python rule sees: the database and the unit table (with the phrasebook bound to it).
    `ledger` (the loaded files) is still read by E701 (draft quotes) and T503 (key positions)."""
    db: duckdb.DuckDBPyConnection
    units: UnitTable
    phrases: Phrasebook  # how to show a claim in a message (ledger.phrasebook)
    tolerance: float | Tolerance
    ledger: Ledger


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
         check: bool = True) -> Iterator[Run]:
    """Load, resolve and check the ledger at `paths` into a database — in memory, or written
    atomically to `db` when the block succeeds — and yield it with the report. Every command goes
    through here, so configuration and flags (Options) mean the same everywhere. `check=False`
    loads the tables without running the rules (`dupes` only reads the duplicates tables)."""
    options = options or Options()
    timings: dict[str, float] = {}
    warnings: list[str] = []
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = timings.get(name, 0.0) + now - clock
        clock = now

    if db is not None:
        store.check_target(Path(db))  # refuse a foreign file before the work, not after it
    all_rules = discover(options.rule_dirs)
    rules = select(all_rules, options.select, options.ignore) if check else {}
    check_ids(all_rules, "severity", options.severities, exact=True)
    cache = None
    if options.cache is not None:
        from .parsecache import ParseCache

        cache = ParseCache.open(options.cache)
    ledger = load_ledger(paths, cache=cache)
    if cache is not None:
        cache.save()
        timings["cache_hits"], timings["cache_misses"] = cache.hits, cache.misses
        warnings += cache.warnings
    lap("load")
    tolerance = hedge_tolerance(options)
    resolved = resolve(ledger, tolerance)
    lap("resolve")
    findings: list[Finding] = []
    failures: list[ruleexec.RuleFailure] = []
    phrases = Phrasebook(resolved.unit_table)
    with database(db) as con:
        store.create(con, resolved.tables)
        store.append(con, "problems", [  # the loader-stage rules select theirs (ruleexec.run_rule)
            ProblemRow(rule=p.rule, message=p.message, file=p.file, line=p.line, col=p.col,
                       article_id=p.article_id, item_id=p.item_id)
            for p in ledger.diagnostics + resolved.problems])
        # bulk, once per check: the D6xx rules read its tables
        from . import duplicates  # numpy: imported only when duplicates are looked for

        duplicates.load(con, ledger, duplicates.Thresholds(window_days=options.rewrite_window))
        views.create(con, resolved)  # analysts' display units and views (ledger.views)
        if options.sandbox:  # the tables are in: rules (and `sql`) get no file, network or extension access
            ruleexec.lock(con, options.writable)
        lap("database")
        ctx = Context(con, resolved.unit_table, phrases, tolerance, ledger)
        with ruleexec.Watchdog(options.rule_timeout, options.check_timeout) as watchdog:
            for rule in rules.values():
                hits, failure = ruleexec.run_rule(rule, ctx, watchdog)
                findings.extend(_finish(rule, hit, options, ledger) for hit in hits)
                if failure is not None:
                    failures.append(failure)
                lap(f"rule:{rule.id}")
        timings["rules"] = sum(v for k, v in timings.items() if k.startswith("rule:"))
        findings = sources.merge_copies(findings, con)  # syndicated copies are one source
        applied = waivers.apply(findings, waivers.collect(ledger), set(rules), set(all_rules),
                                options.today or datetime.date.today())
        findings = applied.findings
        if waivers.RULE in rules:
            findings.extend(_finish(all_rules[waivers.RULE], p, options) for p in applied.problems)
        findings.sort(key=Finding.sort_key)
        if findings:
            store.append(con, "findings", store.finding_rows(findings))
        if applied.rows:
            store.append(con, "waivers", applied.rows)
        lap("findings")
        report = Report(findings, rules, files=len(ledger.files), articles=len(resolved.tables.articles),
                        claims=len(resolved.tables.claims), ledger=ledger, timings=timings, failures=failures,
                        warnings=warnings, problems=ledger.diagnostics + resolved.problems)
        yield Run(con, report, resolved.unit_table, phrases, ledger)
    lap("write")  # writing the database file when `db` is given


def hedge_tolerance(options: Options) -> float | Tolerance:
    """The tolerance the readings use: the one fraction, or it with per-hedge overrides."""
    if not options.hedge_tolerance:
        return options.tolerance
    return Tolerance(options.tolerance, tuple(sorted(options.hedge_tolerance.items())))


def run_check(paths: list[Path], options: Options | None = None, db_path: Path | None = None) -> Report:
    """Check the ledger and return the report (the database is kept only when `db_path` is given)."""
    with open(paths, options, db_path) as run:
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
