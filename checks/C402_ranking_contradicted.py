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
from collections import defaultdict

from ledger import sweep
from ledger.figures import figures
from ledger.phrasebook import period, strict_only
from ledger.rules import Hit

ID = "C402"
NAME = "ranking-contradicted"
SEVERITY = "error"
SUMMARY = "A stated ranking is contradicted by other subjects' larger figures at the same time."
SCOPE = "metric"


def larger(figs, strict: bool) -> dict[int, list]:
    """For each ranked figure (by its index in `figs`), one figure per other subject that is
    surely larger (same metric, whole and currency, at an overlapping time), in `figs` order.
    Only the pairs where one lies wholly above the other are visited (ledger.sweep)."""
    groups = defaultdict(list)
    for n, f in enumerate(figs):
        groups[(f.metric, f.share_of, f.currency)].append(n)
    out = {}
    for members in groups.values():
        if all(figs[n].rank is None for n in members):
            continue
        ivs = [figs[n].strict if strict else figs[n].generous for n in members]
        when = [(figs[n].at_lo, figs[n].at_hi) if figs[n].at_lo is not None and figs[n].at_hi is not None else None
                for n in members]
        highs = [sweep.high_key(iv) if figs[n].rank is not None else None for n, iv in zip(members, ivs)]
        found = defaultdict(list)
        for q, o in sweep.above([sweep.low_key(iv) for iv in ivs], highs, when):
            ranked, other = figs[members[q]], figs[members[o]]
            if other.subject != ranked.subject and ranked.overlaps_in_time(other):
                found[members[q]].append(members[o])
        for n, above in found.items():
            first = {}
            for o in sorted(above):
                first.setdefault(figs[o].subject, figs[o])
            out[n] = list(first.values())
    return out


def check(ctx):
    show = ctx.phrases.figure
    # only metrics with a ranked claim: other metrics cannot contradict a ranking
    figs = figures(ctx.db, "c.metric IN (SELECT metric FROM claims WHERE rank IS NOT NULL)")
    larger_than = {strict: larger(figs, strict) for strict in (False, True)}
    for n, ranked in enumerate(figs):
        if ranked.rank is None:
            continue
        for strict in (False, True):
            above = larger_than[strict].get(n, [])
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
