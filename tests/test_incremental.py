"""Incremental checks: after random edits, a warm session's update and a `--cache` re-check find
exactly what a cold check finds (same rule, message, place, ids, others), and re-parse only the
edited files."""
from __future__ import annotations

import random
import re
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from ledger.engine import Options, run_check
from ledger.session import Session

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from generate import generate  # noqa: E402

EDITS = [
    ("value", lambda s, r: s.replace('value: "', f'value: "{r.randint(1, 9)}', 1)),
    ("quote", lambda s, r: s.replace("quote: ", "quote: not in the text ", 1)),
    ("yaml error", lambda s, r: s + "  - {unclosed: [\n"),
    ("unknown key", lambda s, r: s.replace("    metric: ", "    metrc: ", 1)),
    ("hedge", lambda s, r: s.replace("    when: ", "    qualifier: over\n    when: ", 1)),
    ("subject", lambda s, r: re.sub(r"    subject: co-\d+", f"    subject: co-{r.randint(10, 40):04d}", s, count=1)),
    ("metric", lambda s, r: s.replace("    metric: employment", "    metric: revenue", 1)),
    ("published", lambda s, r: s.replace("  published: 20", "  published: 19", 1)),
    ("restates", lambda s, r: s.replace("    when: ", f"    restates: art-{r.randint(0, 29):05d}/revenue-0\n    when: ", 1)),
    ("emptied", lambda s, r: ""),
]


def _key(findings):
    return [(f.rule, f.slug, f.severity, f.message, f.file, f.line, f.col, f.article_id, f.item_id, f.others,
             f.waiver) for f in findings]


def _edit(ledger: Path, rng: random.Random) -> dict[Path, str | None]:
    """One random edit on disk; returns what changed (path -> new text, None: deleted)."""
    kind = rng.choice(["yaml"] * 6 + ["text", "remove", "add", "vocab"])
    articles = sorted(ledger.glob("art-*.yaml"))
    if kind == "yaml" and articles:
        path = rng.choice(articles)
        _, edit = rng.choice(EDITS)
        path.write_text(edit(path.read_text(encoding="utf-8"), rng), encoding="utf-8")
        return {path: path.read_text(encoding="utf-8")}
    if kind == "text":
        path = rng.choice(sorted(ledger.glob("art-*.txt")))
        words = path.read_text(encoding="utf-8").split()
        rng.shuffle(words) if rng.random() < 0.3 else words.insert(rng.randrange(len(words) + 1), "2,417 tonnes")
        path.write_text(" ".join(words), encoding="utf-8")
        return {path: path.read_text(encoding="utf-8")}
    if kind == "remove" and articles:
        path = rng.choice(articles)
        path.unlink()
        return {path: None}
    if kind == "add" and articles:  # a copy of another article under a new id: a syndicated copy
        source = rng.choice(articles)
        n = 900 + rng.randrange(99)
        path = ledger / f"art-{n:05d}.yaml"
        path.write_text(source.read_text(encoding="utf-8").replace(f"id: {source.stem}", f"id: art-{n:05d}", 1),
                        encoding="utf-8")
        return {path: path.read_text(encoding="utf-8")}
    vocab = ledger / "vocab.yaml"
    vocab.write_text(vocab.read_text(encoding="utf-8").replace("unit: job", "unit: t", 1), encoding="utf-8")
    return {vocab: vocab.read_text(encoding="utf-8")}


def _session_equals_cold(ledger: Path, rng: random.Random, rounds: int) -> None:
    options = Options(today=None)
    session = Session.open([ledger], options)
    try:
        assert _key(session.report.findings) == _key(run_check([ledger], options).findings)
        for _ in range(rounds):
            changed = {}
            for _ in range(rng.randint(1, 3)):
                changed.update(_edit(ledger, rng))
            incremental = session.update(changed)
            cold = run_check([ledger], options)
            assert _key(incremental.findings) == _key(cold.findings), sorted(changed)
            assert (incremental.files, incremental.articles, incremental.claims) == (cold.files, cold.articles, cold.claims)
    finally:
        session.close()


