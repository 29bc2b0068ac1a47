"""The types a check is configured with and answers in — Options, Context (what a Python rule
sees), Report — and the one place a rule's hit becomes a Finding. Shared by ledger.engine, ledger.session
and every command."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from . import rewrites, ruleexec
from .finding import Finding
from .loader import Ledger
from .phrasebook import Phrasebook
from .quantity import Tolerance
from .rules import Hit, Rule
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
    `ledger` (the loaded files) is still read by T504 (datelines) and A301 (constants); E701 and
    T503 read rows now. A restricted run sees the files of the affected articles."""
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


def finish(rule: Rule, item: Hit, options: Options, ledger: Ledger | None = None) -> Finding:
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
