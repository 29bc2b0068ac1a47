"""Unit resolutions remembered between runs: a check whose unit texts were all seen before never
imports pint (its import and registry are ~0.1 CPU-s of a cold start).

For one set of vocabulary unit definitions, an entry holds what ledger.units worked out with pint:
for each unit text the UnitInfo fields or the UnitError, and which declared names pint already
defines (conflicts) or cannot use (broken). The file's name is a hash of everything that decides
those answers — pint's install (its folder, distribution and definition files) and the source of
units.py and lexicon.py — so a change to any of them starts a new file. It lives in the user's cache
folder, beside pint's own cache; it is written atomically, once, at exit and only when something was
added; an unreadable file or a malformed entry is ignored and the answer worked out again: it is
only speed. Run-time additions to the lexicon switch it off for the rest of the process.
"""
from __future__ import annotations

import atexit
import hashlib
import json
import os
import tempfile
from importlib.util import find_spec
from pathlib import Path

from . import lexicon

_MAX_SETS = 32  # definition sets kept: one per vocabulary the user checks
_MAX_UNITS = 20_000  # unit texts per set
_open: dict[Path, Memo] = {}


class Memo:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.sets: dict = {}
        self.dirty = False
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict):
            self.sets = data

    def entry(self, definitions: str) -> dict:
        """The remembered answers for one set of definitions (filled in by ledger.units)."""
        found = self.sets.get(definitions)
        if not (isinstance(found, dict) and isinstance(found.get("units"), dict)):
            if len(self.sets) >= _MAX_SETS:
                self.sets.pop(next(iter(self.sets)))
            found = self.sets[definitions] = {"units": {}}
        return found

    def add(self, entry: dict, key: str, value) -> None:
        if key == "units" or len(entry["units"]) >= _MAX_UNITS:
            return
        entry[key] = value
        self.dirty = True

    def add_unit(self, entry: dict, text: str, value: list) -> None:
        if len(entry["units"]) < _MAX_UNITS:
            entry["units"][text] = value
            self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".units-", suffix=".tmp", dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self.sets, handle, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, self.path)
            self.dirty = False
        except OSError:  # a cache we cannot write costs speed, never a check
            pass


def memo(folder: Path) -> Memo | None:
    """The memo in the cache `folder` for this pint install and this code, or None when it cannot
    be used."""
    if lexicon._generation:  # a word or currency added at run time: the answers may differ
        return None
    try:
        path = folder / f"units-{_install_key()}.json"
    except (OSError, ImportError, ValueError, AttributeError):
        return None
    if path not in _open:
        _open[path] = Memo(path)
        if len(_open) == 1:
            atexit.register(_save_all)
    return _open[path]


def _save_all() -> None:
    for m in _open.values():
        m.save()


def _install_key() -> str:
    spec = find_spec("pint")  # where pint is, without importing it
    package = Path(spec.origin).resolve().parent
    key = hashlib.sha256(f"{package}\0".encode())
    key.update("\0".join(sorted(p.name for p in package.parent.glob("pint-*.dist-info"))).encode())
    for name in ("default_en.txt", "constants_en.txt"):
        key.update((package / name).read_bytes())
    here = Path(__file__).resolve().parent
    for name in ("units.py", "lexicon.py"):
        key.update((here / name).read_bytes())
    return key.hexdigest()[:24]
