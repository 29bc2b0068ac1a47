"""Raw texts -> per-document sets of word-shingle hashes, boilerplate removed, all in numpy.

Texts are lower-cased and joined per batch into one UTF-8 byte array, and every token is hashed
at once from 8-byte words gathered at its start and end (deterministic, unlike `hash(str)`). Token
hashes are combined into k-shingle hashes with k vectorised steps. Sentences are hashed the same
way so that sentences recurring in many documents (outlet footers) can be dropped, along with
sentences matching known boilerplate (newsletter, cookie and "originally appeared on" text,
bylines). The result is `Shingled`: sorted unique keys `doc << 40 | hash40`, a CSR layout in
which every document's set is contiguous and sorted — what MinHash and verification both read.
"""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

SHINGLE = 5  # words per shingle
BOILERPLATE_MIN_DOCS = 10  # a sentence in at least this many documents ...
BOILERPLATE_FRACTION = 0.002  # ... and in at least this share of them is boilerplate
BATCH_CHARS = 1_000_000  # characters per batch: bounds the memory of the byte arrays
# Batches run on this many threads: numpy's sorts, searches and arithmetic release the GIL, so
# two cores tokenise and shingle two batches at once.
WORKERS = min(4, os.cpu_count() or 1)

HASH_BITS = 40
MASK40 = np.uint64((1 << HASH_BITS) - 1)
_U = np.uint64
_Q = _U(0x9E3779B97F4A7C15)

# Sentences that carry no story: attribution of a syndicated copy, sign-up boxes, cookie and
# legal notices, photo credits. Matched as word sequences of the lower-cased text.
BOILERPLATE = (
    "originally appeared on", "first appeared on", "originally published", "originally reported by",
    "newsletter", "sign up", "signing up", "subscribe", "unsubscribe", "terms of use", "terms of service",
    "privacy policy", "cookie", "cookies", "copyright", "all rights reserved", "getty images", "source getty",
    "photo credit", "image credit", "read more", "related articles", "click here", "follow us on",
    "share this article", "share this story")
_BYLINE_WORDS = 8  # "by jane doe, reuters" style sentences of at most this many words

# Typographic characters folded to the ASCII separators they stand for (as ledger.textnorm does)
# before the text becomes bytes, where every byte above 0x7f counts as part of a word.
_FOLD = ("\u2018", "\u2019", "\u201c", "\u201d", "\u2013", "\u2014", "\u2212", "\u00a0", "\u00a9", "\u3001", "\u3002")
_LOW_BYTES = np.array([(1 << (8 * i)) - 1 for i in range(8)] + [(1 << 64) - 1], dtype=np.uint64)


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
    recurring: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))  # boilerplate sentence hashes

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
    boilerplate: np.ndarray  # bool per sentence, from the phrases and the byline shape
    paragraph: np.ndarray | None = None  # int64 batch-local paragraph (line) index of each token


def _batches(texts: list[str]):
    start, size = 0, 0
    for i, text in enumerate(texts):
        size += len(text) + 1
        if size >= BATCH_CHARS:
            yield start, i + 1
            start, size = i + 1, 0
    if start < len(texts):
        yield start, len(texts)


def _as_bytes(texts: list[str]) -> np.ndarray:
    """Lower-cased UTF-8 of the texts, each ending in a NUL, plus 8 bytes of padding."""
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:  # a NUL inside a text would split it
        joined = "\x00".join(t.replace("\x00", " ") for t in texts)
    joined = joined.lower()
    for ch in _FOLD:
        if ch in joined:
            joined = joined.replace(ch, " ")
    return np.frombuffer(joined.encode("utf-8") + b"\x00" + bytes(8), dtype=np.uint8)


