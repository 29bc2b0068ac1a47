"""Bad input: every kind gets a located, readable finding; one bad file never hides another's."""
from __future__ import annotations

from pathlib import Path

import pytest

from ledger.engine import run_check
from ledger.loader import LedgerInputError

from conftest import VOCAB, article, write_ledger

GOOD_CLAIM = """\
claims:
  - id: sales
    quote: "40 batteries"
    subject: acme
    metric: sales
    value: 40
"""

CASES = [
    # (name, files, rule, file, line, col, words the message must contain)
    ("bad yaml", {"a.yaml": "article:\n  id: a\n  title: [unclosed\n"}, "L101", "a.yaml", 4, 1, "YAML syntax error"),
    ("wrong type", {"a.yaml": article("40 batteries", items="claims:\n  - id: x\n    quote: ['40 batteries']\n    subject: acme\n    metric: sales\n    value: 40\n")},
     "L102", "a.yaml", 9, 12, "claims[0] (x).quote: Input should be a valid string"),
    ("missing field", {"a.yaml": article("40 batteries", items="claims:\n  - id: x\n    quote: 40 batteries\n    subject: acme\n    value: 40\n")},
     "L102", "a.yaml", 8, 5, "missing required key 'metric' in claims[0] (x)"),
    ("unknown key", {"a.yaml": article("40 batteries", items=GOOD_CLAIM + "    qualifer: about\n")},
     "L102", "a.yaml", 13, 5, "unknown key 'qualifer' in claims[0] (sales); did you mean 'qualifier'?"),
    ("unknown unit", {"a.yaml": article("40 batteries", items=GOOD_CLAIM + "    unit: batery\n")},
     "L107", "a.yaml", 13, 11, "batery"),
    ("unknown vocab key", {"a.yaml": article("40 batteries", items=GOOD_CLAIM.replace("subject: acme", "subject: acmee"))},
     "L103", "a.yaml", 8, 5, "unknown entity 'acmee' in `subject`; did you mean 'acme'?"),
    ("bad date", {"a.yaml": article("40 batteries", published="2025-13-40", items=GOOD_CLAIM)},
     "L102", "a.yaml", 5, 14, "article.published"),
    ("bad relative date", {"a.yaml": article("40 batteries", items=GOOD_CLAIM + "    when: the other day\n")},
     "L108", "a.yaml", 13, 11, "cannot read the time reference 'the other day'"),
    ("duplicate id", {"a.yaml": article("40 batteries", items=GOOD_CLAIM + GOOD_CLAIM.replace("claims:\n", ""))},
     "L104", "a.yaml", 13, 5, "duplicate item id 'sales' (first at"),
    ("quote not in text", {"a.yaml": article("41 batteries", items=GOOD_CLAIM)},
     "L105", "a.yaml", 8, 5, "quote not found in the text of a"),
    ("unsafe tag", {"a.yaml": "article: !!python/object/apply:os.system ['echo hi']\n"},
     "L101", "a.yaml", 1, 10, "explicit YAML tag"),
    ("alias bomb", {"a.yaml": "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"},
     "L101", "a.yaml", 1, 4, "anchor and alias"),
    ("merge key", {"a.yaml": "base: {x: 1}\nother:\n  <<: {x: 1}\n"}, "L101", "a.yaml", 3, 3, "merge keys"),
    ("duplicate key", {"a.yaml": "entities: []\nentities: []\n"}, "L101", "a.yaml", 2, 1, "duplicate key 'entities' (first at line 1)"),
    ("non-utf8 yaml", {"a.yaml": b"entities:\n  - {key: caf\xe9, name: x, kind: country}\n"}, "L101", "a.yaml", 2, 14, "not UTF-8: byte 0xe9 at offset 23"),
    ("non-utf8 text", {"a.yaml": "article:\n  id: a\n  title: T\n  outlet: O\n  published: 2025\n  text: a.txt\n",
                       "a.txt": b"Caf\xe9 sold 40 batteries"}, "L106", "a.yaml", 6, 9, "not UTF-8: byte 0xe9 at offset 3"),
    ("text outside ledger", {"a.yaml": "article:\n  id: a\n  title: T\n  outlet: O\n  published: 2025\n  text: ../secret.txt\n"},
     "L106", "a.yaml", 6, 9, "points outside the ledger folder"),
    ("id differs from file", {"b.yaml": article("x")}, "L102", "b.yaml", 2, 7, "must equal the file's stem 'b'"),
    ("not a mapping", {"a.yaml": "- just\n- a list\n"}, "L102", "a.yaml", 1, 1, "must be a mapping"),
    ("too deep", {"a.yaml": "x: " + "[" * 40 + "]" * 40 + "\n"}, "L101", "a.yaml", 1, 36, "nesting deeper than 32"),
]


@pytest.mark.parametrize("name,files,rule,file,line,col,words", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_located(tmp_path, name, files, rule, file, line, col, words):
    (tmp_path / "secret.txt").write_text("secret")
    ledger = write_ledger(tmp_path / "ledger", {"vocab.yaml": VOCAB, **files})
    findings = run_check([ledger]).findings
    hits = [f for f in findings if f.rule == rule]
    assert hits, f"no {rule} in {[(f.rule, f.message) for f in findings]}"
    first = hits[0]
    assert (Path(first.file).name, first.line, first.col) == (file, line, col), first
    assert words in first.message
    assert first.severity == "error"


def test_one_bad_file_does_not_hide_another(tmp_path):
    ledger = write_ledger(tmp_path / "l", {
        "vocab.yaml": VOCAB,
        "a.yaml": "article: [\n",
        "b.yaml": article("40 batteries", article_id="b", items=GOOD_CLAIM + "    qualifer: x\n"),
        "c.yaml": article("none", article_id="c", items=GOOD_CLAIM),
    })
    rules = {(Path(f.file).name, f.rule) for f in run_check([ledger]).findings}
    assert {("a.yaml", "L101"), ("b.yaml", "L102"), ("c.yaml", "L105")} <= rules


def test_yaml_11_traps_do_not_change_numbers(tmp_path):
    items = ("claims:\n  - {id: sci, quote: '6e6', subject: acme, metric: sales, value: 6e6}\n"
             "  - {id: octal, quote: '012', subject: china, metric: sales, value: 012}\n")
    ledger = write_ledger(tmp_path / "l", {"vocab.yaml": VOCAB, "a.yaml": article("6e6 and 012", items=items)})
    report = run_check([ledger])
    assert report.findings == []
    import duckdb  # noqa: F401  (the check above built the rows we read back below)
    from ledger.loader import load_ledger
    from ledger.resolve import resolve

    rows = {r[1]: r for r in resolve(load_ledger([ledger])).tables.claims}
    assert rows["sci"][14] == 6e6
    assert rows["octal"][14] == 12.0  # twelve, not octal ten


def test_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(LedgerInputError):
        run_check([tmp_path / "nope"])


def test_files_are_never_modified(tmp_path):
    files = {"vocab.yaml": VOCAB, "a.yaml": article("40 batteries", items=GOOD_CLAIM + "    qualifer: x\n")}
    ledger = write_ledger(tmp_path / "l", files)
    before = {p.name: p.read_bytes() for p in ledger.iterdir()}
    run_check([ledger], db_path=tmp_path / "out.duckdb")
    assert {p.name: p.read_bytes() for p in ledger.iterdir()} == before
