"""Write the site atomically: build it in a temp folder beside the target, then swap it in. A
folder is only ever replaced when it holds the marker file of an earlier factledger report."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

MARKER = ".factledger-report"


class ReportDirError(Exception):
    """The target cannot be (re)written without destroying something that is not a report."""


def write_site(files: dict[str, str], target: Path) -> None:
    target = Path(target)
    refuse_foreign(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    old = None
    try:
        for rel, text in sorted(files.items()):
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        (tmp / MARKER).write_text("written by `factledger report --html`; the folder is replaced on the next run\n",
                                  encoding="utf-8")
        os.chmod(tmp, 0o755)  # mkdtemp makes it private; a site is meant to be read
        if target.exists():
            # two renames: a non-empty folder cannot be replaced in one; the old site is deleted
            # only once the new one is in place, and put back if that fails
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
            os.replace(target, old)
            try:
                os.replace(tmp, target)
            except OSError:
                os.replace(old, target)
                raise
        else:
            os.replace(tmp, target)
    finally:
        for leftover in (tmp, old):
            if leftover is not None and leftover.exists():
                shutil.rmtree(leftover)


def refuse_foreign(target: Path) -> None:
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise ReportDirError(f"{target}: exists and is not a folder; give a new folder for the report")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise ReportDirError(f"{target}: folder exists and is not a factledger report (no {MARKER} in it); "
                             "refusing to replace it — give a new or empty folder")
