"""The HTML review site without a browser: escaping, highlight placement, duplicate clusters,
atomic writing and the refusal to replace a folder that is not a report."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import VOCAB, article, write_ledger
from ledger.cli import main
from ledger import engine
from ledger.report import ReportDirError, html_report
from ledger.report.html import render_index
from ledger.report.marks import Span, highlight
from ledger.report.model import build_site
from ledger.report.write import MARKER, write_site
from ledger.textnorm import NormalisedText, normalise, normalise_with_offsets


class _Marks(HTMLParser):
    """Text of the page and, per data-panel, the text inside its <mark> fragments, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str | None] = []
        self.text: list[str] = []
        self.marks: dict[str, list[str]] = {}
        self.ids: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "mark":
            self.stack.append(attrs.get("data-panel"))
            self.marks.setdefault(attrs.get("data-panel"), []).append("")
            if "id" in attrs:
                self.ids.append(attrs["id"])

    def handle_endtag(self, tag):
        if tag == "mark":
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        for panel in set(self.stack):
            self.marks[panel][-1] += data


def _parse(html: str) -> _Marks:
    parser = _Marks()
    parser.feed(html)
    assert parser.stack == []  # every <mark> closed
    return parser


def _ledger(tmp_path: Path, body: str, items: str, **kw) -> Path:
    return write_ledger(tmp_path / "ledger", {"vocab.yaml": VOCAB, "a.yaml": article(body, items=items, **kw)})


CLAIM = """\
claims:
  - {{id: {id}, quote: "{quote}", subject: acme, metric: sales, value: {value}}}
"""


def test_article_text_and_ledger_strings_are_escaped(tmp_path):
    body = "Acme sold 40 batteries. <script>alert(1)</script> & more"
    items = CLAIM.format(id="sales", quote="</script> & more", value=40)
    ledger = _ledger(tmp_path, body, items)
    yaml = (ledger / "a.yaml").read_text().replace("title: T", 'title: "<img src=x onerror=alert(2)>"')
    (ledger / "a.yaml").write_text(yaml.replace("outlet: O", "outlet: O\n  url: javascript:alert(3)"))
    html_report([ledger], tmp_path / "site")
    page = (tmp_path / "site" / "articles" / "a.html").read_text()
    index = (tmp_path / "site" / "index.html").read_text()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)<mark" in page and "&lt;/script&gt; &amp; more</mark>" in page
    assert "<img" not in page + index and "&lt;img src=x onerror=alert(2)&gt;" in index
    assert 'href="javascript:' not in page and "javascript:alert(3)" in page  # shown, not linked
    parsed = _parse(page)
    assert parsed.scripts == 1  # only the report's own script
    assert "".join(parsed.marks["item-claim-sales"]) == "</script> & more"
    assert "".join(parsed.text).count("<script>alert(1)</script>") >= 1  # the reader sees the text (E701 may cite it too)


def test_each_quote_is_highlighted_once_at_its_first_occurrence(tmp_path):
    body = "Acme sold  40\nbatteries. Then, again: Acme sold 40 batteries. Acme said “sold 40” twice."
    items = """\
claims:
  - {id: sales, quote: "acme sold 40 batteries", subject: acme, metric: sales, value: 40}
  - {id: inner, quote: "sold 40", subject: acme, metric: sales, value: 40}
  - {id: crossing, quote: "40 batteries. Then", subject: acme, metric: sales, value: 40}
  - {id: quoted, quote: '"sold 40" twice', subject: acme, metric: sales, value: 40}
"""
    html_report([_ledger(tmp_path, body, items)], tmp_path / "site")
    parsed = _parse((tmp_path / "site" / "articles" / "a.html").read_text())
    assert "".join(parsed.text).count(body) == 1  # the text is intact around the marks
    expected = {"sales": "Acme sold  40\nbatteries", "inner": "sold  40",
                "crossing": "40\nbatteries. Then", "quoted": "“sold 40” twice"}
    for item, words in expected.items():
        fragments = parsed.marks[f"item-claim-{item}"]
        assert "".join(fragments) == words
        assert body.index(words) == body.index("".join(fragments))  # first occurrence
    assert len(parsed.marks["item-claim-crossing"]) == 3  # split where `inner` and `sales` end
    assert sorted(parsed.ids) == sorted(f"q-claim-{i}" for i in expected)  # one id per quote


