"""Passage-level reuse: candidates by shared anchors, then shared paragraphs (the approach of
text-reuse tools such as passim: n-gram anchors, then aligned passages).

MinHash finds texts that are mostly one another. A partial copy — an outlet's own intro, then
half of a wire story — shares a third of its shingles at most, and an updated story holds all of
a short flash among many new paragraphs; neither reaches a Jaccard LSH threshold. Here:

1. **Anchors.** One shingle in 2**ANCHOR_BITS (chosen by hash bits the MinHash bins do not use)
   is an anchor. Anchors in more than ANCHOR_MAX_DOCS documents are stock phrases and are
   dropped; two documents sharing at least MIN_ANCHORS anchors become a candidate, whatever
   their sizes — a short text is compared with a long one. A shared passage of PASSAGE_MIN
   shingles misses this with probability 1e-3 (a paragraph of 80, 1e-8). Three, not two: in a
   large family of templated briefs, pairs sharing two rare-by-chance shingles (a figure's digits
   next to template words) are common, three are not.
2. **Alignment.** For a verified candidate, every shingle of each text, in text order, is looked
   up in the other's set; a unit (paragraph, or sentence in a text of fewer than 3 paragraphs)
   is copied when at least UNIT_SHARE of its shingles are. A passage is copied when the copied
   units hold at least PASSAGE_MIN shingles on both sides. Templated briefs fail this: their
   slots change every few words, so no sentence keeps UNIT_SHARE of its shingles.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .minhash import bucket_pairs
from .shingles import HASH_BITS, MASK40, Positional, Shingled

ANCHOR_BITS = 2  # 1 shingle in 4 is an anchor
ANCHOR_MAX_DOCS = 50  # an anchor in more documents is a stock phrase
MIN_ANCHORS = 3
UNIT_SHARE = 0.8  # share of a paragraph's (sentence's) shingles found in the other text: copied
PASSAGE_MIN = 40  # shingles in copied units, on both sides, for a partial copy (~ two sentences)

_U = np.uint64


def anchor_candidates(sh: Shingled, *, bits: int = ANCHOR_BITS, max_docs: int = ANCHOR_MAX_DOCS,
                      min_anchors: int = MIN_ANCHORS) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (a < b) of documents sharing at least `min_anchors` anchors."""
    h = sh.keys & MASK40
    take = np.flatnonzero((h & _U((1 << bits) - 1)) == 0)  # low bits: MinHash bins use the top ones
    anchor = h[take]
    doc = (sh.keys[take] >> _U(HASH_BITS)).astype(np.int64)
    order = np.argsort(anchor, kind="stable")
    anchor, doc = anchor[order], doc[order]
    start = np.flatnonzero(np.concatenate(([True], anchor[1:] != anchor[:-1])))
    df = np.diff(np.append(start, len(anchor)))
    ok = np.repeat((df >= 2) & (df <= max_docs), df)
    return bucket_pairs(anchor[ok], doc[ok], min_count=min_anchors)


@dataclass(slots=True)
class Units:
    """Per pair and side, which units of the text are found in the other text."""
    start: np.ndarray  # index of the pair's first unit in `copied` / `size`
    count: np.ndarray  # units of the text
    copied: np.ndarray  # bool per unit
    size: np.ndarray  # shingles per unit

    def copied_shingles(self) -> np.ndarray:
        pair = np.repeat(np.arange(len(self.count)), self.count)
        return np.bincount(pair, weights=self.size * self.copied, minlength=len(self.count)).astype(np.int64)

    def of(self, i: int) -> list[bool]:
        return self.copied[self.start[i]:self.start[i] + self.count[i]].tolist()


def units_found(sh: Shingled, pos: Positional, row: np.ndarray, probe: np.ndarray, base: np.ndarray,
                share: float = UNIT_SHARE) -> Units:
    """For each pair, the units of `probe` (a document; `row[doc]` its row in `pos`) whose
    shingles are at least `share` inside `base`'s set."""
    r = row[probe]
    n = pos.ptr[r + 1] - pos.ptr[r]
    which = np.repeat(np.arange(len(probe)), n)
    idx = np.repeat(pos.ptr[r], n) + np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
    query = (base[which].astype(np.uint64) << _U(HASH_BITS)) | pos.hashes[idx]
    found = np.minimum(np.searchsorted(sh.keys, query), len(sh.keys) - 1)
    hit = sh.keys[found] == query
    count = pos.units[r]
    start = np.cumsum(count) - count
    seg = start[which] + pos.unit[idx]
    total = np.bincount(seg, minlength=int(count.sum()))
    matched = np.bincount(seg, weights=hit, minlength=int(count.sum()))
    return Units(start, count, (total > 0) & (matched >= share * total), total)


def ranges(copied: list[bool]) -> str:
    """'1–6, 9' for the 1-based positions that are True."""
    out, i = [], 0
    while i < len(copied):
        if copied[i]:
            j = i
            while j + 1 < len(copied) and copied[j + 1]:
                j += 1
            out.append(f"{i + 1}" if i == j else f"{i + 1}–{j + 1}")
            i = j
        i += 1
    return ", ".join(out)
