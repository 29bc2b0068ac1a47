"""Article text with `<mark>` highlights at given offsets, every character escaped.

Quotes may nest (a sentence and a figure inside it) or cross (two overlapping quotes). Nested
quotes become nested marks; a quote crossing another is split into fragments that carry the same
attributes, so the HTML stays well-formed and the fragments of one quote, joined, are its text."""
from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    attrs: tuple[tuple[str, str], ...]  # attributes of the <mark>, escaped when rendered


def _open(span: Span, first: bool = True) -> str:
    # an `id` names the quote's first fragment only: ids must stay unique in the page
    attrs = "".join(f' {k}="{escape(v)}"' for k, v in span.attrs if first or k != "id")
    return f"<mark{attrs}>"


def highlight(text: str, spans: list[Span]) -> str:
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    # outer (longer) spans open first at a shared start, so inner ones nest inside them
    order = sorted(range(len(spans)), key=lambda i: (spans[i].start, -spans[i].end, i))
    starts: dict[int, list[int]] = {}
    for i in order:
        starts.setdefault(spans[i].start, []).append(i)
    bounds = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out: list[str] = []
    stack: list[int] = []
    prev = 0
    for pos in bounds:
        out.append(escape(text[prev:pos], quote=False))
        prev = pos
        if any(spans[i].end == pos for i in stack):
            reopen = []
            while any(spans[i].end == pos for i in stack):
                top = stack.pop()
                out.append("</mark>")
                if spans[top].end != pos:
                    reopen.append(top)  # crossed by a closing span: continue as a new fragment
            for i in reversed(reopen):
                out.append(_open(spans[i], first=False))
                stack.append(i)
        for i in starts.get(pos, []):
            out.append(_open(spans[i]))
            stack.append(i)
    return "".join(out)
