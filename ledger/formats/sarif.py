"""SARIF 2.1.0 for code scanning (GitHub's upload-sarif): one result per finding, rule metadata
under tool.driver.rules, waived findings carried as accepted in-source suppressions."""
from __future__ import annotations

import hashlib
import json
import os
import re
from importlib import metadata
from pathlib import Path

from ..finding import Finding

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def fingerprint(f: Finding, uri: str) -> str:
    """Stable across unrelated edits: ids and the message with its numbers blanked, never lines —
    moving a claim keeps its alert, editing its figure (same complaint) keeps it too."""
    key = "\x1f".join([f.rule, uri, f.article_id or "", f.item_id or "", _NUMBER.sub("#", f.message)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def uri_for(file: str, root: Path) -> str:
    path = Path(file).resolve()
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:  # outside the repository: keep it as given, in URI form
        return Path(os.path.relpath(path, root)).as_posix()


def _what_it_does(doc: str, fallback: str) -> str:
    match = re.search(r"## What it does\s*\n(.*?)(?=\n## |\Z)", doc, re.S)
    return " ".join(match.group(1).split()) if match else fallback


def _rule(rule_id: str, rule) -> dict:
    if rule is None:  # a finding of a rule that is not in the catalogue any more
        return {"id": rule_id, "shortDescription": {"text": rule_id}}
    return {
        "id": rule.id,
        "name": rule.slug,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": _what_it_does(rule.doc, rule.summary)},
        "help": {"text": rule.summary, "markdown": rule.doc or rule.summary},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["factledger", rule.slug]},
    }


def _location(f: Finding, uri: str) -> dict:
    # a finding about a whole file has line 0: GitHub still needs a startLine, so point at line 1
    region = {"startLine": f.line, "startColumn": max(f.col, 1)} if f.line > 0 else {"startLine": 1}
    return {"physicalLocation": {"artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"}, "region": region}}


def _result(f: Finding, index: dict[str, int], root: Path) -> dict:
    uri = uri_for(f.file, root)
    result = {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": f.message},
        "locations": [_location(f, uri)],
        "partialFingerprints": {"factledgerFinding/v1": fingerprint(f, uri)},
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


def render(report, root: Path) -> str:
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
            "results": [_result(f, index, root) for f in report.findings],
        }],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
