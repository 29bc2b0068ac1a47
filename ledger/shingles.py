"""Raw texts -> per-document sets of word-shingle hashes, boilerplate removed, all in numpy.

Texts are lower-cased and joined per batch, turned into one array of code points, and every token
is hashed at once with a polynomial prefix-sum hash (deterministic, unlike `hash(str)`). Token
hashes are combined into k-shingle hashes with k vectorised steps. Sentences are hashed the same
way so that sentences recurring in many documents (outlet footers) can be dropped, along with
sentences matching known boilerplate (newsletter, cookie and "originally appeared on" text,
bylines). The result is `Shingled`: sorted unique keys `doc << 40 | hash40`, a CSR layout in
which every document's set is contiguous and sorted — what MinHash and verification both read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

SHINGLE = 5  # words per shingle
BOILERPLATE_MIN_DOCS = 10  # a sentence in at least this many documents ...
BOILERPLATE_FRACTION = 0.002  # ... and in at least this share of them is boilerplate
BATCH_CHARS = 4_000_000  # code points per batch: bounds the memory of the character arrays

HASH_BITS = 40
MASK40 = np.uint64((1 << HASH_BITS) - 1)
_U = np.uint64
_P = _U(0x100000001B3)  # odd multiplier of the polynomial character hash (FNV prime)
_Q = _U(0x9E3779B97F4A7C15)

# Sentences that carry no story: attribution of a syndicated copy, sign-up boxes, cookie and
# legal notices, photo credits. Matched on lower-cased text.
BOILERPLATE = re.compile(
    r"originally appeared on|first appeared on|originally published|originally reported by"
    r"|newsletter|sign up|signing up|subscribe|terms of use|terms of service|privacy policy"
    r"|cookie|all rights reserved|copyright ©|source: getty|getty images|photo credit|image credit"
    r"|read more:|related articles?:|click here|follow us on|share this (?:article|story)")
_BYLINE_WORDS = 8  # "by jane doe, reuters" style sentences of at most this many words

# Punctuation above ASCII that separates words: general punctuation (quotes, dashes), CJK
# punctuation and brackets, full-width ASCII punctuation.
_SEPARATOR_RANGES = ((0x80, 0xBF), (0x2000, 0x206F), (0x3000, 0x303F), (0xFF00, 0xFF0F))


def mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads every input bit over the 64 output bits."""
    x = x ^ (x >> _U(30))
    x = x * _U(0xBF58476D1CE4E5B9)
    x = x ^ (x >> _U(27))
    x = x * _U(0x94D049BB133111EB)
    return x ^ (x >> _U(31))


@dataclass(slots=True)
class Shingled:
    keys: np.ndarray  # uint64, sorted unique: doc << 40 | 40-bit shingle hash
    ptr: np.ndarray  # int64, len n_docs + 1: document d's keys are keys[ptr[d]:ptr[d + 1]]

    @property
    def sizes(self) -> np.ndarray:
        return np.diff(self.ptr)

    def hashes(self, doc: int) -> np.ndarray:
        return self.keys[self.ptr[doc]:self.ptr[doc + 1]] & MASK40


@dataclass(slots=True)
class _Tokens:
    hashes: np.ndarray  # uint64 token hashes
    doc: np.ndarray  # int64 global document index of each token
    sentence: np.ndarray  # int64 batch-local sentence index of each token
    sentence_hash: np.ndarray  # uint64 per batch-local sentence
    sentence_doc: np.ndarray  # int64 document of each sentence
    boilerplate: np.ndarray  # bool per sentence, from the patterns and the byline shape


def _batches(texts: list[str]):
    start, size = 0, 0
    for i, text in enumerate(texts):
        size += len(text) + 1
        if size >= BATCH_CHARS:
            yield start, i + 1
            start, size = i + 1, 0
    if start < len(texts):
        yield start, len(texts)


def _word_mask(codes: np.ndarray) -> np.ndarray:
    word = ((codes >= 97) & (codes <= 122)) | ((codes >= 48) & (codes <= 57)) | (codes >= 0x80)
    for lo, hi in _SEPARATOR_RANGES:
        word &= ~((codes >= lo) & (codes <= hi))
    return word


