"""The look-alike and error catalogues (issue 13): invented ledgers across beats. Every file under
tests/catalogue/lookalike/ is a consistent pair that only looks like a contradiction — no rule may
warn on it; every file under tests/catalogue/errors/ holds a real inconsistency that the rule its
header names must flag. `benchmarks/accuracy.py` runs the same files for per-rule precision and
recall (docs/accuracy.md).

A case file is YAML documents separated by `---`, one article each (the shared vocabulary is
tests/catalogue/vocab.yaml), after a header of comments:

    # expect: C401 error        (errors: the rule, and optionally the severity)
    # expect: none              (look-alikes)
    # also: D602                (other findings the case may carry: a syndicated copy is one)
    # known: C401 warning — why (a look-alike the rules still flag: a documented exception)
    # beat: sport
    # why: what makes it consistent / inconsistent
"""
from __future__ import annotations

from pathlib import Path

import pytest

from ledger.engine import Options, run_check

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "tests" / "catalogue"
# information, not a verdict: coverage of uncovered numbers, drafts, rewrites of one story
NOT_VERDICTS = {"E701", "L109", "D603"}


def cases(kind: str) -> list[Path]:
    return sorted((CATALOGUE / kind).glob("*.yaml"))


def header(path: Path) -> dict[str, str]:
    meta = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line[1:].partition(":")
        meta[key.strip()] = value.strip()
    return meta


def split(path: Path) -> dict[str, str]:
    """One file per article (named after its id, as the loader requires) plus the vocabulary."""
    import yaml

    # exchange rates: the shipped ECB table, which a ledger without its own uses
    files = {"vocab.yaml": (CATALOGUE / "vocab.yaml").read_text(encoding="utf-8")}
    for n, doc in enumerate(path.read_text(encoding="utf-8").split("\n---\n")):
        data = yaml.safe_load(doc) or {}
        name = data["article"]["id"] if "article" in data else f"extra-{n}"
        files[f"{name}.yaml"] = doc
    return files


def run_case(path: Path, root: Path):
    """The findings of one case, and its expectation."""
    root.mkdir(parents=True, exist_ok=True)
    for name, text in split(path).items():
        (root / name).write_text(text, encoding="utf-8")
    findings = run_check([root], Options()).findings
    return [f for f in findings if f.rule not in NOT_VERDICTS], header(path)


@pytest.mark.parametrize("path", cases("lookalike") + cases("errors"), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_catalogue_case(path, tmp_path):
    findings, meta = run_case(path, tmp_path / "ledger")
    shown = [(f.rule, f.severity, f.message) for f in findings]
    if path.parent.name == "lookalike":
        assert meta["expect"] == "none"
        also = set(meta.get("also", "").split())
        rest = [x for x in shown if x[0] not in also]
        if "known" in meta:  # a documented exception (docs/accuracy.md): it fires as the note says
            rule, severity = meta["known"].split(" — ")[0].split()
            assert {(r, sev) for r, sev, _ in rest} == {(rule, severity)}, shown
            return
        assert rest == [], meta.get("why")
        return
    rule, _, severity = meta["expect"].partition(" ")
    hits = [f for f in findings if f.rule == rule and (not severity or f.severity == severity)]
    assert hits, (meta.get("why"), shown)
    # nothing else fires on an error case: each is one inconsistency
    also = set(meta.get("also", "").split())
    assert {f.rule for f in findings} - also == {rule}, shown


def test_the_catalogues_are_large_enough_and_span_beats():
    look, err = cases("lookalike"), cases("errors")
    assert len(look) >= 40 and len(err) >= 40
    assert len({header(p).get("beat") for p in look + err}) >= 8
