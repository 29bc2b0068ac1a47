"""The vocabulary as a tool: listing with uses, search, near-duplicates (rule L111, located), and
adding entries to vocab.yaml as text — comments and order kept, atomic, validated."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.cli import main
from ledger.vocab import Entry, near_duplicates, search
from ledger.vocabedit import Proposal, VocabEditError, add, insert, proposals_in

from conftest import ROOT, VOCAB, article, located, write_ledger


def metric(key, desc="x", kind="share", dim="percent"):
    return Entry("metric", key, desc, kind, unit="%", dimension=dim)


def entity(key, name, kind="organisation", aliases=()):
    return Entry("entity", key, name, kind, aliases=list(aliases))


# ten ways an editor ends up with two keys for one thing ...
SAME = [
    (metric("ev-sales-share"), metric("share-of-ev-sales")),
    (metric("export-licences"), metric("export-licenses")),
    (metric("employment", kind="level", dim="job"), metric("total-employment", kind="level", dim="job")),
    (metric("battery-factory", kind="count"), metric("battery-factories", kind="count")),
    (metric("annual-output", kind="rate"), metric("output", kind="rate")),
    (metric("a", "Share of global rare-earth processing capacity"), metric("b", "Share of global rare-earth processing capacity.")),
    (entity("acme", "Acme Corp", aliases=["Acme"]), entity("acme-corp", "Acme")),
    (entity("gm", "General Motors Company", aliases=["GM"]), entity("general-motors", "General Motors", aliases=["GM"])),
    (entity("us", "United States", "country", ["U.S."]), entity("united-states", "The United States", "country")),
    (entity("mp-materials", "MP Materials", aliases=["MP"]), entity("mp", "MP Materials Corp.")),
]
# ... and ten look-alikes that are different things
DIFFERENT = [
    (metric("tariff-cost-gross", kind="money", dim="money"), metric("tariff-cost-net", kind="money", dim="money")),
    (metric("investment", kind="money", dim="money"), metric("rd-investment-plan", kind="money", dim="money")),
    (metric("ev-sales-share"), metric("ev-sales-share-used")),
    (metric("output", kind="rate", dim="battery/time"), metric("output-cells", kind="count", dim="battery")),
    (metric("employment", kind="level", dim="job"), metric("employment-share")),
    (metric("companies-merged", kind="count"), metric("companies-seeking-magnet-supply", kind="count")),
    (entity("panasonic-energy", "Panasonic Energy", aliases=["Panasonic"]), entity("panasonic-sparks", "Panasonic gigafactory, Sparks", "facility", ["Panasonic"])),
    (entity("tsmc", "TSMC"), entity("tsmc-arizona", "TSMC Arizona plant")),
    (entity("china", "China", "country"), entity("china-rare-earth-group", "China Rare Earth Group")),
    (entity("ford", "Ford Motor Company", aliases=["Ford"]), entity("gm", "General Motors", aliases=["GM"])),
]


@pytest.mark.parametrize("a, b", SAME, ids=[f"{a.key}~{b.key}" for a, b in SAME])
def test_near_duplicates_found(a, b):
    found = near_duplicates([a, b])
    assert len(found) == 1 and found[0].why


@pytest.mark.parametrize("a, b", DIFFERENT, ids=[f"{a.key}/{b.key}" for a, b in DIFFERENT])
def test_different_entries_stay_silent(a, b):
    assert near_duplicates([a, b]) == []


def _all_pairs(all_entries):
    """near_duplicates as it was: every pair of one kind compared (quadratic) — the reference."""
    import difflib

    from ledger.vocab import GENERIC, NearDuplicate, _norm_words, _squash

    def why(a, b):
        ka, kb = _norm_words(a.key), _norm_words(b.key)
        if set(ka) == set(kb):
            return "the same words in the key"
        small, large = (set(ka), set(kb)) if len(ka) <= len(kb) else (set(kb), set(ka))
        if small and small < large and large - small <= GENERIC:
            return f"the keys differ only by {', '.join(sorted(large - small))!r}"
        if a.kind == "entity":
            shared = sorted(n for n in {_squash(n) for n in [a.label, *a.aliases, a.key]}
                            & {_squash(n) for n in [b.label, *b.aliases, b.key]} if n)
            return f"both are called {shared[0]!r}" if shared else None
        if len(a.label) > 12 and difflib.SequenceMatcher(None, a.label.lower(), b.label.lower()).ratio() >= 0.9:
            return "near-identical descriptions"
        return None

    found = []
    for kind in ("entity", "metric"):
        group = sorted((e for e in all_entries if e.kind == kind), key=lambda e: (e.file, e.line, e.key))
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.category == b.category and (kind != "metric" or a.dimension == b.dimension) and why(a, b):
                    found.append(NearDuplicate(a, b, why(a, b)))
    return found


_KEY_WORDS = st.sampled_from(["ev", "sales", "share", "of", "total", "annual", "licences", "licenses", "output",
                              "the", "battery", "batteries", "acme", "corp", "number", "pct", "percent"])
_ENTRY = st.builds(
    lambda kind, words, label, aliases, category, dim, line: Entry(
        kind, "-".join(words), label, category, dimension=dim, aliases=aliases, file="v.yaml", line=line),
    st.sampled_from(["entity", "metric"]), st.lists(_KEY_WORDS, min_size=1, max_size=3),
    st.sampled_from(["", "Acme", "acme corp", "Share of EV sales", "Share of EV sale", "Share of the EV sales",
                     "Electric vehicle sales share", "Batteries made per day", "Batteries made per days"]),
    st.lists(st.sampled_from(["Acme", "ACME Corp", "EV", "Sales"]), max_size=2),
    st.sampled_from(["organisation", "share", "level"]), st.sampled_from(["percent", "job"]), st.integers(1, 50))


@settings(max_examples=300, deadline=None)
@given(st.lists(_ENTRY, max_size=12))
def test_near_duplicates_compares_only_candidates_yet_finds_every_pair(all_entries):
    assert near_duplicates(all_entries) == _all_pairs(all_entries)


def test_rule_l111_is_located_at_the_later_entry_and_silent_on_the_seed(check):
    vocab = VOCAB.replace("units:\n", "  - {key: outputs, description: Batteries made, kind: rate, unit: battery/s}\nunits:\n")
    f = check({"vocab.yaml": vocab}, select=["L111"], vocab=False)
    assert located(f, "L111") == [("vocab.yaml", 10, 5)]
    assert "'outputs' looks like 'output'" in f[0].message and f[0].severity == "info"
    assert [x for x in check({}, select=["L111"]) if x.rule == "L111"] == []


def test_seed_vocabulary_has_no_near_duplicates(capsys):
    assert main(["check", str(ROOT / "claims"), "--select", "L111", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []


def test_vocab_lists_with_uses_and_searches(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["vocab", "--format", "json"]) == 0
    rows = {(r["kind"], r["key"]): r for r in json.loads(capsys.readouterr().out)}
    assert rows[("entity", "china")]["uses"] >= 4 and "Beijing" in rows[("entity", "china")]["aliases"]
    assert rows[("metric", "rare-earth-processing-share")]["uses"] == 4
    assert rows[("unit", "battery")]["category"] == "count"
    assert main(["vocab", "--search", "rare earth processing", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["key"] == "rare-earth-processing-share"
    assert main(["vocab", "--search", "Beijing", "--kind", "entity"]) == 0
    assert capsys.readouterr().out.splitlines()[2].split()[1] == "china"


def test_search_falls_back_to_spelling():
    entries = [entity("volkswagen", "Volkswagen AG", aliases=["VW"])]
    assert [e.key for e in search(entries, "volkswagon")] == ["volkswagen"]


VOCAB_FILE = """\
# Shared vocabulary. Keep keys lowercase.

