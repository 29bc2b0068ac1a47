"""`--format text`: findings grouped by file, `file:line:col  ID  severity  message`, then the
summary line."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..finding import Finding
from ..phrasebook import waiver_note
from ..textsafe import clean


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


def _file(name: str) -> str:
    # a file name begins each line: one starting with `::` must not read as a workflow command
    name = clean(name)
    return f"./{name}" if name.startswith((":", "#")) else name


def render(report, root: Path | None = None) -> str:
    lines: list[str] = []
    current = None
    for f in report.findings:
        if f.file != current:
            if current is not None:
                lines.append("")
            current = f.file
        note = f"  [{clean(waiver_note(f.waiver))}]" if f.waiver else ""
        lines.append(f"{_file(f.file)}:{f.line}:{f.col}  {f.rule}  {f.severity:<7}  {clean(f.message)}{note}")
    if lines:
        lines.append("")
    lines.append(summary_line(report.findings, report.files, report.articles, report.claims))
    return "\n".join(lines) + "\n"
