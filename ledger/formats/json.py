"""`--format json`: a stable schema, {"version": 1, "summary": {...}, "findings": [{rule, slug,
severity, message, file, line, col, article_id, item_id, waiver}]}; `waiver` is null or {by,
reason, until}, and the severity counts leave waived findings out."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from ..finding import Finding


def render(report, root: Path | None = None) -> str:
    findings = report.findings
    counts = Counter(f.severity for f in findings if f.waiver is None)
    doc = {
        "version": 1,
        "summary": {"files": report.files, "articles": report.articles, "claims": report.claims,
                    "findings": len(findings), **{s: counts[s] for s in ("error", "warning", "info")},
                    "waived": sum(1 for f in findings if f.waiver)},
        "findings": [
            {"rule": f.rule, "slug": f.slug, "severity": f.severity, "message": f.message, "file": f.file,
             "line": f.line, "col": f.col, "article_id": f.article_id, "item_id": f.item_id,
             "waiver": _waiver(f)}
            for f in findings
        ],
    }
    # `##[` written as `#\\u0023[`: the same JSON, but no CI log reads it as a legacy command
    return json.dumps(doc, indent=2, ensure_ascii=False).replace("##[", "#\\u0023[") + "\n"


def _waiver(f: Finding) -> dict | None:
    w = f.waiver
    if w is None:
        return None
    return {"by": w.by, "reason": w.reason, "until": w.until.isoformat() if w.until else None}
