from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import settings

from ledger.engine import Options, run_check

ROOT = Path(__file__).resolve().parent.parent

# No timing assertions (the brief): hypothesis' default 200 ms deadline per example is one, and it
# fails at random on a shared machine; a test that hangs is stopped by the CI's time limit instead
settings.register_profile("factledger", deadline=None)
settings.load_profile("factledger")

# A tiny vocabulary most rule fixtures share; each fixture states only what it tests.
VOCAB = """\
entities:
  - {key: acme, name: Acme, kind: organisation}
  - {key: china, name: China, kind: country}
  - {key: alliance-letter, name: The Alliance's letter, kind: event}
metrics:
  - {key: output, description: Batteries made per unit of time, kind: rate, unit: battery/day}
  - {key: sales, description: Units sold, kind: count, unit: battery}
  - {key: cost, description: A cost, kind: money, unit: USD}
  - {key: share, description: Share of global processing, kind: share, unit: "%"}
units:
  - name: battery
"""


def write_ledger(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        data = content if isinstance(content, bytes) else textwrap.dedent(content).encode("utf-8")
        target.write_bytes(data)
    return root


def article(body: str, *, items: str = "", published: str = "2025-06-04", article_id: str = "a") -> str:
    """An article file with inline text; `items` are further top-level sections (claims: ...)."""
    head = (f"article:\n  id: {article_id}\n  title: T\n  outlet: O\n  published: {published}\n"
            f"  body: {body!r}\n").replace("body: '", 'body: "').replace("'\n", '"\n')
    return head + textwrap.dedent(items)


@pytest.fixture
def check(tmp_path):
    """check(files, select=...) -> findings of a ledger made of `files` plus the shared vocab."""
    def run(files: dict[str, str], select: list[str] = (), vocab: bool = True):
        all_files = {"vocab.yaml": VOCAB, **files} if vocab else dict(files)
        ledger = write_ledger(tmp_path / "ledger", all_files)
        return run_check([ledger], Options(select=list(select))).findings
    return run


def located(findings, rule: str) -> list[tuple[str, int, int]]:
    return [(Path(f.file).name, f.line, f.col) for f in findings if f.rule == rule]