def _hash_tokens(data: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Hash every token from 8-byte words read at its start (+8, +16) and its end: exact for
    tokens up to 24 bytes, and first 24 plus last 8 bytes for longer ones."""
    windows = np.lib.stride_tricks.sliding_window_view(data, 8)
    length = ends - starts

    def word(at, size):
        w = windows[np.clip(at, 0, len(windows) - 1)].copy().view(np.uint64).ravel()
        return w & _LOW_BYTES[np.clip(size, 0, 8)]

    h = mix(word(starts, length) ^ (length.astype(np.uint64) * _Q))
    for offset in (8, 16):  # later words only for the tokens that reach them
        more = np.flatnonzero(length > offset)
        h[more] = mix(h[more] ^ word(starts[more] + offset, length[more] - offset))
    long = np.flatnonzero(length > 24)
    h[long] = mix(h[long] ^ word(ends[long] - 8, np.full(len(long), 8)))
    return h


def _tokenise(texts: list[str], first_doc: int, paragraphs: bool = False) -> _Tokens:
    data = _as_bytes(texts)
    codes = data[:-8]
    word = ((codes >= 97) & (codes <= 122)) | ((codes >= 48) & (codes <= 57)) | (codes >= 0x80)
    edges = np.diff(word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    token_hashes = _hash_tokens(data, starts, ends)
    separators = np.flatnonzero(codes == 0)
    token_doc = np.searchsorted(separators, starts)
    # sentences end at . ! ? before white space, at line breaks and at the end of each text
    after = data[1:-7]
    space = (after == 32) | (after == 10) | (after == 9) | (after == 13) | (after == 0)
    stops = np.flatnonzero((codes == 10) | (codes == 0) | (((codes == 46) | (codes == 33) | (codes == 63)) & space))
    token_sentence = np.searchsorted(stops, starts)
    n_sentences = len(stops)
    # order-sensitive sentence hash: sum of mixed (token hash, position in sentence)
    first = np.searchsorted(token_sentence, np.arange(n_sentences))
    position = np.arange(len(starts)) - first[token_sentence]
    sentence_hash = np.zeros(n_sentences, dtype=np.uint64)
    np.add.at(sentence_hash, token_sentence, mix(token_hashes ^ (position.astype(np.uint64) * _Q)))
    boiler = np.zeros(n_sentences, dtype=bool)
    boiler[token_sentence[_phrase_tokens(token_hashes)]] = True
    words = np.bincount(token_sentence, minlength=n_sentences)
    has_token = words > 0
    opening = np.zeros(n_sentences, dtype=np.uint64)
    opening[token_sentence[first[has_token]]] = token_hashes[first[has_token]]
    boiler |= (opening == _BY) & (words <= _BYLINE_WORDS)
    sentence_doc = np.searchsorted(separators, stops)
    paragraph = np.searchsorted(np.flatnonzero((codes == 10) | (codes == 0)), starts) if paragraphs else None
    return _Tokens(token_hashes, token_doc + first_doc, token_sentence, sentence_hash,
                   sentence_doc + first_doc, boiler, paragraph)


def hash_words(text: str) -> np.ndarray:
    """Token hashes of one text, as `shingle` computes them."""
    data = _as_bytes([text])
    codes = data[:-8]
    word = ((codes >= 97) & (codes <= 122)) | ((codes >= 48) & (codes <= 57)) | (codes >= 0x80)
    edges = np.diff(word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    return _hash_tokens(data, np.flatnonzero(edges == 1), np.flatnonzero(edges == -1))


def _ngram(hashes: np.ndarray, n: int) -> np.ndarray:
    h = hashes[: len(hashes) - n + 1].copy()
    for j in range(1, n):
        h = h * _Q + hashes[j: len(hashes) - n + 1 + j]
    return h


_BY = hash_words("by")[0]
_PHRASES = {n: np.array([_ngram(hash_words(p), n)[0] for p in BOILERPLATE if len(hash_words(p)) == n], dtype=np.uint64)
            for n in (1, 2, 3)}


def _phrase_tokens(hashes: np.ndarray) -> np.ndarray:
    """Index of the first token of every boilerplate phrase occurrence."""
    return np.concatenate([np.flatnonzero(np.isin(_ngram(hashes, n), phrases)) for n, phrases in _PHRASES.items()
                           if len(hashes) >= n])


def sorted_unique(x: np.ndarray) -> np.ndarray:
    """np.unique by sort and compare (numpy 2's hash-based unique is several times slower here)."""
    x = np.sort(x)
    return x[np.concatenate(([True], x[1:] != x[:-1]))] if len(x) else x


def sentence_counts(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(sentence hashes, number of distinct documents holding each) over the texts."""
    return _sentence_counts([_tokenise(texts[a:b], a) for a, b in _batches(texts)])


def _sentence_counts(batches: list[_Tokens]) -> tuple[np.ndarray, np.ndarray]:
    if not batches:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
    hashes = np.concatenate([b.sentence_hash for b in batches])
    docs = np.concatenate([b.sentence_doc for b in batches]).astype(np.uint64)
    # one count per (sentence, document): a line repeated inside one article is not boilerplate
    order = np.lexsort((docs, hashes))
    h, d = hashes[order], docs[order]
    new = np.concatenate(([True], (h[1:] != h[:-1]) | (d[1:] != d[:-1])))
    h = h[new]
    starts = np.flatnonzero(np.concatenate(([True], h[1:] != h[:-1], [True])))
    return h[starts[:-1]], np.diff(starts)


def recurring_limit(n_docs: int, min_docs: int = BOILERPLATE_MIN_DOCS, fraction: float = BOILERPLATE_FRACTION) -> float:
    """A sentence in at least this many documents is boilerplate."""
    return max(min_docs, fraction * n_docs)


def _recurring(batches: list[_Tokens], n_docs: int, min_docs: int, fraction: float) -> np.ndarray:
    """Sentence hashes found in at least max(min_docs, fraction * n_docs) distinct documents."""
    h, counts = _sentence_counts(batches)
    return h[counts >= recurring_limit(n_docs, min_docs, fraction)]


def _windows(tokens: np.ndarray, doc: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(hash40 of the k-token window starting at each token, whether that window counts): windows
    stay inside one document; a document with fewer than k tokens gets one shingle of all its
    tokens (so tiny texts still compare)."""
    n = len(tokens)
    if n == 0:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, bool)
    h = tokens.copy()
    for j in range(1, k):
        pad = min(j, n)  # a batch with fewer than k tokens in all still has n windows
        nxt = np.concatenate((tokens[j:], np.zeros(pad, np.uint64)))
        same = np.concatenate((doc[j:] == doc[:-j], np.zeros(pad, bool)))
        h = np.where(same, h * _Q + nxt, h)
    if n >= k:  # a window ending k-1 tokens on still lies in the same document
        last = np.concatenate((doc[k - 1:] == doc[: n - k + 1], np.zeros(k - 1, bool)))
    else:
        last = np.zeros(n, bool)
    doc_start = np.concatenate(([True], doc[1:] != doc[:-1]))
    doc_len = np.diff(np.flatnonzero(np.append(doc_start, True)))
    short_doc_start = doc_start.copy()
    short_doc_start[doc_start] = doc_len < k
    return mix(h) & MASK40, last | short_doc_start


def _shingle_keys(tokens: np.ndarray, doc: np.ndarray, k: int) -> np.ndarray:
    """doc << 40 | hash of each k-token window inside one document."""
    h, valid = _windows(tokens, doc, k)
    return (doc[valid].astype(np.uint64) << _U(HASH_BITS)) | h[valid]


def shingle(texts: list[str], k: int = SHINGLE, *, min_docs: int = BOILERPLATE_MIN_DOCS,
            fraction: float = BOILERPLATE_FRACTION, recurring: np.ndarray | None = None) -> Shingled:
    """Every text's set of k-word shingle hashes after boilerplate sentences are removed
    (`recurring`: the corpus's recurring sentence hashes when computed elsewhere, as a
    distributed job does over all its shards)."""
    def shingles_of(b: _Tokens) -> np.ndarray:
        keep = ~(b.boilerplate | np.isin(b.sentence_hash, recurring))[b.sentence]
        return sorted_unique(_shingle_keys(b.hashes[keep], b.doc[keep], k))

    with ThreadPoolExecutor(WORKERS) as pool:
        batches = list(pool.map(lambda ab: _tokenise(texts[ab[0]:ab[1]], ab[0]), _batches(texts)))
        if recurring is None:
            recurring = _recurring(batches, len(texts), min_docs, fraction)
        parts = list(pool.map(shingles_of, batches))
    keys = np.concatenate(parts) if parts else np.zeros(0, np.uint64)
    ptr = np.searchsorted(keys >> _U(HASH_BITS), np.arange(len(texts) + 1, dtype=np.uint64))
    return Shingled(keys, ptr.astype(np.int64), recurring)


@dataclass(slots=True)
class Positional:
    """Shingles in text order with the unit (paragraph, or sentence in a text of fewer than
    MIN_PARAGRAPHS paragraphs) each starts in; units count only text left after boilerplate."""
    hashes: np.ndarray  # uint64 40-bit shingle hashes, document after document, in text order
    unit: np.ndarray  # int64 document-local unit index of each shingle
    ptr: np.ndarray  # int64, len n_docs + 1
    units: np.ndarray  # int64 units per document
    by_paragraph: np.ndarray  # bool per document: units are paragraphs (else sentences)


MIN_PARAGRAPHS = 3


def positional(texts: list[str], recurring: np.ndarray, k: int = SHINGLE) -> Positional:
    """The shingles of `shingle` (same hashes, same boilerplate removed) in text order, with the
    paragraph or sentence each belongs to: what passage alignment reads."""
    def one(ab: tuple[int, int]):
        a, b = ab
        t = _tokenise(texts[a:b], a, paragraphs=True)
        keep = ~(t.boilerplate | np.isin(t.sentence_hash, recurring))[t.sentence]
        doc, par, sent = t.doc[keep], t.paragraph[keep], t.sentence[keep]
        first = np.concatenate(([True], doc[1:] != doc[:-1]))
        new_par = first | np.concatenate(([True], par[1:] != par[:-1]))
        new_sent = first | np.concatenate(([True], sent[1:] != sent[:-1]))
        pars = np.bincount(doc - a, weights=new_par, minlength=b - a)
        use_par = pars >= MIN_PARAGRAPHS
        unit = np.cumsum(np.where(use_par[doc - a], new_par, new_sent)) - 1
        unit -= np.repeat(unit[first], np.diff(np.flatnonzero(np.append(first, True))))
        h, valid = _windows(t.hashes[keep], doc, k)
        n_units = np.bincount(doc[first] - a, weights=unit[np.append(np.flatnonzero(first)[1:], len(unit)) - 1] + 1,
                              minlength=b - a).astype(np.int64) if len(doc) else np.zeros(b - a, np.int64)
        return h[valid], unit[valid], doc[valid], n_units, use_par

    with ThreadPoolExecutor(WORKERS) as pool:
        hashes, units, docs, n_units, by_par = zip(*pool.map(one, _batches(texts))) if texts else ([],) * 5
    empty = np.zeros(0, np.int64)
    doc = np.concatenate(docs) if docs else empty
    ptr = np.searchsorted(doc, np.arange(len(texts) + 1)).astype(np.int64)
    cat = lambda xs, dtype: np.concatenate(xs).astype(dtype) if xs else np.zeros(0, dtype)  # noqa: E731
    return Positional(cat(hashes, np.uint64), cat(units, np.int64), ptr, cat(n_units, np.int64), cat(by_par, bool))
