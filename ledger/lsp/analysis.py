"""What the language server knows about a ledger: the findings of a full check and the resolved
rows, computed on the ledger folder with the editor's unsaved texts overlaid.

There is no warm engine session yet (issue 15), so a recheck is simple and honest: mirror the
ledger folder in a temp folder (hard links, else copies, of its files — the loader refuses
symlinks leading out of a ledger — and the open documents' texts written out),
run the same `run_check` the CLI runs, then map every path back to the real folder. What the
editor shows is therefore exactly what `factledger check` will say once the files are saved."""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .. import schema
from ..config import Config, load as load_config
from ..engine import Options, hedge_tolerance, run_check
from ..finding import Finding
from ..loader import YAML_SUFFIXES
from ..resolve import resolve
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


def analyse(root: Path, overlay: dict[Path, str]) -> Analysis:
    """Check the ledger at `root` as if each overlay path (absolute) held its text."""
    started = time.perf_counter()
    root = root.resolve()
    config = _config(root)
    options = Options(select=config.select, ignore=config.ignore, rule_dirs=config.checks,
                      severities=config.severity, hedge_tolerance=dict(config.hedge_tolerance),
                      **({} if config.tolerance is None else {"tolerance": config.tolerance}))
    mirror = Path(tempfile.mkdtemp(prefix="factledger-lsp-")).resolve()
    try:
        real_files = _mirror(root, mirror, {p.resolve(): t for p, t in overlay.items()})
        report = run_check([mirror], options)
        resolved = resolve(report.ledger, hedge_tolerance(options))

        def real(display: str) -> str:
            path = Path(os.path.abspath(display))
            try:
                return str(root / path.relative_to(mirror))
            except ValueError:
                return str(path)

        findings = [_moved(f, real(f.file)) for f in report.findings]
        tables = resolved.tables
        claims = [_row("claims", r, real) for r in tables.claims]
        entities = {r["key"]: r for r in (_row("entities", r, real) for r in tables.entities)}
        metrics = {r["key"]: r for r in (_row("metrics", r, real) for r in tables.metrics)}
        units = {r["name"]: r for r in (_row("units", r, real) for r in tables.units)}
        articles = {r["article_id"]: r for r in (_row("articles", r, real) for r in tables.articles)}
    finally:
        shutil.rmtree(mirror, ignore_errors=True)
    return Analysis(root, findings, claims, entities, metrics, units, articles, resolved.unit_table,
                    time.perf_counter() - started, real_files)


def _mirror(root: Path, mirror: Path, overlay: dict[Path, str]) -> list[Path]:
    real_files = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        here = Path(dirpath)
        target_dir = mirror / here.relative_to(root)
        target_dir.mkdir(parents=True, exist_ok=True)
        for name in filenames:
            src = here / name
            if src in overlay:
                (target_dir / name).write_text(overlay[src], encoding="utf-8")
            else:  # the loader refuses symlinks and texts that resolve outside the ledger (L101, L106)
                _link_or_copy(src, target_dir / name)
            if src.suffix in YAML_SUFFIXES:
                real_files.append(src)
    for path, text in overlay.items():  # a new file not saved yet
        if root in path.parents and not (mirror / path.relative_to(root)).exists():
            (mirror / path.relative_to(root)).parent.mkdir(parents=True, exist_ok=True)
            (mirror / path.relative_to(root)).write_text(text, encoding="utf-8")
            real_files.append(path)
    return real_files


def _link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)  # same file system: free
    except OSError:
        shutil.copyfile(src, dst)


def _moved(f: Finding, file: str) -> Finding:
    import dataclasses

    return dataclasses.replace(f, file=file)


def _row(table: str, values: tuple, real) -> dict:
    row = dict(zip(schema.columns(table), values))
    if row.get("file"):
        row["file"] = real(row["file"])
    return row
