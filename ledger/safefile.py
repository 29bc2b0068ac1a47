"""Reading a file the ledger names or walks, as a stranger's pull request could have set it up:
the real path (symlinks resolved) must stay inside the ledger folder, the file must be a regular
file (a FIFO would block the read for ever, a device never ends), and any failure is a message for
a located finding, never an exception or a hang."""
from __future__ import annotations

import os
import stat
from pathlib import Path


class Refused(Exception):
    """Why the file was not read, worded to follow its name."""


def read_inside(path: Path, roots: list[Path], limit: int | None = None) -> bytes:
    """The bytes of `path`, or Refused. `roots` are resolved ledger folders. With `limit`, at most
    limit + 1 bytes are read (the caller reports a file over its cap without holding all of it)."""
    try:
        real = Path(path).resolve(strict=True)
    except FileNotFoundError:
        raise Refused("does not exist (a dangling symlink?)") from None
    except (OSError, RuntimeError) as exc:  # symlink loop, permission on a folder on the way
        raise Refused(f"cannot be resolved ({getattr(exc, 'strerror', None) or exc})") from None
    if not any(real.is_relative_to(root) for root in roots):
        raise Refused("is a symlink to a file outside the ledger folder: refused; keep ledger files inside it")
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; the type is checked before any read
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise Refused(f"cannot be read ({exc.strerror})") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise Refused(f"is not a regular file ({_kind(mode)}): refused")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(-1 if limit is None else limit + 1)
    except OSError as exc:
        raise Refused(f"cannot be read ({exc.strerror})") from None
    finally:
        os.close(fd)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "a special file"
