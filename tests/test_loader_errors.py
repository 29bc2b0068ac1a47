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
     "L103", "a.yaml", 10, 14, "unknown entity 'acmee' in `subject`; did you mean 'acme'?"),
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
     "L101", "a.yaml", 2, 8, "anchor and alias"),
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


# -- the bad-input catalogue ---------------------------------------------------------------------
# Hostile and careless values, one per case, each with the rule, file, line and column it must be
# reported at. Claims are written in block style by claim(): line 7 is `claims:`, line 8 the
# claim's `- id:`, then quote (9), subject (10), metric (11), value (12), further keys from 13.

def claim(**fields) -> str:
    values = {"quote": "40 batteries", "subject": "acme", "metric": "sales", "value": "40"}
    values.update(fields)
    lines = ["claims:", "  - id: sales"]
    lines += [f"    {k.replace('from_', 'from')}: {v}" for k, v in values.items() if v is not None]
    return "\n".join(lines) + "\n"


def art(items: str = "", body: str = "40 batteries", **kw) -> dict:
    return {"a.yaml": article(body, items=items, **kw)}


def vocab(section: str, entry: str) -> dict:
    """A second vocabulary file, more.yaml, holding one `section` whose one entry is line 2."""
    return {"more.yaml": f"{section}:\n  - {entry}\n", **art(claim())}