@pytest.mark.parametrize("seed", [1, 2])
def test_warm_session_equals_cold_after_random_edits(tmp_path, seed):
    ledger = tmp_path / "ledger"
    generate(ledger, articles=30, seed=seed, plant_rate=0.3, copies=0.1)
    _session_equals_cold(ledger, random.Random(seed), rounds=6)


_TEMPLATE: dict[str, Path] = {}


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000))
def test_warm_session_equals_cold_property(tmp_path_factory, seed):
    if "ledger" not in _TEMPLATE:
        _TEMPLATE["ledger"] = tmp_path_factory.mktemp("template") / "ledger"
        generate(_TEMPLATE["ledger"], articles=20, seed=7, plant_rate=0.3, copies=0.1)
    ledger = tmp_path_factory.mktemp("edited") / "ledger"
    shutil.copytree(_TEMPLATE["ledger"], ledger)
    _session_equals_cold(ledger, random.Random(seed), rounds=3)


def test_update_rechecks_the_articles_that_name_the_edited_one(tmp_path):
    """An article restating another's claim is re-checked when only the other one is edited."""
    ledger = tmp_path / "ledger"
    generate(ledger, articles=6, seed=4)
    target = ledger / "art-00001.yaml"
    claim = re.search(r"  - id: (revenue-\d+)\n(?:    .*\n)*?    value: \"?([^\n\"]+)", target.read_text(encoding="utf-8"))
    session = Session.open([ledger])
    try:
        other = ledger / "art-00002.yaml"
        text = other.read_text(encoding="utf-8").replace("claims:\n", (
            "claims:\n  - id: restated\n    quote: revenue\n    subject: co-0001\n    metric: revenue\n"
            f"    value: \"{claim.group(2)}\"\n    restates: art-00001/{claim.group(1)}\n"), 1)
        other.write_text(text, encoding="utf-8")
        before = session.update({other: text})
        assert not any(f.rule == "Q203" and f.item_id == "restated" for f in before.findings)
        text = target.read_text(encoding="utf-8").replace(f"value: \"{claim.group(2)}\"", 'value: "$999 billion"', 1)
        target.write_text(text, encoding="utf-8")
        after = session.update({target: text})
        assert any(f.rule == "Q203" and f.item_id == "restated" for f in after.findings)
        assert _key(after.findings) == _key(run_check([ledger]).findings)
    finally:
        session.close()


@pytest.mark.parametrize("seed", [3, 4])
def test_cache_recheck_equals_cold_after_random_edits(tmp_path, seed):
    """`check --cache` re-resolves the changed files and re-runs the rules by scope: same findings."""
    ledger = tmp_path / "ledger"
    generate(ledger, articles=30, seed=seed, plant_rate=0.3, copies=0.1)
    cache = Options(cache=tmp_path / "cache.duckdb")
    rng = random.Random(seed)
    assert _key(run_check([ledger], cache).findings) == _key(run_check([ledger]).findings)
    again = run_check([ledger], cache)  # nothing changed: the last run's findings, no rule run
    assert _key(again.findings) == _key(run_check([ledger]).findings) and "rules" not in again.timings
    for _ in range(5):
        for _ in range(rng.randint(1, 3)):
            _edit(ledger, rng)
        incremental = run_check([ledger], cache)
        assert _key(incremental.findings) == _key(run_check([ledger]).findings)


def test_update_reads_unsaved_text(tmp_path):
    """An editor's unsaved buffer is checked as if saved, and dropping it reads the disk again."""
    ledger = tmp_path / "ledger"
    generate(ledger, articles=4, seed=3)
    session = Session.open([ledger])
    try:
        path = ledger / "art-00001.yaml"
        saved = path.read_text(encoding="utf-8")
        report = session.update({path: saved.replace("quote: ", "quote: not in the text ", 1)})
        assert any(f.rule == "L105" and f.file.endswith("art-00001.yaml") for f in report.findings)
        report = session.update({path: None})
        assert _key(report.findings) == _key(run_check([ledger]).findings)
    finally:
        session.close()


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
        name, edit = rng.choice(EDITS[:5])
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
