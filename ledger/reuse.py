"""Text reuse in process, end to end from raw text: shingles -> MinHash signatures -> LSH bands and
shared anchors -> candidate pairs -> exact verification -> passage alignment. Returns every pair
that is a copy by text alone: near-copies (Jaccard >= JACCARD or containment >= CONTAINMENT) and
passage copies (`ledger.passages`). `ledger.duplicates` names their kind and adds rewrites;
`ledger.dupes_dist` runs the same dataflow on Dask and must report the same pairs.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from . import minhash, passages, shingles
from .minhash import Pairs

JACCARD = 0.5
CONTAINMENT = 0.8
# An LSH candidate is verified only when its signatures agree on at least this share of bins
# (the MinHash estimate of Jaccard; its standard error at J = 0.5 is 0.044 with 128 bins, so a
# pair at JACCARD is dropped with probability < 1e-5). Containment and passages come from anchors.
ESTIMATE_MIN = 0.3


@dataclass(slots=True)
class Found:
    sh: shingles.Shingled
    pairs: Pairs  # verified pairs that are copies by text, a < b
    passage: np.ndarray  # bool per pair: found by a shared passage only (not a near-copy)


def candidates(sh: shingles.Shingled) -> tuple[np.ndarray, np.ndarray]:
    """Unique candidate pairs: LSH bands (Jaccard), anchors (containment, short vs long), and
    all pairs sharing a shingle among texts too short for a signature."""
    sizes = sh.sizes
    long_docs = np.flatnonzero(sizes >= minhash.SHORT)
    short_docs = np.flatnonzero((sizes > 0) & (sizes < minhash.SHORT))
    with ThreadPoolExecutor(2) as pool:  # anchors on one core while the other signs and bands
        anchors = pool.submit(passages.anchor_candidates, sh)
        parts = [minhash.exact_candidates(sh, short_docs), *_banded(sh, long_docs), anchors.result()]
    key = np.unique(np.concatenate([(a.astype(np.uint64) << np.uint64(32)) | b.astype(np.uint64) for a, b in parts]))
    return (key >> np.uint64(32)).astype(np.int64), (key & np.uint64(0xFFFFFFFF)).astype(np.int64)


def _banded(sh: shingles.Shingled, long_docs: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """LSH candidates among texts long enough for a signature, kept when their estimate passes."""
    parts = []
    if len(long_docs):
        sig = minhash.signatures(sh, long_docs)
        a, b = minhash.lsh_candidates(sig, long_docs)
        row = np.full(len(sh.sizes), -1, dtype=np.int64)
        row[long_docs] = np.arange(len(long_docs))
        keep = minhash.estimate(sig, row[a], row[b]) >= ESTIMATE_MIN
        parts.append((a[keep], b[keep]))
    return parts


def decide(texts: list[str], sh: shingles.Shingled, pairs: Pairs, jaccard: float = JACCARD,
           containment: float = CONTAINMENT) -> Found:
    """Keep the verified pairs that are near-copies or share a copied passage."""
    near = (pairs.jaccard >= jaccard) | (pairs.containment >= containment)
    maybe = np.flatnonzero(~near & (pairs.shared >= passages.PASSAGE_MIN))
    passage = np.zeros(len(pairs.a), bool)
    if len(maybe):
        a, b = pairs.a[maybe], pairs.b[maybe]
        docs, pos, row = positions(texts, sh, np.concatenate((a, b)))
        ua, ub = passages.units_found(sh, pos, row, a, b), passages.units_found(sh, pos, row, b, a)
        passage[maybe] = (ua.copied_shingles() >= passages.PASSAGE_MIN) & (ub.copied_shingles() >= passages.PASSAGE_MIN)
    keep = near | passage
    return Found(sh, pairs.select(keep), passage[keep])


def positions(texts: list[str], sh: shingles.Shingled, docs: np.ndarray):
    """(docs, their Positional, row: document -> row in it) for the given documents."""
    docs = np.unique(docs)
    pos = shingles.positional([texts[d] for d in docs.tolist()], sh.recurring)
    row = np.full(len(texts), -1, dtype=np.int64)
    row[docs] = np.arange(len(docs))
    return docs, pos, row


def find(texts: list[str], jaccard: float = JACCARD, containment: float = CONTAINMENT) -> Found:
    sh = shingles.shingle(texts)
    a, b = candidates(sh)
    pairs = minhash.verify(sh, a, b)
    return decide(texts, sh, pairs.select(pairs.shared > 0), jaccard, containment)
