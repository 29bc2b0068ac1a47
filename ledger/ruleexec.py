"""Running one rule safely: SQL sandboxed, every rule under a time limit, and a rule that breaks
(SQL error, exception, `sys.exit`, time limit) turned into a located RuleFailure that fails the
gate instead of a warning that passes it.

The sandbox: the ledger's tables are loaded first, then `lock(con)` turns DuckDB's external access
off (no files, no network, no extensions) and locks the configuration so no rule can turn it back
on. A SQL rule must also be exactly one SELECT.

Time limits (docs/security.md): a watchdog thread waits out the rule's limit, then calls
`con.interrupt()` (stops a DuckDB query, also one a Python rule started) and raises RuleTimeout in
the rule's thread — through SIGALRM in the main thread (which also breaks a blocking sleep), else
as an asynchronous exception (CPython's PyThreadState_SetAsyncExc), repeated every half second so
a rule that swallows exceptions is stopped too. A Python rule blocked inside a C call that never
returns to the interpreter (other than a DuckDB query or a sleep in the main thread) cannot be
stopped in-process; that is the documented limit of this design.
"""
from __future__ import annotations

import ctypes
import re
import signal
import threading
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from .finding import Finding
from .rules import Hit, Rule
from .store import records


class RuleTimeout(BaseException):
    """Raised inside a rule that ran out of time. A BaseException, so `except Exception` in a rule
    does not swallow it."""


@dataclass(frozen=True, slots=True)
class RuleFailure:
    """A rule that could not run to the end: the gate fails (exit 2) and says where."""
    rule: str
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: rule {self.rule} {self.message}"


def lock(con: duckdb.DuckDBPyConnection, writable: Path | None = None) -> None:
    """No file, network or extension access from here on, and no way to switch it back. `writable`
    is the one output folder the run was asked to write (`export --parquet`'s temp folder)."""
    if writable is not None:
        folder = str(Path(writable).resolve()).replace("'", "''") + "/"
        con.execute(f"SET allowed_directories = ['{folder}']")
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")


class Watchdog:
    """Time limits for the rules of one check. `check_seconds` bounds all rules together; each rule
    gets `rule_seconds` or what is left of the check's time, whichever is less. None or 0: no limit.
    One watcher thread serves every rule of the check (a thread per rule cost more than a small
    rule itself)."""

    def __init__(self, rule_seconds: float | None, check_seconds: float | None) -> None:
        self.rule_seconds = rule_seconds or None
        self.check_seconds = check_seconds or None
        self._deadline = time.monotonic() + check_seconds if check_seconds else None
        self._active = False
        self._lock = threading.Lock()  # held while stopping a rule, and while a rule ends
        self._wake = threading.Condition()
        self._job: _Job | None = None
        self._waiting_until: float | None = None  # the deadline the watcher sleeps to (None: idle)
        self._thread: threading.Thread | None = None
        self._closing = False
        self._main = threading.current_thread() is threading.main_thread() and hasattr(signal, "pthread_kill")
        self._old = None

    def __enter__(self) -> Watchdog:
        if self._main and (self.rule_seconds or self.check_seconds):
            self._old = signal.signal(signal.SIGALRM, self._on_alarm)
        return self

    def __exit__(self, *exc) -> None:
        if self._thread is not None:
            with self._wake:
                self._closing = True
                self._wake.notify()
            self._thread.join()
            self._thread = None
        if self._old is not None:
            signal.signal(signal.SIGALRM, self._old)
            self._old = None

    def _on_alarm(self, signum, frame) -> None:
        if self._active:  # a late signal after the rule ended is ignored
            raise RuleTimeout

    def remaining(self) -> float | None:
        return None if self._deadline is None else self._deadline - time.monotonic()

    def limit(self) -> tuple[float | None, str]:
        """(seconds, which limit) for the next rule."""
        left = self.remaining()
        if left is not None and (self.rule_seconds is None or left < self.rule_seconds):
            return max(left, 0.0), f"the check's time limit ({self.check_seconds:g} s, --check-timeout)"
        return self.rule_seconds, f"the rule time limit ({self.rule_seconds:g} s, --rule-timeout)" if self.rule_seconds else ""

    @contextmanager
    def guard(self, con: duckdb.DuckDBPyConnection, seconds: float | None):
        """Run the block under `seconds`; yields a list that holds True once the limit was hit."""
        fired: list[bool] = []
        if seconds is None:
            yield fired
            return
        job = _Job(threading.get_ident(), con, time.monotonic() + seconds, fired)
        with self._wake:
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="factledger-rule-watchdog", daemon=True)
                self._thread.start()
            self._active = True
            self._job = job
            # a watcher sleeping to an earlier deadline wakes in time to see this job: waking
            # it for every rule would cost more than a small rule
            if self._waiting_until is None or job.deadline < self._waiting_until:
                self._wake.notify()
        try:
            yield fired
        finally:
            with self._lock:
                job.done.set()
                self._active = False
                if not self._main:
                    _async_raise(job.target, None)  # drop an exception sent but not yet raised
            with self._wake:
                self._job = None

    def _watch(self) -> None:
        while True:
            with self._wake:
                job = self._job
                if self._closing:
                    return
                if job is None or job.done.is_set():
                    self._waiting_until = None
                    self._wake.wait()
                    continue
                left = job.deadline - time.monotonic()
                if left > 0:
                    self._waiting_until = job.deadline
                    self._wake.wait(left)
                    continue
            self._stop(job)

    def _stop(self, job: _Job) -> None:
        """Stop the rule past its limit: interrupt its query and raise in its thread, every half
        second until it ends (a rule may swallow one exception)."""
        job.fired.append(True)
        while True:
            with self._lock:
                if job.done.is_set():
                    return
                try:
                    job.con.interrupt()
                except Exception:  # noqa: BLE001 - a closed connection: nothing to stop
                    pass
                if self._main:
                    signal.pthread_kill(job.target, signal.SIGALRM)
                else:
                    _async_raise(job.target, RuleTimeout)
            job.done.wait(0.5)


