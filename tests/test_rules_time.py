"""T501 and T502 on tiny fixtures."""
from __future__ import annotations

from conftest import article, located

LETTER = "events:\n" \
    "  - {id: rel, event: alliance-letter, quote: 'Earlier this month, a letter', when: earlier this month, tense: past}\n" \
    "  - {id: abs, event: alliance-letter, quote: 'a letter dated May 9', when: 2025-05-09, tense: past}\n"
TEXT = "Earlier this month, a letter dated May 9 was sent."


def test_t501_relative_mention_contradicts_the_dated_one(check):
    f = check({"a.yaml": article(TEXT, items=LETTER)}, select=["T501"])
    assert located(f, "T501") == [("a.yaml", 8, 5)]
    assert "2025-06-01 – 2025-06-03" in f[0].message and "2025-05-09" in f[0].message


def test_t501_same_words_a_month_earlier_are_fine(check):
    f = check({"a.yaml": article(TEXT, items=LETTER, published="2025-05-20")}, select=["T501"])
    assert f == []


def test_t501_across_articles(check):
    other = article("a letter dated May 9", article_id="b", items=
        "events:\n  - {id: abs, event: alliance-letter, quote: 'a letter dated May 9', when: 2025-05-09}\n")
    mine = article("Earlier this month, a letter", items=
        "events:\n  - {id: rel, event: alliance-letter, quote: 'Earlier this month, a letter', when: earlier this month}\n")
    f = check({"a.yaml": mine, "b.yaml": other}, select=["T501"])
    assert located(f, "T501") == [("a.yaml", 8, 5)]
    assert "b dates it 2025-05-09" in f[0].message


def test_t501_earlier_this_month_on_the_first(check):
    f = check({"a.yaml": article(TEXT, items=LETTER, published="2025-06-01")}, select=["T501"])
    assert ("a.yaml", 8, 5) in located(f, "T501")
    assert any("fits no possible publication day" in x.message for x in f)


def test_t502_future_tense_for_a_past_reference(check):
    f = check({"a.yaml": article("will sign an order earlier this month", published="2021-02", items=
        "events:\n  - {id: sign, event: alliance-letter, quote: 'will sign an order earlier this month', when: earlier this month, tense: future}\n")},
        select=["T502"])
    assert located(f, "T502") == [("a.yaml", 8, 5)]
    assert "future tense" in f[0].message


def test_t502_past_tense_for_a_future_date_and_silence_when_consistent(check):
    items = ("claims:\n"
             "  - {id: a, quote: 'sold 40 batteries in 2030', subject: acme, metric: sales, value: 40, when: 2030, tense: past}\n"
             "  - {id: b, quote: 'will sell 50 batteries in 2030', subject: acme, metric: sales, value: 50, when: 2030, tense: future}\n"
             "  - {id: c, quote: 'sold 40 batteries in 2030', subject: acme, metric: sales, value: 40, when: last year, tense: past}\n")
    f = check({"a.yaml": article("sold 40 batteries in 2030; will sell 50 batteries in 2030", items=items)}, select=["T502"])
    assert located(f, "T502") == [("a.yaml", 8, 5)]