def _tokenise(texts: list[str], first_doc: int) -> _Tokens:
    lowered = [t.lower() for t in texts]
    lengths = np.fromiter((len(t) + 1 for t in lowered), dtype=np.int64, count=len(lowered))
    joined = "\n".join(lowered) + "\n"
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    n = len(codes)
    word = _word_mask(codes)
    edges = np.diff(word.astype(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    # polynomial hash of every token from prefix sums: sum c_i P^i over the token, times P^-start
    powers = np.concatenate(([_U(1)], np.cumprod(np.full(n - 1, _P, dtype=np.uint64)))) if n else np.zeros(0, np.uint64)
    prefix = np.concatenate(([_U(0)], np.cumsum(codes.astype(np.uint64) * powers, dtype=np.uint64)))
    inverse = pow(int(_P), -1, 1 << 64)
    inv_powers = np.concatenate(([_U(1)], np.cumprod(np.full(n - 1, _U(inverse), dtype=np.uint64)))) if n else powers
    token_hashes = mix((prefix[ends] - prefix[starts]) * inv_powers[starts])
    doc_ends = np.cumsum(lengths)
    token_doc = np.searchsorted(doc_ends, starts, side="right")
    # sentences end at . ! ? followed by a space, and at every line break
    stop = (codes == 10) | (np.isin(codes, (46, 33, 63)) & np.append(np.isin(codes[1:], (32, 9, 10, 13)), True))
    sentence_of_char = np.concatenate(([0], np.cumsum(stop)[:-1]))
    token_sentence = sentence_of_char[starts]
    n_sentences = int(sentence_of_char[-1]) + 1 if n else 0
    # order-sensitive sentence hash: sum of mixed (token hash, position in sentence)
    first = np.searchsorted(token_sentence, np.arange(n_sentences))
    position = np.arange(len(starts)) - first[token_sentence]
    sentence_hash = np.zeros(n_sentences, dtype=np.uint64)
    np.add.at(sentence_hash, token_sentence, mix(token_hashes ^ (position.astype(np.uint64) * _Q)))
    boiler = np.zeros(n_sentences, dtype=bool)
    hits = [m.start() for m in BOILERPLATE.finditer(joined)]
    boiler[sentence_of_char[np.asarray(hits, dtype=np.int64)]] = True
    words = np.bincount(token_sentence, minlength=n_sentences)
    has_token = words > 0
    opening = np.zeros(n_sentences, dtype=np.uint64)
    opening[token_sentence[first[has_token]]] = token_hashes[first[has_token]]
    boiler |= (opening == _token_hash("by")) & (words <= _BYLINE_WORDS)
    sentence_doc = np.searchsorted(doc_ends, np.flatnonzero(np.append(True, stop[:-1])), side="right")
    return _Tokens(token_hashes, token_doc + first_doc, token_sentence, sentence_hash,
                   sentence_doc + first_doc, boiler)


def _token_hash(word: str) -> np.uint64:
    codes = word.encode("utf-32-le")[::4]  # ASCII word: one byte per code point
    value = sum(int(c) * int(_P) ** i for i, c in enumerate(codes)) % (1 << 64)
    return mix(np.array([value], dtype=np.uint64))[0]


def _recurring(batches: list[_Tokens], n_docs: int, min_docs: int, fraction: float) -> np.ndarray:
    """Sentence hashes found in at least max(min_docs, fraction * n_docs) distinct documents."""
    if not batches:
        return np.zeros(0, np.uint64)
    hashes = np.concatenate([b.sentence_hash for b in batches])
    docs = np.concatenate([b.sentence_doc for b in batches]).astype(np.uint64)
    # one count per (sentence, document): a line repeated inside one article is not boilerplate
    _, first = np.unique(hashes ^ mix(docs), return_index=True)
    values, counts = np.unique(hashes[first], return_counts=True)
    return values[counts >= max(min_docs, fraction * n_docs)]


def _shingle_keys(tokens: np.ndarray, doc: np.ndarray, k: int) -> np.ndarray:
    """doc << 40 | hash of each k-token window inside one document; a document with fewer than
    k tokens gets one shingle of all its tokens (so tiny texts still compare)."""
    n = len(tokens)
    if n == 0:
        return np.zeros(0, dtype=np.uint64)
    h = tokens.copy()
    for j in range(1, k):
        nxt = np.concatenate((tokens[j:], np.zeros(j, np.uint64)))
        same = np.concatenate((doc[j:] == doc[:-j], np.zeros(j, bool)))
        h = np.where(same, h * _Q + nxt, h)
    last = np.concatenate((doc[k - 1:] == doc[: n - k + 1], np.zeros(k - 1, bool)))
    doc_start = np.concatenate(([True], doc[1:] != doc[:-1]))
    doc_len = np.diff(np.flatnonzero(np.append(doc_start, True)))
    short_doc_start = doc_start.copy()
    short_doc_start[doc_start] = doc_len < k
    valid = last | short_doc_start
    return (doc[valid].astype(np.uint64) << _U(HASH_BITS)) | (mix(h[valid]) & MASK40)


def shingle(texts: list[str], k: int = SHINGLE, *, min_docs: int = BOILERPLATE_MIN_DOCS,
            fraction: float = BOILERPLATE_FRACTION) -> Shingled:
    """Every text's set of k-word shingle hashes after boilerplate sentences are removed."""
    batches = [_tokenise(texts[a:b], a) for a, b in _batches(texts)]
    recurring = _recurring(batches, len(texts), min_docs, fraction)
    parts = []
    for b in batches:
        drop = b.boilerplate | np.isin(b.sentence_hash, recurring)
        keep = ~drop[b.sentence]
        parts.append(np.unique(_shingle_keys(b.hashes[keep], b.doc[keep], k)))
    keys = np.concatenate(parts) if parts else np.zeros(0, np.uint64)
    ptr = np.searchsorted(keys >> _U(HASH_BITS), np.arange(len(texts) + 1, dtype=np.uint64))
    return Shingled(keys, ptr.astype(np.int64))
