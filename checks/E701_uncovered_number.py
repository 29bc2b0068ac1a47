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
from ledger.extract import DATE_KINDS, QUANTITY_KINDS
from ledger.rules import Hit

ID = "E701"
NAME = "uncovered-number"
SEVERITY = "info"
SUMMARY = "A figure in the article text that no claim or event quote covers; with the article's coverage."
SCOPE = "article"

_CONTEXT = 30  # characters of text shown either side of an uncovered figure

_KINDS = ", ".join(f"'{k}'" for k in QUANTITY_KINDS + DATE_KINDS)
# the article's figures as the text scan found them (ledger.textscan), with whether a quote covers each
_FIGURES = f"""
SELECT a.file, a.line, a.col, a.article_id, f.kind, f.written, f.char_start, f.char_end, f.covered
FROM articles a JOIN text_figures f ON f.file = a.file AND f.article_id = a.article_id
WHERE a.text IS NOT NULL AND f.kind IN ({_KINDS})
ORDER BY a.file, a.line, a.col, f.char_start
"""
_TEXTS = f"""
SELECT DISTINCT a.file, a.article_id, a.text
FROM articles a JOIN text_figures f ON f.file = a.file AND f.article_id = a.article_id
WHERE a.text IS NOT NULL AND NOT f.covered AND f.kind IN ({_KINDS})
"""


def check(ctx):
    texts = {(file, article): text for file, article, text in ctx.db.execute(_TEXTS).fetchall()}
    articles: dict[tuple, list] = {}
    for row in ctx.db.execute(_FIGURES).fetchall():
        articles.setdefault(row[:4], []).append(row[4:])
    for (file, line, col, article), figures in articles.items():
        counts = {"quantity": [0, 0], "date": [0, 0]}
        uncovered = []
        for kind, written, start, end, covered in figures:
            group = "quantity" if kind in QUANTITY_KINDS else "date"
            counts[group][0] += covered
            counts[group][1] += 1
            if not covered:
                uncovered.append((kind, written, start, end))
        text = texts.get((file, article))
        for kind, written, start, end in uncovered:
            what = "figure" if kind in QUANTITY_KINDS else kind
            yield Hit(file, line, col,
                      f"uncovered {what} '{written}' at offset {start}: \"{_context(text, start, end)}\"; "
                      f"no claim{' or event' if kind in DATE_KINDS else ''} quote covers it", article)
        if uncovered:
            (q_cov, q_all), (d_cov, d_all) = counts["quantity"], counts["date"]
            share = f" ({100 * q_cov / q_all:.0f} %)" if q_all else ""
            yield Hit(file, line, col,
                      f"coverage: {q_cov} of {q_all} quantity mentions covered by claim quotes{share}; "
                      f"{d_cov} of {d_all} years and dates covered by claim or event quotes", article)


def _context(text: str, start: int, end: int) -> str:
    return "…" + " ".join(text[max(0, start - _CONTEXT):end + _CONTEXT].split()) + "…"
