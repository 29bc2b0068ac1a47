"""Q201 quote fidelity, E701 coverage, L109 draft claims and `factledger new`, on tiny fixtures."""
from __future__ import annotations

import json
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from ledger.textnorm import normalise, normalise_with_offsets

from conftest import ROOT, article, located


def claims(*rows: str) -> str:
    return "claims:\n" + "".join(f"  - {r}\n" for r in rows)


def claim(quote: str, value: str, metric: str = "output", extra: str = "") -> str:
    return f"{{id: c, quote: '{quote}', subject: acme, metric: {metric}, value: '{value}'{extra}}}"


# -- Q201 --------------------------------------------------------------------

def test_q201_million_written_as_billion_names_the_slip(check):
    text = "We make 6 million batteries per day."
    f = check({"a.yaml": article(text, items=claims(claim("6 million batteries per day", "6 billion", extra=", unit: battery/day")))},
              select=["Q201"])
    assert located(f, "Q201") == [("a.yaml", 8, 5)]
    assert "million in the quote, billion in the value" in f[0].message


def test_q201_times_ten_slip(check):
    text = "The plant cost $12 billion."
    f = check({"a.yaml": article(text, items=claims(claim("cost $12 billion", "$120 billion", metric="cost")))}, select=["Q201"])
    assert located(f, "Q201") == [("a.yaml", 8, 5)] and "×10 slip" in f[0].message


def test_q201_hedge_in_quote_missing_or_different_in_claim(check):
    text = "That is about 70 batteries each second, and over 90% of it."
    f = check({"a.yaml": article(text, items=claims(
        "{id: s, quote: 'about 70 batteries each second', subject: acme, metric: output, value: 70, unit: battery/s}",
        "{id: p, quote: 'over 90% of it', subject: china, metric: share, value: 90%, qualifier: about}",
        "{id: ok, quote: 'over 90% of it', subject: china, metric: share, value: 90%, qualifier: more than}"))},
        select=["Q201"])
    assert located(f, "Q201") == [("a.yaml", 8, 5), ("a.yaml", 9, 5)]
    assert "'about' but the claim has no qualifier" in f[0].message
    assert "'over' (over)" in f[1].message


def test_q201_currency_and_percent_mismatches(check):
    text = "Japan budgeted 200 billion yen. Sales reached 12% of the market."
    f = check({"a.yaml": article(text, items=claims(
        "{id: y, quote: 'budgeted 200 billion yen', subject: acme, metric: cost, value: 200 billion, unit: USD}",
        "{id: p, quote: 'Sales reached 12% of the market', subject: acme, metric: sales, value: 12, unit: battery}"))},
        select=["Q201"])
    assert located(f, "Q201") == [("a.yaml", 8, 5), ("a.yaml", 9, 5)]
    assert "in JPY but the unit is USD" in f[0].message
    assert "percentage but the unit is not %" in f[1].message


def test_q201_silent_on_faithful_encodings_and_abstains_without_a_figure(check):
    text = ("We make around 6 million batteries per day. It cost 200 billion yen (19 billion). "
            "Taiwan is the top producer. Exports dropped by half.")
    f = check({"a.yaml": article(text, items=claims(
        "{id: a, quote: 'around 6 million batteries per day', subject: acme, metric: output, value: 6 million, unit: battery/day, qualifier: around}",
        "{id: b, quote: 'It cost 200 billion yen', subject: acme, metric: cost, value: 200 billion, unit: JPY}",
        "{id: c, quote: '200 billion yen (19 billion)', subject: acme, metric: cost, value: 19 billion, unit: USD}",
        "{id: d, quote: 'Taiwan is the top producer', subject: china, metric: share, value: 22%}",
        "{id: e, quote: 'Exports dropped by half', subject: china, metric: share, value: half}"))},
        select=["Q201"])
    assert f == []


def test_q201_silent_on_the_seed_ledger():
    proc = subprocess.run([sys.executable, "-m", "ledger", "check", "claims", "--select", "Q201", "--format", "json"],
                          cwd=ROOT, capture_output=True, text=True)
    assert json.loads(proc.stdout)["findings"] == []


# -- E701 --------------------------------------------------------------------

def test_e701_reports_uncovered_figures_at_the_article_with_offsets_and_coverage(check):
    text = "Acme sold 40 units in 2024 and hired 12 people on May 9. It plans 3 more plants."
    items = claims("{id: s, quote: 'Acme sold 40 units in 2024', subject: acme, metric: sales, value: 40}")
    items += "events:\n  - {id: e, event: alliance-letter, quote: 'on May 9', when: 2025-05-09}\n"
    f = check({"a.yaml": article(text, items=items)}, select=["E701"])
    assert set(located(f, "E701")) == {("a.yaml", 2, 3)}  # the article
    messages = sorted(x.message for x in f)
    assert messages[0] == "coverage: 1 of 3 quantity mentions covered by claim quotes (33 %); 2 of 2 years and dates covered by claim or event quotes"
    assert f"'12' at offset {text.index('12')}" in messages[1]
    assert f"'3' at offset {text.index(' 3 ') + 1}" in messages[2]
    assert all(x.severity == "info" for x in f)


