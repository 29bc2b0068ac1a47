/*
id: T501
name: relative-date-contradiction
severity: error
summary: A relative time reference contradicts the publication date or the event's date given elsewhere.

## What it does
Resolves relative references ("earlier this month", "last year", "a day ago") against the article's
publication date — or against the dateline the text prints ("BRUSSELS, March 4 (Wire) –") — and
reports (a) a reference that fits no possible publication day ("earlier this month" in an article
of the 1st) and (b) an event mention whose resolved days do not overlap the date another mention,
or the vocabulary (`date:` on an event entity), gives the same event. A weekday named in a story
published that weekday is that day ("on Wednesday" in a Wednesday story).

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
       || ' (article published ' || a.published || '), but ' || coalesce(d.article_id, 'the vocabulary')
       || ' dates it ' || d.when_text || ' (' || d.file || ':' || d.line || ')' AS message,
       CASE WHEN d.article_id IS NULL THEN []::VARCHAR[] ELSE [d.article_id] END AS others
FROM events r
JOIN articles a ON a.article_id = r.article_id
JOIN (SELECT event, mention_key, article_id, when_text, when_lo, when_hi, file, line FROM events
      WHERE NOT coalesce(when_relative, true)
      UNION ALL  -- the vocabulary's date of the event (`date:` on its entity)
      SELECT key, NULL, NULL, date_text, date_lo, date_hi, file, line FROM entities WHERE date_lo IS NOT NULL) d
  ON d.event = r.event AND d.mention_key IS DISTINCT FROM r.mention_key
WHERE r.when_relative
  AND r.when_lo IS NOT NULL AND d.when_lo IS NOT NULL
  AND (r.when_hi < d.when_lo OR r.when_lo > d.when_hi)
