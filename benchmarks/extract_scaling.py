"""Number extraction on large, figure-dense texts: CPU and wall time per size, and the ratio to
the smallest size (linear scanning keeps the ratio near the size ratio). Run by hand:

    .venv/bin/python benchmarks/extract_scaling.py [MAX_BYTES]

Measured 2026-11-27 (2 shared cores, CPython 3.11), 1 MB of "Acme sold 40 batteries, up 12% ...":
before the occupancy-map fix 1 MB took minutes (each candidate scanned every earlier mention);
after it ~2 s CPU — see the report printed by this script for the current figures.
"""
from __future__ import annotations

import sys
import time

from ledger.extract import extract

DENSE = "Acme sold 40 batteries, up 12% on 2024; X7-99 codes 1 2 3 and about $2.5 billion. "


def main() -> None:
    largest = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    sizes = [largest // 16, largest // 4, largest]
    first = None
    for size in sizes:
        text = (DENSE * (size // len(DENSE) + 1))[:size]
        wall, cpu = time.perf_counter(), time.process_time()
        mentions = len(extract(text))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        first = first or (size, cpu)
        print(f"{size:>10,} chars {mentions:>8,} mentions  cpu {cpu:6.2f} s  wall {wall:6.2f} s  "
              f"cpu ratio {cpu / first[1]:5.1f} for size ratio {size / first[0]:4.0f}")


if __name__ == "__main__":
    main()
