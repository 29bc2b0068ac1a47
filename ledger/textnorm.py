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
    """`normalise(text)` and, for each of its characters, the index in `text` it comes from, so a
    match found in normalised text can be mapped back to the original words (report highlights).
    Built the same way as `normalise` (casefold is context-free, so folding per character agrees)."""
    folded_text = text.translate(_QUOTES).casefold()
    if len(folded_text) == len(text):  # every character folds to one: offsets are the identity
        origin: range | list[int] = range(len(text))
    else:  # "ß" -> "ss": both come from the one character
        chars: list[str] = []
        origin = []
        for i, ch in enumerate(text):
            for folded in ch.translate(_QUOTES).casefold():
                chars.append(folded)
                origin.append(i)
        folded_text = "".join(chars)
    out: list[str] = []
    out_origin: list[int] = []
    pos = 0
    for m in _SPACE.finditer(folded_text):
        out.append(folded_text[pos:m.start()])
        out_origin.extend(origin[pos:m.start()])
        out.append(" ")
        out_origin.append(origin[m.start()])
        pos = m.end()
    out.append(folded_text[pos:])
    out_origin.extend(origin[pos:])
    collapsed = "".join(out)
    start = len(collapsed) - len(collapsed.lstrip())
    end = len(collapsed.rstrip())
    return collapsed[start:end], out_origin[start:end]


class NormalisedText:
    """An article text normalised once, for finding many quotes in it by their original offsets."""

    def __init__(self, text: str):
        self.norm, self._origin = normalise_with_offsets(text)

    def find(self, quote: str) -> tuple[int, int] | None:
        """Where `quote` first occurs after both are normalised, as [start, end) offsets in the
        original text; None when it does not occur (L105 reports that)."""
        needle = normalise(quote)
        at = self.norm.find(needle) if needle else -1
        if at < 0:
            return None
        return self._origin[at], self._origin[at + len(needle) - 1] + 1
