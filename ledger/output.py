"""Where a command's output goes: standard output, or `--output-file`, written atomically (a
temp file beside the target, then renamed over it: a reader never sees half a report, and an
interrupted run leaves the previous file as it was)."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


class OutputError(Exception):
    """The output file cannot be written (exit 2)."""


def write_text_atomic(target: Path, text: str) -> None:
    target = Path(target)
    if target.is_dir():
        raise OutputError(f"{target}: is a folder; --output-file names a file")
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{target}: cannot write there ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def emit(text: str, output_file: Path | None) -> None:
    """Write `text` to standard output, or to `output_file` atomically."""
    if output_file is None:
        sys.stdout.write(text)
    else:
        write_text_atomic(output_file, text)
