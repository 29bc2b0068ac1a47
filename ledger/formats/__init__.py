"""Output formats of `factledger check`, one registry: every format is a module here with
`render(report, root) -> str`, a pure function of the run's report (an engine.Report: findings,
rule catalogue, counts) and the folder file URIs are relative to (the repository, for SARIF)."""
from __future__ import annotations

from pathlib import Path

from . import github, json, junit, sarif, text

FORMATS = {"text": text.render, "json": json.render, "sarif": sarif.render, "github": github.render,
           "junit": junit.render}


def names() -> list[str]:
    return list(FORMATS)


def render(name: str, report, root: Path) -> str:
    return FORMATS[name](report, root)


def repository_root(start: Path) -> Path:
    """The nearest folder at or above `start` holding `.git`; `start` itself when there is none."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start
