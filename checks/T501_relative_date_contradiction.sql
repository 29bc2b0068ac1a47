/*
id: T501
name: relative-date-contradiction
severity: error
summary: A relative time reference contradicts the publication date or the event's date given elsewhere.

## What it does
Resolves relative references ("earlier this month", "last year", "a day ago") against the article's
publication date and reports (a) a reference that fits no possible publication day ("earlier this
month" in an article of the 1st) and (b) an event mention whose resolved days do not overlap the
date another mention gives the same event.

## Why is this bad?
Copy is often reused days or weeks after it was written; "earlier this month" then silently moves
an event into the wrong month. Readers cannot tell.

## Example
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "Earlier this month, the Alliance wrote a letter dated May 9 to the President."}
entities:
  - {key: alliance-letter, name: The Alliance's letter, kind: event}
events:
  - {id: letter, event: alliance-letter, quote: "Earlier this month, the Alliance wrote a letter", when: earlier this month, tense: past}
  - {id: letter-date, event: alliance-letter, quote: "a letter dated May 9", when: 2025-05-09, tense: past}
```

## Use instead
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "Last month, the Alliance wrote a letter dated May 9 to the President."}
entities:
  - {key: alliance-letter, name: The Alliance's letter, kind: event}
events:
  - {id: letter, event: alliance-letter, quote: "Last month, the Alliance wrote a letter", when: last month, tense: past}
  - {id: letter-date, event: alliance-letter, quote: "a letter dated May 9", when: 2025-05-09, tense: past}
```
*/
SELECT file, line, col, article_id, item_id,
       '''' || when_text || ''' fits no possible publication day: ' || when_error AS message,
       []::VARCHAR[] AS others
FROM (
    SELECT file, line, col, article_id, claim_id AS item_id, when_text, when_error FROM claims
    UNION ALL SELECT file, line, col, article_id, mention_id, when_text, when_error FROM events
)
WHERE when_error IS NOT NULL

UNION ALL

SELECT r.file, r.line, r.col, r.article_id, r.mention_id,
       '''' || r.when_text || ''' places event ''' || r.event || ''' in ' || r.when_lo || ' – ' || r.when_hi
       || ' (article published ' || a.published || '), but ' || d.article_id || ' dates it '
       || d.when_text || ' (' || d.file || ':' || d.line || ')' AS message,
       [d.article_id] AS others
FROM events r
JOIN articles a ON a.article_id = r.article_id
JOIN events d ON d.event = r.event AND d.mention_key <> r.mention_key
WHERE r.when_relative AND NOT coalesce(d.when_relative, true)
  AND r.when_lo IS NOT NULL AND d.when_lo IS NOT NULL
  AND (r.when_hi < d.when_lo OR r.when_lo > d.when_hi)
