"""Find, read and validate ledger files. Every problem becomes a located Finding; nothing raises
except input the user cannot have meant (a path that does not exist): LedgerInputError."""
from __future__ import annotations

import dataclasses
import difflib
import gc
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .finding import Finding
from .models import LedgerFile
from .safefile import Refused, read_inside
from .yamlsource import MAX_BYTES, Document, SourceError, parse_yaml

YAML_SUFFIXES = (".yaml", ".yml")
# An article's text (a long feature is ~100 kB): quote, coverage and duplicate checks read all of it.
MAX_TEXT_BYTES = 5_000_000


class LedgerInputError(Exception):
    """A path the user named cannot be read at all (exit code 2)."""


@dataclass(slots=True)
class LoadedFile:
    path: Path  # absolute
    display: str  # as shown to the user
    doc: Document | None = None
    model: LedgerFile | None = None
    text: str | None = None  # the article text, when the file holds a readable article
    # (vocab, key) of items this file defines that could not be read ("entity", "acme"),
    # ("claim", "article-id/claim-id"): references to them are echoes of the error, not news
    broken: list[tuple[str, str]] = field(default_factory=list)
    digest: str | None = None  # SHA-256 of the file's bytes, when loaded with a cache (ledger.sessioncache)


@dataclass(slots=True)
class Ledger:
    roots: list[Path]
    files: list[LoadedFile] = field(default_factory=list)
    diagnostics: list[Finding] = field(default_factory=list)
    items: dict = field(default_factory=dict, repr=False)  # locate()'s index

    def models(self):
        return [(f, f.model) for f in self.files if f.model is not None]

    def locate(self, file: str, article_id: str | None, item_id: str | None, key: str) -> tuple[int, int] | None:
        """Position of `key` in the claim, event or relation `item_id` of `article_id` in `file`
        (a rule names the key it is about, `value`, `subject`); None when not found."""
        if not self.items:  # built on first use: (file, article, item id) -> (file, path)
            for f, model in self.models():
                if model.article is not None:
                    for section in ("claims", "events", "relations"):
                        for i, item in enumerate(getattr(model, section)):
                            self.items.setdefault((f.display, model.article.id, item.id), (f, (section, i)))
        found = self.items.get((file, article_id, item_id))
        return found[0].doc.position(found[1] + tuple(key.split("."))) if found else None


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # other drive on Windows
        return str(path)


def _problem(rule: str, file: str, line: int, col: int, message: str, **kw) -> Finding:
    # slug and severity are filled in by the engine from the rule registry
    return Finding(rule=rule, slug="", severity="error", message=message, file=file, line=line, col=col, **kw)


def discover(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """Return (roots, yaml files). A folder is a ledger root; a file belongs to its folder."""
    roots: list[Path] = []
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise LedgerInputError(f"{raw}: no such file or folder")
        path = path.resolve()
        if path.is_dir():
            roots.append(path)
            # not only regular files: a FIFO or an outside symlink named *.yaml is refused, not skipped
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and not p.is_dir()))
        else:
            roots.append(path.parent)
            files.append(path)
    return roots, list(dict.fromkeys(files))


def load_ledger(paths: list[Path], cache=None) -> Ledger:
    """`cache` (a ledger.parsecache.ParseCache) reuses the parse of files whose bytes are unchanged."""
    roots, files = discover(paths)
    ledger = Ledger(roots=roots)
    with gc_paused():
        for path in files:
            loaded, problems = load_file(path, roots, cache)
            ledger.files.append(loaded)
            ledger.diagnostics.extend(problems)
    return ledger


@contextmanager
def gc_paused():
    """No cyclic garbage collection in the block (restored after it, also on an error). Loading
    only allocates (nodes, dicts, models) and frees by reference count; each collection pass walks
    every object alive, so with GC on loading grew 11x for 10x the files. What the block built is
    then frozen (gc.freeze): otherwise the first collection after it walks all of it at once, and
    every full one after that again. Frozen objects are still freed when no longer referenced;
    only a reference cycle among them would wait, until the next load unfreezes them (a
    long-running process loads again), and the load itself makes none (tests/test_yamlsource.py)."""
    was_enabled = gc.isenabled()
    gc.unfreeze()  # what an earlier load froze is collected as usual again
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def load_file(path: Path, roots: list[Path], cache=None, overlay: dict[Path, str] | None = None
              ) -> tuple[LoadedFile, list[Finding]]:
    """One ledger file (absolute path) and its problems; `overlay` holds texts an editor has not
    saved yet (absolute path -> text), read instead of the disk (ledger.session)."""
    loaded = LoadedFile(path=path, display=_display(path))
    return loaded, _load_file(loaded, roots, cache, overlay or {})


def _read(path: Path, roots: list[Path], overlay: dict[Path, str], limit: int | None = None) -> bytes:
    if path in overlay:
        return overlay[path].encode("utf-8")
    return read_inside(path, roots, limit)


