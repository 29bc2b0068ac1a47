"""Fuzzing whole ledgers: mostly-valid files carrying hostile values (numbers, dates, units,
relations, vocabulary) must never raise, and every problem must be located (file, line, col).

Two properties: load + resolve (where hostile values are read; fast, many examples) and the
full check with every rule (slower, fewer examples). Example counts come from the environment
so a long run is one command:

    FACTLEDGER_FUZZ_EXAMPLES=10000 FACTLEDGER_FUZZ_CHECK_EXAMPLES=1000 \\
        .venv/bin/python -m pytest tests/test_fuzz_ledgers.py -q
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.engine import run_check
from ledger.loader import load_ledger
from ledger.resolve import resolve

LOAD_EXAMPLES = int(os.environ.get("FACTLEDGER_FUZZ_EXAMPLES", "2000"))
CHECK_EXAMPLES = int(os.environ.get("FACTLEDGER_FUZZ_CHECK_EXAMPLES", "40"))

NUMBERS = ["40", "6 million", "1e400", "1e999999999", "-1e999999999", "9" * 10_000, "1" + "0" * 400,
           "-0", "0", "0.0", "nan", "inf", "-inf", "1e-400", "150 %", "12.3%", "$2.5 billion", "--5",
           "1e", ".", "1.2.3", "1,000,000,000,000,000,000,000", "a third", "half", "seventy", "½",
           "$", "%", "1e308", "-1e308", "1e-320", "0.000000000000000000000000001", "¥200 billion",
           "-$5", "3 percent", "1e30 trillion", "9.99999999999999999999999e307"]
CHANGES = ["x1e400", "doubled", "+1e400%", "-100%", "-150%", "x0", "0x", "by half", "+50 points",
           "-0%", "x-3", "3 times", "+5%", "nan%", "x1e-400", "+9" + "9" * 500 + "%"]
QUALIFIERS = ["about", "over", "under", "nearly", "up to", "at least", "exactly", "roughly"]
WHENS = ["2025", "2025-06", "99999999999 days ago", "9999 years ago", "99999 months ago",
         "9999999 weeks ago", "last year", "next year", "yesterday", "earlier this month",
         "since 0001", "0001..9999", "9999-12-31", "0001-01-01", "0000", "10000", "2025-02-29",
         "recent decades", "next winter", "last fall", "mid-May", "May 9", "Friday", "next Monday",
         "later this year", "2025-Q4", "2017..2025-03", "2025..2017", "the other day", "9" * 5000 + " days ago"]
PUBLISHED = ["2025-06-04", "2025", "2025-06", "0001", "0001-01-01", "9999", "9999-12-31", "0001..9999",
             "2024-02-29", "1900..2100", "9999-12"]
UNITS = ["battery", "battery/day", "battery/s", "%", "USD", "JPY", "USD/EUR", "(", "1/0", "m**1e400",
         "kg*", "m^999999", "1e400 m", "", "__import__", "x" * 300, "per day", "t", "km2",
         "battery ** 99999", "battery/0", "0 battery", "meter/meter", "dimensionless"]
UNIT_DEFS = [{}, {"same_as": "battery"}, {"same_as": "("}, {"same_as": "garbage !!"},
             {"definition": "1e400 m"}, {"definition": "1/0 m"}, {"definition": "0 m"},
             {"definition": "[length]"}, {"definition": "battery * 2"}, {"definition": "inf m"},
             {"definition": "nan battery"}, {"same_as": "widget"}, {"definition": "2 * widget"},
             {"definition": "m ** 99999"}, {"definition": "1e-400 kg"}, {"same_as": ""}]
BOUNDS = ["nan", "inf", "-inf", "1e400", "5", "-5", "1e308", "0", "-0", "100", "abc"]
HOLDS = ["x = y + z", "x = y / z", "x = y / 0", "x = (y", "x == y", "= y", "x = y * 1e400",
         "x = y - y", "x = nope + y", "x = y / (z - z)", "x", "x = x", "x = 1e400 * y", "x = y ** 2"]
RATES = ["110", "inf", "0", "nan", "-1", "1e400", "1e-400", "1e308"]
IDS = ["x", "y", "z", "w"]
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)


def _q(value) -> str:
    """A YAML scalar: JSON strings are valid YAML double-quoted scalars."""
    return json.dumps(value, ensure_ascii=False)


def _pick(options):
    return st.one_of(st.sampled_from(options), TEXT) if options else TEXT


@st.composite
def ledgers(draw) -> dict[str, str]:
    """{file name: YAML text}: a vocabulary and one or two articles."""
    mostly = lambda options: draw(st.one_of(st.sampled_from(options[:3]), _pick(options)))
    vocab = ["entities:", "  - {key: acme, name: Acme, kind: organisation}",
             "  - {key: beta, name: Beta, kind: country}", "metrics:"]
    for key, kind, unit in (("sales", "count", "battery"), ("output", "rate", "battery/day"),
                            ("share", "share", "%"), ("cost", "money", "USD")):
        line = f"  - {{key: {key}, description: d, kind: {kind}, unit: {_q(unit if draw(st.integers(0, 5)) else draw(_pick(UNITS)))}"
        if draw(st.booleans()):
            line += f", min: {_q(draw(st.sampled_from(BOUNDS)))}"
        if draw(st.booleans()):
            line += f", max: {_q(draw(st.sampled_from(BOUNDS)))}"
        vocab.append(line + "}")
    vocab += ["units:", "  - name: battery"]
    for name in draw(st.lists(st.sampled_from(["widget", "gadget", "battery", "grade", "Bad-Name"]), max_size=3)):
        fields = "".join(f", {k}: {_q(v)}" for k, v in draw(st.sampled_from(UNIT_DEFS)).items())
        vocab.append(f"  - {{name: {name}{fields}}}")
    if draw(st.booleans()):
        vocab += ["source: {name: ECB}", "fx_rates:"]
        for _ in range(draw(st.integers(1, 3))):
            vocab.append(f"  - {{currency: JPY, period: {_q(draw(st.sampled_from(['2025', '2025-06', '0000', '9999-12'])))}, "
                         f"units_per_usd: {_q(draw(st.sampled_from(RATES)))}}}")
    files = {"vocab.yaml": "\n".join(vocab) + "\n"}
    for article in draw(st.sampled_from([["a"], ["a", "b"]])):
        files[f"{article}.yaml"] = _article(draw, article, mostly)
    return files


def _article(draw, article: str, mostly) -> str:
    body = "Acme sold 40 batteries, about 6 million batteries per day, 12.3% and $2.5 billion. " + draw(TEXT)
    lines = ["article:", f"  id: {article}", "  title: T", "  outlet: O",
             f"  published: {_q(mostly(PUBLISHED))}", f"  body: {_q(body)}", "claims:"]
    ids = draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=5))
    for cid in ids:
        claim = {"id": cid, "quote": draw(st.sampled_from(["40 batteries", "6 million", "12.3%", "nowhere"])),
                 "subject": draw(st.sampled_from(["acme", "beta", "acmee"])),
                 "metric": draw(st.sampled_from(["sales", "output", "share", "cost", "nope"]))}
        if draw(st.integers(0, 4)):
            claim["value"] = mostly(NUMBERS)
        else:
            claim["change"] = mostly(CHANGES)
            if draw(st.booleans()):
                claim["direction"] = draw(st.sampled_from(["rose", "fell", "plummeted", "doubled"]))
        optional = {"unit": lambda: mostly(UNITS), "qualifier": lambda: mostly(QUALIFIERS),
                    "when": lambda: mostly(WHENS), "restates": lambda: draw(st.sampled_from(IDS + ["b/x"])),
                    "superseded_by": lambda: draw(st.sampled_from(IDS)), "rank": lambda: draw(st.sampled_from(["1", "0", "-1", "99999999999999999999"])),
                    "of": lambda: "beta", "tense": lambda: draw(st.sampled_from(["past", "future", "then"])),
                    "from": lambda: {"value": mostly(NUMBERS), "when": mostly(WHENS)}}
        for key in draw(st.lists(st.sampled_from(sorted(optional)), max_size=4, unique=True)):
            claim[key] = optional[key]()
        lines.append("  - " + json.dumps(claim, ensure_ascii=False))
    if draw(st.booleans()):
        lines.append("relations:")
        lines.append(f"  - {{id: r, holds: {_q(draw(_pick(HOLDS)))}}}")
    if draw(st.booleans()):
        lines += ["events:", f"  - {{id: e, event: acme, quote: '40 batteries', when: {_q(mostly(WHENS))}}}"]
    return "\n".join(lines) + "\n"


def _write(root: Path, files: dict[str, str]) -> Path:
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def _assert_located(findings, root: Path) -> None:
    for f in findings:
        assert f.file and f.line > 0 and f.col > 0, f
        assert (Path(f.file) if Path(f.file).is_absolute() else Path.cwd() / f.file).resolve().is_relative_to(root.resolve()), f
        assert "failed and was skipped" not in f.message, f  # a rule crashed on the input


_SETTINGS = dict(deadline=None, derandomize=os.environ.get("FACTLEDGER_FUZZ_SEED") is None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], database=None)


@settings(max_examples=LOAD_EXAMPLES, **_SETTINGS)
@given(ledgers())
def test_hostile_values_load_and_resolve_without_a_traceback(files):
    with tempfile.TemporaryDirectory() as tmp:
        root = _write(Path(tmp) / "ledger", files)
        ledger = load_ledger([root])
        resolved = resolve(ledger)
        _assert_located(ledger.diagnostics + resolved.problems, root)


@settings(max_examples=CHECK_EXAMPLES, **_SETTINGS)
@given(ledgers())
def test_hostile_values_pass_every_rule_without_a_traceback(files):
    with tempfile.TemporaryDirectory() as tmp:
        root = _write(Path(tmp) / "ledger", files)
        _assert_located(run_check([root]).findings, root)
