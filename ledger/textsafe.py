"""Text for people's terminals and CI logs, made safe from what the ledger holds.

A quote, title or file name comes from whoever wrote the pull request. Printed as-is it could
start a new line that a CI runner reads as a workflow command (GitHub's `::error ...::` at the
start of a line, or its legacy `##[error]` anywhere in one), or send escape sequences to the
terminal (colours, cursor moves, window titles, OSC 8 links). `clean` escapes one value: every
control character, line break and bidirectional override becomes a visible `\\n`, `\\x1b`, `\\u202e`.
`neutralize` is the net over whole output: no line may begin with `::` or contain `##[`.
"""
from __future__ import annotations

import re

# C0 and C1 controls, DEL, Unicode line/paragraph separators, bidi embeddings/overrides/isolates,
# and the BOM: everything that moves the cursor, ends a line or reorders what is shown
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_LEGACY_COMMAND = "##["  # GitHub runner's legacy command prefix, matched anywhere in a line
_SGR = re.compile(r"\x1b\[[0-9;]*m")  # our own colours (review --color)


def _escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str) -> str:
    """One value on one line: control characters, line breaks and bidi controls escaped."""
    return _UNSAFE.sub(lambda m: _escape(m.group()), text)


def neutralize(text: str, *, colours: bool = False) -> str:
    """Whole output: line breaks and tabs kept, other controls escaped (our own SGR colours kept
    when `colours`), and no line a CI runner would read as a command."""
    out = []
    for line in text.split("\n"):
        if colours:
            parts = _SGR.split(line)
            codes = _SGR.findall(line)
            line = "".join(_safe_line_part(p) + (codes[i] if i < len(codes) else "") for i, p in enumerate(parts))
        else:
            line = _safe_line_part(line)
        stripped = line.lstrip()
        if stripped.startswith("::"):
            line = line[: len(line) - len(stripped)] + "\\x3a" + stripped[1:]
        out.append(line)
    return "\n".join(out)


def _safe_line_part(part: str) -> str:
    part = _UNSAFE.sub(lambda m: m.group() if m.group() == "\t" else _escape(m.group()), part)
    return part.replace(_LEGACY_COMMAND, "#\\x23[")
