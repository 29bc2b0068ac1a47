"""Number extraction does work linear in the text: doubling a figure-dense text doubles the
function calls the scan makes (counted by the profiler, not timed). The time on a 1 MB text is
measured in benchmarks/extract_speed.py."""
from __future__ import annotations

import cProfile
import pstats

from ledger.extract import extract

DENSE = "Acme sold 40 batteries, up 12% on 2024; X7-99 codes 1 2 3 and about $2.5 billion. "


def _calls(text: str) -> int:
    profiler = cProfile.Profile()
    profiler.runcall(extract, text)
    return pstats.Stats(profiler).total_calls


def test_work_grows_linearly_with_the_text():
    small, large = DENSE * 150, DENSE * 600
    ratio = _calls(large) / _calls(small)
    assert ratio < 4 * 1.1, ratio  # 4x the text: 4x the calls (quadratic scanning made it ~16x)


def test_a_megabyte_of_figures_is_read():
    text = (DENSE * (1_000_000 // len(DENSE) + 1))[:1_000_000]
    mentions = extract(text)
    assert len(mentions) > 60_000
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))
