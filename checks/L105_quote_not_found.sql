/*
id: L105
name: quote-not-found
severity: error
summary: A claim's, event's or relation's quote does not occur in the article text.
scope: article

## What it does
Looks for each quote in its article's text after normalising case, whitespace, quote marks and
dashes on both sides.

## Why is this bad?
The quote is the evidence: a claim whose words are not in the article cannot be reviewed, and is
often a sign the figure was encoded from memory or from another version of the story.

## Example
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "Acme sold 40 units."}
entities:
  - {key: acme, name: Acme, kind: organisation}
metrics:
  - {key: sales, description: Units sold, kind: count, unit: unit_sold}
units: [{name: unit_sold}]
claims:
  - {id: sales, quote: "Acme sold 45 units", subject: acme, metric: sales, value: 45}
```

## Use instead
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "Acme sold 40 units."}
entities:
  - {key: acme, name: Acme, kind: organisation}
metrics:
  - {key: sales, description: Units sold, kind: count, unit: unit_sold}
units: [{name: unit_sold}]
claims:
  - {id: sales, quote: "Acme  sold 40 UNITS", subject: acme, metric: sales, value: 40}
```
*/
WITH quotes AS (
    SELECT article_id, claim_id AS item_id, quote, quote_norm, file, line, col FROM claims
    UNION ALL SELECT article_id, mention_id, quote, quote_norm, file, line, col FROM events
    UNION ALL SELECT article_id, relation_id, quote, quote_norm, file, line, col FROM relations WHERE quote IS NOT NULL
)
SELECT q.file, q.line, q.col, q.article_id, q.item_id,
       'quote not found in the text of ' || q.article_id || ': "'
       || CASE WHEN length(q.quote) > 80 THEN left(q.quote, 77) || '...' ELSE q.quote END
       || '"; copy the exact words from the article' AS message
FROM quotes q
JOIN articles a ON a.article_id = q.article_id
WHERE a.text_norm IS NOT NULL   -- an unreadable text is reported by L106
  AND NOT contains(a.text_norm, q.quote_norm)
