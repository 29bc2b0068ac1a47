"""SARIF 2.1.0 for code scanning (GitHub's upload-sarif): one result per finding, rule metadata
under tool.driver.rules, waived findings carried as accepted in-source suppressions.

Code scanning reads more than the schema requires: `partialFingerprints.primaryLocationLineHash`
(else it computes one itself from the checked-out file), a region with an end,
`properties.precision` and `properties.problem.severity` on each rule, and `helpUri`. URIs are
percent-encoded (a space or an "é" in a path is not a valid URI otherwise)."""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from importlib import metadata
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from ..finding import Finding

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# code scanning's problem.severity vocabulary
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "info": "recommendation"}
# precision = how often a finding is right. Loader rules (L1xx: syntax, schema, units, dates) are
# certain; a rule's default severity says how sure its authors are of the rest.
PRECISION = {"error": "high", "warning": "medium", "info": "low"}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def fingerprint(f: Finding, uri: str) -> str:
    """Stable across unrelated edits: ids and the message with its numbers blanked, never lines —
    moving a claim keeps its alert, editing its figure (same complaint) keeps it too."""
    key = "\x1f".join([f.rule, uri, f.article_id or "", f.item_id or "", _NUMBER.sub("#", f.message)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def relative_path(file: str, root: Path) -> str:
    """`file` relative to `root` in POSIX form (`..` segments when it lies outside)."""
    path = Path(file).resolve()
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:  # outside the repository: keep it as given, relative
        return Path(os.path.relpath(path, root)).as_posix()


def uri_for(file: str, root: Path) -> str:
    """A relative URI reference: path segments percent-encoded (RFC 3986, UTF-8)."""
    return quote(relative_path(file, root), safe="/")


def line_hash(text: str) -> str:
    """Hash of a source line without its whitespace: stable when indentation or line endings change."""
    return hashlib.sha256("".join(text.split()).encode("utf-8")).hexdigest()[:16]


def _what_it_does(doc: str, fallback: str) -> str:
    match = re.search(r"## What it does\s*\n(.*?)(?=\n## |\Z)", doc, re.S)
    return " ".join(match.group(1).split()) if match else fallback


def precision(rule) -> str:
    return "very-high" if rule.stage == "load" else PRECISION[rule.severity]


def _rule(rule_id: str, rule) -> dict:
    if rule is None:  # a finding of a rule that is not in the catalogue any more
        return {"id": rule_id, "shortDescription": {"text": rule_id}}
    return {
        "id": rule.id,
        "name": rule.slug,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": _what_it_does(rule.doc, rule.summary)},
        "help": {"text": rule.summary, "markdown": rule.doc or rule.summary},
        # the rule's own file holds its doc (the docstring or header comment)
        "helpUri": Path(rule.source).resolve().as_uri(),
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["factledger", rule.slug], "precision": precision(rule),
                       "problem.severity": PROBLEM_SEVERITY[rule.severity]},
    }


def _location(f: Finding, uri: str, line_text: str | None = None) -> dict:
    # a finding about a whole file has line 0: GitHub still needs a startLine, so point at line 1
    region = {"startLine": f.line, "startColumn": max(f.col, 1)} if f.line > 0 else {"startLine": 1}
    if f.line > 0 and line_text is not None:
        # the region runs to the end of the item's first line: the key and value the finding is about
        end = len(line_text.rstrip()) + 1
        region.update(endLine=f.line, endColumn=max(end, region["startColumn"] + 1))
    return {"physicalLocation": {"artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"}, "region": region}}


def read_lines(file: str) -> list[str]:
    """The file's lines, or none when it cannot be read (the finding keeps its start position)."""
    try:
        return Path(file).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def _result(f: Finding, index: dict[str, int], root: Path, lines: list[str], seen: Counter) -> dict:
    uri = uri_for(f.file, root)
    line_text = lines[f.line - 1] if 0 < f.line <= len(lines) else None
    # GitHub's form "<hash>:<n>": the n-th result of this rule on a line with this content
    hashed = line_hash(line_text if line_text is not None else "")
    seen[(f.rule, uri, hashed)] += 1
    result = {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": f.message},
        "locations": [_location(f, uri, line_text)],
        "partialFingerprints": {"factledgerFinding/v1": fingerprint(f, uri),
                                "primaryLocationLineHash": f"{hashed}:{seen[(f.rule, uri, hashed)]}"},
    }
    if f.article_id:
        result["properties"] = {"article_id": f.article_id, "item_id": f.item_id}
    if f.waiver is not None:
        w = f.waiver
        justification = f"{w.reason} (by {w.by}" + (f", until {w.until.isoformat()})" if w.until else ")")
        result["suppressions"] = [{"kind": "inSource", "status": "accepted", "justification": justification}]
    return result


def _version() -> str:
    try:
        return metadata.version("factledger")
    except metadata.PackageNotFoundError:
        return "0"


def render(report, root: Path, read: Callable[[str], list[str]] = read_lines) -> str:
    """`read(file)` gives a finding file's lines (for the line hash and the region's end)."""
    sources: dict[str, list[str]] = {}
    seen: Counter = Counter()

    def lines(file: str) -> list[str]:
        if file not in sources:
            sources[file] = read(file)
        return sources[file]

    ids = list(dict.fromkeys([*report.rules, *(f.rule for f in report.findings)]))
    index = {rule_id: i for i, rule_id in enumerate(ids)}
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "factledger",
                "version": _version(),
                "rules": [_rule(rule_id, report.rules.get(rule_id)) for rule_id in ids],
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": root.resolve().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": [_result(f, index, root, lines(f.file), seen) for f in report.findings],
        }],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
