"""Write the site's files into the folder `ledger.outdir` swaps in atomically. A folder is only
ever replaced when it holds the marker file of an earlier factledger report."""
from __future__ import annotations

from pathlib import Path

from ..outdir import OutputDirError, check_target, marker, output_folder

KIND = "report"
MARKER = marker(KIND)
ReportDirError = OutputDirError  # the name callers catch


def write_site(files: dict[str, str], target: Path, protect=()) -> None:
    with output_folder(target, KIND, protect) as tmp:
        write_files(files, tmp)


def write_files(files: dict[str, str], folder: Path) -> None:
    for rel, text in sorted(files.items()):
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def refuse_foreign(target: Path, protect=()) -> None:
    check_target(target, KIND, protect)