CATALOGUE = [
    # figures: the value key's value is at line 12, column 12
    ("value 1e400", art(claim(value="1e400")), "L102", "a.yaml", 12, 12, "too large"),
    ("value 1e999999999", art(claim(value="1e999999999")), "L102", "a.yaml", 12, 12, "more digits"),
    ("value of 10,000 digits", art(claim(value="9" * 10_000)), "L102", "a.yaml", 12, 12, "more digits"),
    ("value 1e-400", art(claim(value="1e-400")), "L102", "a.yaml", 12, 12, "too small"),
    ("value nan", art(claim(value="nan")), "L102", "a.yaml", 12, 12, "cannot read 'nan'"),
    ("value inf", art(claim(value="inf")), "L102", "a.yaml", 12, 12, "cannot read 'inf'"),
    ("value lots", art(claim(value="lots")), "L102", "a.yaml", 12, 12, "cannot read 'lots'"),
    ("value 1.2.3", art(claim(value="1.2.3")), "L102", "a.yaml", 12, 12, "cannot read"),
    ("money and percent", art(claim(value="'$12%'")), "L102", "a.yaml", 12, 12, "money or a percentage"),
    ("change x1e400", art(claim(value=None, change="x1e400")), "L102", "a.yaml", 12, 13, "too large"),
    ("change +1e400%", art(claim(value=None, change="'+1e400%'")), "L102", "a.yaml", 12, 13, "too large"),
    ("change of 500 digits", art(claim(value=None, change="'+" + "9" * 500 + "%'")), "L102", "a.yaml", 12, 13, "more digits"),
    ("unknown qualifier", art(claim(qualifier="kinda")), "L102", "a.yaml", 13, 16, "unknown qualifier 'kinda'"),
    ("no figure", art(claim(value=None)), "L102", "a.yaml", 8, 5, "a claim needs a `value`"),
    ("share of 150 %", art(claim(metric="share", value="150 %"), body="40 batteries"), "Q202", "a.yaml", 12, 12, "outside the domain"),
    ("negative count", art(claim(value="-40")), "Q202", "a.yaml", 12, 12, "outside the domain"),
    ("under negative zero", art(claim(value="-0", qualifier="under")), "Q202", "a.yaml", 12, 12, "value -0 reads as [-0.5, 0]"),
    ("rank 0", art(claim(rank="0")), "L102", "a.yaml", 13, 11, "greater than or equal to 1"),
    ("rank of 20 digits", art(claim(rank="99999999999999999999")), "L102", "a.yaml", 13, 11, "rank"),
    ("tense then", art(claim(tense="then")), "L102", "a.yaml", 13, 12, "'past', 'present' or 'future'"),
    ("TODO outside a draft", art(claim(subject="TODO")), "L102", "a.yaml", 8, 5, "still TODO"),
    ("list as a quote", art(claim(quote="['40 batteries']")), "L102", "a.yaml", 9, 12, "valid string"),
    # dates
    ("99999999999 days ago", art(claim(when="99999999999 days ago")), "L108", "a.yaml", 13, 11, "outside the calendar"),
    ("9999 years ago", art(claim(when="9999 years ago")), "L108", "a.yaml", 13, 11, "outside the calendar"),
    ("9999999 weeks ago", art(claim(when="9999999 weeks ago")), "L108", "a.yaml", 13, 11, "outside the calendar"),
    ("count of 5,000 digits", art(claim(when="9" * 5000 + " days ago")), "L108", "a.yaml", 13, 11, "cannot read the time reference"),
    ("next year in 9999", art(claim(when="next year"), published="9999-12-31"), "L108", "a.yaml", 13, 11, "outside the calendar"),
    ("recent decades in year 5", art(claim(when="recent decades"), published="0005-06-01"), "L108", "a.yaml", 13, 11, "outside the calendar"),
    ("range backwards", art(claim(when="2025..2017")), "L108", "a.yaml", 13, 11, "ends before it starts"),
    ("30 February", art(claim(when="2025-02-30")), "L108", "a.yaml", 13, 11, "cannot read"),
    ("published over centuries", art(claim(), published="0001..9999"), "L102", "a.yaml", 5, 14, "not a range of years"),
    ("published year 0", art(claim(), published="0000"), "L102", "a.yaml", 5, 14, "cannot read the date"),
    ("from.when unreadable", art(claim(from_="{value: 30, when: someday}")), "L108", "a.yaml", 13, 29, "someday"),
    ("event when overflow", art("events:\n  - {id: e, event: alliance-letter, quote: '40 batteries', when: 99999 years ago}\n"),
     "L108", "a.yaml", 8, 66, "outside the calendar"),
    # units of claims: the unit key's value is at line 13, column 11
    ("unit (", art(claim(unit="'('")), "L107", "a.yaml", 13, 11, "cannot read unit"),
    ("unit 1e400 battery", art(claim(unit="1e400 battery")), "L107", "a.yaml", 13, 11, "no usable size"),
    ("unit to the 99th", art(claim(unit="battery ** 99")), "L107", "a.yaml", 13, 11, "past the power"),
    ("unit mixing currencies", art(claim(metric="cost", value="5", unit="USD/EUR")), "L107", "a.yaml", 13, 11, "mixes currencies"),
    ("unit of another dimension", art(claim(unit="t")), "L107", "a.yaml", 13, 11, "does not fit metric"),
    ("value in $ with unit JPY", art(claim(metric="cost", value="'$5'", unit="JPY")), "L107", "a.yaml", 13, 11, "the unit says 'JPY'"),
    # vocabulary: extra lines start at line 12
    ("same_as (", vocab("units", "{name: widget, same_as: '('}"), "L107", "more.yaml", 2, 29, "cannot read '('"),
    ("definition 1/0", vocab("units", "{name: widget, definition: 1/0 battery}"), "L107", "more.yaml", 2, 32, "cannot read"),
    ("definition 1e400", vocab("units", "{name: widget, definition: 1e400 battery}"), "L107", "more.yaml", 2, 32, "no usable size"),
    ("definition 0", vocab("units", "{name: widget, definition: 0 battery}"), "L107", "more.yaml", 2, 32, "no usable size"),
    ("definition a dimension", vocab("units", "{name: widget, definition: '[length]'}"), "L107", "more.yaml", 2, 32, "not a unit expression"),
    ("same_as unknown", vocab("units", "{name: widget, same_as: gizmo}"), "L107", "more.yaml", 2, 29, "unknown unit"),
    ("same_as empty", vocab("units", "{name: widget, same_as: ''}"), "L107", "more.yaml", 2, 29, "is empty"),
    ("unit name pint knows", vocab("units", "{name: grade}"), "L107", "more.yaml", 2, 12, "already a standard unit"),
    ("metric min nan", vocab("metrics", "{key: m2, description: d, kind: count, unit: battery, min: nan}"), "L102", "more.yaml", 2, 64, "finite number"),
    ("metric min inf", vocab("metrics", "{key: m2, description: d, kind: count, unit: battery, min: inf}"), "L102", "more.yaml", 2, 64, "finite number"),
    ("metric max -inf", vocab("metrics", "{key: m2, description: d, kind: count, unit: battery, max: -inf}"), "L102", "more.yaml", 2, 64, "finite number"),
    ("metric min above max", vocab("metrics", "{key: m2, description: d, kind: count, unit: battery, min: 5, max: 1}"),
     "L102", "more.yaml", 2, 5, "above `max`"),
    ("metric unit unknown", vocab("metrics", "{key: m2, description: d, kind: count, unit: batery}"), "L107", "more.yaml", 2, 50, "batery"),
    ("entity kind misspelt", vocab("entities", "{key: beta, name: Beta, kind: organisatio}"), "L102", "more.yaml", 2, 35, "did you mean 'organisation'"),
    ("unknown entity key", vocab("entities", "{key: beta, name: Beta, kind: country, alias: [b]}"), "L102", "more.yaml", 2, 44, "did you mean 'aliases'"),
    ("unknown metric key", vocab("metrics", "{key: m2, description: d, kind: count, unit: battery, dimension: x}"), "L102", "more.yaml", 2, 59, "unknown key 'dimension'"),
    ("fx rate inf", vocab("fx_rates", "{currency: JPY, period: '2025', units_per_usd: inf}"), "L102", "more.yaml", 2, 52, "finite number"),
    ("fx rate zero", vocab("fx_rates", "{currency: JPY, period: '2025', units_per_usd: 0}"), "L102", "more.yaml", 2, 52, "greater than 0"),
    ("fx period month 13", vocab("fx_rates", "{currency: JPY, period: 2025-13, units_per_usd: 150}"), "L102", "more.yaml", 2, 29, "YYYY-MM"),
    # references
    ("unknown metric", art(claim(metric="salez")), "L103", "a.yaml", 11, 13, "did you mean 'sales'"),
    ("unknown subject", art(claim(subject="acmee")), "L103", "a.yaml", 10, 14, "did you mean 'acme'"),
    ("restates unknown claim", art(claim(restates="nope")), "L103", "a.yaml", 13, 15, "unknown claim"),
    ("restates itself", art(claim(restates="sales")), "L102", "a.yaml", 13, 15, "restates itself"),
    ("superseded by itself", art(claim(superseded_by="sales")), "L102", "a.yaml", 13, 20, "loop"),
    ("relation divides by zero", art(claim() + "relations:\n  - {id: r, holds: sales = sales / 0}\n"), "A301", "a.yaml", 14, 5, "divides by 0"),
    ("relation unreadable", art(claim() + "relations:\n  - {id: r, holds: sales = (sales}\n"), "A301", "a.yaml", 14, 5, "cannot read relation"),
    ("waiver rule misspelt", art(claim(waive="[{rule: q203, reason: r, by: me}]")), "L102", "a.yaml", 13, 20, "names one rule ID"),
    ("waiver until not a day", art(claim(waive="[{rule: Q203, reason: r, by: me, until: soon}]")), "L102", "a.yaml", 13, 52, "YYYY-MM-DD"),
    # the YAML itself
    ("unclosed quote", art(claim(quote='"40 batteries')), "L101", "a.yaml", 9, 12, "quoted scalar"),
    ("NUL byte", art(claim(quote="40 batteries\x00")), "L101", "a.yaml", 9, 24, "control character #x0000"),
    ("NUL byte after accents", art(claim(quote="40 batteriés é\x00")), "L101", "a.yaml", 9, 26, "control character #x0000"),
    ("alias reuse", art("claims:\n  - &c {id: x, quote: 40 batteries, subject: acme, metric: sales, value: 40}\n  - *c\n"),
     "L101", "a.yaml", 9, 5, "anchor and alias"),
    ("!!str tag", art(claim(value="!!str 40")), "L101", "a.yaml", 12, 12, "'!!str'"),
    ("! tag", art(claim(value="! 40")), "L101", "a.yaml", 12, 12, "'!'"),
    ("tab indentation", art("claims:\n\t- id: x\n"), "L101", "a.yaml", 8, 1, "YAML syntax error"),
    ("duplicate key in a claim", art(claim(value="40\n    value: 41")), "L101", "a.yaml", 13, 5, "duplicate key 'value'"),
    ("scalar file", {"a.yaml": "hello\n"}, "L102", "a.yaml", 1, 1, "must be a mapping"),
    ("claims not a list", art("claims: 5\n"), "L102", "a.yaml", 7, 9, "valid list"),
    ("claim as a string", art("claims:\n  - hello\n"), "L102", "a.yaml", 8, 5, "valid dictionary"),
    ("top-level key misspelt", art("claim:\n  - {id: x}\n"), "L102", "a.yaml", 7, 1, "did you mean 'claims'"),
    ("text and body", {"a.yaml": article("40 batteries") + "  text: a.txt\n"}, "L102", "a.yaml", 2, 3, "exactly one of"),
]


