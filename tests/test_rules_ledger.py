"""L103-L105 on tiny fixtures."""
from __future__ import annotations

from conftest import article, located

CLAIM = "  - {id: %s, quote: '%s', subject: %s, metric: %s, value: 40}\n"


def test_l103_suggests_the_nearest_key_and_checks_references(check):
    items = ("claims:\n" + CLAIM % ("a", "40 batteries", "acme", "sale")
             + "  - {id: b, quote: '40 batteries', subject: acme, metric: sales, value: 40, restates: nope}\n")
    f = check({"a.yaml": article("40 batteries", items=items)}, select=["L103"])
    assert located(f, "L103") == [("a.yaml", 8, 59), ("a.yaml", 9, 87)]  # at the key that names it
    messages = sorted(x.message for x in f)
    assert "unknown claim 'a/nope' in `restates`" in messages[0]
    assert "unknown metric 'sale' in `metric`; did you mean 'sales'?" == messages[1]


def test_l103_no_suggestion_for_a_far_miss(check):
    f = check({"a.yaml": article("40 batteries", items="claims:\n" + CLAIM % ("a", "40 batteries", "zzzzzz", "sales"))}, select=["L103"])
    assert "add it to the vocabulary" in f[0].message


def test_l104_duplicate_across_files_names_the_first(check):
    vocab2 = "entities:\n  - {key: acme, name: Acme again, kind: organisation}\n"
    f = check({"z.yaml": vocab2}, select=["L104"])
    assert located(f, "L104") == [("z.yaml", 2, 5)]
    assert "duplicate entity id 'acme' (first at" in f[0].message and "vocab.yaml:2" in f[0].message


def test_l105_normalises_case_quotes_dashes_and_space(check):
    body = "He said \u201cwe sold 40 batteries\u201d \u2014 a record."
    items = "claims:\n  - {id: a, quote: '\"We  sold 40 BATTERIES\" - a record', subject: acme, metric: sales, value: 40}\n"
    assert check({"a.yaml": article(body, items=items)}, select=["L105"]) == []
    items = "claims:\n  - {id: a, quote: 'we sold 41 batteries', subject: acme, metric: sales, value: 41}\n"
    assert located(check({"a.yaml": article(body, items=items)}, select=["L105"]), "L105") == [("a.yaml", 8, 5)]


def test_l107_vocab_unit_that_shadows_a_standard_unit(check):
    f = check({"units.yaml": "units:\n  - name: grade\n"}, select=["L107"])
    assert located(f, "L107") == [("units.yaml", 2, 11)]
    assert "already a standard unit" in f[0].message
