"""The one writer of generated folders (`export --parquet`, `report --html`): it never replaces
or deletes what it does not own, and a swap interrupted at any point is finished or undone by the
next run (issue 9, items 1 and 9)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, VOCAB, article, write_ledger
from ledger import outdir
from ledger.cli import main
from ledger.outdir import OutputDirError, output_folder

FACTLEDGER = [sys.executable, "-m", "ledger"]


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _ledger(tmp_path: Path) -> Path:
    return write_ledger(tmp_path / "claims", {"vocab.yaml": VOCAB, "a.yaml": article("Acme sold 40 batteries.")})


def _run(args, cwd):
    return subprocess.run(FACTLEDGER + args, cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_export_onto_the_ledger_deletes_nothing(tmp_path):
    """Regression: `factledger export --parquet claims claims` used to replace the ledger."""
    ledger = _ledger(tmp_path)
    before = _tree(ledger)
    done = _run(["export", "--parquet", "claims", "claims"], tmp_path)
    assert done.returncode == 2, done.stderr
    assert "holds the ledger" in done.stderr and "Traceback" not in done.stderr
    assert _tree(ledger) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims"]


def test_export_onto_a_parent_of_the_ledger_or_the_current_folder_is_refused(tmp_path):
    ledger = _ledger(tmp_path)
    before = _tree(tmp_path)
    for target in (".", str(tmp_path), ".."):
        done = _run(["export", "--parquet", target, "claims"], tmp_path)
        assert done.returncode == 2, (target, done.stderr)
        assert done.stderr.startswith("factledger: ") and "Traceback" not in done.stderr
        assert done.stderr.count("\n") == 1
    assert _tree(tmp_path) == before  # no stray `..xxxx.old` folder, nothing touched
    assert sorted(os.listdir(tmp_path)) == ["claims"]
    for folder in (tmp_path, tmp_path.parent):  # targets `.` and `..`: their temp would sit beside them
        assert [n for n in os.listdir(folder.parent) if n.startswith("." + folder.name)] == []
    assert ledger.is_dir()


def test_export_refuses_a_folder_that_is_not_an_export(tmp_path):
    ledger = _ledger(tmp_path)
    mine = tmp_path / "data"
    (mine / "sub").mkdir(parents=True)
    (mine / "notes.txt").write_text("keep")
    (mine / "sub" / "x.csv").write_text("1,2")
    (tmp_path / "file.parquet").write_text("not a folder")
    assert main(["export", str(ledger), "--parquet", str(mine)]) == 2
    assert main(["export", str(ledger), "--parquet", str(tmp_path / "file.parquet")]) == 2
    assert _tree(mine) == {"notes.txt": b"keep", "sub/x.csv": b"1,2"}
    assert (tmp_path / "file.parquet").read_text() == "not a folder"
    # an earlier report is ours, but not an export: refused too
    assert main(["report", str(ledger), "--html", str(tmp_path / "site")]) == 0
    assert main(["export", str(ledger), "--parquet", str(tmp_path / "site")]) == 2
    assert (tmp_path / "site" / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims", "data", "file.parquet", "site"]


def test_export_fills_an_empty_folder_and_replaces_its_own(tmp_path):
    ledger = _ledger(tmp_path)
    out = tmp_path / "pq"
    out.mkdir()
    assert main(["export", str(ledger), "--parquet", str(out)]) == 0
    assert (out / ".factledger-export").is_file() and (out / "claims.parquet").is_file()
    assert not (out / "ledger.duckdb").exists()  # the scratch database stays out of the export
    assert main(["export", str(ledger), "--parquet", str(out)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims", "pq"]


def test_a_symlinked_target_is_refused(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    with pytest.raises(OutputDirError, match="symbolic link"):
        with output_folder(tmp_path / "link", "export"):
            pass


def test_a_failure_while_filling_leaves_the_old_output_and_no_temp(tmp_path):
    target = tmp_path / "out"
    with output_folder(target, "export") as tmp:
        (tmp / "a").write_text("old")
    with pytest.raises(RuntimeError):
        with output_folder(target, "export") as tmp:
            (tmp / "a").write_text("new")
            raise RuntimeError("killed half-way")
    assert (target / "a").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_swap_replaces_the_folder(tmp_path, monkeypatch, exchange):
    if not exchange:
        monkeypatch.setattr(outdir, "_exchange", lambda a, b: False)
    target = tmp_path / "out"
    for text in ("one", "two"):
        with output_folder(target, "export") as tmp:
            (tmp / "a").write_text(text)
    assert (target / "a").read_text() == "two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_recover_puts_back_the_old_output_after_a_kill_between_the_renames(tmp_path):
    target = tmp_path / "out"
    with output_folder(target, "export") as tmp:
        (tmp / "a").write_text("old")
    backup = tmp_path / ".out.factledger-old"
    os.replace(target, backup)  # what a kill after the first of two renames leaves
    dead = tmp_path / f".out.factledger-tmp-{_dead_pid()}-x"
    dead.mkdir()
    (dead / "a").write_text("half")
    outdir.recover(target)
    assert (target / "a").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_recover_drops_the_backup_when_the_new_output_made_it(tmp_path):
    target = tmp_path / "out"
    for text in ("old", "new"):
        with output_folder(target, "export") as tmp:
            (tmp / "a").write_text(text)
    backup = tmp_path / ".out.factledger-old"
    shutil.copytree(target, backup)
    outdir.recover(target)
    assert (target / "a").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_recover_leaves_foreign_look_alikes_and_live_runs_alone(tmp_path):
    target = tmp_path / "out"
    backup = tmp_path / ".out.factledger-old"
    backup.mkdir()
    (backup / "mine.txt").write_text("no marker: not ours")
    live = tmp_path / f".out.factledger-tmp-{os.getpid()}-x"
    live.mkdir()
    outdir.recover(target)
    assert (backup / "mine.txt").is_file() and live.is_dir() and not target.exists()


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid
