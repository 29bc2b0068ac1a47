"""GitHub Actions workflow commands: one annotation per finding, then a plain summary line —
GitHub shows at most 10 annotations per level in a step, the log keeps them all."""
from __future__ import annotations

from pathlib import Path

from ..phrasebook import waiver_note
from .text import summary_line

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    # GitHub's rules (toolkit `escapeData`): % first, then line breaks
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f) -> str:
    # a waived finding is still shown, as a notice, so the sign-off stays visible in review
    command = "notice" if f.waiver else COMMANDS.get(f.severity, "warning")
    props = [f"file={escape_property(f.file)}"]
    if f.line > 0:
        props.append(f"line={f.line}")
        if f.col > 0:
            props.append(f"col={f.col}")
    props.append(f"title={escape_property(f'{f.rule} {f.slug}')}")
    message = f"{f.message} [{waiver_note(f.waiver)}]" if f.waiver else f.message
    return f"::{command} {','.join(props)}::{escape_data(message)}"


def render(report, root: Path) -> str:
    lines = [annotation(f) for f in report.findings]
    summary = summary_line(report.findings, report.files, report.articles, report.claims)
    if len(report.findings) > 10:
        summary += " GitHub shows at most 10 annotations per level: the full list is in this log."
    lines.append(f"factledger: {summary}")
    return "\n".join(lines) + "\n"
