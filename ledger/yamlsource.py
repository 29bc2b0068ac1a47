"""Read one YAML file safely into plain data plus the source position of every node.

PyYAML's C composer builds the node graph; our own walk turns it into dicts,
lists and *source text* scalars (so YAML 1.1 typing never changes a number),
and refuses what a hand-written ledger never needs: tags, aliases, merge keys,
duplicate keys, and files past sane size caps.
"""
from __future__ import annotations

import bisect
import gc
from dataclasses import dataclass, field

import yaml

try:  # the C loader is ~20x faster; fall back when libyaml is missing
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the wheel
    _Loader = yaml.SafeLoader

MAX_BYTES = 5_000_000
MAX_DEPTH = 32
MAX_NODES = 500_000

# Tags the implicit resolver assigns to untagged nodes; anything else was written
# by the user as an explicit tag.
_IMPLICIT_TAGS = frozenset(
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "value")
)
_MERGE_TAG = "tag:yaml.org,2002:merge"
_NULL_TEXTS = frozenset(("", "~", "null", "Null", "NULL"))

Path = tuple  # a path into the document: ("claims", 3, "value")


@dataclass(slots=True)
class SourceError(Exception):
    message: str
    line: int
    col: int


@dataclass(slots=True)
class Document:
    data: object
    # path -> (line, col) of the value node, and of the key node for mapping entries
    value_pos: dict = field(default_factory=dict)
    key_pos: dict = field(default_factory=dict)

    # paths of the items validation dropped (original paths), with the item as written
    dropped: dict = field(default_factory=dict)

    def pruned(self, drops: set) -> "Document":
        """This document without the nodes at `drops`; later list items move up, with their
        positions. The dropped items are kept in `dropped` (they may hold keys others name)."""
        by_list: dict = {}
        for p in drops:
            if p and isinstance(p[-1], int):
                by_list.setdefault(p[:-1], []).append(p[-1])
        for indices in by_list.values():
            indices.sort()

        def translate(path):
            out = []
            for k, step in enumerate(path):
                if path[:k + 1] in drops:
                    return None
                if isinstance(step, int) and path[:k] in by_list:
                    step -= bisect.bisect_left(by_list[path[:k]], step)
                out.append(step)
            return tuple(out)

        def rebuild(node, path):
            if isinstance(node, dict):
                return {k: rebuild(v, path + (k,)) for k, v in node.items() if path + (k,) not in drops}
            if isinstance(node, list):
                return [rebuild(v, path + (i,)) for i, v in enumerate(node) if path + (i,) not in drops]
            return node

        def moved(positions):
            return {new: pos for old, pos in positions.items() if (new := translate(old)) is not None}

        dropped = dict(self.dropped)
        for p in drops:
            node = self.data
            for step in p:
                node = node[step]
            dropped[p] = node
        return Document(rebuild(self.data, ()), moved(self.value_pos), moved(self.key_pos), dropped)

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Best position for `path`: the node itself, else its nearest ancestor."""
        path = tuple(path)
        if key and path in self.key_pos:
            return self.key_pos[path]
        while path:
            if path in self.value_pos:
                return self.value_pos[path]
            path = path[:-1]
        return self.value_pos.get((), (1, 1))


def _tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!", 1)


def _pos(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Walker:
    def __init__(self, text: str) -> None:
        self.doc = Document(None)
        self.seen: set[int] = set()
        self.text = text
        self.count = 0

    def _alias_position(self, node) -> tuple[int, int]:
        """The composer gives an alias the anchored node's position: find the first alias."""
        aliases = (_pos(e) for e in yaml.parse(self.text, Loader=_Loader) if isinstance(e, yaml.AliasEvent))
        return next(aliases, None) or _pos(node)

    def walk(self, node, path: Path, depth: int):
        self.count += 1
        if self.count > MAX_NODES:
            raise SourceError(f"more than {MAX_NODES:,} YAML nodes in one file; split it", *_pos(node))
        if depth > MAX_DEPTH:
            raise SourceError(f"nesting deeper than {MAX_DEPTH} levels", *_pos(node))
        if id(node) in self.seen:
            raise SourceError(
                "this node is reused through a YAML anchor and alias (&name / *name), which a ledger"
                " does not allow (no alias limit in PyYAML): write the value out at each place",
                *self._alias_position(node),
            )
        self.seen.add(id(node))
        if node.tag not in _IMPLICIT_TAGS:
            raise SourceError(
                f"explicit YAML tag {_tag(node.tag)!r} is not allowed: write plain values",
                *_pos(node),
            )
        self.doc.value_pos[path] = _pos(node)
        if isinstance(node, yaml.ScalarNode):
            if node.style is None and node.value in _NULL_TEXTS:
                return None
            return node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        out: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                raise SourceError("merge keys (<<) are not allowed: write the keys out", *_pos(key_node))
            if not isinstance(key_node, yaml.ScalarNode):
                raise SourceError("mapping keys must be plain text", *_pos(key_node))
            key = key_node.value
            if key in out:
                line, col = self.doc.key_pos[path + (key,)]
                raise SourceError(
                    f"duplicate key {key!r} (first at line {line}); YAML would silently keep the last one",
                    *_pos(key_node),
                )
            self.doc.key_pos[path + (key,)] = _pos(key_node)
            out[key] = self.walk(value_node, path + (key,), depth + 1)
        return out


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
            if _Loader is not yaml.SafeLoader:  # libyaml counts UTF-8 bytes, not characters
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
        walker = _Walker(text)
        if node is None:
            walker.doc.data = None
        else:
            walker.doc.data = walker.walk(node, (), 0)
        return walker.doc
    finally:
        if gc_was_enabled:
            gc.enable()