def _load_file(loaded: LoadedFile, roots: list[Path], cache=None, overlay: dict[Path, str] | None = None) -> list[Finding]:
    shown = loaded.display
    overlay = overlay or {}
    try:
        raw = _read(loaded.path, roots, overlay)
    except Refused as exc:
        return [_problem("L101", shown, 0, 0, f"{shown} {exc}")]
    if len(raw) > MAX_BYTES:
        return [_problem("L101", shown, 1, 1, f"file is {len(raw):,} bytes, over the {MAX_BYTES:,}-byte cap: split it")]
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return [_problem("L101", shown, line, col, f"not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}; save the file as UTF-8")]
    if cache is not None:
        loaded.digest = cache.digest(raw)
    parsed = cache.get(raw) if cache is not None else None
    if parsed is None:
        parsed = parse_source(source)
        if cache is not None:
            cache.put(raw, parsed)
    doc, model, found = parsed
    problems = [dataclasses.replace(p, file=shown) for p in found]
    loaded.broken = _broken_keys(doc, model, source)
    if doc is not None:  # the model holds the data now: keep only the positions, not a second copy
        doc = dataclasses.replace(doc, data=None)
    loaded.doc = doc
    if model is None:
        return problems
    loaded.model = model
    if model.article is not None:
        article = model.article
        if article.id != loaded.path.stem:
            line, col = doc.position(("article", "id"))
            problems.append(_problem("L102", shown, line, col,
                f"article id {article.id!r} must equal the file's stem {loaded.path.stem!r}: rename the file or the id",
                article_id=article.id))
        if article.body is not None:
            loaded.text = article.body
        else:
            text, problem = _read_text(loaded, article.text, roots, doc, overlay)
            loaded.text = text
            if problem:
                problems.append(problem)
    return problems


def parse_source(source: str) -> tuple[Document | None, LedgerFile | None, list[Finding]]:
    """YAML text -> (document, validated model, problems): a pure function of the text, so it can be
    cached by content hash; problems carry an empty `file` that the caller fills in."""
    try:
        doc = parse_yaml(source)
    except SourceError as exc:
        return None, None, [_problem("L101", "", exc.line, exc.col, exc.message)]
    if doc.data is None:
        return doc, None, []  # an empty file is allowed (a placeholder)
    if not isinstance(doc.data, dict):
        return doc, None, [_problem("L102", "", 1, 1, "a ledger file must be a mapping with sections such as `article:`, `claims:`, `entities:`")]
    return validate(doc)


# Sections whose items need the `article` section: dropped with it when it is unusable.
_ARTICLE_ITEMS = ("claims", "relations", "events")
# Vocabulary and claim items whose key other items name: when one is dropped, references to it
# are not reported again as "unknown" (the cause is reported, not its echoes).
_KEYED = {"entities": ("entity", "key"), "metrics": ("metric", "key"), "units": ("unit", "name"),
          "claims": ("claim", "id")}


def validate(doc: Document) -> tuple[Document, LedgerFile | None, list[Finding]]:
    """Validate item by item: an item with a schema error is reported and dropped, the rest of
    the file is kept and checked. The returned Document is pruned to match the model (item
    indices shift), and records what was dropped in `doc.dropped`."""
    problems: list[Finding] = []
    seen: set = set()
    data = doc.data
    for _ in range(4):  # each round drops what the last one reported; two rounds are the norm
        try:
            model = LedgerFile.model_validate(data)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
        else:
            return doc, model, problems
        drops: set = set()
        for err in errors:
            loc = tuple(step for step in err["loc"] if not (isinstance(step, str) and "[" in step))
            if (loc, err["type"]) not in seen:
                seen.add((loc, err["type"]))
                problems.append(_schema_problem("", doc, err))
            drops |= _drop_for(loc, data)
        if not drops:
            return doc, None, problems
        doc = doc.pruned(drops)
        data = doc.data
    return doc, None, problems


def _drop_for(loc: tuple, data: dict) -> set:
    """What to drop for an error at `loc`: the innermost list item holding it (a claim, a
    waiver), else its top-level section; an unusable article takes its items along."""
    for k in range(len(loc) - 1, 0, -1):
        if isinstance(loc[k], int):
            return {loc[:k + 1]}
    if not loc:  # a file-level rule: items without an article
        return {(s,) for s in _ARTICLE_ITEMS if data.get(s)}
    if loc[0] == "article":
        return {("article",), *((s,) for s in _ARTICLE_ITEMS if s in data)}
    return {loc[:1]}


_KEY_LINE = re.compile(r"(?<![\w-])(key|name):[ \t]*([a-z0-9][a-z0-9-]*)(?=[ \t]*(?:[,}#]|$))", re.M)