def test_claim_panel_shows_interval_and_findings(tmp_path):
    items = CLAIM.format(id="sales", quote="sold 40", value=40) + \
        '  - {id: ghost, quote: "sold 99", subject: acme, metric: sales, value: 99}\n'
    html_report([_ledger(tmp_path, "Acme sold 40 batteries.", items)], tmp_path / "site")
    page = (tmp_path / "site" / "articles" / "a.html").read_text()
    sales = page[page.index('id="item-claim-sales"'):page.index('id="item-claim-ghost"')]
    assert "generous reading" in sales and "[35 battery – 45 battery]" in sales
    ghost = page[page.index('id="item-claim-ghost"'):]
    assert 'data-rule="L105"' in ghost and "quote not located in the text" in ghost
    index = (tmp_path / "site" / "index.html").read_text()
    assert 'href="articles/a.html"' in index


def test_output_is_deterministic(tmp_path):
    ledger = _ledger(tmp_path, "Acme sold 40 batteries.", CLAIM.format(id="s", quote="sold 40", value=40))
    pages = []
    for run in ("one", "two"):
        html_report([ledger], tmp_path / run)
        pages.append({p.relative_to(tmp_path / run): p.read_bytes() for p in (tmp_path / run).rglob("*")
                      if p.is_file()})
    assert pages[0] == pages[1]


def test_duplicate_clusters_are_shown(tmp_path):
    files = {"vocab.yaml": VOCAB, **{f"{a}.yaml": article("Acme sold 40 batteries.", article_id=a) for a in "abc"}}
    files["d.yaml"] = article("Something else entirely.", article_id="d")
    with engine.open([write_ledger(tmp_path / "ledger", files)]) as run:
        site = build_site(run)
    assert [c.articles for c in site.clusters] == [["a", "b", "c"]]  # three exact copies (D601)
    assert all("D601" in note for note in site.clusters[0].notes)
    assert [p.clusters == site.clusters for p in site.articles] == [True, True, True, False]
    index = render_index(site)
    assert "Duplicate clusters" in index and 'href="articles/c.html">c</a>' in index


def test_refuses_to_replace_a_folder_that_is_not_a_report(tmp_path):
    target = tmp_path / "docs"
    target.mkdir()
    (target / "precious.txt").write_text("keep me")
    with pytest.raises(ReportDirError, match="not a factledger report"):
        write_site({"index.html": "x"}, target)
    assert (target / "precious.txt").read_text() == "keep me"
    (tmp_path / "file").write_text("x")
    with pytest.raises(ReportDirError, match="not a folder"):
        write_site({"index.html": "x"}, tmp_path / "file")
    ledger = _ledger(tmp_path, "Acme sold 40 batteries.", "")
    assert main(["report", "--html", str(target), str(ledger)]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "file", "ledger"]  # no temp left


def test_replaces_an_earlier_report_atomically(tmp_path):
    target = tmp_path / "site"
    write_site({"index.html": "one", "articles/old.html": "old"}, target)
    assert (target / MARKER).is_file()
    with pytest.raises(UnicodeEncodeError):  # a write failing half-way ...
        write_site({"index.html": "two", "articles/b.html": "\ud800"}, target)
    assert (target / "index.html").read_text() == "one"  # ... leaves the previous report intact
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    ledger = _ledger(tmp_path, "Acme sold 40 batteries.", "")
    assert main(["report", "--html", str(target), str(ledger)]) == 0
    assert not (target / "articles" / "old.html").exists()
    assert (target / "articles" / "a.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger", "site"]


_FOLDS_TO_ONE = st.characters(blacklist_categories=("Cs",)).filter(lambda c: len(c.casefold()) == 1)
_TEXT = st.text(st.one_of(_FOLDS_TO_ONE, st.sampled_from(" \n\t\u00a0“”’—–-ß")), max_size=60)


@given(_TEXT)
def test_offsets_normalise_exactly_like_normalise(text):
    norm, origin = normalise_with_offsets(text)
    assert norm == normalise(text)
    assert len(origin) == len(norm) and origin == sorted(origin)


@given(st.text(st.one_of(_FOLDS_TO_ONE, st.sampled_from(" \n\u00a0“”’—")), min_size=1, max_size=60), st.data())
def test_found_span_holds_the_quote(text, data):
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    quote = text[i:j]
    found = NormalisedText(text).find(quote)
    if not normalise(quote):
        assert found is None
    else:
        start, end = found
        assert normalise(text[start:end]) == normalise(quote)


@given(st.text(max_size=40), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=6))
def test_highlight_keeps_text_and_every_span(text, pairs):
    spans = [Span(min(a, b), max(a, b), (("data-panel", str(n)),)) for n, (a, b) in enumerate(pairs)]
    parsed = _parse(f"<div>{highlight(text, spans)}</div>")
    assert "".join(parsed.text) == text
    for n, s in enumerate(spans):
        if 0 <= s.start < s.end <= len(text):
            assert "".join(parsed.marks[str(n)]) == text[s.start:s.end]
