"""## What it does
Finds groups of claims in one article with the same subject, metric and `when` whose quotes overlap
(one contains the other) or whose figures are written identically (same value, unit and
qualifier) — most often a copy-pasted claim that was never edited. Claims linked by `restates`
are meant to say the same thing and are not grouped. Each group is reported once, on its second
claim, naming every copy (a thousand pasted copies make one finding, not half a million pairs).

## Why is this bad?
A duplicated claim counts twice in every sum and comparison, and when one copy is later corrected
the other silently keeps the old figure.

## Example
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "Acme makes around 6 million batteries per day."}
entities:
  - {key: acme, name: Acme, kind: organisation}
metrics:
  - {key: output, description: Batteries made per day, kind: rate, unit: battery/day}
units: [{name: battery}]
claims:
  - {id: per-day, quote: "around 6 million batteries per day", subject: acme, metric: output, value: 6 million, unit: battery/day, qualifier: around, when: 2025}
  - {id: per-day-2, quote: "6 million batteries per day", subject: acme, metric: output, value: 6 million, unit: battery/day, qualifier: around, when: 2025}
```

## Use instead
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "Acme makes around 6 million batteries per day."}
entities:
  - {key: acme, name: Acme, kind: organisation}
metrics:
  - {key: output, description: Batteries made per day, kind: rate, unit: battery/day}
units: [{name: battery}]
claims:
  - {id: per-day, quote: "around 6 million batteries per day", subject: acme, metric: output, value: 6 million, unit: battery/day, qualifier: around, when: 2025}
```
"""
from ledger.rules import Hit

ID = "D604"
NAME = "claim-encoded-twice"
SEVERITY = "warning"
SUMMARY = "Two claims in one article with the same subject, metric and time state the same thing."
SCOPE = "article"

# Quote containment is tested pairwise within a block (one article, subject, metric, when); past
# this many distinct quotes in one block only equal quotes and equal figures are grouped, so a
# hostile file cannot make the rule quadratic.
MAX_PAIRWISE = 1000
_SHOWN = 10  # copies named in a message; the rest are counted
# Only blocks of two or more claims are fetched: most claims share their block with none.
_CLAIMS = """
SELECT * EXCLUDE (block_size) FROM (
  SELECT c.article_id, subject, metric, when_text, claim_id, claim_key, c.file, c.line, c.col, quote_norm,
         value_text, change_text, unit_text, qualifier, restates,
         coalesce(contains(lower(translate(a.title, '‘’“”–—', '''''""--')), quote_norm), false) AS in_headline,
         count(*) OVER (PARTITION BY c.article_id, subject, metric, when_text, in_headline) AS block_size
  FROM claims c LEFT JOIN articles a USING (article_id)
  WHERE superseded_by IS NULL
)
WHERE block_size > 1
ORDER BY article_id, subject, metric, when_text, line, col
"""


def check(ctx):
    rows = ctx.db.execute(_CLAIMS).fetchall()
    blocks: dict[tuple, list] = {}
    for row in rows:  # a block: article, subject, metric, when, and whether the quote is in the headline
        blocks.setdefault((*row[:4], row[15]), []).append(row)
    for block in blocks.values():
        if len(block) > 1:
            yield from _groups(block)


def _groups(block):
    parent = list(range(len(block)))
    why = {}  # root -> "overlapping quotes" | "the same figure ..."
    restated = {(r[5], r[14]) for r in block if r[14]}

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i, j, reason):
        a, b = block[i], block[j]
        if (a[5], b[5]) in restated or (b[5], a[5]) in restated:
            return
        ri, rj = find(i), find(j)
        if ri != rj:
            root, other = min(ri, rj), max(ri, rj)
            parent[other] = root
            why[root] = why.get(root) or why.pop(other, None) or reason

    by_quote: dict[str, int] = {}
    by_figure: dict[tuple, int] = {}
    for i, r in enumerate(block):
        if r[9] is not None:
            union(by_quote.setdefault(r[9], i), i, "overlapping quotes")
        figure = r[10:14]
        union(by_figure.setdefault(figure, i), i, f"the same figure {r[10] or r[11]}")
    quotes = sorted(by_quote.items(), key=lambda q: len(q[0]))
    if len(quotes) <= MAX_PAIRWISE:
        for k, (short, i) in enumerate(quotes):
            for long, j in quotes[k + 1:]:
                if short in long:
                    union(i, j, "overlapping quotes")
    members: dict[int, list] = {}
    for i in range(len(block)):
        members.setdefault(find(i), []).append(i)
    for root, group in members.items():
        if len(group) < 2:
            continue
        first, second = block[group[0]], block[group[1]]
        copies = [block[i] for i in group[1:]]
        names = ", ".join(f"'{r[4]}' (line {r[7]})" for r in copies[:_SHOWN])
        if len(copies) > _SHOWN:
            names += f" and {len(copies) - _SHOWN} more"
        subject, metric, when = first[1], first[2], first[3]
        what = "claim" if len(copies) == 1 else f"{len(copies)} claims"
        message = (f"{what} {names} look{'s' if len(copies) == 1 else ''} like a second encoding of '{first[4]}'"
                   f" (line {first[7]}): same subject {subject}, metric {metric}"
                   f"{f', when {when}' if when is not None else ', no when'} and {why.get(root, 'overlapping quotes')};"
                   " delete the copies, or link them with `restates` if they are deliberate restatements")
        yield Hit(second[6], second[7], second[8], message, second[0], second[4])
