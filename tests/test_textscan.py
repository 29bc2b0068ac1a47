"""The one text scan (ledger.textscan): each article text goes through the extractor once per
check; E701 reads its figures and Q201 reads a claim's figures off the text where the quote stands
isolated, and extracts the quote alone everywhere else — with the same findings either way."""
from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ledger import engine, extract as extract_module, textscan
from ledger.engine import Options, run_check
from ledger.extract import extract

from conftest import VOCAB, article, write_ledger

TEXT = ("Acme makes 6 million batteries per day. Output rose about 5 million batteries per day. "
        "It costs $640 a kilogram; workers number 1,200. Then ca. 40 sites shipped 3.5 million units. "
        "In Jan. 5 plants opened. Sales “jumped” 12% to 7.2 million batteries per day. "
        "Prices fell from 37% to 12% in 2024! Production hit 4.2 million batteries per day.")
# (claim id, quote, value, qualifier) — each quote a way the text and the quote alone can differ
CLAIMS = [
    ("plain", "Acme makes 6 million batteries per day", "6 million", None),            # a sentence: isolated
    ("hedged-outside", "5 million batteries per day", "5 million", None),              # "about" stands before it
    ("inside-figure", "workers number 1,2", "1.2", None),                              # "1,200" runs past its end
    ("dotted-hedge", "40 sites shipped 3.5 million units", "40", None),                # "ca." before it
    ("month-dot", "5 plants opened", "5", None),                                      # "Jan. 5" is a date in the text
    ("normalised", 'Sales "jumped" 12% to 7.2 million batteries per day', "7.2 million", None),  # other quote marks
    ("not-in-text", "Acme makes 9 million batteries per day", "6 million", None),      # L105's case: Q201 still reads it
    ("from-state", "12% in 2024", "12%", None),                                       # "from 37% to" before it
    ("last", "Production hit 4.2 million batteries per day.", "4.2 billion", None),    # ends the text: isolated, a slip
]


def _ledger(tmp_path):
    rows = "".join(f"  - {{id: {cid}, quote: '{quote}', subject: acme, metric: output, value: '{value}'"
                   f"{f', qualifier: {q}' if q else ''}}}\n" for cid, quote, value, q in CLAIMS)
    return write_ledger(tmp_path / "ledger", {"vocab.yaml": VOCAB, "a.yaml": article(TEXT, items="claims:\n" + rows)})


def _findings(root, rules=("Q201", "E701")):
    return [(f.rule, f.line, f.col, f.item_id, f.message) for f in run_check([root], Options(select=list(rules))).findings]


def test_only_isolated_quotes_are_read_off_the_text(tmp_path):
    root = _ledger(tmp_path)
    with engine.open([root], Options(select=["L101"])) as run:
        isolated = dict(run.db.execute("SELECT claim_id, isolated FROM claim_spans").fetchall())
        verbatim = dict(run.db.execute("SELECT claim_id, verbatim FROM claim_spans").fetchall())
    assert {c for c, flag in isolated.items() if flag} == {"plain", "last"}
    assert not verbatim["normalised"] and not verbatim["not-in-text"] and verbatim["hedged-outside"]


def test_q201_and_e701_findings_equal_those_of_quotes_read_alone(tmp_path, monkeypatch):
    """Reading isolated quotes off the text changes nothing: the same findings as extracting
    every quote alone (what Q201 did before the one scan)."""
    root = _ledger(tmp_path)
    scanned = _findings(root)
    monkeypatch.setattr(textscan, "_isolated", lambda *args: False)
    assert scanned == _findings(root)
    q201 = {item: message for rule, _, _, item, message in scanned if rule == "Q201"}
    # the quote alone has no hedge: the "about" before it in the text is not the claim's evidence
    assert "hedged-outside" not in q201
    assert "'4.2 million'" in q201["last"] and "billion in the value" in q201["last"]
    assert "'9 million'" in q201["not-in-text"]  # not found in the text: read alone, as always
    # the quote alone reads "1,2" as it always did ("2"), not as the text's "1,200"
    assert q201["inside-figure"].startswith("the quote states '2'")


def test_the_extractor_runs_once_per_article_text(tmp_path, monkeypatch):
    root = _ledger(tmp_path)
    calls = []

    def counting(text, decimal="."):
        calls.append(text)
        return extract(text, decimal)

    monkeypatch.setattr(textscan, "extract", counting)
    monkeypatch.setattr(extract_module, "extract", counting)  # what Q201 imports when the rules load
    _findings(root)
    assert calls.count(TEXT) == 1
    quotes = [q for _, q, _, _ in CLAIMS]
    alone = [c for c in calls if c != TEXT]
    # isolated quotes are read off the text; the others are extracted alone, once each
    assert sorted(alone) == sorted(q for q in quotes if q not in ("Acme makes 6 million batteries per day",
                                                                    "Production hit 4.2 million batteries per day."))


# -- the guard: figures read off the text equal the quote's own, wherever it says "isolated" ----

_WORDS = ["Acme", "sales", "rose", "fell", "about", "ca.", "approx.", "up to", "from", "to", "between", "and",
          "or", "No.", "Jan.", "Jan", "May", "a", "p.m.", "a.m.", "half", "a third of", "doubled", "X3", "3x",
          "times", "in", "one in five", "over", "more than", "million", "bn", "%", "percent", "points", "sq. ft.",
          "tonnes", "per", "day", "jobs", "Model", "Room", "#", "$", "€", "-", "–", "(", ")", ",", ";", ":",
          "2024", "1990s", "Q1", "2:17", "24/7", "555-0147"]
