/*
id: D604
name: claim-encoded-twice
severity: warning
summary: Two claims in one article with the same subject, metric and time state the same thing.

## What it does
Finds pairs of claims in one article with the same subject, metric and `when` whose quotes overlap
(one contains the other) or whose figures are written identically (same value, unit and
qualifier) — most often a copy-pasted claim that was never edited. Claims linked by `restates`
are meant to say the same thing and are skipped, and so is a headline (the article's `title`)
stating the figure its body states again: that is how articles are written, each is a quote of
its own. The finding sits on the second claim.

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
*/
SELECT b.file, b.line, b.col, b.article_id, b.claim_id AS item_id,
       'claim ''' || b.claim_id || ''' looks like a second encoding of ''' || a.claim_id || ''' (line '
       || a.line || '): same subject ' || b.subject || ', metric ' || b.metric
       || coalesce(', when ' || b.when_text, ', no when')
       || CASE WHEN contains(a.quote_norm, b.quote_norm) OR contains(b.quote_norm, a.quote_norm)
               THEN ' and overlapping quotes' ELSE ' and the same figure ' || coalesce(b.value_text, b.change_text) END
       || '; delete one, or link them with `restates` if they are deliberate restatements' AS message
FROM claims a
JOIN claims b ON a.article_id = b.article_id AND (a.line, a.col) < (b.line, b.col)
JOIN (SELECT article_id, lower(translate(title, '‘’“”–—', '''''""--')) AS headline FROM articles) h
  ON h.article_id = a.article_id
WHERE a.subject = b.subject AND a.metric = b.metric
  AND contains(h.headline, a.quote_norm) = contains(h.headline, b.quote_norm)  -- headline + body: two quotes
  AND a.when_text IS NOT DISTINCT FROM b.when_text
  AND a.superseded_by IS NULL AND b.superseded_by IS NULL
  AND b.restates IS DISTINCT FROM a.claim_key AND a.restates IS DISTINCT FROM b.claim_key
  AND (contains(a.quote_norm, b.quote_norm) OR contains(b.quote_norm, a.quote_norm)
       OR (a.value_text IS NOT DISTINCT FROM b.value_text AND a.change_text IS NOT DISTINCT FROM b.change_text
           AND a.unit_text IS NOT DISTINCT FROM b.unit_text AND a.qualifier IS NOT DISTINCT FROM b.qualifier))
