"""Add entries to the user's vocabulary file without losing a comment or changing the order:
the new item's lines are inserted as text at the end of its section (before the comments and
blank lines that lead into the next section), never through a YAML round-trip. The result is
validated as a whole before it replaces the file, atomically.

Proposals (`factledger vocab-accept FILE`) are vocabulary sections in a file: commented out
(`# entities:` / `#   - {key: …}`, as a draft may propose them for the editor to accept) or
plain, in any file other than the vocabulary itself."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from .loader import parse_source
from .models import Entity, Metric, UnitDef
from .output import write_text_atomic

SECTIONS = {"entities": Entity, "metrics": Metric, "units": UnitDef}
KEY_FIELD = {"entities": "key", "metrics": "key", "units": "name"}


class VocabEditError(Exception):
    """The entry or the vocabulary file cannot be used (exit 2), with what to do."""


@dataclass(frozen=True, slots=True)
class Proposal:
    section: str  # entities | metrics | units
    data: dict

    @property
    def key(self) -> str:
        return str(self.data.get(KEY_FIELD[self.section], ""))


def validated(proposal: Proposal) -> Proposal:
    try:
        SECTIONS[proposal.section].model_validate(proposal.data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'entry'}: {e['msg']}" for e in exc.errors(include_url=False))
        raise VocabEditError(f"{proposal.section[:-1]} {proposal.key or '?'}: {problems}") from None
    return proposal


def existing_keys(text: str) -> dict[str, set[str]]:
    doc, model, problems = parse_source(text)
    if problems or model is None and doc is not None and doc.data is not None:
        first = problems[0] if problems else None
        where = f" (line {first.line}, col {first.col}: {first.message})" if first else ""
        raise VocabEditError(f"the vocabulary file is not valid as it stands{where}: fix it first")
    if model is None:
        return {s: set() for s in SECTIONS}
    return {"entities": {e.key for e in model.entities}, "metrics": {m.key for m in model.metrics},
            "units": {u.name for u in model.units}}


def insert(text: str, proposal: Proposal) -> str:
    """`text` with the entry added at the end of its section (the section appended when missing)."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    header = next((i for i, ln in enumerate(lines) if re.match(rf"^{proposal.section}:\s*(#.*)?$", ln)), None)
    if header is None:
        if any(re.match(rf"^{proposal.section}:", ln) for ln in lines):
            raise VocabEditError(f"`{proposal.section}:` is written in flow style ([...]) in the vocabulary: "
                                 "write it as a block list (one `- ` item per line) to add entries by command")
        body = text.rstrip(newline)
        block = _render(proposal, "  ").rstrip("\n").split("\n")
        return newline.join([*([body, ""] if body else []), f"{proposal.section}:", *block]) + newline
    end = header + 1
    last_item_line = header
    while end < len(lines) and not re.match(r"^[^\s#]", lines[end]):
        if lines[end].strip() and not lines[end].lstrip().startswith("#"):
            last_item_line = end
        end += 1
    item = next((ln for ln in lines[header + 1:end] if re.match(r"^\s*-\s", ln)), None)
    indent = re.match(r"^(\s*)", item).group(1) if item else "  "
    block = _render(proposal, indent).rstrip("\n").split("\n")
    return newline.join(lines[:last_item_line + 1] + block + lines[last_item_line + 1:])


def _render(proposal: Proposal, indent: str) -> str:
    """One block-style list item (lists in flow style), keys in the model's order, each value
    quoted exactly where YAML needs it."""
    order = [f.alias or name for name, f in SECTIONS[proposal.section].model_fields.items()]
    data = [(k, proposal.data[k]) for k in order if proposal.data.get(k) not in (None, [], "")]
    lines = []
    for i, (key, value) in enumerate(data):
        text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1 << 20)
        text = text.removesuffix("\n...\n").strip()
        lines.append(f"{indent}{'- ' if i == 0 else '  '}{key}: {text}\n")
    return "".join(lines)


def add(vocab_file: Path, proposals: list[Proposal]) -> tuple[list[Proposal], list[Proposal]]:
    """Add the proposals not yet in the file; returns (added, already there). All or nothing."""
    try:
        text = vocab_file.read_text(encoding="utf-8") if vocab_file.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise VocabEditError(f"{vocab_file}: cannot read ({exc})") from None
    keys = existing_keys(text)
    added, present = [], []
    for p in proposals:
        validated(p)
        if p.key in keys[p.section]:
            present.append(p)
            continue
        text = insert(text, p)
        keys[p.section].add(p.key)
        added.append(p)
    if added:
        after = existing_keys(text)  # the edited file must still load, with every new key in it
        missing = [p.key for p in added if p.key not in after[p.section]]
        if missing:
            raise VocabEditError(f"internal: {', '.join(missing)} did not land in {vocab_file}; the file is unchanged")
        write_text_atomic(vocab_file, text)
    return added, present


def proposals_in(text: str, *, include_plain: bool = True) -> list[Proposal]:
    """Vocabulary sections of a file: commented-out blocks that parse as such, and (unless the file
    is the vocabulary itself) its plain sections."""
    found: list[Proposal] = []
    for block in _comment_blocks(text):
        start = re.search(r"^(entities|metrics|units):", block, re.M)
        if start is None:
            continue
        try:  # from the first section on: a prose line above it ("Proposed vocabulary:") is no YAML
            data = yaml.safe_load(block[start.start():])
        except yaml.YAMLError:
            continue
        found += _from_mapping(data)
    if include_plain:
        try:
            found += _from_mapping(yaml.safe_load(text))
        except yaml.YAMLError as exc:
            raise VocabEditError(f"not valid YAML: {exc}") from None
    return found


def _comment_blocks(text: str) -> list[str]:
    blocks, current = [], []
    for line in text.splitlines() + [""]:
        m = re.match(r"^\s*# ?(.*)$", line)
        if m and not line.strip().startswith("# yaml-language-server"):
            current.append(m.group(1))
        else:
            if current:
                blocks.append("\n".join(current))
            current = []
    return blocks


def _from_mapping(data) -> list[Proposal]:
    if not isinstance(data, dict):
        return []
    out = []
    for section in SECTIONS:
        items = data.get(section)
        if isinstance(items, list):
            out += [Proposal(section, {k: _plain(v) for k, v in item.items()}) for item in items if isinstance(item, dict)]
    return out


def _plain(value):
    """YAML 1.1 typing (dates, numbers) back to the text the ledger's loader would have read."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return value if value is None or isinstance(value, str) else str(value)
