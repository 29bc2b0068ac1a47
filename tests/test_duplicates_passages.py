"""Passage-level reuse: partial copies and updates found and described, templated briefs and
same-topic stories of different events kept apart, on tiny ledgers and on the generated corpus
(benchmarks/dupecorpus.py, with truth)."""
from __future__ import annotations

import itertools
import random
import sys

import duckdb
import numpy as np
import pytest

from ledger import passages, reuse
from ledger.minhash import verify

from conftest import ROOT, article, located

sys.path.insert(0, str(ROOT / "benchmarks"))
import dupecorpus  # noqa: E402

WRITER = dupecorpus.Writer(5)
WIRE = WRITER.story(9, 9)  # nine paragraphs


def body(paragraphs: list[str]) -> str:
    return "\n".join(paragraphs)


def test_partial_copy_names_the_paragraphs_copied(check):
    own = [WRITER.paragraph() for _ in range(7)]
    f = check({"wire.yaml": article(body(WIRE), article_id="wire", published="2025-06-03"),
               "local.yaml": article(body([*own, *WIRE[:6]]), article_id="local", published="2025-06-04"),
               "other.yaml": article(body(WRITER.story(8, 8)), article_id="other")})
    assert located(f, "D602") == [("local.yaml", 1, 1)]
    message = [x.message for x in f if x.rule == "D602"][0]
    assert "partial copy of wire" in message and "paragraphs 1–6 of 9 copied, as paragraphs 8–13 of 13" in message


def test_an_updated_story_is_one_story_and_says_what_was_added(check):
    flash = WIRE[:3]
    update = [flash[0], *(WRITER.paragraph() for _ in range(6)), *flash[1:]]
    f = check({"flash.yaml": article(body(flash), article_id="flash", published="2025-06-03"),
               "update.yaml": article(body(update), article_id="update", published="2025-06-03")})
    assert located(f, "D602") == [("update.yaml", 1, 1)]
    message = [x.message for x in f if x.rule == "D602"][0]
    assert message.startswith("update of flash") and "all 3 paragraphs of it are here again as paragraphs 1, 8–9 of 9" in message


def test_templated_briefs_of_different_companies_do_not_pair(check):
    rng = random.Random(3)
    files = {f"b{i}.yaml": article(body(dupecorpus.brief(rng, dupecorpus.TEMPLATES[i % 2], co)), article_id=f"b{i}")
             for i, co in enumerate(["Acme Corp", "Globex Inc", "Initech Group", "Umbrella Holdings"])}
    assert not [x for x in check(files) if x.rule.startswith("D6")]


def test_same_topic_stories_of_different_events_do_not_pair(check):
    phrases = dupecorpus.TOPICS[0]
    files = {f"s{i}.yaml": article(body(WRITER.story(5, 8, phrases)), article_id=f"s{i}") for i in range(4)}
    assert not [x for x in check(files) if x.rule.startswith("D6")]


def test_sources_table_makes_a_cluster_of_copies_one_source(tmp_path):
    from conftest import write_ledger
    from ledger.engine import run_check

    own = [WRITER.paragraph() for _ in range(7)]
    ledger = write_ledger(tmp_path / "l", {
        "wire.yaml": article(body(WIRE), article_id="wire", published="2025-06-03"),
        "copy.yaml": article(body(WIRE[::-1]), article_id="copy", published="2025-06-05"),
        "part.yaml": article(body([*own, *WIRE[:5]]), article_id="part", published="2025-06-04"),
        "alone.yaml": article(body(WRITER.story(6, 6)), article_id="alone")})
    db = tmp_path / "l.duckdb"
    run_check([ledger], db_path=db)
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT article_id, source_id, copies FROM sources ORDER BY article_id").fetchall()
        kinds = con.execute("SELECT article_a, article_b, kind FROM duplicates ORDER BY 1, 2").fetchall()
    assert rows == [("alone", "alone", 1), ("copy", "wire", 3), ("part", "wire", 3), ("wire", "wire", 3)]
    assert ("wire", "part", "partial-copy") in kinds and ("wire", "copy", "near-copy") in kinds


def test_a_short_text_is_compared_with_a_long_one():
    long = body(WRITER.story(30, 30))
    short = body(long.split("\n")[12:14])  # two paragraphs from the middle: containment 1, Jaccard < 0.1
    found = reuse.find([long, short, body(WRITER.story(3, 3))])
    assert list(zip(found.pairs.a.tolist(), found.pairs.b.tolist())) == [(0, 1)]
    assert found.pairs.jaccard[0] < 0.1 and found.pairs.containment[0] == 1.0


@pytest.fixture(scope="module")
def corpus():
    c = dupecorpus.build(1500, seed=11)
    return c, reuse.find(c.texts)


@pytest.mark.parametrize("category", dupecorpus.POSITIVE)
def test_corpus_recall_of_copies_partial_copies_and_updates(corpus, category):
    c, found = corpus
    got = set(zip(found.pairs.a.tolist(), found.pairs.b.tolist()))
    truth = c.pairs(category)
    assert len(truth) > 40
    assert len(truth & got) / len(truth) >= 0.95


@pytest.mark.parametrize("category", dupecorpus.NEGATIVE)
def test_corpus_look_alikes_never_pair(corpus, category):
    c, found = corpus
    got = set(zip(found.pairs.a.tolist(), found.pairs.b.tolist()))
    assert len(c.pairs(category)) > 40 and not c.pairs(category) & got


def test_corpus_reports_nothing_unplanted_and_every_pair_is_verified(corpus):
    c, found = corpus
    got = list(zip(found.pairs.a.tolist(), found.pairs.b.tolist()))
    assert set(got) <= set(c.truth)
    sample = random.Random(1).sample(got, 50)
    sets = {d: set(found.sh.hashes(d).tolist()) for d in itertools.chain.from_iterable(sample)}
    again = verify(found.sh, *np.array(sample).T)
    for (a, b), shared in zip(sample, again.shared.tolist()):
        assert shared == len(sets[a] & sets[b])
    index = {p: i for i, p in enumerate(got)}
    assert [int(found.pairs.shared[index[p]]) for p in sample] == again.shared.tolist()


def test_ranges_read_like_an_editor_writes_them():
    assert passages.ranges([True, True, False, True, False, True, True, True]) == "1–2, 4, 6–8"
    assert passages.ranges([False, False]) == ""
