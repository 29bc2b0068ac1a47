"""Find, read and validate ledger files. Every problem becomes a located Finding; nothing raises
except input the user cannot have meant (a path that does not exist): LedgerInputError."""
from __future__ import annotations

import dataclasses
import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .finding import Finding
from .models import LedgerFile
from .safefile import Refused, read_inside
from .yamlsource import MAX_BYTES, Document, SourceError, parse_yaml

YAML_SUFFIXES = (".yaml", ".yml")


class LedgerInputError(Exception):
    """A path the user named cannot be read at all (exit code 2)."""


@dataclass(slots=True)
class LoadedFile:
    path: Path  # absolute
    display: str  # as shown to the user
    doc: Document | None = None
    model: LedgerFile | None = None
    text: str | None = None  # the article text, when the file holds a readable article


@dataclass(slots=True)
class Ledger:
    roots: list[Path]
    files: list[LoadedFile] = field(default_factory=list)
    diagnostics: list[Finding] = field(default_factory=list)

    def models(self):
        return [(f, f.model) for f in self.files if f.model is not None]


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
    for path in files:
        loaded = LoadedFile(path=path, display=_display(path))
        ledger.files.append(loaded)
        ledger.diagnostics.extend(_load_file(loaded, roots, cache))
    return ledger


def _load_file(loaded: LoadedFile, roots: list[Path], cache=None) -> list[Finding]:
    shown = loaded.display
    try:
        raw = read_inside(loaded.path, roots)
    except Refused as exc:
        return [_problem("L101", shown, 0, 0, f"{shown} {exc}")]
    if len(raw) > MAX_BYTES:
        return [_problem("L101", shown, 0, 0, f"file is {len(raw):,} bytes, over the {MAX_BYTES:,}-byte cap: split it")]
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return [_problem("L101", shown, line, col, f"not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}; save the file as UTF-8")]
    parsed = cache.get(raw) if cache is not None else None
    if parsed is None:
        parsed = parse_source(source)
        if cache is not None:
            cache.put(raw, parsed)
    doc, model, problems = parsed
    loaded.doc = doc
    if problems or model is None:
        return [dataclasses.replace(p, file=shown) for p in problems]
    loaded.model = model
    problems: list[Finding] = []
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
            text, problem = _read_text(loaded, article.text, roots, doc)
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
    try:
        model = LedgerFile.model_validate(doc.data)
    except ValidationError as exc:
        return doc, None, [_schema_problem("", doc, err) for err in exc.errors(include_url=False)]
    return doc, model, []


def _read_text(loaded: LoadedFile, name: str, roots: list[Path], doc: Document) -> tuple[str | None, Finding | None]:
    line, col = doc.position(("article", "text"))
    shown = loaded.display
    target = (loaded.path.parent / name).resolve()
    if not any(target.is_relative_to(root) for root in roots):
        return None, _problem("L106", shown, line, col,
            f"article text {name!r} points outside the ledger folder; keep the text beside its YAML file")
    try:
        raw = read_inside(target, roots)
    except Refused as exc:
        return None, _problem("L106", shown, line, col, f"article text {name!r} {exc}")
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
        msg = "must be a lowercase slug: letters a-z, digits and '-'"
    elif kind == "literal_error":
        expected = [e.strip(" '") for e in err["ctx"]["expected"].replace(" or ", ",").split(",")]
        hint = difflib.get_close_matches(str(err["input"]), expected, n=1)
        msg += f"; did you mean {hint[0]!r}?" if hint else ""
    return _problem("L102", shown, line, col, f"{where}: {msg} (got {_shorten(err.get('input'))})")


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
