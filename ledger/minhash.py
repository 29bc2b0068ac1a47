"""Candidate pairs by one-permutation MinHash with LSH banding, and exact verification.

One-permutation hashing: a shingle's 40-bit hash picks its bin by the top bits and competes with
the lower bits; because every document's shingle set is already sorted (`Shingled`), the minimum
of a bin is its first element, so a signature is one pass of `diff` over the keys. Empty bins
are filled by rotation densification (Shrivastava & Li, 2014). Bands of ROWS rows are hashed and
documents meeting in a bucket become candidates; every candidate is then verified with exact
Jaccard and containment by binary search of one set's keys in the other's. Texts with fewer than
SHORT shingles — where a signature is mostly densified noise — skip MinHash: they are compared
exactly through an inverted index. Nothing loops in Python over shingles or pairs.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .shingles import HASH_BITS, MASK40, Shingled, mix

NUM_PERM = 128  # bins (a power of two: the bin is the hash's top log2(NUM_PERM) bits)
BANDS = 32  # 32 bands of 4 rows: candidate probability 1-(1-J^4)^32 is 0.87 at J=0.5, 0.9999 at 0.8
SHORT = 20  # fewer shingles than this: exact path
CHUNK = 8_000_000  # keys gathered per verification step (bounds memory)

_U = np.uint64
_EMPTY = np.iinfo(np.uint64).max


@dataclass(slots=True)
class Pairs:
    """Verified pairs a < b with their exact overlap."""
    a: np.ndarray
    b: np.ndarray
    shared: np.ndarray  # |A ∩ B|
    size_a: np.ndarray
    size_b: np.ndarray

    @property
    def jaccard(self) -> np.ndarray:
        union = self.size_a + self.size_b - self.shared
        return np.divide(self.shared, union, out=np.zeros(len(self.a)), where=union > 0)

    @property
    def containment(self) -> np.ndarray:
        """|A ∩ B| / min(|A|, |B|): 1 when one text is wholly inside the other."""
        small = np.minimum(self.size_a, self.size_b)
        return np.divide(self.shared, small, out=np.zeros(len(self.a)), where=small > 0)

    def select(self, mask: np.ndarray) -> "Pairs":
        return Pairs(self.a[mask], self.b[mask], self.shared[mask], self.size_a[mask], self.size_b[mask])


def signatures(sh: Shingled, docs: np.ndarray, num_perm: int = NUM_PERM) -> np.ndarray:
    """(len(docs), num_perm) uint64 one-permutation MinHash signatures of the given documents."""
    bits = num_perm.bit_length() - 1
    if 1 << bits != num_perm:
        raise ValueError("num_perm must be a power of two")
    row = np.full(len(sh.ptr) - 1, -1, dtype=np.int64)
    row[docs] = np.arange(len(docs))
    # keys are doc << 40 | hash, sorted: key >> (40 - bits) is doc << bits | bin, sorted too, so
    # the first key of each run is its bin's minimum
    group = sh.keys >> _U(HASH_BITS - bits)
    first = np.flatnonzero(np.concatenate(([True], group[1:] != group[:-1]))) if len(group) else np.zeros(0, np.int64)
    g = group[first]
    r = row[(g >> _U(bits)).astype(np.int64)]
    ok = r >= 0
    sig = np.full(len(docs) * num_perm, _EMPTY, dtype=np.uint64)
    sig[(r[ok] << bits) + (g[ok] & _U(num_perm - 1)).astype(np.int64)] = sh.keys[first[ok]] & _U((1 << (HASH_BITS - bits)) - 1)
    return _densify(sig.reshape(len(docs), num_perm))


def _densify(sig: np.ndarray) -> np.ndarray:
    """Rotation: an empty bin takes the next non-empty bin's value (circularly) plus an offset
    per step, so two documents agree on it only where they agree on the bin it copies."""
    n, k = sig.shape
    cols = np.arange(k)
    at = np.where(sig != _EMPTY, cols, 2 * k)
    nxt = np.minimum.accumulate(np.concatenate((at, at + k), axis=1)[:, ::-1], axis=1)[:, ::-1][:, :k]
    nxt = np.minimum(nxt, 2 * k - 1)
    dist = (nxt - cols).astype(np.uint64)
    value = np.take_along_axis(sig, nxt % k, axis=1)
    return np.where(sig != _EMPTY, sig, value + dist * _U(1 << 40))


def band_keys(sig: np.ndarray, bands: int = BANDS) -> np.ndarray:
    """(n, bands) uint64: one hash per band of ROWS signature rows, distinct per band index."""
    n, k = sig.shape
    rows = k // bands
    banded = sig[:, : bands * rows].reshape(n, bands, rows)
    h = np.zeros((n, bands), dtype=np.uint64)
    for r in range(rows):  # ROWS vectorised steps over all documents and bands
        h = mix(h * _U(0x9E3779B97F4A7C15) + banded[:, :, r])
    return mix(h ^ (np.arange(bands, dtype=np.uint64) * _U(0xD6E8FEB86659FD93)))


def lsh_candidates(sig: np.ndarray, docs: np.ndarray, bands: int = BANDS) -> tuple[np.ndarray, np.ndarray]:
    """Unique pairs (a < b, document indices) sharing at least one band bucket."""
    h = band_keys(sig, bands).ravel()
    order = np.argsort(h, kind="stable")
    return bucket_pairs(h[order], docs[order // bands])


def estimate(sig: np.ndarray, ra: np.ndarray, rb: np.ndarray, chunk: int = 65536) -> np.ndarray:
    """MinHash estimate of Jaccard (share of equal bins) for signature rows ra[i], rb[i]."""
    out = np.empty(len(ra))
    for s in range(0, len(ra), chunk):
        out[s:s + chunk] = (sig[ra[s:s + chunk]] == sig[rb[s:s + chunk]]).mean(axis=1)
    return out


def bucket_pairs(sorted_keys: np.ndarray, member: np.ndarray, min_count: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """All pairs of members within runs of equal keys, deduplicated; only pairs meeting in at
    least `min_count` runs."""
    boundary = np.flatnonzero(np.concatenate(([True], sorted_keys[1:] != sorted_keys[:-1], [True])))
    run_len = np.diff(boundary)
    run_end = np.repeat(boundary[1:], run_len)
    pos = np.arange(len(sorted_keys))
    left = run_end - pos - 1  # members after this one in its bucket
    pos, left = pos[left > 0], left[left > 0]
    out_a, out_b, step = [], [], 1
    while len(pos):  # one vectorised step per offset within the largest bucket
        out_a.append(member[pos])
        out_b.append(member[pos + step])
        keep = left > step
        pos, left, step = pos[keep], left[keep], step + 1
    if not out_a:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    a, b = np.concatenate(out_a), np.concatenate(out_b)
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    key = np.sort(((lo.astype(np.uint64) << _U(32)) | hi.astype(np.uint64))[lo != hi])
    start = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1]))) if len(key) else np.zeros(0, np.int64)
    key = key[start[np.diff(np.append(start, len(key))) >= min_count]]
    return (key >> _U(32)).astype(np.int64), (key & _U(0xFFFFFFFF)).astype(np.int64)


def verify(sh: Shingled, a: np.ndarray, b: np.ndarray) -> Pairs:
    """Exact |A ∩ B| for every pair: B's hashes, tagged with A's document, searched in the keys."""
    sizes = sh.sizes
    size_a, size_b = sizes[a], sizes[b]
    probe, base = np.where(size_b <= size_a, b, a), np.where(size_b <= size_a, a, b)  # probe the smaller
    length = sizes[probe]
    shared = np.zeros(len(a), dtype=np.int64)
    ends = np.cumsum(length)
    start = 0
    while start < len(a):
        stop = max(int(np.searchsorted(ends, (ends[start - 1] if start else 0) + CHUNK, side="right")), start + 1)
        sl = slice(start, stop)
        n = length[sl]
        which = np.repeat(np.arange(stop - start), n)
        offset = np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
        idx = np.repeat(sh.ptr[probe[sl]], n) + offset
        query = (base[sl][which].astype(np.uint64) << _U(HASH_BITS)) | (sh.keys[idx] & MASK40)
        found = np.minimum(np.searchsorted(sh.keys, query), len(sh.keys) - 1)
        hit = sh.keys[found] == query
        shared[sl] = np.bincount(which[hit], minlength=stop - start)
        start = stop
    return Pairs(a, b, shared, size_a, size_b)


def exact_candidates(sh: Shingled, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs among `docs` sharing at least one shingle (inverted index): the exact path."""
    sizes = sh.sizes[docs]
    owner = np.repeat(docs, sizes)
    idx = np.repeat(sh.ptr[docs], sizes) + np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    h = sh.keys[idx] & MASK40
    order = np.argsort(h, kind="stable")
    return bucket_pairs(h[order], owner[order])


def find_pairs(sh: Shingled, *, num_perm: int = NUM_PERM, bands: int = BANDS, short: int = SHORT) -> Pairs:
    """Every verified pair sharing a shingle: LSH candidates among long texts, all pairs among
    short ones. Callers filter by Jaccard / containment."""
    sizes = sh.sizes
    long_docs = np.flatnonzero(sizes >= short)
    short_docs = np.flatnonzero((sizes > 0) & (sizes < short))
    a1, b1 = lsh_candidates(signatures(sh, long_docs, num_perm), long_docs, bands) if len(long_docs) else (np.zeros(0, np.int64),) * 2
    a2, b2 = exact_candidates(sh, short_docs)
    pairs = verify(sh, np.concatenate((a1, a2)), np.concatenate((b1, b2)))
    return pairs.select(pairs.shared > 0)


def components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Connected-component label (the smallest member index) of each of n nodes."""
    label = np.arange(n)
    while True:
        low = np.minimum(label[a], label[b])
        before = label.copy()
        np.minimum.at(label, a, low)
        np.minimum.at(label, b, low)
        label = label[label]  # pointer jumping
        if np.array_equal(label, before):
            return label
