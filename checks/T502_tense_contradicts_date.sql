/*
id: T502
name: tense-contradicts-date
severity: error
summary: The tense of a claim or event contradicts its date ("will sign … earlier this month").
scope: article

## What it does
Compares `tense` with the time (its `when`, else the vocabulary's `date:` of the event it names): future tense for a time wholly before publication (or a relative
reference that points back, like "earlier this month"), past or present tense for a time wholly
after it ("the plant employs 4,000 people" about 2030; "is signing … next week"). A weekday named
in a story published that weekday is that day, and a future tense points a bare weekday or month
forward ("will vote on Friday"), so neither is reported.

## Why is this bad?
"Will sign an executive order earlier this month" cannot be true: either the event happened (and the
tense is stale copy) or it has not (and the date is wrong). Either way the reader is misled.

## Example
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2021-02-24,
          body: "The President will sign an executive order earlier this month."}
entities:
  - {key: supply-chain-order, name: Supply-chain executive order, kind: event}
events:
  - {id: signing, event: supply-chain-order, quote: "will sign an executive order earlier this month", when: earlier this month, tense: future}
```

## Use instead
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2021-02-24,
          body: "The President will sign an executive order later this month."}
entities:
  - {key: supply-chain-order, name: Supply-chain executive order, kind: event}
events:
  - {id: signing, event: supply-chain-order, quote: "will sign an executive order later this month", when: later this month, tense: future}
```
*/
WITH own AS (
    SELECT file, line, col, article_id, claim_id AS item_id, when_text, when_lo, when_hi, when_direction, tense, event FROM claims
    UNION ALL SELECT file, line, col, article_id, mention_id, when_text, when_lo, when_hi, when_direction, tense, event FROM events
),
-- an item without a time of its own takes its event's date from the vocabulary
timed AS (
    SELECT o.file, o.line, o.col, o.article_id, o.item_id,
           coalesce(o.when_text, e.date_text) AS when_text, coalesce(o.when_lo, e.date_lo) AS when_lo,
           coalesce(o.when_hi, e.date_hi) AS when_hi, o.when_direction, o.tense
    FROM own o LEFT JOIN entities e ON e.key = o.event AND o.when_text IS NULL
)
SELECT t.file, t.line, t.col, t.article_id, t.item_id,
       t.tense || ' tense for ''' || t.when_text || ''', which '
       || CASE WHEN t.when_direction IN ('past', 'future')
               THEN 'points to the ' || t.when_direction || ' of the publication date'
               ELSE 'is ' || t.when_lo || ' – ' || t.when_hi END
       || ' (published ' || a.published || ')'
       || CASE WHEN t.when_lo IS NOT NULL AND t.when_direction IN ('past', 'future')
               THEN ': ' || t.when_lo || ' – ' || t.when_hi ELSE '' END AS message
FROM timed t
JOIN articles a ON a.article_id = t.article_id
WHERE t.tense IS NOT NULL AND t.when_text IS NOT NULL
  AND ((t.tense = 'future' AND (t.when_direction = 'past' OR t.when_hi < a.published_lo))
    OR (t.tense IN ('past', 'present') AND (t.when_direction = 'future' OR t.when_lo > a.published_hi)))
