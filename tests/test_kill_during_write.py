"""kill -9 during `build`, `export` and `report` (issue 9, item 9): at any point the target holds the
previous output or the complete new one (or, between the two renames of the fallback swap, a
backup the next run puts back), and the next run leaves no temp files, folders or WAL behind.

Kills land at fixed points (a driver patches the step to SIGKILL its own process) and at random
moments of a real run (the seed is in the test id, so a failure can be replayed)."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import ROOT, VOCAB, article, write_ledger
from ledger import outdir

# Runs the CLI; KILL_AT names a step at which the process kills itself with SIGKILL.
_DRIVER = r"""
import os, signal, sys
from ledger import outdir
from ledger.cli import main
at = os.environ.get("KILL_AT", "")
real_replace = os.replace
def die():
    os.kill(os.getpid(), signal.SIGKILL)
def replace(src, dst):
    src, dst = str(src), str(dst)
    if at == "before-db-rename" and ".factledger-tmp-" in os.path.basename(src) and src.endswith(".duckdb"):
        die()
    real_replace(src, dst)
    if at == "between-renames" and dst.endswith(".factledger-old"):
        die()
os.replace = replace
if at == "between-renames":
    outdir._exchange = lambda a, b: False
if at == "after-exchange":
    real_exchange = outdir._exchange
    def exchange(a, b):
        done = real_exchange(a, b)
        die()
    outdir._exchange = exchange
sys.exit(main(sys.argv[1:]))
"""

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _ledgers(tmp_path: Path) -> tuple[Path, Path]:
    """The previous ledger (one article) and the new one (two)."""
    old = write_ledger(tmp_path / "old", {"vocab.yaml": VOCAB, "a.yaml": article("Acme sold 40 batteries.")})
    new = write_ledger(tmp_path / "new", {"vocab.yaml": VOCAB, "a.yaml": article("Acme sold 40 batteries."),
                                          "b.yaml": article("Acme sold 41 batteries.", article_id="b")})
    return old, new


def _command(kind: str, target: Path, ledger: Path) -> list[str]:
    flag = {"build": "--db", "export": "--parquet", "report": "--html"}[kind]
    return [kind, str(ledger), flag, str(target)]


def _articles(kind: str, target: Path) -> int | None:
    """How many articles the output at `target` holds; None when it is missing or incomplete."""
    if kind == "build":
        if not target.is_file():
            return None
        con = duckdb.connect(str(target), read_only=True)
        try:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    if not target.is_dir():
        return None
    if kind == "export":
        names = {p.name for p in target.iterdir()}
        if not {".factledger-export", "claims.parquet", "findings.parquet", "articles.parquet"} <= names:
            return None
        return duckdb.sql(f"SELECT count(*) FROM '{target / 'articles.parquet'}'").fetchall()[0][0]
    pages = {p.name for p in (target / "articles").glob("*.html")}
    assert (target / "index.html").is_file() and (target / ".factledger-report").is_file()
    return len(pages)


def _run(args: list[str], kill_at: str = "") -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", _DRIVER, *args], env={**ENV, "KILL_AT": kill_at},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _ok(args: list[str]) -> float:
    start = time.perf_counter()
    done = _run(args)
    _, err = done.communicate()
    assert done.returncode in (0, 1), err
    return time.perf_counter() - start


def _debris(folder: Path, target: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("." + target.name))


@pytest.mark.parametrize("kind,kill_at", [("build", "before-db-rename"), ("export", "between-renames"),
                                          ("export", "after-exchange"), ("report", "between-renames"),
                                          ("report", "after-exchange")])
def test_kill_at_the_swap(tmp_path, kind, kill_at):
    old, new = _ledgers(tmp_path)
    target = tmp_path / "out" / ("l.duckdb" if kind == "build" else kind)
    _ok(_command(kind, target, old))
    killed = _run(_command(kind, target, new), kill_at)
    killed.communicate()
    assert killed.returncode == -signal.SIGKILL
    left = _articles(kind, target)
    if kill_at == "between-renames":  # the only moment without output in place: the backup holds it
        assert left is None and _debris(target.parent, target)
        outdir.recover(target)
        assert _articles(kind, target) == 1
    else:
        assert left == (2 if kill_at == "after-exchange" else 1)
        assert _debris(target.parent, target)  # the killed run's temp is there ...
    _ok(_command(kind, target, new))
    assert _articles(kind, target) == 2
    assert _debris(target.parent, target) == []  # ... and the next run cleaned it up


@pytest.mark.parametrize("kind", ["build", "export", "report"])
@pytest.mark.parametrize("seed", [1])
def test_kill_at_a_random_moment(tmp_path, kind, seed):
    old, new = _ledgers(tmp_path)
    target = tmp_path / "out" / ("l.duckdb" if kind == "build" else kind)
    took = _ok(_command(kind, target, old))
    delay = random.Random(f"{kind}{seed}").uniform(0.3, 1.0) * took
    killed = _run(_command(kind, target, new))
    time.sleep(delay)
    killed.send_signal(signal.SIGKILL)
    killed.communicate()
    if kind != "build":
        outdir.recover(target)  # what the next run does first
    assert _articles(kind, target) in (1, 2)  # the previous output, or the complete new one
    _ok(_command(kind, target, new))
    assert _articles(kind, target) == 2
    assert _debris(target.parent, target) == []