@pytest.mark.parametrize("name,files,rule,file,line,col,words", CATALOGUE, ids=[c[0] for c in CATALOGUE])
def test_catalogue_of_bad_inputs(tmp_path, name, files, rule, file, line, col, words):
    files = {"vocab.yaml": VOCAB, **files}
    findings = run_check([write_ledger(tmp_path / "ledger", files)]).findings
    hits = [f for f in findings if f.rule == rule]
    assert hits, f"no {rule} in {[(f.rule, f.line, f.col, f.message) for f in findings]}"
    assert any((Path(f.file).name, f.line, f.col) == (file, line, col) and words in f.message for f in hits), \
        [(Path(f.file).name, f.line, f.col, f.message) for f in hits]
    assert all(f.line > 0 and f.col > 0 for f in findings), findings


def test_catalogue_is_large_enough():
    assert len(CATALOGUE) >= 60


def test_oversized_files_are_located_errors(tmp_path):
    from ledger.loader import MAX_TEXT_BYTES
    from ledger.yamlsource import MAX_BYTES

    files = {"a.yaml": "article:\n  id: a\n  title: T\n  outlet: O\n  published: 2025\n  text: a.txt\n",
             "a.txt": b"40 batteries. " * (MAX_TEXT_BYTES // 14 + 1),
             "big.yaml": b"# padding\n" * (MAX_BYTES // 10 + 1)}
    findings = run_check([write_ledger(tmp_path / "l", {"vocab.yaml": VOCAB, **files})]).findings
    located = {(Path(f.file).name, f.rule, f.line, f.col) for f in findings}
    assert ("a.yaml", "L106", 6, 9) in located
    assert ("big.yaml", "L101", 1, 1) in located
