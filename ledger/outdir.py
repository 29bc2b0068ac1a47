"""Generated output folders (`report --html DIR`, `export --parquet DIR`), written atomically and
only where we own the target.

Ownership: a folder we wrote holds a marker file naming what wrote it (`.factledger-report`,
`.factledger-export`). A target is refused when it is a file or a symlink, a non-empty folder
without our marker, the current folder or one of its parents, or a folder holding (or being) one
of the `protect` paths (the ledger being read).

Atomicity: the output is built in a temp folder beside the target (`.<name>.factledger-tmp-<pid>-*`)
and swapped in. On Linux the swap is one `renameat2(RENAME_EXCHANGE)`: readers and a kill see the
old folder or the new one, never neither. Elsewhere it is two renames through a backup folder
(`.<name>.factledger-old`); a kill between them leaves the backup, which the next run puts back
(no new output in place) or deletes (new output in place) before doing anything else. Temp folders
of killed runs (their pid no longer alive) are deleted by the next run into the same target; the
database files of `ledger.store` use the same temp names and clean-up.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

MARKER_PREFIX = ".factledger-"
_TMP = ".factledger-tmp-"


class OutputDirError(Exception):
    """The output folder cannot be (re)written without destroying something that is not ours."""


def marker(kind: str) -> str:
    return MARKER_PREFIX + kind


def check_target(target: Path, kind: str, protect: Iterable[Path] = ()) -> None:
    """Raise OutputDirError when writing `kind` output to `target` could lose something."""
    target = Path(target)
    shown = str(target)
    if target.is_symlink():
        raise OutputDirError(f"{shown}: is a symbolic link; give a new folder for the {kind}")
    if target.exists() and not target.is_dir():
        raise OutputDirError(f"{shown}: exists and is not a folder; give a new folder for the {kind}")
    here = target.resolve()
    cwd = Path.cwd().resolve()
    if here == cwd or here in cwd.parents:
        raise OutputDirError(f"{shown}: is the current folder{'' if here == cwd else ' or one of its parents'}; "
                             f"give a new folder for the {kind}, e.g. `{kind}`")
    for p in protect:
        p = Path(p).resolve()
        if here == p or here in p.parents:
            raise OutputDirError(f"{shown}: holds the ledger ({p}); refusing to replace it — "
                                 f"give a new folder for the {kind}")
    if target.is_dir() and not (target / marker(kind)).is_file() and _has_entries(target):
        raise OutputDirError(f"{shown}: folder exists and is not a factledger {kind} (no {marker(kind)} in it); "
                             f"refusing to replace it — give a new or empty folder")


def make_parent(target: Path, kind: str, error=OutputDirError) -> None:
    """Create the folder `target` goes in, or say in one line why it cannot be."""
    for parent in Path(target).parents:
        if parent.exists() or parent.is_symlink():
            if not parent.is_dir():
                raise error(f"{target}: {parent} is a file, not a folder; give another path for the {kind}")
            break
    try:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise error(f"{target}: cannot create its folder ({exc.strerror or exc})") from None


def _has_entries(folder: Path) -> bool:
    try:
        return any(folder.iterdir())
    except OSError as exc:
        raise OutputDirError(f"{folder}: cannot read the folder ({exc.strerror})") from None


@contextmanager
def output_folder(target: Path, kind: str, protect: Iterable[Path] = ()) -> Iterator[Path]:
    """Yield a fresh temp folder beside `target` to fill; when the block succeeds it replaces
    `target`. On error the temp folder is removed and `target` is left as it was."""
    target = Path(target)
    protect = list(protect)
    check_target(target, kind, protect)
    make_parent(target, kind)
    try:
        recover(target)
        check_target(target, kind, protect)  # recovery may have put an old output back
        tmp = Path(tempfile.mkdtemp(prefix=temp_prefix(target), dir=target.parent))
    except OSError as exc:
        raise OutputDirError(f"{target}: cannot write the {kind} there ({exc.strerror or exc})") from None
    try:
        (tmp / marker(kind)).write_text(f"written by factledger ({kind}); this folder is replaced on the next run\n",
                                        encoding="utf-8")
        yield tmp
        os.chmod(tmp, 0o755)  # mkdtemp makes it private; output is meant to be read
        _swap(tmp, target)
    except OSError as exc:
        raise OutputDirError(f"{target}: cannot write the {kind} ({exc.strerror or exc}); "
                             "the previous output, if any, is unchanged") from None
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _swap(tmp: Path, target: Path) -> None:
    if target.is_dir() and not any(target.iterdir()):
        target.rmdir()  # an empty folder the user made for us: nothing to keep
    if not target.exists():
        os.replace(tmp, target)
    elif _exchange(tmp, target):
        pass  # tmp now holds the old output; the caller's cleanup deletes it
    else:
        backup = _backup(target)
        os.replace(target, backup)
        os.replace(tmp, target)
        shutil.rmtree(backup)
    _sync(target.parent)


def recover(target: Path) -> None:
    """Finish or undo a swap a killed run left half done, and delete killed runs' temp folders."""
    target = Path(target)
    backup = _backup(target)
    if backup.is_dir() and any(backup.glob(MARKER_PREFIX + "*")):
        if target.exists():
            shutil.rmtree(backup)  # the new output made it in; the old one is garbage
        else:
            os.replace(backup, target)  # killed between the two renames: put the old output back
    remove_dead_temps(target)


def temp_prefix(target: Path) -> str:
    """Name prefix of the temp files and folders written for `target`: the pid tells a killed
    run's debris from a live run's work."""
    return f".{target.name}{_TMP}{os.getpid()}-"


def remove_dead_temps(target: Path) -> None:
    """Delete temp files and folders of `target` whose run is no longer alive."""
    pattern = re.compile(re.escape(f".{target.name}{_TMP}") + r"(\d+)-")
    glob = re.sub(r"([*?\[])", r"[\1]", f".{target.name}{_TMP}") + "*"
    for leftover in target.parent.glob(glob):
        m = pattern.match(leftover.name)
        if not m or _alive(int(m.group(1))):
            continue
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            try:
                leftover.unlink()
            except OSError:
                pass


def _backup(target: Path) -> Path:
    return target.parent / f".{target.name}.factledger-old"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's live process (or an odd number): leave its folder alone
    return True


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False where the system cannot."""
    libc = _libc()
    func = getattr(libc, "renameat2", None) if libc is not None else None
    if func is None:
        return False
    if func(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    return False  # ENOSYS, EINVAL (file system without exchange), ...: fall back to two renames


_LIBC: list = []


def _libc():
    if not _LIBC:
        try:
            _LIBC.append(ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True))
        except OSError:
            _LIBC.append(None)
    return _LIBC[0]


def _sync(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
