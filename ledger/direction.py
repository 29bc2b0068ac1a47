"""Direction words: which way a change goes, as the text says it (the words: lexicon.py)."""
from __future__ import annotations

import re

from . import lexicon


def direction_sign(words: str | None) -> int:
    """-1 for a fall ("plummeted", "dropped by half", "a 74% drop"), +1 for a rise, 0 when no word says."""
    if not words:
        return 0
    for word in re.findall(r"[a-z]+", words.lower()):
        sign = lexicon.direction_of(word)
        if sign:
            return sign
    return 0
