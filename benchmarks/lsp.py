"""Time per recheck of `factledger lsp` (the work after a pause in typing): the folder's warm
session re-checking one open document whose unsaved text changed since the last recheck, against
a plain cold `run_check` of the same folder in the same run.

    python benchmarks/lsp.py [--ledger claims] [--runs 5]

Prints medians of wall and CPU time (CPU of this process, DuckDB's threads included)."""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ledger.engine import run_check  # noqa: E402
from ledger.lsp.analysis import analyse  # noqa: E402


def timed(fn) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ledger", type=Path, default=ROOT / "claims")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    root = args.ledger.resolve()
    doc = next(p for p in sorted(root.glob("*.yaml")) if p.name != "vocab.yaml")
    text = doc.read_text(encoding="utf-8")
    edits = [text.replace("quote: ", "quote: (edited) ", 1), text + "\n# an unsaved edit\n"]
    analyse(root, {doc: edits[1]})  # warm imports, the pint cache and the folder's session
    plain = [timed(lambda: run_check([root])) for _ in range(args.runs)]
    lsp = [timed(lambda n=n: analyse(root, {doc: edits[n % 2]})) for n in range(args.runs)]  # a change each time
    for name, rows in (("run_check (floor)", plain), ("lsp recheck", lsp)):
        wall = statistics.median(r[0] for r in rows)
        cpu = statistics.median(r[1] for r in rows)
        print(f"{name:<18} wall {wall:6.3f} s  cpu {cpu:6.3f} s")
    ratio = statistics.median(r[0] for r in lsp) / statistics.median(r[0] for r in plain)
    print(f"recheck / floor (wall): {ratio:.2f}x  ({len(list(root.rglob('*.yaml')))} YAML files, {args.runs} runs)")


if __name__ == "__main__":
    main()
