"""Throughput of ledger.extract on the seed texts, as a ratio to a plain linear pass over the
same text (textnorm.normalise) measured in the same run. Run by hand:

    .venv/bin/python benchmarks/extract_speed.py [REPEAT]
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from ledger.extract import extract
from ledger.textnorm import normalise

ROOT = Path(__file__).resolve().parent.parent


def best_of(fn, text: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(text)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "claims").glob("*.txt")))
    base = best_of(normalise, text, repeat)
    ours = best_of(extract, text, repeat)
    mentions = len(extract(text))
    print(f"{len(text):,} chars, {mentions} mentions")
    print(f"normalise: {len(text) / base / 1e6:6.2f} MB/s")
    print(f"extract:   {len(text) / ours / 1e6:6.2f} MB/s  ({ours / base:.1f}x the normalise pass)")


if __name__ == "__main__":
    main()
