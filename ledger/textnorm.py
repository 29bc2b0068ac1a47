"""Text normalisation shared by quote matching and duplicate detection."""
from __future__ import annotations

import re

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "`": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
                         "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u00a0": " "})
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Case, quote marks, dashes and runs of whitespace made uniform."""
    return _SPACE.sub(" ", text.translate(_QUOTES).casefold()).strip()


def normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """normalise(text), and for each of its characters the index in `text` it comes from —
    so a quote found in the normalised text can be located in the original."""
    out: list[str] = []
    offsets: list[int] = []
    pending_space = False
    for i, ch in enumerate(text):
        folded = ch.translate(_QUOTES).casefold()
        if _SPACE.fullmatch(folded):
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            offsets.append(i - 1)
            pending_space = False
        out.append(folded)
        offsets.extend([i] * len(folded))
    return "".join(out), offsets
