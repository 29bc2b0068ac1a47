"""Render an ArticleReview as terminal text: a pure function of the review, the width and whether
to colour (ANSI). Cells wrap inside their columns so the table reads at 80 columns."""
from __future__ import annotations

import textwrap
from collections import defaultdict

from .phrasebook import waiver_note
from .review import ArticleReview
from .textsafe import clean

_SGR = {"bold": "1", "dim": "2", "error": "31", "warning": "33", "info": "36", "head": "1;4"}


class _Style:
    def __init__(self, color: bool):
        self.color = color

    def __call__(self, text: str, style: str) -> str:
        return f"\x1b[{_SGR[style]}m{text}\x1b[0m" if self.color and text else text


def _wrap(text: str, width: int, indent: str = "", rest: str | None = None) -> list[str]:
    rest = indent if rest is None else rest
    return textwrap.wrap(clean(text), max(width, 10), initial_indent=indent, subsequent_indent=rest,
                         break_long_words=True, break_on_hyphens=False) or [indent.rstrip()]


def _widths(natural: list[int], minimums: list[int], available: int) -> list[int]:
    """Shrink the widest shrinkable column until the row fits (or nothing can shrink)."""
    widths = list(natural)
    while sum(widths) > available:
        shrinkable = [i for i, w in enumerate(widths) if w > minimums[i]]
        if not shrinkable:
            break
        widths[max(shrinkable, key=widths.__getitem__)] -= 1
    return widths


def table(headers: list[str], rows: list[list[str]], width: int, indent: str = "  ", gap: str = "  ") -> list[list[str]]:
    """Lines of each row (a row may wrap over several lines); the header is the first entry. The
    first column (ids) is kept whole up to 30 characters; the others wrap at word boundaries."""
    natural = [max(len(clean(c)) for c in col) for col in zip(headers, *rows)]
    minimums = [min(natural[0], 30)] + [max(8, len(h)) for h in headers[1:]]
    widths = _widths(natural, minimums, width - len(indent) - len(gap) * (len(headers) - 1))
    out = []
    for row in [headers, *rows]:
        cells = [textwrap.wrap(clean(c), w, break_long_words=True, break_on_hyphens=False) or [""]
                 for c, w in zip(row, widths)]
        height = max(len(c) for c in cells)
        out.append([(indent + gap.join((c[i] if i < len(c) else "").ljust(w) for c, w in zip(cells, widths))).rstrip()
                    for i in range(height)])
    return out


def _finding_lines(f, summaries: dict[str, str], width: int, s: _Style, indent: str) -> list[str]:
    mark = "waived" if f.waiver else f.severity
    head = f"{f.rule} {f.slug} {mark} (line {f.line}): "
    lines = _wrap(head + f.message, width, indent, indent + "  ")
    lines[0] = lines[0].replace(f"{f.rule} {f.slug} {mark}", s(f"{f.rule} {f.slug} {mark}", "warning" if f.waiver else f.severity), 1)
    if f.waiver:
        lines += [s(x, "dim") for x in _wrap(waiver_note(f.waiver), width, indent + "  ")]
    if f.rule in summaries:
        lines += [s(x, "dim") for x in _wrap(f"why: {summaries[f.rule]}", width, indent + "  ")]
    return lines


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def render(r: ArticleReview, width: int = 80, color: bool = False) -> str:
    s = _Style(color)
    out = [s(clean(r.article_id), "bold")]
    out += _wrap(r.title, width)
    meta = f"{r.outlet} · published {r.published} · {r.kind} · {r.file}:{r.line}"
    out += [s(x, "dim") for x in _wrap(meta, width)]
    if r.url:
        out += [s(x, "dim") for x in _wrap(r.url, width)]

    by_item = defaultdict(list)
    for f in r.findings:
        by_item[f.item_id].append(f)
    claim_ids = {c.claim_id for c in r.claims}
    out += ["", s(f"Claims ({len(r.claims)})", "head")]
    if r.claims:
        headers = ["ID", "AS WRITTEN", "INTERVAL", "WHEN"]
        blocks = table(headers, [[c.claim_id, c.written, c.interval, c.when] for c in r.claims], width)
        out += [s(line, "bold") for line in blocks[0]]
        for c, lines in zip(r.claims, blocks[1:]):
            out += lines
            out += [s(x, "dim") for x in _wrap(f"“{c.quote}”", width, "      ")]
            if c.strict != c.interval:
                out += [s(x, "dim") for x in _wrap(f"strict reading {c.strict}", width, "      ")]
            if c.superseded_by:
                out += _wrap(f"superseded by {c.superseded_by}", width, "      ")
            for f in by_item.get(c.claim_id, []):
                out += _finding_lines(f, r.rule_summaries, width, s, "      ")

    others = [f for f in r.findings if f.item_id not in claim_ids]
    out += ["", s(f"Other findings ({len(others)})", "head")]
    for f in others:
        where = f" on {f.item_id}" if f.item_id else ""
        out += _wrap(f"{f.file}{where}", width, "  ")
        out += _finding_lines(f, r.rule_summaries, width, s, "    ")

    out += ["", s("Same subject and metric in other articles", "head")]
    if not r.peers:
        out.append("  none")
    groups = defaultdict(list)
    for p in r.peers:
        groups[(p.subject, p.metric)].append(p)
    for (subject, metric), peers in groups.items():
        out += [s(x, "bold") for x in _wrap(f"{subject} · {metric}", width, "  ")]
        ours = [c for c in r.claims if (c.subject, c.metric) == (subject, metric)]
        rows = [["this article", c.written, c.interval, c.when] for c in ours]
        rows += [[f"{p.outlet}, {p.published}", p.written, p.interval, p.when] for p in peers]
        keys = [f"{r.article_id}/{c.claim_id}" for c in ours] + [f"{p.article_id}/{p.claim_id}" for p in peers]
        blocks = table(["WHO", "AS WRITTEN", "INTERVAL", "WHEN"], rows, width, indent="    ")
        for key, lines in zip(keys, blocks[1:]):
            out += lines
            out += [s(x, "dim") for x in _wrap(key, width, "      ")]

    if r.duplicates:
        out += ["", s(f"Duplicates ({len(r.duplicates)})", "head")]
        for d in r.duplicates:
            text = (f"{d.rule} {d.kind}: {d.article_id} ({d.outlet}, {d.published}), "
                    f"Jaccard {d.jaccard:.2f}, containment {d.containment:.2f}")
            out += _wrap(text, width, "  ", "    ")
    active = sum(1 for f in r.findings if f.waiver is None)
    out += ["", *_wrap(f"{_n(len(r.claims), 'claim')}, {_n(active, 'finding')} ({len(r.findings) - active} waived), "
                       f"{_n(len(r.peers), 'claim')} elsewhere on the same subjects and metrics. "
                       "Intervals are the generous reading in canonical units.", width)]
    return "\n".join(out) + "\n"
