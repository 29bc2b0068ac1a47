"""`factledger export --parquet DIR`: every table of the ledger database as one Parquet file, so the
same tables and SQL rules can run on a distributed engine (docs/scale.md). Written atomically: a
temp folder beside DIR, renamed over it when complete."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from . import engine, schema
from .engine import Options, Report


def export_parquet(paths: list[Path], target: Path, options: Options | None = None) -> Report:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        out = work / "parquet"
        out.mkdir()
        with engine.open(paths, options) as run:
            for table in schema.TABLES:
                run.db.execute(f"COPY {table} TO '{out / (table + '.parquet')}' (FORMAT parquet)")
        report = run.report
        old = None
        if target.exists():  # move the previous export aside first: rename cannot replace a folder
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
            os.replace(target, old / "previous")
        os.replace(out, target)
        if old is not None:
            shutil.rmtree(old)
        return report
    finally:
        shutil.rmtree(work, ignore_errors=True)
