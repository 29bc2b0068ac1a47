/*
id: L103
name: unknown-key
severity: error
summary: A claim or event names an entity, metric or claim that does not exist (with a "did you mean").

## What it does
Checks every reference a ledger item makes — `subject`, `metric`, `of`, the `event` of a mention
or a claim, and the claims named by `restates`, `superseded_by` and `from` — against the vocabulary and the ledger, and
suggests the nearest existing key.

## Why is this bad?
Claims are matched through the vocabulary only, never by fuzzy text: a misspelt key silently
takes a claim out of every comparison.

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
  - id: sales
    quote: "40 units"
    subject: acmee
    metric: sales
    value: 40
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
  - id: sales
    quote: "40 units"
    subject: acme
    metric: sales
    value: 40
```
*/
WITH refs AS (
    SELECT file, line, col, article_id, claim_id AS item_id, 'subject' AS field, subject AS ref, 'entity' AS vocab FROM claims
    UNION ALL
    SELECT file, line, col, article_id, claim_id, 'metric', metric, 'metric' FROM claims
    UNION ALL
    SELECT file, line, col, article_id, claim_id, 'of', share_of, 'entity' FROM claims WHERE share_of IS NOT NULL
    UNION ALL
    SELECT file, line, col, article_id, mention_id, 'event', event, 'entity' FROM events
    UNION ALL
    SELECT file, line, col, article_id, claim_id, 'restates', restates, 'claim' FROM claims WHERE restates IS NOT NULL
    UNION ALL
    SELECT file, line, col, article_id, claim_id, 'superseded_by', superseded_by, 'claim' FROM claims WHERE superseded_by IS NOT NULL
    UNION ALL
    SELECT file, line, col, article_id, claim_id, 'from', from_ref, 'claim' FROM claims WHERE from_ref IS NOT NULL
    UNION ALL
    SELECT file, line, col, article_id, claim_id, 'event', event, 'entity' FROM claims WHERE event IS NOT NULL
),
known AS (
    SELECT key, 'entity' AS vocab FROM entities
    UNION ALL SELECT key, 'metric' FROM metrics
    UNION ALL SELECT claim_key, 'claim' FROM claims
)
SELECT r.file, r.line, r.col, r.article_id, r.item_id, r.field,  -- located at the key that names it
       'unknown ' || r.vocab || ' ''' || r.ref || ''' in `' || r.field || '`'
       || coalesce('; did you mean ''' || s.key || '''?',
                   CASE r.vocab WHEN 'claim' THEN '; name a claim id of this article or article-id/claim-id'
                                ELSE '; add it to the vocabulary (' || r.vocab || ' list in vocab.yaml)' END) AS message
FROM refs r
LEFT JOIN known k ON k.vocab = r.vocab AND k.key = r.ref
LEFT JOIN LATERAL (
    SELECT k2.key FROM known k2
    WHERE k2.vocab = r.vocab AND levenshtein(k2.key, r.ref) <= greatest(2, length(r.ref) // 4)
    ORDER BY levenshtein(k2.key, r.ref), k2.key
    LIMIT 1
) s ON true
WHERE k.key IS NULL
  -- an item that failed to load is reported where it stands (L101/L102), not at every reference
  AND NOT EXISTS (SELECT 1 FROM broken_keys b WHERE b.vocab = r.vocab AND b.key = r.ref)
