"""Formatters: pure functions from findings (and run counts) to text."""
from __future__ import annotations

import json
from collections import Counter

from .finding import Finding
from .textsafe import clean


def summary_line(findings: list[Finding], files: int, articles: int, claims: int) -> str:
    # waived findings are counted apart: they no longer fail the gate
    active = [f for f in findings if f.waiver is None]
    counts = Counter(f.severity for f in active)
    if not active:
        head = "No findings"
    else:
        parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in ("error", "warning", "info") if counts[s]]
        head = f"{len(active)} finding{'s' if len(active) != 1 else ''} ({', '.join(parts)})"
    waived = len(findings) - len(active)
    if waived:
        head += f", {waived} waived"
    return f"{head} in {files} files: {articles} articles, {claims} claims checked."


def waiver_note(f: Finding) -> str:
    w = f.waiver
    until = f" until {w.until.isoformat()}" if w.until else ""
    return f"waived by {w.by}{until}: {w.reason}"


def _file(name: str) -> str:
    # a file name begins each line: one starting with `::` must not read as a workflow command
    name = clean(name)
    return f"./{name}" if name.startswith((":", "#")) else name


def text(findings: list[Finding], files: int, articles: int, claims: int) -> str:
    lines: list[str] = []
    current = None
    for f in findings:
        if f.file != current:
            if current is not None:
                lines.append("")
            current = f.file
        note = f"  [{clean(waiver_note(f))}]" if f.waiver else ""
        lines.append(f"{_file(f.file)}:{f.line}:{f.col}  {f.rule}  {f.severity:<7}  {clean(f.message)}{note}")
    if lines:
        lines.append("")
    lines.append(summary_line(findings, files, articles, claims))
    return "\n".join(lines) + "\n"


def as_json(findings: list[Finding], files: int, articles: int, claims: int) -> str:
    """Stable schema: {"version": 1, "summary": {...}, "findings": [{rule, slug, severity, message,
    file, line, col, article_id, item_id, waiver}]}; `waiver` is null or {by, reason, until}, and the
    severity counts leave waived findings out."""
    counts = Counter(f.severity for f in findings if f.waiver is None)
    doc = {
        "version": 1,
        "summary": {"files": files, "articles": articles, "claims": claims, "findings": len(findings),
                    **{s: counts[s] for s in ("error", "warning", "info")},
                    "waived": sum(1 for f in findings if f.waiver)},
        "findings": [
            {"rule": f.rule, "slug": f.slug, "severity": f.severity, "message": f.message, "file": f.file,
             "line": f.line, "col": f.col, "article_id": f.article_id, "item_id": f.item_id,
             "waiver": _waiver_json(f)}
            for f in findings
        ],
    }
    # `##[` written as `#\u0023[`: the same JSON, but no CI log reads it as a legacy command
    return json.dumps(doc, indent=2, ensure_ascii=False).replace("##[", "#\\u0023[") + "\n"


def _waiver_json(f: Finding) -> dict | None:
    w = f.waiver
    if w is None:
        return None
    return {"by": w.by, "reason": w.reason, "until": w.until.isoformat() if w.until else None}


FORMATS = {"text": text, "json": as_json}
