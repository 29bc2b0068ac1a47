"""Direction words: which way a change goes, as the text says it."""
from __future__ import annotations

import re

_FALL = ("fell", "fall", "falls", "falling", "dropped", "drop", "drops", "declined", "decline", "down",
         "plummeted", "plunged", "slumped", "sank", "shrank", "lost", "cut", "slashed", "halved",
         "decreased", "tumbled", "collapsed", "lower", "reduced", "eased", "dipped")
_RISE = ("rose", "rise", "rises", "rising", "grew", "grow", "up", "increased", "increase", "gained",
         "climbed", "jumped", "soared", "surged", "doubled", "tripled", "quadrupled", "higher",
         "expanded", "added", "boosted", "rebounded")
_WORDS = {**{w: -1 for w in _FALL}, **{w: 1 for w in _RISE}}


def direction_sign(words: str | None) -> int:
    """-1 for a fall ("plummeted", "dropped by half"), +1 for a rise, 0 when no word says."""
    if not words:
        return 0
    for word in re.findall(r"[a-z]+", words.lower()):
        if word in _WORDS:
            return _WORDS[word]
    return 0
