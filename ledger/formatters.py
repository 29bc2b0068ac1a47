"""Formatters: pure functions from findings (and run counts) to text."""
from __future__ import annotations

import json
from collections import Counter

from .finding import Finding


def summary_line(findings: list[Finding], files: int, articles: int, claims: int) -> str:
    counts = Counter(f.severity for f in findings)
    if not findings:
        head = "No findings"
    else:
        parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in ("error", "warning", "info") if counts[s]]
        head = f"{len(findings)} finding{'s' if len(findings) != 1 else ''} ({', '.join(parts)})"
    return f"{head} in {files} files: {articles} articles, {claims} claims checked."


def text(findings: list[Finding], files: int, articles: int, claims: int) -> str:
    lines: list[str] = []
    current = None
    for f in findings:
        if f.file != current:
            if current is not None:
                lines.append("")
            current = f.file
        lines.append(f"{f.file}:{f.line}:{f.col}  {f.rule}  {f.severity:<7}  {f.message}")
    if lines:
        lines.append("")
    lines.append(summary_line(findings, files, articles, claims))
    return "\n".join(lines) + "\n"


def as_json(findings: list[Finding], files: int, articles: int, claims: int) -> str:
    """Stable schema: {"version": 1, "summary": {...}, "findings": [{rule, slug, severity, message,
    file, line, col, article_id, item_id}]}."""
    counts = Counter(f.severity for f in findings)
    doc = {
        "version": 1,
        "summary": {"files": files, "articles": articles, "claims": claims, "findings": len(findings),
                    **{s: counts[s] for s in ("error", "warning", "info")}},
        "findings": [
            {"rule": f.rule, "slug": f.slug, "severity": f.severity, "message": f.message, "file": f.file,
             "line": f.line, "col": f.col, "article_id": f.article_id, "item_id": f.item_id}
            for f in findings
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


FORMATS = {"text": text, "json": as_json}
