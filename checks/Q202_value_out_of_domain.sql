/*
id: Q202
name: value-out-of-domain
severity: error
summary: A value lies outside what its metric allows (a share above 100 %, a negative count).
scope: article

## What it does
Compares each claim's interval (and the earlier value of a change) with its metric's domain:
shares live in [0, 100] %, counts, levels, rates and money are not negative, unless the metric
sets its own `min`/`max`.

## Why is this bad?
No reading of such a figure can be true: it is a typo, a unit slip (a fraction written as a
percentage) or the wrong metric.

## Example
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "China controls 120% of processing."}
entities:
  - {key: china, name: China, kind: country}
metrics:
  - {key: processing-share, description: Share of global processing capacity, kind: share, unit: "%"}
claims:
  - {id: share, quote: "120% of processing", subject: china, metric: processing-share, value: 120%}
```

## Use instead
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "China controls over 90% of processing."}
entities:
  - {key: china, name: China, kind: country}
metrics:
  - {key: processing-share, description: Share of global processing capacity, kind: share, unit: "%"}
claims:
  - {id: share, quote: "over 90% of processing", subject: china, metric: processing-share, value: 90%, qualifier: over}
```
*/
WITH checked AS (
    SELECT file, line, col, article_id, claim_id, metric, canonical_unit, domain_lo, domain_hi,
           'value ' || value_text AS what, lo, hi, lo_open, hi_open, 'value' AS field
    FROM claims WHERE lo IS NOT NULL
    UNION ALL
    SELECT file, line, col, article_id, claim_id, metric, canonical_unit, domain_lo, domain_hi,
           'earlier value ' || from_value_text, from_lo, from_hi, false, false, 'from.value'
    FROM claims WHERE from_lo IS NOT NULL
)
SELECT file, line, col, article_id, claim_id AS item_id,
       what || ' reads as [' || printf('%g', lo) || ', ' || printf('%g', hi) || '] ' || canonical_unit
       || ', outside the domain of metric ''' || metric || ''' ['
       || printf('%g', domain_lo) || ', ' || printf('%g', domain_hi) || '] ' || canonical_unit
       || '; check the figure and its unit' AS message, field  -- located at the key that holds the figure
FROM checked
WHERE hi < domain_lo OR lo > domain_hi
   OR (hi = domain_lo AND hi_open) OR (lo = domain_hi AND lo_open)