_NUMBERS = st.one_of(st.integers(0, 99999).map(str), st.sampled_from(["1,200", "3.5", "0.5", ".5", "12.3", "two",
                                                                      "seventy", "one", "6", "40", "2170"]))
_TOKENS = st.one_of(st.sampled_from(_WORDS), _NUMBERS)
_OPENING = st.one_of(_NUMBERS, st.sampled_from(["up to 5", "X3", "5 Jan", "5 a", "half", "7 in 10"]))
# sentences often open with a figure: where the words before a quote matter most
_SENTENCE = st.tuples(_OPENING, st.lists(_TOKENS, max_size=8)).map(lambda s: " ".join([s[0], *s[1]]))
_GLUE = st.sampled_from([". ", "! ", "? ", "; ", ".\n", " ", ", ", ": ", ".  ", " - "])


@st.composite
def _text_and_span(draw):
    sentences = draw(st.lists(_SENTENCE, min_size=1, max_size=5))
    glue = [draw(_GLUE) for _ in sentences]
    text = "".join(s + g for s, g in zip(sentences, glue)).rstrip()
    if draw(st.booleans()):  # a whole sentence: the quote an editor usually takes
        k = draw(st.integers(0, len(sentences) - 1))
        start = sum(len(s) + len(g) for s, g in zip(sentences[:k], glue[:k]))
        end = start + len(sentences[k]) + draw(st.sampled_from([0, 1]))
    else:
        start = draw(st.integers(0, max(0, len(text) - 1)))
        end = draw(st.integers(start, len(text)))
    return text, start, min(end, len(text))


def _quote(text: str, quote: str) -> tuple[str, int, int]:
    return text, text.index(quote), text.index(quote) + len(quote)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_text_and_span(), st.sampled_from([".", ","]))
# each a way the words before or after a sentence still change how it reads (the guard's cases)
@example(_quote("It fell from 37%. 12% to 14%.", "12% to 14%."), ".")
@example(_quote("Output rose. up to 5 million jobs.", "up to 5 million jobs."), ".")
@example(_quote("It had ca. 40 sites.", "40 sites."), ".")
@example(_quote("Plants opened in Jan. 5 more opened.", "5 more opened."), ".")
@example(_quote("It is No. 3 on the list.", "3 on the list."), ".")
@example(_quote("Output doubled. X3 units.", "X3 units."), ".")
@example(_quote("Its area is 500 sq. ft. today.", "Its area is 500 sq"), ".")
@example(_quote("It opened at 5 a. m. sharp.", "It opened at 5 a"), ".")
def test_figures_of_an_isolated_quote_are_the_quote_alones(case, decimal):
    text, start, end = case
    quote = text[start:end]
    if not quote or quote[0].isspace() or quote[-1].isspace():
        return  # the scan never reads such a quote off the text
    mentions = extract(text, decimal)
    if not textscan._isolated(text, start, end, quote, textscan._Taken(text, mentions)):
        return
    inside = [m for m in mentions if start <= m.start and m.end <= end]
    shifted = [m.as_dict() | {"start": m.start - start, "end": m.end - start} for m in inside]
    assert shifted == [m.as_dict() for m in extract(quote, decimal)]


def test_the_guard_is_not_vacuous():
    """Whole sentences after a sentence end are read off the text (the common case)."""
    text = "Acme makes 6 million batteries per day. It hired 1,200 people! Exports fell 9% in 2024."
    mentions = extract(text)
    taken = textscan._Taken(text, mentions)
    for quote in ("Acme makes 6 million batteries per day", "It hired 1,200 people", "Exports fell 9% in 2024."):
        start = text.index(quote)
        assert textscan._isolated(text, start, start + len(quote), quote, taken), quote
    for quote in ("6 million batteries per day", "1,2", "9% in 2024"):  # mid-sentence, or a figure cut
        start = text.index(quote)
        assert not textscan._isolated(text, start, start + len(quote), quote, taken), quote


def _offsets_per_character(text):
    """normalise_with_offsets as it was: every character folded on its own (the reference)."""
    import re

    from ledger.textnorm import _QUOTES

    chars, origin = [], []
    for i, ch in enumerate(text):
        for folded in ch.translate(_QUOTES).casefold():
            chars.append(folded)
            origin.append(i)
    folded_text, out, out_origin, pos = "".join(chars), [], [], 0
    for m in re.finditer(r"\s+", folded_text):
        out += [folded_text[pos:m.start()], " "]
        out_origin += origin[pos:m.start()] + [origin[m.start()]]
        pos = m.end()
    out.append(folded_text[pos:])
    out_origin += origin[pos:]
    collapsed = "".join(out)
    start, end = len(collapsed) - len(collapsed.lstrip()), len(collapsed.rstrip())
    return collapsed[start:end], out_origin[start:end]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aB ’“\u00a0\t\nßİﬁ-—x1"), max_size=40))
def test_normalised_offsets_equal_the_per_character_reference(text):
    from ledger.textnorm import normalise_with_offsets

    assert normalise_with_offsets(text) == _offsets_per_character(text)
