/*
id: L104
name: duplicate-id
severity: error
summary: Two items share an id (claims, relations and events within an article; articles and vocabulary keys across the ledger).
scope: article

## What it does
Reports every repeat of an id after its first occurrence, naming where the first one is.

## Why is this bad?
References (`restates`, relations, waivers) name items by id: with two items of one id, a reference
silently points at one of them.

## Example
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "Acme sold 40 units in May and 50 units in June."}
entities:
  - {key: acme, name: Acme, kind: organisation}
metrics:
  - {key: sales, description: Units sold, kind: count, unit: unit_sold}
units: [{name: unit_sold}]
claims:
  - {id: sales, quote: "40 units", subject: acme, metric: sales, value: 40, when: 2025-05}
  - {id: sales, quote: "50 units", subject: acme, metric: sales, value: 50, when: 2025-06}
```

## Use instead
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "Acme sold 40 units in May and 50 units in June."}
entities:
  - {key: acme, name: Acme, kind: organisation}
metrics:
  - {key: sales, description: Units sold, kind: count, unit: unit_sold}
units: [{name: unit_sold}]
claims:
  - {id: sales-may, quote: "40 units", subject: acme, metric: sales, value: 40, when: 2025-05}
  - {id: sales-june, quote: "50 units", subject: acme, metric: sales, value: 50, when: 2025-06}
```
*/
WITH items AS (
    SELECT 'item' AS what, article_id AS scope, claim_id AS id, file, line, col, article_id FROM claims
    UNION ALL SELECT 'item', article_id, relation_id, file, line, col, article_id FROM relations
    UNION ALL SELECT 'item', article_id, mention_id, file, line, col, article_id FROM events
    UNION ALL SELECT 'article', '', article_id, file, line, col, article_id FROM articles
    -- vocabulary keys (entities, metrics, units) are reported while resolving, which keeps the
    -- first definition of each in the tables (ledger/resolve.py): their rows of `problems` below
),
ranked AS (
    SELECT *,
           row_number() OVER w AS n,
           first_value(file) OVER w AS first_file,
           first_value(line) OVER w AS first_line
    FROM items
    WINDOW w AS (PARTITION BY what, scope, id ORDER BY file, line, col)
)
SELECT file, line, col, article_id, id AS item_id,
       'duplicate ' || what || ' id ''' || id || ''' (first at ' || first_file || ':' || first_line || '); give each a distinct id' AS message
FROM ranked
WHERE n > 1
UNION ALL
SELECT file, line, col, article_id, item_id, message FROM problems WHERE rule = 'L104'
