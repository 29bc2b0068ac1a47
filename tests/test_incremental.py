"""The parse cache: after random edits, an incremental check finds exactly what a cold check finds,
and re-parses only the edited files."""
from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from ledger.engine import Options, run_check

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from generate import generate  # noqa: E402

EDITS = [
    ("value", lambda s, r: s.replace('value: "', f'value: "{r.randint(1, 9)}', 1)),
    ("quote", lambda s, r: s.replace("quote: ", "quote: not in the text ", 1)),
    ("yaml error", lambda s, r: s + "  - {unclosed: [\n"),
    ("unknown key", lambda s, r: s.replace("    metric: ", "    metrc: ", 1)),
    ("hedge", lambda s, r: s.replace("    when: ", "    qualifier: over\n    when: ", 1)),
]


def _key(findings):
    return [(f.rule, f.slug, f.severity, f.message, f.file, f.line, f.col, f.article_id, f.item_id) for f in findings]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_equals_cold_after_random_edits(tmp_path, seed):
    ledger = tmp_path / "ledger"
    generate(ledger, articles=30, seed=seed, plant_rate=0.3)
    cache = Options(cache=tmp_path / "cache.duckdb")
    first = run_check([ledger], cache)
    assert first.timings["cache_misses"] == len(list(ledger.glob("*.yaml")))
    assert _key(first.findings) == _key(run_check([ledger]).findings)

    rng = random.Random(seed)
    edited = rng.sample(sorted(ledger.glob("art-*.yaml")), 4)
    for path in edited:
        name, edit = rng.choice(EDITS)
        path.write_text(edit(path.read_text(encoding="utf-8"), rng), encoding="utf-8")
    text = rng.choice(sorted(ledger.glob("art-*.txt")))  # texts are read afresh on every run
    text.write_text("replaced text without any of the quotes\n", encoding="utf-8")

    cold = run_check([ledger])
    incremental = run_check([ledger], cache)
    assert incremental.timings["cache_misses"] == len(edited)
    assert _key(incremental.findings) == _key(cold.findings)
    assert _key(cold.findings) != _key(first.findings)  # the edits did change the findings


def test_broken_cache_file_is_ignored(tmp_path):
    ledger = tmp_path / "ledger"
    generate(ledger, articles=3, seed=1)
    run_check([ledger], Options(cache=tmp_path / "cache.duckdb"))
    whole = (tmp_path / "cache.duckdb").read_bytes()
    (tmp_path / "cache.duckdb").write_bytes(whole[:4096] + b"\0" * 100)  # DuckDB's header, then damage
    report = run_check([ledger], Options(cache=tmp_path / "cache.duckdb"))
    assert _key(report.findings) == _key(run_check([ledger]).findings)
    assert report.timings["cache_hits"] == 0
