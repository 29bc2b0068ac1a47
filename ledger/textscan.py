"""One scan of each article text, made while the article is resolved: its figures (rows of
`text_figures`, with whether a quote covers each) and where each claim's quote stands in it
(rows of `claim_spans`). Coverage (E701) and quote fidelity (Q201) read these rows instead of
running the extractor again: the text is scanned once per check, and a per-file cache of the
resolved rows caches the scan with them.

A claim's figures are read off the text only where that gives exactly what extracting the quote
alone gives (`isolated`): the quote stands verbatim in the text as a sentence of its own, so no
word outside it (a hedge, a direction, "from", a unit, a month) changes how its figures read.
Elsewhere Q201 extracts the quote alone, as it always did."""
from __future__ import annotations

import bisect
import re
import sys

from . import lexicon
from .extract import Mention, extract
from .figurepatterns import skipped_pass_matches
from .schema import ClaimSpanRow, TextFigureRow
from .textnorm import normalise, normalise_with_offsets


def add_rows(tables, article_id: str, f, model, decimal: str) -> None:
    """Append the article's `text_figures` and `claim_spans` rows to `tables` (resolve.Tables);
    `f` is its loaded file (text, positions), `model` its parsed contents."""
    text = f.text
    if text is None:
        return
    mentions = extract(text, decimal)
    quotes = [c.quote for c in model.claims] + [e.quote for e in model.events]
    quotes += [r.quote for r in model.relations if r.quote]  # draft claims' quotes cover figures too
    norm, offsets = normalise_with_offsets(text)
    covered = _covered(mentions, quote_spans(norm, offsets, quotes))
    tables.text_figures.extend(TextFigureRow(
        article_id=article_id, file=f.display, char_start=m.start, char_end=m.end, written=_shared(m.text),
        kind=m.kind, value=m.value, high=m.high, unit=_shared(m.unit), qualifier=_shared(m.qualifier),
        magnitude=_shared(m.magnitude), direction=_shared(m.direction), figure=_shared(m.figure),
        noun=_shared(m.noun), whole=m.whole, start_figure=m.start_figure, covered=inside)
        for m, inside in zip(mentions, covered))
    taken = _Taken(text, mentions)
    for i, c in enumerate(model.claims):
        if c.draft:
            continue  # not in `claims` (L109)
        start, end, verbatim, isolated = _claim_span(text, norm, offsets, c.quote, taken)
        line, col = f.doc.position(("claims", i))
        tables.claim_spans.append(ClaimSpanRow(
            article_id=article_id, claim_id=c.id, claim_key=f"{article_id}/{c.id}", file=f.display, line=line,
            col=col, char_start=start, char_end=end, verbatim=verbatim, isolated=isolated))


def _shared(word: str | None) -> str | None:
    """One string object for each of the words and figures that repeat across an archive's rows
    ("million", "workers", "75,000"): the rows are kept for the whole check."""
    return None if word is None else sys.intern(word)


def quote_spans(norm: str, offsets: list[int], quotes: list[str]) -> list[tuple[int, int]]:
    """Character spans of the text (given normalised, with offsets) where each quote occurs,
    every occurrence, compared normalised like L105."""
    spans = []
    for quote in quotes:
        q = normalise(quote)
        if not q:
            continue
        at = norm.find(q)
        while at != -1:
            spans.append((offsets[at], offsets[at + len(q) - 1] + 1))
            at = norm.find(q, at + 1)
    return spans


def _covered(mentions: list[Mention], spans: list[tuple[int, int]]) -> list[bool]:
    """For each mention, whether one span holds it whole: the furthest end among the spans that
    start at or before it reaches its end."""
    spans.sort()
    starts = [s for s, _ in spans]
    reach, furthest = [], -1
    for _, e in spans:
        furthest = max(furthest, e)
        reach.append(furthest)
    out = []
    for m in mentions:
        i = bisect.bisect_right(starts, m.start)
        out.append(bool(i) and reach[i - 1] >= m.end)
    return out


class _Taken:
    """Which characters of the text a figure occupies, to see whether one crosses a quote's edge."""

    def __init__(self, text: str, mentions: list[Mention]):
        self.cover = bytearray(len(text) + 1)
        for m in mentions:
            self.cover[m.start:m.end] = b"\x01" * (m.end - m.start)
            self.cover[m.start] = 2  # a figure starts here

    def crossed(self, at: int) -> bool:
        """A figure runs across offset `at` (starts before it and ends after it)."""
        return self.cover[at] == 1


