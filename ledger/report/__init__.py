"""`factledger report --html DIR`: a static review site of the ledger (no server, no external
assets). `model` builds the page model from a check report and its database, `html` renders it,
`write` puts it in place atomically."""
from __future__ import annotations

from pathlib import Path

from .. import engine
from ..engine import Options, Report
from .html import render_site
from .model import Site, build_site
from ..outdir import output_folder
from .write import KIND, ReportDirError, write_files

__all__ = ["ReportDirError", "html_report"]


def html_report(paths: list[Path], target: Path, options: Options | None = None,
                db_path: Path | None = None) -> tuple[Report, Site]:
    """Check the ledger, then write the site to `target`; the database is kept at `db_path` when
    given."""
    protect = [*paths, *([db_path] if db_path is not None else [])]
    with output_folder(target, KIND, protect) as out:  # refuses a foreign target before the check
        with engine.open(paths, options, db_path) as run:
            site = build_site(run)
        write_files(render_site(site), out)
    return run.report, site
