"""## What it does
Finds every figure in an article's text — quantities, fractions, multiples, and years and dates —
that no claim's, event's or relation's quote covers, and reports each one at the article with
the words and their character offset in the text. When anything is uncovered it adds one
summary finding per article with the coverage: covered quantity mentions / all quantity
mentions (years and dates are counted apart; an event's quote covers a date). Times of day
("2:17 a.m."), labels ("Rank #3", "No. 1", "Room 104", "Route 9", "24/7", a phone number
"555-0147", a cell format "2170 cells", "2170 Lithium-Ion") and codes ("7MBR75U2H060-50") are not
figures; the words that make a label are lexicon entries (`LABEL_WORDS`, `CELL_FORMATS`). Draft claims (`factledger new`) cover their figures too. A fully covered article
produces no finding.

## Why is this bad?
It is information for the editor, not an error: a figure nobody encoded is a figure nobody
checked. Coverage says how much of an article the ledger actually vouches for.

## Example
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "Acme sold 40 units in 2024 and hired 12 people."}
entities:
  - {key: acme, name: Acme, kind: organisation}
metrics:
  - {key: sales, description: Units sold, kind: count, unit: unit_sold}
units: [{name: unit_sold}]
claims:
  - {id: sales, quote: "Acme sold 40 units in 2024", subject: acme, metric: sales, value: 40, when: 2024}
```

## Use instead
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "Acme sold 40 units in 2024 and hired 12 people."}
entities:
  - {key: acme, name: Acme, kind: organisation}
metrics:
  - {key: sales, description: Units sold, kind: count, unit: unit_sold}
  - {key: hires, description: People hired, kind: count, unit: hire}
units:
  - name: unit_sold
  - name: hire
claims:
  - {id: sales, quote: "Acme sold 40 units in 2024", subject: acme, metric: sales, value: 40, when: 2024}
  - {id: hires, quote: "hired 12 people", subject: acme, metric: hires, value: 12, when: 2024}
```
"""
from ledger.extract import DATE_KINDS, QUANTITY_KINDS, extract
from ledger.rules import Hit
from ledger.textnorm import normalise, normalise_with_offsets

ID = "E701"
NAME = "uncovered-number"
SEVERITY = "info"
SUMMARY = "A figure in the article text that no claim or event quote covers; with the article's coverage."
SCOPE = "article"

_CONTEXT = 30  # characters of text shown either side of an uncovered figure


def check(ctx):
    for f, model in ctx.ledger.models():
        if model.article is None or f.text is None:
            continue
        quotes = [c.quote for c in model.claims] + [e.quote for e in model.events]
        quotes += [r.quote for r in model.relations if r.quote]
        spans = quote_spans(f.text, quotes)
        line, col = f.doc.position(("article",))
        counts = {"quantity": [0, 0], "date": [0, 0]}
        uncovered = []
        for m in extract(f.text):
            group = "quantity" if m.kind in QUANTITY_KINDS else "date" if m.kind in DATE_KINDS else None
            if group is None:
                continue
            covered = any(s <= m.start and m.end <= e for s, e in spans)
            counts[group][0] += covered
            counts[group][1] += 1
            if not covered:
                uncovered.append(m)
        article = model.article.id
        for m in uncovered:
            what = "figure" if m.kind in QUANTITY_KINDS else m.kind
            yield Hit(f.display, line, col,
                      f"uncovered {what} '{m.text}' at offset {m.start}: \"{_context(f.text, m.start, m.end)}\"; "
                      f"no claim{' or event' if m.kind in DATE_KINDS else ''} quote covers it", article)
        if uncovered:
            (q_cov, q_all), (d_cov, d_all) = counts["quantity"], counts["date"]
            share = f" ({100 * q_cov / q_all:.0f} %)" if q_all else ""
            yield Hit(f.display, line, col,
                      f"coverage: {q_cov} of {q_all} quantity mentions covered by claim quotes{share}; "
                      f"{d_cov} of {d_all} years and dates covered by claim or event quotes", article)


def quote_spans(text: str, quotes: list[str]) -> list[tuple[int, int]]:
    """Character spans of `text` where each quote occurs (compared normalised, like L105)."""
    norm, offsets = normalise_with_offsets(text)
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


def _context(text: str, start: int, end: int) -> str:
    return "…" + " ".join(text[max(0, start - _CONTEXT):end + _CONTEXT].split()) + "…"
