"""Pure renderers: the page model to HTML strings. Every string that comes from the ledger (text,
titles, quotes, ids, messages) goes through `escape`; nothing here reads files or the clock, so
the same ledger always gives the same bytes."""
from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from ..finding import Finding
from . import assets
from .clusters import Cluster
from .marks import Span, highlight
from .model import ArticlePage, Item, Site, severity_counts

ARTICLES = "articles"  # folder of the article pages, beside index.html


def render_site(site: Site) -> dict[str, str]:
    """Relative path -> page text for every file of the site."""
    pages = {f"{ARTICLES}/{a.page}": render_article(a, site) for a in site.articles}
    return {"index.html": render_index(site), **pages}


def _page(title: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{assets.CSP}\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{escape(title)}</title>\n<style>{assets.CSS}</style>\n</head>\n<body>\n{body}\n"
            f"<script>{assets.JS}</script>\n</body>\n</html>\n")


def _badges(findings: list[Finding]) -> str:
    """Counts by severity, zeros kept: for table columns that say which count is which."""
    return " ".join(f'<span class="badge {s if n else "zero"}" title="{n} {s}">{n}</span>'
                    for s, n in severity_counts(findings))


def _labelled(findings: list[Finding]) -> str:
    """Non-zero counts with their severity named ("1 error"), or "none"."""
    return " ".join(f'<span class="badge {s}">{n} {s}{"s" if n != 1 else ""}</span>'
                    for s, n in severity_counts(findings) if n) or "none"


def _finding(f: Finding) -> str:
    return (f'<div class="finding {escape(f.severity)}" data-rule="{escape(f.rule)}">'
            f'<span class="rule">{escape(f.rule)}</span> <span class="badge {escape(f.severity)}">'
            f'{escape(f.severity)}</span> {escape(f.slug)}{_waived(f)}<br>{escape(f.message)}'
            f'<div class="loc">{escape(f.file)}:{f.line}:{f.col}</div></div>')


def _waived(f: Finding) -> str:
    if f.waiver is None:
        return ""
    w = f.waiver
    return (f' <span class="badge waived">waived by {escape(w.by)}</span>'
            f'<div class="waiver">{escape(w.reason)}</div>')


def _safe_href(url: str | None) -> str | None:
    """Only web links become hrefs: a `javascript:` URL in a ledger must not run in a reviewer's browser."""
    return url if url and urlsplit(url).scheme in ("http", "https") else None


# ---- index -------------------------------------------------------------------------------------

def render_index(site: Site) -> str:
    rows = []
    for a in site.articles:
        rows.append(
            f'<tr><td><a href="{ARTICLES}/{escape(a.page)}">{escape(a.title)}</a>'
            f'<div class="loc">{escape(a.article_id)}</div></td><td>{escape(a.outlet)}</td>'
            f'<td>{escape(a.published)}</td><td class="num">{a.count("claim")}</td>'
            f'<td class="num">{a.count("event")}</td><td class="num">{_badges(a.findings)}</td></tr>')
    parts = [
        '<header><h1>factledger review</h1>',
        f'<div class="meta">{len(site.articles)} articles, {site.claims} claims, {site.files} files; '
        f'findings {_labelled(site.findings)}</div></header><main>',
        '<h2>Articles</h2><table><thead><tr><th>article</th><th>outlet</th><th>published</th>'
        '<th class="num">claims</th><th class="num">events</th>'
        '<th class="num">findings (error · warning · info)</th></tr></thead><tbody>',
        *rows, '</tbody></table>',
    ]
    if site.clusters:
        parts.append(_clusters(site.clusters, {a.article_id: a for a in site.articles}, ARTICLES + "/"))
    if site.other_findings:
        parts.append('<h2>Other findings</h2>' + "".join(_finding(f) for f in site.other_findings))
    parts.append("</main>")
    return _page("factledger review", "\n".join(parts))


def _clusters(clusters: list[Cluster], pages: dict[str, ArticlePage], prefix: str) -> str:
    if not clusters:
        return '<h2>Duplicate clusters</h2><p class="muted">No duplicate articles found.</p>'
    out = ['<h2 id="duplicates">Duplicate clusters</h2>']
    for c in clusters:
        links = ", ".join(
            f'<a href="{prefix}{escape(pages[a].page)}">{escape(a)}</a>' if a in pages else escape(a)
            for a in c.articles)
        notes = "".join(f'<div class="loc">{escape(n)}</div>' for n in c.notes)
        out.append(f'<div class="cluster">{links}{notes}</div>')
    return "\n".join(out)


# ---- article -----------------------------------------------------------------------------------

def _mark_attrs(item: Item) -> tuple[tuple[str, str], ...]:
    rules = " ".join(sorted({f.rule for f in item.findings}))
    return (("id", f"q-{item.anchor}"), ("class", item.worst or "plain"), ("data-item", item.item_id),
            ("data-kind", item.kind), ("data-panel", f"item-{item.anchor}"), ("data-rules", rules),
            ("tabindex", "0"), ("title", f"{item.kind} {item.item_id}"))


def _item_panel(item: Item) -> str:
    worst = item.worst or "plain"
    head = (f'<summary>{escape(item.item_id)} <span class="kind">{escape(item.kind)}</span> '
            f'{_labelled(item.findings) if item.findings else ""}</summary>')
    quote = f'<div class="quote">“{escape(item.quote)}”</div>' if item.quote else ""
    where = (f'<a href="#q-{escape(item.anchor)}">show in text</a>' if item.span
             else "quote not located in the text" if item.quote else "no quote")
    details = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in item.details)
    body = "".join(_finding(f) for f in item.findings)
    return (f'<details class="item {worst}" id="item-{escape(item.anchor)}" data-item="{escape(item.item_id)}">'
            f'{head}{quote}<dl>{details}</dl>{body}'
            f'<div class="loc">{escape(item.file)}:{item.line}:{item.col} · {where}</div></details>')


def render_article(page: ArticlePage, site: Site) -> str:
    href = _safe_href(page.url)
    source = (f' · <a href="{escape(href)}" rel="noopener noreferrer">source</a>' if href
              else f" · {escape(page.url)}" if page.url else "")
    header = (f'<header><nav><a href="../index.html">← all articles</a></nav>'
              f'<h1>{escape(page.title)}</h1><div class="meta">{escape(page.outlet)} · '
              f'published {escape(page.published)} · {escape(page.article_id)}'
              f'{" · reference" if page.kind == "reference" else ""}{source}</div>'
              f'<div class="meta">{page.count("claim")} claims, {page.count("event")} events · findings '
              f'{_labelled(page.findings)}</div></header>')
    if page.text is None:
        text = '<p class="muted">The article text could not be read (see the findings).</p>'
    else:
        spans = [Span(i.span[0], i.span[1], _mark_attrs(i)) for i in page.items if i.span]
        text = f'<div class="text" id="article-text">{highlight(page.text, spans)}</div>'
    side = ['<aside><h2>Claims, events and findings</h2>']
    if page.general:
        side.append('<h2>About the whole article</h2>' + "".join(_finding(f) for f in page.general))
    side += [_item_panel(i) for i in page.items]
    if page.clusters:
        pages = {a.article_id: a for a in site.articles}
        side.append(_clusters(page.clusters, pages, ""))
    side.append("</aside>")
    body = f'{header}<main class="layout"><article>{text}</article>{"".join(side)}</main>'
    return _page(f"{page.title} — factledger review", body)
