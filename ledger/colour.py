"""Colour for terminal output: only on a terminal, never with NO_COLOR set (no-color.org), always
when asked. The formatters stay plain; colour is applied to their text afterwards."""
from __future__ import annotations

import os
import re

RESET = "\033[0m"
SEVERITY_STYLES = {"error": "\033[1;31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD = "\033[1m"
_DIM = "\033[2m"
# a finding line of the text format: `file:line:col  ID  severity  message`
_FINDING = re.compile(r"^(?P<loc>\S.*?:\d+:\d+)(?P<gap1>  )(?P<rule>[A-Z]\d{3})(?P<gap2>  )(?P<sev>error|warning|info)\b")


def wanted(choice: str, stream) -> bool:
    """`choice` is auto | always | never; auto = `stream` is a terminal and NO_COLOR is unset or empty."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("NO_COLOR")


def findings_text(text: str) -> str:
    """Colour the location, rule ID and severity of each finding line of the text format."""
    def paint(m: re.Match) -> str:
        sev = m["sev"]
        return (f"{_BOLD}{m['loc']}{RESET}{m['gap1']}{_DIM}{m['rule']}{RESET}{m['gap2']}"
                f"{SEVERITY_STYLES[sev]}{sev}{RESET}")
    return "\n".join(_FINDING.sub(paint, line) for line in text.split("\n"))