def _claim_span(text, norm, offsets, quote, taken):
    """(start, end, verbatim, isolated): the first occurrence where the quote stands isolated, else
    the first verbatim one, else the first normalised one (L105's); Nones when it does not occur."""
    first = None
    if quote and not quote[0].isspace() and not quote[-1].isspace():
        at = text.find(quote)
        while at != -1:
            end = at + len(quote)
            if first is None:
                first = (at, end)
            if _isolated(text, at, end, quote, taken):
                return at, end, True, True
            at = text.find(quote, at + 1)
    if first is not None:
        return *first, True, False
    q = normalise(quote)
    at = norm.find(q) if q else -1
    if at == -1:
        return None, None, False, False
    return offsets[at], offsets[at + len(q) - 1] + 1, False, False


_FROM_BEFORE = re.compile(r"\bfrom\s+(?:\S+\s+)?$", re.I)  # extract: "from 37% to 12%" looks back 16 characters
_UP_TO = re.compile(r"[^A-Za-z]*up\s+to\b", re.I)


def _isolated(text: str, start: int, end: int, quote: str, taken: _Taken) -> bool:
    """The quote at text[start:end] reads exactly as the quote alone (what the property test in
    tests/test_textscan.py checks): it opens the text or a sentence, ends the text or a sentence,
    no figure runs across either edge, and no word the extractor looks back or ahead at reaches
    in from outside."""
    return (_left_closed(text, start, quote, taken) and _right_closed(text, end, quote, taken)
            and not skipped_pass_matches(quote))


def _left_closed(text: str, start: int, quote: str, taken: _Taken) -> bool:
    if start == 0:
        return True
    before = text[max(0, start - 24):start]
    sentence = before.rstrip()
    if len(sentence) == len(before) or not sentence.endswith((".", "!", "?")) or taken.crossed(start):
        return False  # not after a sentence end, or a figure runs into the quote
    if "from" in before.lower() and _FROM_BEFORE.search(before):
        return False
    word = _last_word(sentence[:-1])
    if sentence[-1] == "." and (word in _ABBREVIATIONS or len(word) == 1 or word + "." in _DOTTED_HEDGES()):
        return False  # "Jan. 5", "No. 3", "a. m.", "ca. 40": the dot does not end the sentence
    # "up to" opening the quote: in the text, the last word before it decides if it is a hedge
    return not _UP_TO.match(quote)


def _right_closed(text: str, end: int, quote: str, taken: _Taken) -> bool:
    if end == len(text):
        return True
    if taken.cover[end] == 1:
        return False  # a figure runs on past the quote
    if quote[-1] in ".!?" and text[end].isspace():
        pass  # the quote ends its sentence itself
    elif not (text[end] in ".!?;" and (end + 1 == len(text) or text[end + 1].isspace())):
        return False
    tail = quote.lower().rstrip(".!?")
    word = _last_word(tail)
    if word in _ABBREVIATIONS or len(word) == 1:
        return False  # "in Jan" + ". 5": the text's date runs on
    return not any(tail.endswith(prefix) for prefix in _DOTTED_PREFIXES())


def _last_word(text: str) -> str:
    """The ASCII letters `text` ends with, lower-cased ('' when none)."""
    i = len(text)
    while i and text[i - 1].isascii() and text[i - 1].isalpha():
        i -= 1
    return text[i:].lower()


# words the extractor reads on across a dot: "Jan. 5" (a date), "No. 3" (a label)
_ABBREVIATIONS = frozenset({*lexicon.MONTHS, "no", "nos"})


@lexicon.derived
def _DOTTED_HEDGES() -> frozenset[str]:
    """Hedges written with a dot ("approx.", "ca."): before a quote, they hedge its first figure."""
    return frozenset(h.split()[-1].lower() for h in lexicon.HEDGES if h.endswith("."))


@lexicon.derived
def _DOTTED_PREFIXES() -> tuple[str, ...]:
    """Beginnings of unit words written with a dot ("sq" of "sq. ft."): a quote ending in one may
    read a different unit in the text."""
    words = [w.lower() for w in (*lexicon.UNIT_WORDS, *lexicon.COUNT_UNITS) if "." in w]
    return tuple({w[:i] for w in words for i, ch in enumerate(w) if ch == "." and i})
