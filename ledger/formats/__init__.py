"""Output formats of `factledger check`. Every one is a pure function of the run's report; the
finding-only formatters of `ledger.formatters` are adapted, the CI formats below also need the
rule catalogue (SARIF, JUnit) or the repository root (SARIF URIs)."""
from __future__ import annotations

from pathlib import Path

from .. import formatters
from . import github, junit, sarif

# name -> render(report, root): formats that need more than the findings and counts
_REPORT_FORMATS = {"sarif": sarif.render, "github": github.render, "junit": junit.render}


def names() -> list[str]:
    return [*formatters.FORMATS, *_REPORT_FORMATS]


def render(name: str, report, root: Path) -> str:
    """`report` is an engine.Report; `root` the folder SARIF URIs are relative to (the repository)."""
    if name in _REPORT_FORMATS:
        return _REPORT_FORMATS[name](report, root)
    return formatters.FORMATS[name](report.findings, report.files, report.articles, report.claims)


def repository_root(start: Path) -> Path:
    """The nearest folder at or above `start` holding `.git`; `start` itself when there is none."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start
