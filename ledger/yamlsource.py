"""Read one YAML file safely into plain data plus the source position of every node.

PyYAML's C composer builds the node graph; our own walk turns it into dicts,
lists and *source text* scalars (so YAML 1.1 typing never changes a number),
and refuses what a hand-written ledger never needs: tags, aliases, merge keys,
duplicate keys, and files past sane size caps.
"""
from __future__ import annotations

import gc
import sys
from dataclasses import dataclass, field

import yaml

try:  # the C loader is ~20x faster; fall back when libyaml is missing
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the wheel
    _Base = yaml.SafeLoader

_STR, _SEQ, _MAP = ("tag:yaml.org,2002:" + t for t in ("str", "seq", "map"))
_MERGE_TAG = "tag:yaml.org,2002:merge"


class _Loader(_Base):
    """Every scalar is read as its source text, so the implicit int/float/bool/date regexes the
    resolver runs on each plain scalar (40 % of composing) decide nothing: only a plain `<<` (a
    merge key, refused) is told apart. Explicit tags never get here (`_refuse_explicit_tags`)."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            return _MERGE_TAG if value == "<<" and implicit[0] else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

MAX_BYTES = 5_000_000
MAX_DEPTH = 32
MAX_NODES = 500_000

# Tags the implicit resolver assigns to untagged nodes; anything else was written
# by the user as an explicit tag.
_IMPLICIT_TAGS = frozenset(
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "value")
)
_NULL_TEXTS = frozenset(("", "~", "null", "Null", "NULL"))

Path = tuple  # a path into the document: ("claims", 3, "value")


@dataclass(slots=True)
class SourceError(Exception):
    message: str
    line: int
    col: int


# Positions are kept compactly, in a tree shaped like the data, without path tuples. Each node has
# one int, P = key << 48 | value, each half line << 24 | col (the key half is the position of its
# mapping key, 0 for list items and the root). A scalar is its P; a mapping is (P, keys, children)
# with `keys` a tuple of its keys shared by every mapping with the same keys in the same order
# (all the claims of a file, mostly); a sequence is (P, None, children). At 10k articles the flat
# {path: (line, col)} dicts took ~0.8 GB of the parsed ledger.
_SHIFT = 24  # a column below 2**24 (a file is at most MAX_BYTES = 5 MB)
_COL = (1 << _SHIFT) - 1
_HALF = 48
_VALUE = (1 << _HALF) - 1


def _unpack(packed: int) -> tuple[int, int]:
    return packed >> _SHIFT, packed & _COL


def pack(line: int, col: int) -> int:
    return line << _SHIFT | col


# one tuple per distinct key sequence, shared by every file of a ledger
_SHAPES: dict[tuple, tuple] = {}


def _at(node) -> int:
    return node if type(node) is int else node[0]


@dataclass(slots=True)
class Document:
    data: object
    # the position tree (see above); None for an empty document
    positions: object = None
    # paths of the items validation dropped (original paths), with the item as written
    dropped: dict = field(default_factory=dict)

    def pruned(self, drops: set) -> "Document":
        """This document without the nodes at `drops`; later list items move up, with their
        positions. The dropped items are kept in `dropped` (they may hold keys others name)."""

        def rebuild(node, pos, path):
            if isinstance(node, dict):
                kept = [(k, rebuild(v, pos[2][i], path + (k,))) for i, (k, v) in enumerate(node.items())
                        if path + (k,) not in drops]
                return ({k: d for k, (d, _) in kept},
                        (pos[0], tuple(k for k, _ in kept), tuple(p for _, (_, p) in kept)))
            if isinstance(node, list):
                kept = [rebuild(v, pos[2][i], path + (i,)) for i, v in enumerate(node) if path + (i,) not in drops]
                return [d for d, _ in kept], (pos[0], None, tuple(p for _, p in kept))
            return node, pos

        dropped = dict(self.dropped)
        for p in drops:
            node = self.data
            for step in p:
                node = node[step]
            dropped[p] = node
        try:
            data, positions = rebuild(self.data, self.positions, ())
        finally:
            del rebuild  # a recursive closure is a reference cycle: break it (the load runs with GC off)
        return Document(data, positions, dropped)

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Best position for `path`: the node itself, else its nearest ancestor; with `key`, the
        position of the key of a mapping entry when there is one."""
        node = self.positions
        if node is None:
            return 1, 1
        last = len(path) - 1
        for n, step in enumerate(path):
            if type(node) is not tuple:
                break  # a scalar has no children: its own position
            _, keys, children = node
            if keys is not None:
                if type(step) is not str or step not in keys:
                    break
                node = children[keys.index(step)]
                if key and n == last:
                    return _unpack(_at(node) >> _HALF)
            elif type(step) is int and 0 <= step < len(children):
                node = children[step]
            else:
                break
        return _unpack(_at(node) & _VALUE)

    def flat_positions(self) -> list[int]:
        """Every node's line and col, then each mapping key's, in walk order (a flat list of
        ints, what the parse cache stores); `positions_from_flat` reads it back."""
        out: list[int] = []

        def walk(node):
            out.extend(_unpack(_at(node) & _VALUE))
            if type(node) is tuple:
                for child in node[2]:
                    if node[1] is not None:
                        out.extend(_unpack(_at(child) >> _HALF))
                    walk(child)

        try:
            if self.positions is not None:
                walk(self.positions)
        finally:
            del walk  # a recursive closure is a reference cycle: break it
        return out


