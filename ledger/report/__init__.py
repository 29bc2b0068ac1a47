"""`factledger report --html DIR`: a static review site of the ledger (no server, no external
assets). `model` builds the page model from a check report and its database, `html` renders it,
`write` puts it in place atomically."""
from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb

from ..engine import Options, Report, run_check
from .html import render_site
from .model import Site, build_site
from .write import ReportDirError, refuse_foreign, write_site

__all__ = ["ReportDirError", "html_report"]


def html_report(paths: list[Path], target: Path, options: Options | None = None,
                db_path: Path | None = None) -> tuple[Report, Site]:
    """Check the ledger, then write the site to `target`. The check runs into a database file
    (`db_path`, kept, or a temporary one) because the site reads the tables the rules produced."""
    refuse_foreign(target)  # before the check: a refusal should not wait for it
    with tempfile.TemporaryDirectory(prefix="factledger-report-") as scratch:
        db = Path(db_path) if db_path is not None else Path(scratch) / "ledger.duckdb"
        report = run_check(paths, options, db_path=db)
        con = duckdb.connect(str(db), read_only=True)
        try:
            site = build_site(report, con)
        finally:
            con.close()
    write_site(render_site(site), target)
    return report, site
