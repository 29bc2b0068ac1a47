"""What the language server knows about a ledger: the findings of a check and the resolved rows,
with the editor's unsaved texts overlaid.

Each ledger folder keeps a warm ledger.session.Session: a recheck hands it the documents whose
text changed since the last one (and the files changed on disk, by size and modification time),
and the session re-checks only what those edits can affect — the same findings a cold
`factledger check` gives once the files are saved (tests/test_incremental.py)."""
from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .. import schema
from ..config import Config, load as load_config
from ..finding import Finding
from ..session import Options, Session
from ..units import UnitTable


@dataclass(slots=True)
class Analysis:
    root: Path  # the real ledger folder
    findings: list[Finding]  # `file` is an absolute path in the real folder
    claims: list[dict]  # claims table rows by column name; `file` absolute
    entities: dict[str, dict]
    metrics: dict[str, dict]
    units: dict[str, dict]
    articles: dict[str, dict]
    unit_table: UnitTable
    seconds: float = 0.0  # wall time of the recheck
    files: list[Path] = field(default_factory=list)  # every ledger file the check saw (real paths)


def ledger_root(document: Path, workspace: Path | None = None) -> Path:
    """The folder to check for `document`: a configured `paths` entry holding it, else the nearest
    folder at or above it with a `vocab.yaml` (the shared vocabulary marks a ledger), else its own."""
    document = document.resolve()
    config = _config(workspace or document.parent)
    for p in config.paths:
        p = p.resolve()
        if p.is_dir() and (p == document.parent or p in document.parents):
            return p
    for folder in document.parents:
        if (folder / "vocab.yaml").is_file():
            return folder
        if workspace is not None and folder == workspace.resolve():
            break
    return document.parent


def _config(start: Path) -> Config:
    try:
        return load_config(start)
    except Exception:  # a broken configuration is the CLI's to report; check with the defaults
        return Config()


@dataclass(slots=True)
class _Warm:
    """A ledger folder's open session and what it last saw: the overlay and the disk."""
    session: Session
    options: Options
    overlay: dict[Path, str]
    disk: dict[Path, tuple[int, int]]
    lock: threading.Lock = field(default_factory=threading.Lock)


_warm: dict[Path, _Warm] = {}


def analyse(root: Path, overlay: dict[Path, str]) -> Analysis:
    """Check the ledger at `root` as if each overlay path (absolute) held its text."""
    started = time.perf_counter()
    root = root.resolve()
    config = _config(root)
    options = Options(select=config.select, ignore=config.ignore, rule_dirs=config.checks,
                      severities=config.severity, hedge_tolerance=dict(config.hedge_tolerance),
                      **({} if config.tolerance is None else {"tolerance": config.tolerance}))
    overlay = {p.resolve(): t for p, t in overlay.items()}
    warm = _warm.get(root)
    if warm is None or warm.options != options:
        if warm is not None:
            warm.session.close()
        warm = _warm[root] = _Warm(Session.open([root], options), options, {}, _disk(root))
    with warm.lock:
        disk = _disk(root)
        # files saved, added or deleted on disk, and documents closed: the disk's text (None)
        stale = set(disk) ^ set(warm.disk) | {p for p in disk.keys() & warm.disk.keys() if disk[p] != warm.disk[p]}
        changed: dict[Path, str | None] = {p: None for p in stale | (warm.overlay.keys() - overlay.keys())}
        for p, text in overlay.items():  # an open document's text wins over the disk
            if p in changed or warm.overlay.get(p) != text:
                changed[p] = text
        report = warm.session.update(changed) if changed else warm.session.report
        warm.overlay, warm.disk = dict(overlay), disk
        session = warm.session
        tables = session.tables

        def real(display: str) -> str:
            return os.path.abspath(display)

        findings = [_moved(f, real(f.file)) for f in report.findings]
        claims = [_row("claims", r, real) for r in tables.claims]
        entities = {r["key"]: r for r in (_row("entities", r, real) for r in tables.entities)}
        metrics = {r["key"]: r for r in (_row("metrics", r, real) for r in tables.metrics)}
        units = {r["name"]: r for r in (_row("units", r, real) for r in tables.units)}
        articles = {r["article_id"]: r for r in (_row("articles", r, real) for r in tables.articles)}
        files = [f.path for f in session.ledger.files]
    return Analysis(root, findings, claims, entities, metrics, units, articles, session.vocab.unit_table,
                    time.perf_counter() - started, files)


def _disk(root: Path) -> dict[Path, tuple[int, int]]:
    """(size, modification time) of every file under the ledger folder: what changed on disk
    (a save, a checkout) since the last recheck."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            path = Path(dirpath, name)
            try:
                st = path.stat()
            except OSError:
                continue
            out[path] = (st.st_size, st.st_mtime_ns)
    return out


def _moved(f: Finding, file: str) -> Finding:
    import dataclasses

    return dataclasses.replace(f, file=file)


def _row(table: str, values: tuple, real) -> dict:
    row = dict(zip(schema.columns(table), values))
    if row.get("file"):
        row["file"] = real(row["file"])
    return row