entities:
  # --- companies ---
  - key: acme
    name: Acme
    kind: organisation   # the one we cover most

  # --- countries ---
  - {key: china, name: China, kind: country}

metrics:
  - key: output
    description: Batteries per day
    kind: rate
    unit: battery/day
# trailing comment about units
units:
  - name: battery
"""


def test_insert_keeps_comments_and_order():
    out = insert(VOCAB_FILE, Proposal("entities", {"key": "india", "name": "India", "kind": "country", "aliases": ["Bharat"]}))
    assert out.startswith(VOCAB_FILE.split("metrics:")[0].rstrip("\n"))  # everything before is intact
    lines = out.splitlines()
    at = lines.index("  - key: india")
    assert lines[at - 1] == "  - {key: china, name: China, kind: country}"
    assert lines[at + 1:at + 4] == ["    name: India", "    kind: country", "    aliases: [Bharat]"]
    for line in VOCAB_FILE.splitlines():
        assert line in lines  # nothing lost
    out = insert(out, Proposal("metrics", {"key": "sales", "description": "Units sold: all of them", "kind": "count", "unit": "battery"}))
    lines = out.splitlines()
    assert lines.index("    description: 'Units sold: all of them'") < lines.index("# trailing comment about units")
    out = insert(out, Proposal("units", {"name": "cell", "same_as": "battery"}))
    assert out.endswith("  - name: battery\n  - name: cell\n    same_as: battery\n")


def test_add_is_atomic_validated_and_skips_present(tmp_path):
    target = tmp_path / "vocab.yaml"
    target.write_text(VOCAB_FILE)
    added, present = add(target, [Proposal("entities", {"key": "acme", "name": "Acme", "kind": "organisation"}),
                                  Proposal("units", {"name": "cell"})])
    assert [p.key for p in added] == ["cell"] and [p.key for p in present] == ["acme"]
    before = target.read_text()
    with pytest.raises(VocabEditError, match="kind"):
        add(target, [Proposal("entities", {"key": "x", "name": "X", "kind": "company"})])
    assert target.read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["vocab.yaml"]


def test_flow_style_section_is_refused_with_a_reason():
    with pytest.raises(VocabEditError, match="flow style"):
        insert("units: [{name: battery}]\n", Proposal("units", {"name": "cell"}))


def test_accept_commented_proposals_from_a_draft(tmp_path, monkeypatch, capsys):
    ledger = write_ledger(tmp_path / "claims", {"vocab.yaml": VOCAB_FILE})
    draft = tmp_path / "claims" / "draft.yaml"
    draft.write_text("# yaml-language-server: $schema=ledger.schema.json\n"
                     + article("x", items="") +
                     "# Proposed vocabulary — accept with `factledger vocab-accept claims/draft.yaml`:\n"
                     "# entities:\n#   - {key: lynas, name: Lynas Rare Earths, kind: organisation, aliases: [Lynas]}\n"
                     "# metrics:\n#   - {key: magnet-output, description: Magnets made per year, kind: rate, unit: t/year}\n")
    monkeypatch.chdir(tmp_path)
    before = draft.read_text()
    assert main(["vocab-accept", "claims/draft.yaml"]) == 0
    err = capsys.readouterr().err
    assert "added entity 'lynas'" in err and "added metric 'magnet-output'" in err
    text = (ledger / "vocab.yaml").read_text()
    assert "  - key: lynas" in text and "# --- countries ---" in text
    assert draft.read_text() == before  # the draft is never touched
    assert main(["vocab-accept", "claims/draft.yaml"]) == 0  # again: nothing new
    assert "already in the vocabulary" in capsys.readouterr().err
    assert main(["check", "claims", "--select", "L"]) in (0, 1)


def test_vocab_add_command(tmp_path, monkeypatch, capsys):
    write_ledger(tmp_path / "claims", {"vocab.yaml": VOCAB_FILE})
    monkeypatch.chdir(tmp_path)
    assert main(["vocab-add", "entity", "lynas", "--name", "Lynas", "--kind", "organisation", "--alias", "Lynas Rare Earths"]) == 0
    assert "aliases: [Lynas Rare Earths]" in (tmp_path / "claims" / "vocab.yaml").read_text()
    assert main(["vocab-add", "entity", "china", "--name", "China", "--kind", "country"]) == 0
    assert "already in the vocabulary" in capsys.readouterr().err
    assert main(["vocab-add", "metric", "m", "--description", "d", "--kind", "rate"]) == 2  # no unit
    assert "unit" in capsys.readouterr().err
    assert proposals_in("entities: []\n") == []


def test_accept_reads_the_proposals_new_writes(tmp_path, monkeypatch, capsys):
    """`new` proposes vocabulary in comments (ledger.draft._proposals); vocab-accept takes them as written."""
    from ledger.draft import write_draft

    ledger = write_ledger(tmp_path / "claims", {"vocab.yaml": VOCAB_FILE})
    (ledger / "lynas.txt").write_text("Lynas Rare Earths said it shipped 1,200 tonnes of magnets in 2024.\n")
    draft = write_draft(ledger / "lynas.txt", outlet="Test", published="2025-01-02")
    proposed = [p for p in proposals_in(draft.read_text(encoding="utf-8"), include_plain=False) if p.section == "entities"]
    assert proposed, draft.read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["vocab-accept", str(draft)]) == 0
    text = (ledger / "vocab.yaml").read_text(encoding="utf-8")
    assert all(f"- key: {p.key}" in text for p in proposed)
    assert text.startswith("# Shared vocabulary. Keep keys lowercase.\n")
