"""## What it does
Evaluates each relation (`holds: remaining = cost - offset`) with interval arithmetic over the
claims' intervals in canonical units; the relation holds iff the two sides' intervals overlap.
Disjoint generous readings are an error, disjoint strict readings alone a warning. Operands are claim
ids (same article, or `article-id/claim-id`) and numbers; put spaces around a minus sign, since
ids contain hyphens.

## Why is this bad?
"Up to $2.5 billion, of which $1 billion offset, the remaining $1.5 billion" is arithmetic the
reader can redo; when it does not add up, one of the figures is wrong.

## Example
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "Tariffs could cost up to $2.5 billion. Ford aims to offset $1 billion; the remaining $2.5 billion hits this year."}
entities:
  - {key: ford, name: Ford, kind: organisation}
metrics:
  - {key: tariff-cost, description: Cost of tariffs, kind: money, unit: USD}
claims:
  - {id: cost, quote: "up to $2.5 billion", subject: ford, metric: tariff-cost, value: $2.5 billion, qualifier: up to}
  - {id: offset, quote: "offset $1 billion", subject: ford, metric: tariff-cost, value: $1 billion}
  - {id: remaining, quote: "the remaining $2.5 billion", subject: ford, metric: tariff-cost, value: $2.5 billion}
relations:
  - {id: net, holds: remaining = cost - offset}
```

## Use instead
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "Tariffs could cost up to $2.5 billion. Ford aims to offset $1 billion; the remaining $1.5 billion hits this year."}
entities:
  - {key: ford, name: Ford, kind: organisation}
metrics:
  - {key: tariff-cost, description: Cost of tariffs, kind: money, unit: USD}
claims:
  - {id: cost, quote: "up to $2.5 billion", subject: ford, metric: tariff-cost, value: $2.5 billion, qualifier: up to}
  - {id: offset, quote: "offset $1 billion", subject: ford, metric: tariff-cost, value: $1 billion}
  - {id: remaining, quote: "the remaining $1.5 billion", subject: ford, metric: tariff-cost, value: $1.5 billion}
relations:
  - {id: net, holds: remaining = cost - offset}
```
"""
from ledger.figures import figures
from ledger.phrasebook import slip_note, span, strict_only
from ledger.relation import RelationError, parse_relation
from ledger.rules import Hit
from ledger.store import records

ID = "A301"
NAME = "relation-fails"
SEVERITY = "error"
SUMMARY = "A stated relation between claims (remaining = cost - offset) does not hold."


def check(ctx):
    claims = {f.key: f for f in figures(ctx.db, live=False)}
    for r in records(ctx.db, "SELECT file, line, col, article_id, relation_id, holds FROM relations"):
        file, line, col, article, rel_id, holds = r.file, r.line, r.col, r.article_id, r.relation_id, r.holds
        try:
            left, right = parse_relation(holds, article)
        except RelationError as exc:
            yield Hit(file, line, col, f"cannot read relation {holds!r}: {exc}", article, rel_id)
            continue
        missing = sorted({k for k in left.refs() + right.refs() if k not in claims})  # not `- claims.keys()`: O(claims)
        if missing:
            yield Hit(file, line, col, f"relation {holds!r} names claims without a usable figure: "
                      f"{', '.join(missing)}", article, rel_id)
            continue
        named = left.refs() + right.refs()
        units = {claims[k].canonical_unit for k in named}
        unit = units.pop() if len(units) == 1 else None
        generous = {k: claims[k].generous for k in named}
        strict = {k: claims[k].strict for k in named}
        show = (lambda iv: span(iv, unit)) if unit else str
        zero = next(((d, iv) for d in left.divisors() + right.divisors()
                     if (iv := d.evaluate(generous)).contains(0.0)), None)
        if zero is not None:  # x / [0-ish]: any value fits, so the relation would pass unchecked
            divisor, iv = zero
            certain = iv.lo == iv.hi == 0.0
            shown = "" if divisor.op == "num" else f" ({show(iv)})"
            yield Hit(file, line, col, f"{holds!r} cannot be checked: it divides by {divisor.describe()}, which "
                      f"{'is' if certain else 'can be'} zero{shown}; restate the relation without that division",
                      article, rel_id, severity=None if certain else "warning")
            continue
        gl, gr = left.evaluate(generous), right.evaluate(generous)
        if not gl.intersects(gr):
            message = (f"{holds!r} does not hold: left side {show(gl)}, right side {show(gr)} "
                       f"({right.describe()})")
            message += slip_note(gl, gr)
            yield Hit(file, line, col, message, article, rel_id)
            continue
        sl, sr = left.evaluate(strict), right.evaluate(strict)
        if not sl.intersects(sr):
            yield Hit(file, line, col, f"{strict_only(f'{holds!r} holds')}: strictly, left side {show(sl)}, right side {show(sr)}",
                      article, rel_id, severity="warning")
