"""Rewrites (D603) from several signals on a generated ledger with truth (benchmarks/dupecorpus.py):
rewrite pairs up to 40 days apart found, same-company stories of other events (sharing names and
a background figure) kept apart, each finding naming its signals."""
from __future__ import annotations

import sys

import pytest

from ledger import rewrites
from ledger.engine import Options, run_check

from conftest import ROOT, write_ledger

sys.path.insert(0, str(ROOT / "benchmarks"))
import dupecorpus  # noqa: E402


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    files, truth = dupecorpus.ledger_files(stories=16, seed=7)
    root = write_ledger(tmp_path_factory.mktemp("rw"), files)
    findings = run_check([root], Options(select=["D601", "D602", "D603"])).findings
    return truth, findings


def test_rewrites_weeks_apart_are_found_and_same_topic_stories_are_not(generated):
    truth, findings = generated
    reported = {f.article_id: f.message for f in findings if f.rule == "D603"}
    rewrites_planted = {b for (a, b), kind in truth.items() if kind == "rewrite"}
    assert set(reported) == rewrites_planted  # every rewrite, nothing else (no -t article)
    assert not [f for f in findings if f.rule in ("D601", "D602")]
    for b, message in reported.items():
        a = b[:-1] + "o"
        assert message.startswith(f"same story as {a} ") and "figures: " in message and "events: " in message


def test_names_skip_sentence_openers_and_dates():
    names, other = rewrites.words("Acme said on Monday that Globex Corp. Staff agreed. In May the union met Ford.")
    assert names == {"globex", "corp", "ford"}
    assert {"acme", "staff", "union"} <= other and "monday" not in names | other  # an opener is a plain word


def test_a_rewrite_outside_the_window_is_not_reported(check):
    share = "claims:\n  - {id: s, quote: 'over 90%', subject: china, metric: share, value: 90%, qualifier: over}\n"
    letter = "events:\n  - {id: l, event: alliance-letter, quote: 'letter dated May 9', when: 2025-05-09}\n"
    text = "The Alliance for Automotive Innovation wrote to the Trump administration in a letter dated May 9: over 90%."
    from conftest import article

    files = {"a.yaml": article(text, article_id="a", items=share + letter),
             "b.yaml": article(text.replace("wrote to", "warned"), article_id="b", published="2025-07-18", items=share + letter)}
    assert [f.rule for f in check(files) if f.rule == "D603"] == ["D603"]  # 44 days
    files["b.yaml"] = files["b.yaml"].replace("2025-07-18", "2025-07-21")  # 47 days
    assert not [f for f in check(files) if f.rule == "D603"]


def test_the_rewrite_window_comes_from_the_configuration(tmp_path, monkeypatch, capsys):
    from conftest import VOCAB, article

    from ledger.cli import main
    from ledger.config import ConfigError, load

    share = "claims:\n  - {id: s, quote: 'over 90%', subject: china, metric: share, value: 90%, qualifier: over}\n"
    letter = "events:\n  - {id: l, event: alliance-letter, quote: 'letter dated May 9', when: 2025-05-09}\n"
    text = "The Alliance for Automotive Innovation wrote to the Trump administration in a letter dated May 9: over 90%."
    write_ledger(tmp_path / "claims", {
        "vocab.yaml": VOCAB, "a.yaml": article(text, article_id="a", items=share + letter),
        "b.yaml": article(text.replace("wrote to", "warned"), article_id="b", published="2025-07-18", items=share + letter)})
    monkeypatch.chdir(tmp_path)
    (tmp_path / "factledger.toml").write_text("rewrite-window = 30\n")
    main(["check", "--select", "D603"])
    assert "D603" not in capsys.readouterr().out  # 44 days apart, window 30
    (tmp_path / "factledger.toml").write_text("rewrite-window = 60\n")
    main(["check", "--select", "D603"])
    assert "D603" in capsys.readouterr().out
    (tmp_path / "factledger.toml").write_text("rewrite-window = 'six weeks'\n")
    with pytest.raises(ConfigError, match="rewrite-window"):
        load(tmp_path)