def test_e701_silent_when_everything_is_covered(check):
    text = "Acme sold 40 units."
    f = check({"a.yaml": article(text, items=claims("{id: s, quote: 'acme  SOLD 40 units', subject: acme, metric: sales, value: 40}"))},
              select=["E701"])
    assert f == []


@given(st.text(alphabet=st.sampled_from("aB ’“\u00a0\t\nßİ-—x1"), max_size=40))
def test_normalise_with_offsets_agrees_with_normalise(text):
    norm, offsets = normalise_with_offsets(text)
    assert norm == normalise(text) and len(offsets) == len(norm)
    assert offsets == sorted(offsets) and all(0 <= i < len(text) for i in offsets)


# -- drafts: L109 and `factledger new` -----------------------------------------

def test_l109_reports_drafts_and_todo_needs_draft(check):
    draft = claims("{id: d, quote: '40 units', subject: TODO, metric: TODO, value: 40, draft: true}")
    todo = claims("{id: n, quote: '40 units', subject: TODO, metric: sales, value: 40}")
    f = check({"a.yaml": article("Acme sold 40 units.", items=draft),
               "b.yaml": article("Acme sold 40 units.", items=todo, article_id="b")})
    assert located(f, "L109") == [("a.yaml", 8, 5)] and "set subject and metric" in f[0].message
    assert located(f, "L102") == [("b.yaml", 8, 5)]
    assert "`subject` still TODO" in [x for x in f if x.rule == "L102"][0].message
    assert "L103" not in {x.rule for x in f}  # the draft's TODO keys are no vocabulary errors


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "ledger", *args], cwd=cwd, capture_output=True, text=True)


def test_new_on_a_seed_text_fails_the_gate_only_on_drafts_and_never_overwrites(tmp_path):
    text = tmp_path / "Forbes Panasonic.txt"
    text.write_bytes((ROOT / "claims" / "forbes-panasonic-ev-demand.txt").read_bytes())
    proc = run("new", str(text), "--outlet", "Forbes", "--published", "2025-06")
    assert proc.returncode == 0, proc.stderr
    draft = tmp_path / "forbes-panasonic.yaml"
    content = draft.read_text(encoding="utf-8")
    assert "value: 6 million" in content and "qualifier: around" in content and "draft: true" in content
    proc = run("check", str(tmp_path), "--format", "json")
    findings = json.loads(proc.stdout)["findings"]
    # drafts fail the default gate (an unfinished encoding must not pass); nothing else is above info
    assert proc.returncode == 1
    assert {f["severity"] for f in findings if f["rule"] != "L109"} == {"info"}
    drafts = [f for f in findings if f["rule"] == "L109"]
    assert {f["severity"] for f in drafts} == {"error"}
    assert len(drafts) == 12  # the 12 quantity mentions of the seed text
    assert not [f for f in findings if f["rule"] == "E701" and "uncovered figure" in f["message"]]
    again = run("new", str(text))
    assert again.returncode == 2 and "already exists" in again.stderr and "Traceback" not in again.stderr
    assert draft.read_text(encoding="utf-8") == content
    # the JSON Schema the draft's `# yaml-language-server` line points at is the only other file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Forbes Panasonic.txt", "forbes-panasonic.yaml", "ledger.schema.json"]


def test_new_rejects_bad_input_without_traceback(tmp_path):
    assert run("new", str(tmp_path / "missing.txt")).returncode == 2
    text = tmp_path / "a.txt"
    text.write_text("Acme sold 40 units.")
    bad = run("new", str(text), "--published", "June")
    assert bad.returncode == 2 and "--published" in bad.stderr and "Traceback" not in bad.stderr


def test_extract_command_json_and_stdin(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "ledger", "extract", "-", "--format", "json"], cwd=ROOT,
                          input="We make around 6 million batteries per day in 2025.", capture_output=True, text=True)
    got = json.loads(proc.stdout)
    assert [(m["text"], m["start"], m["end"], m["value"], m["unit"], m["qualifier"], m["kind"]) for m in got] == [
        ("6 million", 15, 24, 6e6, "battery/day", "around", "quantity"), ("2025", 46, 50, 2025.0, None, None, "year")]
    proc = run("extract", str(ROOT / "claims" / "nikkei-biden-supply-chain-order.txt"))
    assert proc.returncode == 0 and "'200 billion yen'  200 billion  JPY" in proc.stdout
    assert run("extract", str(tmp_path / "nope.txt")).returncode == 2
