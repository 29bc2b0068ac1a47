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
