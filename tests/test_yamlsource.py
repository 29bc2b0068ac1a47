"""The compact position tree of ledger.yamlsource gives every path the position the flat
{path: (line, col)} dicts of the earlier implementation gave (kept here as the reference), and
the load leaves garbage collection as it found it."""
from __future__ import annotations

import copy
import gc
import os
import subprocess
import sys

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from ledger import parsecache
from ledger.loader import gc_paused, load_ledger
from ledger.yamlsource import Document, SourceError, parse_yaml


def reference_positions(text: str) -> tuple[dict, dict]:
    """The old walk: every node's (line, col) by path, and every mapping key's."""
    value_pos: dict = {}
    key_pos: dict = {}

    def pos(node):
        return node.start_mark.line + 1, node.start_mark.column + 1

    def walk(node, path):
        value_pos[path] = pos(node)
        if isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, path + (i,))
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key_pos[path + (key_node.value,)] = pos(key_node)
                walk(value_node, path + (key_node.value,))

    root = yaml.compose(text, Loader=yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader)
    if root is not None:
        walk(root, ())
    return value_pos, key_pos


def reference_position(value_pos, key_pos, path, key=False):
    if key and path in key_pos:
        return key_pos[path]
    while path:
        if path in value_pos:
            return value_pos[path]
        path = path[:-1]
    return value_pos.get((), (1, 1))


keys = st.sampled_from(["id", "value", "claims", "a b", "when", "x", "quote", "unit"])
scalars = st.one_of(st.text(alphabet="abc019 .,%-", max_size=6), st.none(), st.integers(-5, 5))
documents = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)), max_leaves=25)


def paths_of(data, path=()):
    yield path
    if isinstance(data, dict):
        for k, v in data.items():
            yield from paths_of(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from paths_of(v, path + (i,))


@settings(max_examples=150, deadline=None)
@given(documents, st.sampled_from([None, True, False]), st.integers(0, 80))
def test_positions_equal_the_flat_implementation(data, flow, width):
    text = yaml.safe_dump(data, default_flow_style=flow, width=width + 20, sort_keys=False)
    doc = parse_yaml(text)
    value_pos, key_pos = reference_positions(text)
    probes = list(paths_of(doc.data)) + [("missing",), ("claims", 99, "value"), (0, "x", 3)]
    probes += [p + ("deeper", 7) for p in list(paths_of(doc.data))[:10]]
    for path in probes:
        for key in (False, True):
            assert doc.position(path, key=key) == reference_position(value_pos, key_pos, path, key), (text, path, key)


@settings(max_examples=60, deadline=None)
@given(documents)
def test_pruned_and_cached_documents_keep_their_positions(data):
    copies = [copy.deepcopy(data) for _ in range(4)]  # one object repeated would be dumped as an alias
    text = yaml.safe_dump({"items": copies[:3], "tail": copies[3]}, sort_keys=False)
    doc = parse_yaml(text)
    value_pos, key_pos = reference_positions(text)
    pruned = doc.pruned({("items", 1)})
    # item 2 moved up to index 1, with its positions
    for path in paths_of(data):
        assert pruned.position(("items", 1) + path) == reference_position(value_pos, key_pos, ("items", 2) + path)
        assert pruned.position(("tail",) + path) == reference_position(value_pos, key_pos, ("tail",) + path)
    assert ("items", 1) in pruned.dropped
    back = parsecache._unflatten(doc.data, doc.flat_positions())
    for path in paths_of(doc.data):
        for key in (False, True):
            assert back.position(path, key=key) == doc.position(path, key=key)


def test_an_empty_document_is_at_the_start():
    doc = parse_yaml("")
    assert doc.data is None and doc.position(("article", "id")) == (1, 1)
    assert parsecache._unflatten(None, doc.flat_positions()).position(()) == (1, 1)


def test_a_duplicate_key_names_the_first_line():
    try:
        parse_yaml("a: 1\nb: 2\na: 3\n")
    except SourceError as exc:
        assert (exc.line, exc.col) == (3, 1) and "first at line 1" in exc.message
    else:
        raise AssertionError("duplicate key accepted")


def test_scalars_stay_source_text_and_merge_keys_are_refused():
    doc = parse_yaml("a: 012\nb: 1e3\nc: yes\nd: 2024-01-02\nf: ''\n")
    assert doc.data == {"a": "012", "b": "1e3", "c": "yes", "d": "2024-01-02", "f": ""}
    for text in ("a: &x {b: 1}\nc:\n  <<: *x\n", "a:\n  <<: {b: 1}\n"):
        try:
            parse_yaml(text)
        except SourceError as exc:
            assert "merge keys" in exc.message or "anchor" in exc.message
        else:
            raise AssertionError(f"accepted {text!r}")


def test_the_load_leaves_gc_as_it_found_it(tmp_path):
    (tmp_path / "v.yaml").write_text("entities:\n  - {key: acme, name: Acme, kind: organisation}\n")
    assert gc.isenabled()
    load_ledger([tmp_path])
    assert gc.isenabled()
    gc.disable()
    try:
        load_ledger([tmp_path])
        assert not gc.isenabled()
    finally:
        gc.enable()
    try:
        with gc_paused():
            assert not gc.isenabled()
            raise KeyError("boom")
    except KeyError:
        pass
    assert gc.isenabled()


def test_a_loaded_file_keeps_positions_not_a_second_copy_of_the_data(tmp_path):
    (tmp_path / "v.yaml").write_text("entities:\n  - {key: acme, name: Acme, kind: organisation}\n")
    loaded = load_ledger([tmp_path]).files[0]
    assert isinstance(loaded.doc, Document) and loaded.doc.data is None
    assert loaded.doc.position(("entities", 0, "name")) == (2, 23)
    assert loaded.model.entities[0].name == "Acme"


_CYCLES = """
import gc, sys
from pathlib import Path
from ledger.loader import load_ledger
load_ledger([Path(sys.argv[1])])  # first-time imports and caches are not garbage of a load
gc.unfreeze()
gc.collect()
load_ledger([Path(sys.argv[1])])
gc.unfreeze()
gc.set_debug(gc.DEBUG_SAVEALL)
found = gc.collect()
print(found, sorted({type(o).__name__ for o in gc.garbage}))
"""


def test_a_load_leaves_no_reference_cycles(tmp_path):
    """The load runs with GC off and freezes what it built: a cycle made there would outlive it.
    In a fresh process: other tests' threads (the language server's) make garbage of their own."""
    (tmp_path / "v.yaml").write_text("entities:\n  - {key: acme, name: Acme, kind: organisation}\n")
    (tmp_path / "bad.yaml").write_text("entities:\n  - {key: Bad Key, name: B, kind: nope}\n  - [1, 2\n")
    (tmp_path / "worse.yaml").write_text("metrics:\n  - {key: m, description: M, kind: rate, unit: x, extra: 1}\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _CYCLES, str(tmp_path)], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("0 []"), done.stdout
