"""pint's parsed-definitions cache must never break a check (issue 9, item 2): pint's own `:auto:`
cache kept the path of the install that wrote it, so deleting one venv crashed every other."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pint

from conftest import ROOT, VOCAB, article, write_ledger
from ledger.units import UnitTable


def _check(ledger: Path, home: Path, pythonpath: list[Path]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_CACHE_HOME", "HOME", "PYTHONPATH")}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(home / "cache"),
               PYTHONPATH=os.pathsep.join(str(p) for p in [*pythonpath, ROOT]))
    return subprocess.run([sys.executable, "-m", "ledger", "check", str(ledger)], capture_output=True, text=True,
                          env=env, cwd=home)


def test_deleting_another_install_of_pint_does_not_break_this_one(tmp_path):
    """The issue's recipe: run with a copy of pint, delete the copy, run again."""
    ledger = write_ledger(tmp_path / "claims", {"vocab.yaml": VOCAB, "a.yaml": article("Acme sold 40 batteries.")})
    home = tmp_path / "home"
    home.mkdir()
    scratch = tmp_path / "scratch"
    shutil.copytree(Path(pint.__file__).parent, scratch / "pint")
    first = _check(ledger, home, [scratch])
    assert first.returncode in (0, 1) and "Traceback" not in first.stderr, first.stderr
    shutil.rmtree(scratch)
    second = _check(ledger, home, [])
    assert second.returncode == first.returncode, second.stderr
    assert "Traceback" not in second.stderr and second.stdout == first.stdout


def test_a_corrupt_cache_falls_back_to_parsing(tmp_path, monkeypatch):
    from ledger.units import pint_cache_folder

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    folder = pint_cache_folder(pint)
    assert folder is not None and tmp_path in folder.parents
    assert UnitTable().resolve("km/h").factor == UnitTable().resolve("m/s").factor / 3.6  # fills the cache
    files = list(folder.iterdir())
    assert files  # the cache is used, so the speed is kept
    for f in files:
        f.write_bytes(b"\x80garbage")
    assert UnitTable().resolve("GWh").dimension == UnitTable().resolve("kWh").dimension


def test_an_unwritable_cache_location_runs_without_a_cache(tmp_path, monkeypatch):
    from ledger.units import pint_cache_folder

    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # its "cache folder" would be inside a file
    monkeypatch.setenv("HOME", str(blocker))
    assert pint_cache_folder(pint) is None
    assert UnitTable().resolve("t").canonical == "kilogram"
