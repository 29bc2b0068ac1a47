"""`factledger report --html DIR`: a static review site of the ledger (no server, no external
assets). `model` builds the page model from a check report and its database, `html` renders it,
`write` puts it in place atomically."""
from __future__ import annotations

from pathlib import Path

import duckdb

from ..engine import Options, Report, run_check
from .html import render_site
from .model import Site, build_site
from ..outdir import output_folder
from .write import KIND, ReportDirError, write_files

__all__ = ["ReportDirError", "html_report"]


def html_report(paths: list[Path], target: Path, options: Options | None = None,
                db_path: Path | None = None) -> tuple[Report, Site]:
    """Check the ledger, then write the site to `target`. The check runs into a database file
    (`db_path`, kept, or a scratch one inside the temp output folder) because the site reads the
    tables the rules produced."""
    protect = [*paths, *([db_path] if db_path is not None else [])]
    with output_folder(target, KIND, protect) as out:  # refuses a foreign target before the check
        db = Path(db_path) if db_path is not None else out / "ledger.duckdb"
        report = run_check(paths, options, db_path=db)
        con = duckdb.connect(str(db), read_only=True)
        try:
            site = build_site(report, con)
        finally:
            con.close()
        if db_path is None:
            db.unlink()
        write_files(render_site(site), out)
    return report, site