@dataclass(slots=True)
class _Job:
    """The rule the watcher is timing: its thread, connection and deadline."""
    target: int
    con: duckdb.DuckDBPyConnection
    deadline: float
    fired: list[bool]
    done: threading.Event = field(default_factory=threading.Event)


def _async_raise(thread_id: int, exc) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)


_PROBLEMS = "SELECT file, line, col, message, article_id, item_id FROM problems WHERE rule = ? ORDER BY file, line, col"


def run_rule(rule: Rule, ctx, watchdog: Watchdog, problems: list[Finding] | None = None
             ) -> tuple[list[Hit], RuleFailure | None]:
    """The rule's hits, or the failure that stopped it. A loader-stage rule selects its rows of the
    `problems` table — or of `problems`, the same rows in memory, when the caller has them."""
    seconds, which = watchdog.limit()
    if seconds is not None and seconds <= 0:
        return [], RuleFailure(rule.id, rule.source, rule.line, f"was not run: {which} was used up by the rules before it")
    fired: list[bool] = []
    try:
        with watchdog.guard(ctx.db, seconds) as fired:
            if rule.stage == "load":  # problems the loader and resolver stored in the `problems` table
                rows = records(ctx.db, _PROBLEMS, [rule.id]) if problems is None else sorted(
                    (p for p in problems if p.rule == rule.id), key=lambda p: (p.file, p.line, p.col))
                return [Hit(p.file, p.line, p.col, p.message, p.article_id, p.item_id) for p in rows], None
            if rule.stage == "sql":
                return _run_sql(rule, ctx.db), None
            if rule.stage == "python":
                hits = list(rule.check(ctx))
                for hit in hits:
                    if not isinstance(hit, (Hit, Finding)):
                        raise _Broken(f"it yielded {hit!r:.60} ({type(hit).__name__}), not a Hit")
                return hits, None
            return [], None
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # noqa: BLE001 - a broken rule fails the gate, it never crashes it
        if fired:
            return [], RuleFailure(rule.id, rule.source, _line_in(rule, exc),
                                   f"was stopped: it ran past {which}")
        return [], RuleFailure(rule.id, rule.source, _line_in(rule, exc), f"failed: {_describe(exc)}")


def _run_sql(rule: Rule, con: duckdb.DuckDBPyConnection) -> list[Hit]:
    statements = duckdb.extract_statements(rule.sql)
    if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
        kinds = ", ".join(s.type.name for s in statements) or "nothing"
        raise _Broken(f"a SQL rule is one SELECT statement (found {kinds})")
    cursor = con.execute(rule.sql)
    names = [d[0] for d in cursor.description]
    missing = [c for c in ("file", "line", "col", "message") if c not in names]
    if missing:
        raise _Broken(f"a SQL rule returns the columns file, line, col, message (missing: {', '.join(missing)})")
    return [Hit(**{k: v for k, v in zip(names, row) if k in Hit.__slots__}) for row in cursor.fetchall()]


class _Broken(Exception):
    """A rule's own contract broken (not one SELECT, wrong columns, not a Hit): said as it is."""


def _describe(exc: BaseException) -> str:
    if isinstance(exc, SystemExit):
        return f"called sys.exit({exc.code!r}); a rule yields its findings and returns"
    if isinstance(exc, _Broken):
        return str(exc)
    text = str(exc).strip()
    first = text.splitlines()[0] if text else ""
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def _line_in(rule: Rule, exc: BaseException) -> int:
    """The rule file's line the failure points at: the innermost traceback frame in that file for
    Python, the `LINE n` of DuckDB's message for SQL (offset by where the SELECT starts)."""
    if rule.stage == "sql":
        match = re.search(r"^LINE (\d+):", str(exc), re.M)
        return rule.line + (int(match.group(1)) - 1 if match else 0)
    source = Path(rule.source).resolve()
    line = rule.line
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if Path(frame.f_code.co_filename).resolve() == source:
            line = lineno
    return line