def positions_from_flat(data, take, check=None):
    """The position tree of `data` from `take()`, which returns (line, col) pairs in the order of
    `Document.flat_positions`; `check(node, depth)` may refuse a node (the cache's own checks)."""
    shapes = _SHAPES

    def walk(node, depth, key_at=0):
        if check is not None:
            check(node, depth)
        at = key_at << _HALF | pack(*take())
        if type(node) is dict:
            children = []
            for v in node.values():
                key = pack(*take())
                children.append(walk(v, depth + 1, key))
            keys = tuple(node)
            return at, shapes.setdefault(keys, keys), tuple(children)
        if type(node) is list:
            return at, None, tuple([walk(v, depth + 1) for v in node])  # not a generator: StopIteration passes
        return at

    try:
        return walk(data, 0)
    finally:
        del walk  # a recursive closure is a reference cycle: break it


def _tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!", 1)


def _pos(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _alias_position(text: str, node) -> tuple[int, int]:
    """The composer gives an alias the anchored node's position: find the first alias."""
    aliases = (_pos(e) for e in yaml.parse(text, Loader=_Loader) if isinstance(e, yaml.AliasEvent))
    return next(aliases, None) or _pos(node)


def _walk(root, text: str):
    """(data, position tree) of a composed node graph, refusing what a ledger never needs."""
    count = 0
    seen: set[int] | None = set() if "&" in text else None  # no anchor, no alias: nothing to look for
    Scalar, Sequence = yaml.ScalarNode, yaml.SequenceNode
    implicit, null_texts = _IMPLICIT_TAGS, _NULL_TEXTS
    shapes = _SHAPES
    if len(shapes) > 4096:  # bounded: hostile files could make every mapping a new shape
        shapes.clear()

    def walk(node, depth, key_at):
        nonlocal count
        count += 1
        if count > MAX_NODES:
            raise SourceError(f"more than {MAX_NODES:,} YAML nodes in one file; split it", *_pos(node))
        if depth > MAX_DEPTH:
            raise SourceError(f"nesting deeper than {MAX_DEPTH} levels", *_pos(node))
        if seen is not None:
            if id(node) in seen:
                raise SourceError(
                    "this node is reused through a YAML anchor and alias (&name / *name), which a ledger"
                    " does not allow (no alias limit in PyYAML): write the value out at each place",
                    *_alias_position(text, node),
                )
            seen.add(id(node))
        if node.tag not in implicit:
            raise SourceError(
                f"explicit YAML tag {_tag(node.tag)!r} is not allowed: write plain values",
                *_pos(node),
            )
        mark = node.start_mark
        at = key_at | (mark.line + 1) << _SHIFT | (mark.column + 1)
        kind = type(node)
        if kind is Scalar:
            value = node.value
            if node.style is None and value in null_texts:
                return None, at
            return value, at
        if kind is Sequence:
            items = [walk(item, depth + 1, 0) for item in node.value]
            return [d for d, _ in items], (at, None, tuple(p for _, p in items))
        out: dict = {}
        children: list = []
        lines: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                raise SourceError("merge keys (<<) are not allowed: write the keys out", *_pos(key_node))
            if type(key_node) is not Scalar:
                raise SourceError("mapping keys must be plain text", *_pos(key_node))
            key = key_node.value
            mark = key_node.start_mark
            if key in out:
                raise SourceError(
                    f"duplicate key {key!r} (first at line {lines[key]}); YAML would silently keep the last one",
                    *_pos(key_node),
                )
            lines[key] = mark.line + 1
            out[key], child = walk(value_node, depth + 1, ((mark.line + 1) << _SHIFT | (mark.column + 1)) << _HALF)
            children.append(child)
        keys = tuple(out)
        return out, (at, shapes.setdefault(keys, keys), tuple(children))

    try:
        return walk(root, 0, 0)
    finally:
        del walk  # a recursive closure is a reference cycle: break it (the load runs with GC off)


def _refuse_explicit_tags(text: str) -> None:
    """`!!str 12`, `!!int "12"`, `! x`: tags change how a value is read, and a ledger is read as
    written; the composer resolves them to ordinary tags, so look at the parse events."""
    for event in yaml.parse(text, Loader=_Loader):
        tag = getattr(event, "tag", None)
        if tag is not None:
            raise SourceError(f"explicit YAML tag {_tag(tag)!r} is not allowed: write plain values"
                              " (quote a value to keep it as text)", *_pos(event))


def parse_yaml(text: str) -> Document:
    """Compose `text` and walk it. Raises SourceError with a 1-based position."""
    gc_was_enabled = gc.isenabled()
    gc.disable()  # the composer allocates many small objects; GC passes cost ~5x
    try:
        try:
            node = yaml.compose(text, Loader=_Loader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            if exc.context_mark and exc.context and "quoted scalar" in exc.context:
                mark = exc.context_mark  # an unclosed quote: where it opens, not the end of the file
            problem = exc.problem or "invalid YAML"
            if exc.context:
                problem = f"{problem} ({exc.context})"
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            raise SourceError(f"YAML syntax error: {problem}", line, col) from None
        except yaml.reader.ReaderError as exc:  # a control character (NUL ...): located by offset
            at = exc.position
            if _Base is not yaml.SafeLoader:  # libyaml counts UTF-8 bytes, not characters
                at = len(text.encode("utf-8")[:at].decode("utf-8", "ignore"))
            line = text.count("\n", 0, at) + 1
            col = at - (text.rfind("\n", 0, at) + 1) + 1
            code = exc.character if isinstance(exc.character, int) else ord(exc.character)
            raise SourceError(f"YAML cannot hold the control character #x{code:04x} here;"
                              " delete it (a stray byte from a copy-paste or a binary file)", line, col) from None
        except yaml.YAMLError as exc:
            raise SourceError(f"YAML error: {exc}", 1, 1) from None
        if "!" in text:  # a tag needs "!"; the composer forgets which tags were written out
            _refuse_explicit_tags(text)
        if node is None:
            return Document(None)
        return Document(*_walk(node, text))
    finally:
        if gc_was_enabled:
            gc.enable()