def _broken_keys(doc: Document | None, model: LedgerFile | None, source: str) -> list[tuple[str, str]]:
    if doc is None:  # unparseable: every key-looking line is a key the ledger may name
        keys = [(f, k) for f, k in _KEY_LINE.findall(source)]
        return ([(v, k) for f, k in keys if f == "key" for v in ("entity", "metric")]
                + [("unit", k) for f, k in keys if f == "name"])
    article = model.article.id if model is not None and model.article is not None else None
    dropped_article = doc.dropped.get(("article",))
    if article is None and isinstance(dropped_article, dict) and isinstance(dropped_article.get("id"), str):
        article = dropped_article["id"]
    out = []
    for path, node in doc.dropped.items():
        if len(path) == 2 and path[0] in _KEYED and isinstance(node, dict):
            vocab, name = _KEYED[path[0]]
            key = node.get(name)
            if isinstance(key, str):
                out.append((vocab, f"{article}/{key}" if vocab == "claim" else key))
    return out


def _read_text(loaded: LoadedFile, name: str, roots: list[Path], doc: Document,
               overlay: dict[Path, str]) -> tuple[str | None, Finding | None]:
    line, col = doc.position(("article", "text"))
    shown = loaded.display
    target = (loaded.path.parent / name).resolve()
    if not any(target.is_relative_to(root) for root in roots):
        return None, _problem("L106", shown, line, col,
            f"article text {name!r} points outside the ledger folder; keep the text beside its YAML file")
    try:
        raw = _read(target, roots, overlay, limit=MAX_TEXT_BYTES)  # never more than the cap into memory
    except Refused as exc:
        return None, _problem("L106", shown, line, col, f"article text {name!r} {exc}")
    if len(raw) > MAX_TEXT_BYTES:
        return None, _problem("L106", shown, line, col,
            f"article text {name!r} is over the {MAX_TEXT_BYTES:,}-byte cap for one article: is it the right file?"
            " Split a longer text into articles")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, _problem("L106", shown, line, col,
            f"article text {name!r} is not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}; re-save it as UTF-8")


def _describe(doc: Document, loc: tuple) -> str:
    """`claims[3] 'sparks-per-day'` style context for a pydantic location."""
    parts: list[str] = []
    node = doc.data
    for i, step in enumerate(loc):
        if isinstance(step, int):
            parts[-1] = f"{parts[-1]}[{step}]" if parts else f"[{step}]"
            node = node[step] if isinstance(node, list) and step < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                parts[-1] += f" ({node['id']})"
        else:
            parts.append(str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return ".".join(parts) or "file"


def _schema_problem(shown: str, doc: Document, err: dict) -> Finding:
    loc = tuple(step for step in err["loc"] if not (isinstance(step, str) and "[" in step))
    kind = err["type"]
    where = _describe(doc, loc)
    if kind == "extra_forbidden":
        line, col = doc.position(loc, key=True)
        parent = _describe(doc, loc[:-1])
        allowed = _allowed_keys(loc[:-1])
        hint = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        message = f"unknown key {loc[-1]!r} in {parent}"
        message += f"; did you mean {hint[0]!r}?" if hint else f"; allowed keys: {', '.join(allowed)}"
        return _problem("L102", shown, line, col, message)
    line, col = doc.position(loc)
    if kind == "missing":
        return _problem("L102", shown, line, col, f"missing required key {loc[-1]!r} in {_describe(doc, loc[:-1])}")
    msg = err["msg"].removeprefix("Value error, ")
    if kind == "string_pattern_mismatch":
        msg = _PATTERNS.get(loc[-1] if loc else None, "must be a lowercase slug: letters a-z, digits and '-'")
    elif kind == "literal_error":
        expected = [e.strip(" '") for e in err["ctx"]["expected"].replace(" or ", ",").split(",")]
        hint = difflib.get_close_matches(str(err["input"]), expected, n=1)
        msg += f"; did you mean {hint[0]!r}?" if hint else ""
    return _problem("L102", shown, line, col, f"{where}: {msg} (got {_shorten(err.get('input'))})")


# What a field with a pattern accepts, for the fields that are not slugs.
_PATTERNS = {
    "period": "a period is a year or a month: YYYY or YYYY-MM",
    "currency": "a currency is a three-letter ISO 4217 code in capitals, such as JPY",
    "name": "a unit name is letters, digits and '_', starting with a letter",
}


def _shorten(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _allowed_keys(loc: tuple) -> list[str]:
    from . import models

    model = models.LedgerFile
    for step in loc:
        if isinstance(step, int):
            continue
        field_info = model.model_fields.get(step) or next(
            (f for f in model.model_fields.values() if f.alias == step), None)
        if field_info is None:
            return []
        model = _inner_model(field_info.annotation)
        if model is None:
            return []
    return [f.alias or name for name, f in model.model_fields.items()]


def _inner_model(annotation):
    from typing import get_args

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
