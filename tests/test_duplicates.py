"""Duplicate detection: the algorithm's properties (hypothesis), the rules on tiny fixtures with
their locations, and the seed ledger's real copy and rewrite."""
from __future__ import annotations

import itertools
import random

import numpy as np
from hypothesis import given, settings, strategies as st

from ledger.minhash import components, find_pairs, verify
from ledger.shingles import shingle

from conftest import ROOT, article, located

WORDS = [f"w{i}" for i in range(400)]


def story(seed: int, n: int = 80) -> str:
    rng = random.Random(seed)
    sentences = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16))) for _ in range(n // 10)]
    return ". ".join(s.capitalize() for s in sentences) + "."


def pair_stats(texts: list[str], a: int = 0, b: int = 1):
    sh = shingle(texts)
    p = verify(sh, np.array([a]), np.array([b]))
    return float(p.jaccard[0]), float(p.containment[0])


texts = st.integers(0, 10**6).map(story)


@given(texts)
def test_an_article_is_its_own_duplicate(text):
    assert pair_stats([text, text]) == (1.0, 1.0)
    p = find_pairs(shingle([text, text]))
    assert (p.a.tolist(), p.b.tolist(), p.jaccard.tolist()) == ([0], [1], [1.0])


@given(texts, texts)
def test_similarity_is_symmetric(x, y):
    assert pair_stats([x, y], 0, 1) == pair_stats([x, y], 1, 0)


@given(st.lists(texts, min_size=2, max_size=6, unique=True))
def test_exact_jaccard_matches_python_sets(docs):
    sh = shingle(docs)
    pairs = np.array(list(itertools.combinations(range(len(docs)), 2)))
    p = verify(sh, pairs[:, 0], pairs[:, 1])
    sets = [set(sh.hashes(d).tolist()) for d in range(len(docs))]
    for (a, b), j in zip(pairs.tolist(), p.jaccard.tolist()):
        union = len(sets[a] | sets[b])
        assert j == (len(sets[a] & sets[b]) / union if union else 0.0)


BOILERPLATE = st.sampled_from([
    "This story originally appeared on {o}.",
    "Sign up for the {o} newsletter to get the news every morning.",
    "We use cookies to improve your experience on {o}.",
    "By signing up I agree to the Terms of Use and acknowledge that I have read the Privacy Policy.",
    "Copyright © 2025 {o}. All rights reserved.",
    "By Jane Doe, {o}",
])


@settings(max_examples=50)
@given(texts, texts, st.lists(BOILERPLATE, min_size=1, max_size=6), st.sampled_from(["Autoblog", "Yahoo", "Reuters"]))
def test_shared_boilerplate_does_not_make_unrelated_texts_duplicates(x, y, lines, outlet):
    footer = "\n".join(line.format(o=outlet) for line in lines * 3)  # bylines stand on their own line
    assert pair_stats([x + "\n" + footer, footer + "\n" + y]) == pair_stats([x, y])


@settings(max_examples=20, deadline=None)
@given(texts, texts, st.text(st.sampled_from("abcdefgh "), min_size=60, max_size=200))
def test_a_sentence_recurring_across_the_corpus_is_boilerplate(x, y, footer):
    others = [story(10**7 + i) + "\n" + footer for i in range(12)]
    corpus = [x + "\n" + footer, y + "\n" + footer, *others]
    assert pair_stats(corpus) == pair_stats([x, y])


def test_short_texts_take_the_exact_path_and_unrelated_ones_are_not_paired():
    docs = ["Rates rise again.", "rates RISE again.", "Oil falls on demand.", story(1), story(2), story(1) + " Extra words here."]
    p = find_pairs(shingle(docs))
    got = {(a, b): round(j, 2) for a, b, j in zip(p.a.tolist(), p.b.tolist(), p.jaccard.tolist())}
    assert got[(0, 1)] == 1.0
    assert (3, 5) in got and got[(3, 5)] > 0.9
    assert not any(set(k) & {2} for k in got) and (3, 4) not in got


def test_components_join_only_verified_edges():
    label = components(6, np.array([0, 1, 4]), np.array([1, 2, 5]))
    assert label.tolist() == [0, 0, 0, 3, 4, 4]


BODY = story(7, 120)


def test_d601_exact_copy_located_on_the_later_article(check):
    f = check({"a.yaml": article(BODY, article_id="a", published="2025-06-03"),
               "b.yaml": article(BODY.upper(), article_id="b", published="2025-06-05")})
    assert located(f, "D601") == [("b.yaml", 1, 1)]
    assert not located(f, "D602")
    assert "same text as a" in f[0].message


def test_d602_copy_with_new_header_and_footer(check):
    copy = "Story originally appeared on Example Wire. " + BODY + " Sign up for our newsletter. " + story(99, 20)
    f = check({"a.yaml": article(BODY, article_id="a", published="2025-06-04"),
               "b.yaml": article(copy, article_id="b", published="2025-06-03"),
               "c.yaml": article(story(8, 120), article_id="c")})
    assert located(f, "D602") == [("a.yaml", 1, 1)]  # a is the later one
    assert "syndicated copy of b" in f[0].message and "1 day later" in f[0].message


def test_d603_rewrite_needs_shared_figures_and_words(check):
    share = "claims:\n  - {{id: s, quote: '{q}', subject: china, metric: share, value: 90%, qualifier: over}}\n"
    letter = "events:\n  - {id: l, event: alliance-letter, quote: 'letter dated May 9', when: 2025-05-09}\n"
    one = ("Carmakers told the Trump administration in a letter dated May 9 that the Alliance for Automotive "
           "Innovation fears a magnet shortage. China holds over 90% of processing.")
    two = ("In a letter dated May 9, the Alliance for Automotive Innovation warned the Trump administration of "
           "a magnet shortage: China holds over 90% of processing.")
    f = check({"a.yaml": article(one, article_id="a", items=share.format(q="over 90%") + letter),
               "b.yaml": article(two, article_id="b", published="2025-07-10", items=share.format(q="over 90%") + letter)})
    assert located(f, "D603") == [("b.yaml", 1, 1)]  # 36 days later: a follow-up is still in the window
    assert "figures: china/share; events: alliance-letter; names: alliance, automotive, innovation, trump" in f[0].message
    far = check({"a.yaml": article(one, article_id="a", items=share.format(q="over 90%") + letter),
                 "b.yaml": article(two, article_id="b", published="2025-09-10", items=share.format(q="over 90%") + letter)})
    assert not located(far, "D603")  # outside the publication window


def test_seed_copy_and_rewrite_are_found_and_unrelated_seeds_are_not_paired(check):
    from ledger.engine import run_check

    report = run_check([ROOT / "claims"])
    pairs = {(f.rule, f.article_id) for f in report.findings if f.rule.startswith("D6")}
    assert ("D602", "autoblog-rare-earth-magnet-shortage") in pairs
    assert ("D603", "zacks-rare-earth-magnets-endanger-us-production") in pairs
    story_ids = {"autoblog-rare-earth-magnet-shortage", "yahoo-autoblog-rare-earth-magnet-shortage",
                 "zacks-rare-earth-magnets-endanger-us-production"}
    assert {a for _, a in pairs} <= story_ids


def test_a_batch_with_fewer_tokens_than_a_shingle_does_not_crash():
    from ledger import shingles

    sh = shingles.shingle(["x", "y z"])  # 3 tokens in all, shingles of 5
    assert sh is not None
