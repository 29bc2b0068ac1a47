"""`factledger report --html DIR`: a static review site of the ledger (no server, no external
assets). `model` builds the page model from a check report and its database, `html` renders it,
`write` puts it in place atomically."""
from __future__ import annotations

from pathlib import Path

from .. import engine
from ..engine import Options, Report
from .html import render_site
from .model import Site, build_site
from .write import ReportDirError, refuse_foreign, write_site

__all__ = ["ReportDirError", "html_report"]


def html_report(paths: list[Path], target: Path, options: Options | None = None,
                db_path: Path | None = None) -> tuple[Report, Site]:
    """Check the ledger, then write the site to `target`; the database is kept at `db_path` when
    given."""
    refuse_foreign(target)  # before the check: a refusal should not wait for it
    with engine.open(paths, options, db_path) as run:
        site = build_site(run)
    write_site(render_site(site), target)
    return run.report, site
