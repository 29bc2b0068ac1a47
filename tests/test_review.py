"""`factledger review ARTICLE_ID`: the library structure, the pure renderer, the command."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from ledger.review import ReviewError, review
from ledger.review_render import render

from conftest import ROOT, VOCAB, article, write_ledger

SEED = ROOT / "claims"
BODY = "around 6 million batteries per day, or 6 million batteries a month"
ITEMS = ("claims:\n"
         "  - {id: day, quote: 'around 6 million batteries per day', subject: acme, metric: output, value: 6 million, unit: battery/day, qualifier: around}\n"
         "  - {id: month, quote: '6 million batteries a month', subject: acme, metric: output, value: 6 million, unit: battery/month, restates: day}\n")


@pytest.fixture
def ledger(tmp_path):
    other = article("Acme makes 70 batteries each second", article_id="b", published="2025-05", items=
        "claims:\n  - {id: sec, quote: '70 batteries each second', subject: acme, metric: output, value: 70, unit: battery/s}\n")
    other = other.replace("title: T", "title: Another story")  # same title, other day: T503 would call it a copy
    return write_ledger(tmp_path / "l", {"vocab.yaml": VOCAB, "a.yaml": article(BODY, items=ITEMS), "b.yaml": other})


def test_review_structure(ledger):
    r = review("a", [ledger])
    assert (r.article_id, r.outlet, r.published) == ("a", "O", "2025-06-04")
    assert [c.claim_id for c in r.claims] == ["day", "month"]
    day = r.claims[0]
    assert day.written == "around 6 million battery/day"
    assert day.interval == f"[{day.interval[1:-1]}]" and " – " in day.interval  # closed, canonical units
    assert day.strict != day.interval
    assert [(f.rule, f.item_id) for f in r.findings] == [("Q203", "month")]
    assert "restatement" in r.rule_summaries["Q203"]
    assert [(p.article_id, p.claim_id, p.outlet, p.published) for p in r.peers] == [("b", "sec", "O", "2025-05")]
    assert r.duplicates == []  # the two articles are not one story


def test_render_fits_80_columns_and_colours_only_when_asked(ledger):
    r = review("a", [ledger])
    plain = render(r, width=80, color=False)
    assert "\x1b[" not in plain
    assert all(len(line) <= 80 for line in plain.splitlines()), max(plain.splitlines(), key=len)
    assert "Q203 restatement-disagrees error" in plain and "why: " in plain
    assert "“6 million batteries a month”" in plain
    assert "b/sec" in plain and "O, 2025-05" in plain
    coloured = render(r, width=80, color=True)
    assert "\x1b[31m" in coloured and re.sub(r"\x1b\[[\d;]*m", "", coloured) == plain


def test_seed_article_at_80_columns():
    out = render(review("nikkei-biden-supply-chain-order", [SEED]), width=80)
    assert all(len(line) <= 80 for line in out.splitlines())
    assert "japan-tsmc-budget-usd" in out and "T502" in out


def test_duplicates_are_listed(tmp_path):
    copy = article(BODY, article_id="c", published="2025-06-05", items=ITEMS).replace("title: T", "title: C")
    ledger = write_ledger(tmp_path / "l", {"vocab.yaml": VOCAB, "a.yaml": article(BODY, items=ITEMS), "c.yaml": copy})
    r = review("a", [ledger])
    assert [(d.rule, d.article_id) for d in r.duplicates] == [("D601", "c")]
    assert "Duplicates (1)" in render(r) and "D601 exact: c (O, 2025-06-05)" in render(r)


def test_unknown_article_suggests(ledger):
    with pytest.raises(ReviewError, match="did you mean 'nikkei-biden-supply-chain-order'"):
        review("nikkei-biden", [SEED])


def test_cli_review_plain_when_piped_and_no_color(ledger, monkeypatch):
    proc = subprocess.run([sys.executable, "-m", "ledger", "review", "a", str(ledger)], capture_output=True, text=True)
    assert proc.returncode == 0 and "\x1b[" not in proc.stdout and "Claims (2)" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "ledger", "review", "a", str(ledger), "--color", "always"],
                          capture_output=True, text=True)
    assert "\x1b[" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "ledger", "review", "zzz", str(ledger)], capture_output=True, text=True)
    assert proc.returncode == 2 and "no article 'zzz'" in proc.stderr and "Traceback" not in proc.stderr


def test_intervals_are_shown_in_the_written_unit(ledger):
    r = review("a", [ledger])
    day, month = r.claims
    assert day.interval == "[5.4 million battery/day – 6.6 million battery/day]"  # around: ±10 % generous
    assert "battery/month" in month.interval and "second" not in month.interval
    assert [p.interval for p in r.peers] == ["[65 battery/s – 75 battery/s]"]
