"""`factledger export --parquet DIR`: every table of the ledger database as one Parquet file, so the
same tables and SQL rules can run on a distributed engine (docs/scale.md). Written through
`ledger.outdir`: built in a temp folder beside DIR and swapped in atomically, and only ever
replacing an earlier export (a folder holding `.factledger-export`) or an empty folder."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from . import engine, schema
from .engine import Options, Report
from .outdir import output_folder

KIND = "export"


def export_parquet(paths: list[Path], target: Path, options: Options | None = None) -> Report:
    with output_folder(Path(target), KIND, protect=paths) as out:
        # the sandboxed database may write this one temp folder, nothing else
        options = dataclasses.replace(options or Options(), writable=out)
        with engine.open(paths, options) as run:
            for table in schema.TABLES:
                path = str(out / (table + ".parquet")).replace("'", "''")
                run.db.execute(f"COPY {table} TO '{path}' (FORMAT parquet)")
    return run.report
