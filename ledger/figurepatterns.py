"""The extractor's scanning patterns, built from the lexicon (rebuilt when it grows), and the cheap
tests that decide which of the optional passes (multiples, fractions, ratios) run on a text."""
from __future__ import annotations

import re

from . import lexicon
from .lexicon import alternation

_MODALS = r"(?:to|will|would|could|can|may|might|should|must|set\s+to|expected\s+to|plans?\s+to)"


class Patterns:
    """The scanning patterns, built from the lexicon (rebuilt when it grows)."""

    def __init__(self) -> None:
        words = lexicon.NUMBER_WORDS
        ones = alternation(w for w, n in words.items() if 0 < n < 10)
        small = alternation(w for w, n in words.items() if n < 20)
        tens = alternation(w for w, n in words.items() if n >= 20 and n % 10 == 0)
        below_100 = rf"(?:(?:{tens})(?:[- ](?:{ones}))?|(?:{small}))"
        long_mags = alternation(m for m in lexicon.MAGNITUDES if len(m) > 3)
        short_mags = alternation(m for m in lexicon.MAGNITUDES if 1 < len(m) <= 3)
        letter_mags = "".join(sorted({c for m in lexicon.MAGNITUDES if len(m) == 1 for c in (m, m.upper())}))
        self.below_100 = below_100
        word_number = (rf"(?:{below_100}(?:\s+hundred(?:\s+(?:and\s+)?{below_100})?)?"
                       rf"|a\s+dozen|(?:half\s+)?an?(?=[\s-]+(?:hundred|{long_mags})\b)(?:\s+hundred)?)")
        symbols = alternation(lexicon.currency_symbols())
        codes = "|".join(sorted(lexicon.CURRENCIES))
        suffix = alternation(lexicon.currency_words())
        percent = alternation(lexicon.PERCENT_WORDS).replace("\\ ", r"\s+")
        # _START: a cheap test that skips positions that cannot begin a figure before the long
        # alternations are tried (benchmarks/extract_speed.py).
        start = r"(?=[\d.$€£¥₩₹+\-−×]|[^\x00-\x7f]|\b[a-zA-Z])"
        self.number = {}
        for mark, digits in ((".", r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"),
                             (",", r"(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?")):
            self.number[mark] = re.compile(rf"""{start}
                (?P<sign>[-−+](?=[\d$€£¥₩₹]))?
                (?P<cur>(?i:{symbols})|(?:{codes})\s?)?
                (?:(?P<digits>{digits})|(?P<words>\b(?i:{word_number})\b))
                (?P<mag>(?:\s*|-)(?i:{long_mags})\b|\s?(?i:{short_mags})\b|(?<=\d)[{letter_mags}]\b)?
                (?P<unit>\s?%\s*(?i:points?)\b|\s?%|\s+(?i:percentage\s+points?)\b
                   |\s+(?i:{percent})\b
                   |\s+(?:(?i:U\.?S\.?|di|de)\s+|(?i:d)['’])?(?:(?i:{suffix})|{codes})\b)?
                """, re.X)
        self.hedge_before = re.compile(
            rf"(?:(?:^|(?<=\W))({alternation(h for h in lexicon.HEDGES if h not in lexicon.HEDGE_SYMBOLS)})\s+"
            rf"|({alternation(lexicon.HEDGE_SYMBOLS)})\s*)$", re.I)
        multiples = {w for w in lexicon.MULTIPLES if w.endswith(("ed", "ing"))}
        bare = set(lexicon.MULTIPLES) - multiples
        self.multiple = re.compile(rf"""(?P<verb>\b(?:{alternation(multiples)})\b
              |\b(?:{alternation(bare)})(?=\s+(?:the|its|their|his|her|our|that|in\s+size)\b))
            |\b{_MODALS}\s+(?P<hedged>(?:{alternation(h for h in lexicon.HEDGES if h[0].isalpha())})\s+)?(?P<bare>{alternation(bare)})\b(?!-)
            |(?P<n>\b(?:\d+(?:\.\d+)?|{below_100}))[\s-]?(?:times|fold)\b
            |(?<!\w)[x×]\s?(?P<pre>\d+(?:\.\d+)?)\b|\b(?P<post>\d+(?:\.\d+)?)[x×](?!\w)""", re.X | re.I)
        counts = alternation(["a", "an", *(w for w, n in words.items() if 0 < n <= 10)])
        parts = alternation([*lexicon.FRACTIONS, *lexicon.FRACTION_PLURALS])
        self.fraction = re.compile(rf"\b(?:(?P<count>{counts})[\s-]+)?(?P<part>{parts})\b", re.I)
        small_number = rf"\d{{1,3}}|{alternation(w for w, n in words.items() if 0 < n <= 20)}"
        # words a multiple, fraction or ratio cannot do without: a pattern runs only where one occurs
        self.multiple_hint = tuple({*(w[:4] for w in lexicon.MULTIPLES), "times", "fold"})
        self.multiple_words = tuple({w[:4] for w in lexicon.MULTIPLES})
        # "three times", "2-fold": the last word of a number the `n` group of `multiple` reads
        self.times_numbers = frozenset(re.split(r"[^a-z]+", w.lower())[-1] for w, n in words.items()
                                       if n < 20 or n % 10 == 0)
        self.fraction_hint = tuple({w[:4] for w in lexicon.FRACTIONS})
        self.ratio = re.compile(rf"\b(?P<n>{small_number})\s+in\s+(?P<d>{small_number}|100|1,000)\b(?!\s*(?:%|percent))", re.I)
        month = rf"(?:{alternation(lexicon.MONTHS)})\.?"
        # each shape opens with a cheap guard: a word start followed by what a date needs
        self.date = re.compile(rf"""(?=\b|\d)(?=[A-Za-z]+\.?[\s-]+\d|\d|[QH][1-4]\b|(?i:the\s+|first|last|early|mid|late))(?:
              \b{month}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b(?!:)
            | \b\d{{1,2}}(?:st|nd|rd|th)?\s+{month}(?:,?\s+\d{{4}})?\b
            | \b{month}\s+(?:of\s+)?\d{{4}}\b
            | \b[QH][1-4](?:\s*(?:of\s+)?(?:\d{{4}}|'\d{{2}}))?\b | \b\d{{4}}\s?[QH][1-4]\b
            | \b(?:early|mid|late)[-\s](?:\d{{4}}|{month})\b
            | \b(?:the\s+)?(?:first|last)\s+(?:{alternation(lexicon.NUMBER_WORDS)}|\d+)\s+months(?:\s+of\s+\d{{4}})?\b
            | \b\d{{4}}-\d{{2}}(?:-\d{{2}})?\b | \b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b
            )""", re.X | re.I)
        self.label = re.compile(
            rf"#\s?\d+\b|\b(?:No|Nos|no)\.\s?\d+\b|\bnumber\s+one\b|\b24/7\b|\b\d{{1,2}}/\d{{1,2}}\b(?![/.-]\d)"
            rf"|(?:\(\d{{3}}\)\s?|\b\d{{3}}[-.\s])?\b\d{{3}}-\d{{4}}\b"
            rf"|\b(?=[A-Za-z]+\s\d)(?i:{alternation(lexicon.LABEL_WORDS)})\s\d+[A-Z]?\b"
            rf"|\b(?:{alternation(lexicon.CELL_FORMATS)})(?=[\s-]+(?i:cells?|batter(?:y|ies)|format)\b)", re.I)


patterns = lexicon.derived(Patterns)

_FACTOR_SIGN = re.compile(r"\d\s?[x×]|[x×]\s?\d")
_FACTOR_SIGN_ANY_CASE = re.compile(r"\d\s?[x×]|[x×]\s?\d", re.I)
# the characters beyond ASCII that a case-insensitive pattern reads as an ASCII letter ("ſ" as "s"),
# where lower() does not: a text with one is gated as it always was (tests/test_extract.py)
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")

def passes(p: Patterns, text: str) -> tuple[bool, bool, bool]:
    """Whether the multiple, fraction and ratio passes run: each only where a word it cannot do
    without occurs (a cheap test before a long alternation)."""
    lower = text.lower()
    multiples = any(w in lower for w in p.multiple_hint) or bool(_FACTOR_SIGN.search(text))
    if multiples and not (any(w in lower for w in p.multiple_words) or _FACTOR_SIGN.search(text)) and (
            text.isascii() or not _FOLDS_TO_ASCII.search(text)):
        # only "times"/"fold" opened it ("lead times", "at times"): the pass can match only a
        # number right before one, or a factor sign in capitals ("X3")
        multiples = _counted_times(p, lower) or bool(_FACTOR_SIGN_ANY_CASE.search(text))
    return multiples, any(w in lower for w in p.fraction_hint), " in " in lower


def _counted_times(p: Patterns, lower: str) -> bool:
    """A digit or a number word stands right before some "times" or "fold" (one space or hyphen between)."""
    for word in ("times", "fold"):
        at = lower.find(word)
        while at != -1:
            for end in (at, at - 1) if at and lower[at - 1] in " \t\n\r\f\v-" else (at,):
                start = end
                while start and lower[start - 1].isalpha():
                    start -= 1
                if (end and lower[end - 1].isdigit()) or lower[start:end] in p.times_numbers:
                    return True
            at = lower.find(word, at + 1)
    return False


def skipped_pass_matches(text: str) -> bool:
    """A pass that `extract(text)` skips would match in `text` ("X3" is a factor, but only the
    lower-case "x" opens the multiples pass): the same words read inside a longer text, where the
    pass runs, may give a figure more."""
    p = patterns()
    if not text.isascii():  # case folding beyond ASCII: try each skipped pass
        return any(not runs and pattern.search(text)
                   for runs, pattern in zip(passes(p, text), (p.multiple, p.fraction, p.ratio)))
    # in ASCII the fraction words are their own test; a factor's "X", and "in" between other
    # spaces than " ", are what the tests miss
    lower = text.lower()
    if "X" in text and not (any(w in lower for w in p.multiple_hint) or _FACTOR_SIGN.search(text)):
        if p.multiple.search(text):
            return True
    return "in" in lower and " in " not in lower and bool(p.ratio.search(text))
