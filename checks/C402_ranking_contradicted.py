"""## What it does
For a claim with a `rank` ("the top producer at 22 %": `rank: 1`), counts the other subjects whose
figure for the same metric (and the same `of:` whole) at an overlapping time is strictly greater.
If `rank` or more subjects are surely above it, the ranking is contradicted: an error when the
generous readings already say so, a warning when only the strict ones do. Claims at different
times ("22 % now" vs "24 % by 2030") do not compete.

## Why is this bad?
"Taiwan, the top producer at 22 %" next to "China holds 24 %" for the same year tells the reader
two incompatible things; one figure, the ranking, or the year is wrong.

## Example
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2021-02,
          body: "Taiwan, the top producer at 22%. China holds 24% of capacity."}
entities:
  - {key: taiwan, name: Taiwan, kind: country}
  - {key: china, name: China, kind: country}
metrics:
  - {key: chip-share, description: Share of global chip capacity, kind: share, unit: "%"}
claims:
  - {id: taiwan, quote: "Taiwan, the top producer at 22%", subject: taiwan, metric: chip-share, value: 22%, rank: 1, when: 2021}
  - {id: china, quote: "China holds 24% of capacity", subject: china, metric: chip-share, value: 24%, when: 2021}
```

## Use instead
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2021-02,
          body: "Taiwan, the top producer at 22%. By 2030, China will hold 24% of capacity."}
entities:
  - {key: taiwan, name: Taiwan, kind: country}
  - {key: china, name: China, kind: country}
metrics:
  - {key: chip-share, description: Share of global chip capacity, kind: share, unit: "%"}
claims:
  - {id: taiwan, quote: "Taiwan, the top producer at 22%", subject: taiwan, metric: chip-share, value: 22%, rank: 1, when: 2021}
  - {id: china, quote: "By 2030, China will hold 24% of capacity", subject: china, metric: chip-share, value: 24%, when: 2030}
```
"""
from ledger.figures import figures
from ledger.phrasebook import period, strict_only
from ledger.rules import Hit

ID = "C402"
NAME = "ranking-contradicted"
SEVERITY = "error"
SUMMARY = "A stated ranking is contradicted by other subjects' larger figures at the same time."
SCOPE = "metric"


def _above(ranked, others, strict: bool):
    """One figure per other subject that is surely larger than the ranked one."""
    mine = ranked.strict if strict else ranked.generous
    found = {}
    for o in others:
        theirs = o.strict if strict else o.generous
        if o.subject not in found and (theirs.lo > mine.hi or (theirs.lo == mine.hi and (theirs.lo_open or mine.hi_open))):
            found[o.subject] = o
    return list(found.values())


def check(ctx):
    show = ctx.phrases.figure
    figs = figures(ctx.db)
    for ranked in (f for f in figs if f.rank is not None):
        others = [o for o in figs if o.metric == ranked.metric and o.share_of == ranked.share_of
                  and o.subject != ranked.subject and o.currency == ranked.currency and ranked.overlaps_in_time(o)]
        for strict in (False, True):
            above = _above(ranked, others, strict)
            if len(above) >= ranked.rank:
                reading = "strict" if strict else "generous"
                listed = ", ".join(f"{o.subject} '{o.written}' ({o.article_id}, {o.where()})" for o in above)
                when = period(ranked.at_lo, ranked.at_hi)
                message = (f"'{ranked.written}' ({show(ranked.strict if strict else ranked.generous, ranked)}) "
                           f"is ranked #{ranked.rank} for {ranked.metric} in {when}, but {len(above)} other "
                           f"subject(s) are larger read {reading}ly: {listed}")
                if strict:
                    message += "; " + strict_only("the ranking holds")
                yield Hit(ranked.file, ranked.line, ranked.col, message, ranked.article_id, ranked.claim_id,
                          severity="warning" if strict else "error")
                break
