"""## What it does
Evaluates each relation with interval arithmetic over the claims' intervals in canonical units:
an equation (`holds: remaining = cost - offset`) holds iff the two sides' intervals overlap, an
inequality (`direct-jobs <= total-jobs`; also `>=`, `<`, `>`) iff some values of the two sides
satisfy it. Disjoint generous readings are an error, disjoint strict readings alone a warning that
names the figure whose rounding or hedge reconciles them. Operands are claim ids (same article, or
`article-id/claim-id`), numbers, and named constants of the vocabulary (`constants:`, a range
such as a football field's 48,000..57,600 ft**2); put spaces around a minus sign, since ids
contain hyphens. When the claims a failing relation names hold for different times, the finding
says so: the arithmetic may mix two dates.

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
from ledger.phrasebook import likely_slip, span
from ledger.figures import CLAIMS_AT
from ledger.interval import Interval
from ledger.quantity import QuantityError, parse_number
from ledger.reconcile import loosened
from ledger.relation import RelationError, holds, parse_comparison
from ledger.rules import Hit
from ledger.units import UnitError

ID = "A301"
NAME = "relation-fails"
SEVERITY = "error"
SUMMARY = "A stated relation between claims (remaining = cost - offset, part <= whole) does not hold."
SCOPE = "article"

_CLAIMS = f"""
SELECT claim_key, canonical_unit, lo, hi, lo_open, hi_open, strict_lo, strict_hi, strict_lo_open,
       strict_hi_open, qualifier, value_text, unit_text, at_lo, at_hi, when_text
FROM ({CLAIMS_AT}) c WHERE lo IS NOT NULL
"""


class _Operand:
    def __init__(self, key, row) -> None:
        self.key, self.unit = key, row[0]
        self.generous, self.strict = Interval(*row[1:5]), Interval(*row[5:9])
        self.qualifier = row[9]
        self.written = " ".join(p for p in (row[9], row[10], None if any(c in row[10] for c in "%$€£¥") else row[11]) if p)
        self.at = (row[12], row[13])
        self.when = row[14]


def _constants(ctx) -> dict[str, Interval]:
    """Vocabulary constants in canonical units: `{key: football-field, value: 48,000..57,600, unit: ft**2}`."""
    out = {}
    for _, model in ctx.ledger.models():
        for c in model.constants:
            try:
                factor = ctx.units.resolve(c.unit).factor
                parts = [parse_number(p.strip()) for p in c.value.split("..")]
            except (UnitError, QuantityError):
                continue  # L102/L107 report the value or the unit
            lo, hi = (parts[0], parts[-1])
            iv = Interval(lo.value, hi.value) if len(parts) == 2 else Interval(lo.value - lo.strict_step, lo.value + lo.strict_step)
            out[c.key] = iv.scale(factor)
    return out


def _time_note(operands) -> str:
    """'; note: the operands do not share a time (a: 2023, b: 2024)' when their times are disjoint."""
    dated = [o for o in operands if o.at[0] is not None]
    if len(dated) < 2 or max(o.at[0] for o in dated) <= min(o.at[1] for o in dated):
        return ""
    times = ", ".join(f"{o.key.split('/')[-1]}: {o.when or 'publication ' + str(o.at[0])}" for o in dated)
    return f"; note: the operands do not share a time ({times}) — the relation may mix two dates"


def _reconciling(left, op, right, operands, strict, generous, show) -> str:
    """Which single operand, read generously while the others stay strict, makes it hold."""
    options = []
    for o in operands:
        mixed = dict(strict, **{o.key: generous[o.key]})
        if holds(left.evaluate(mixed), op, right.evaluate(mixed)):
            options.append(loosened(o, None, show))
    if not options:
        return "it holds only if several figures are read loosely (rounded to their last non-zero digit, hedges at their widest)"
    return "it holds only if " + " or ".join(options)


def check(ctx):
    rows = {r[0]: r[1:] for r in ctx.db.execute(_CLAIMS).fetchall()}
    constants = None
    relations = ctx.db.execute(
        "SELECT file, line, col, article_id, relation_id, holds FROM relations").fetchall()
    for file, line, col, article, rel_id, text in relations:
        try:
            left, op, right = parse_comparison(text, article)
        except RelationError as exc:
            yield Hit(file, line, col, f"cannot read relation {text!r}: {exc}", article, rel_id)
            continue
        refs = left.refs() + right.refs()
        if constants is None and any(k not in rows for k in refs):
            constants = _constants(ctx)
        named = {k: k.split("/")[-1] for k in refs if k not in rows and k.split("/")[-1] in (constants or {})}
        missing = sorted({k for k in refs if k not in rows and k not in named})
        if missing:
            yield Hit(file, line, col, f"relation {text!r} names claims without a usable figure: "
                      f"{', '.join(missing)}", article, rel_id)
            continue
        operands = [_Operand(k, rows[k]) for k in dict.fromkeys(refs) if k in rows]
        others = tuple(sorted({k.split("/")[0] for k in refs if k in rows} - {article}))
        units = {o.unit for o in operands}
        unit = units.pop() if len(units) == 1 else None  # constants are in canonical units too
        # only the claims this relation names: one interval per claim of the ledger would make
        # the rule quadratic (relations x claims)
        generous = {o.key: o.generous for o in operands} | {k: constants[c] for k, c in named.items()}
        strict = {o.key: o.strict for o in operands} | {k: constants[c] for k, c in named.items()}
        show = (lambda iv, _=None: span(iv, unit)) if unit else (lambda iv, _=None: str(iv))
        zero = next(((d, iv) for d in left.divisors() + right.divisors()
                     if (iv := d.evaluate(generous)).contains(0.0)), None)
        if zero is not None:  # x / [0-ish]: any value fits, so the relation would pass unchecked
            divisor, iv = zero
            certain = iv.lo == iv.hi == 0.0
            shown = "" if divisor.op == "num" else f" ({show(iv)})"
            yield Hit(file, line, col, f"{text!r} cannot be checked: it divides by {divisor.describe()}, which "
                      f"{'is' if certain else 'can be'} zero{shown}; restate the relation without that division",
                      article, rel_id, severity=None if certain else "warning")
            continue
        gl, gr = left.evaluate(generous), right.evaluate(generous)
        if not holds(gl, op, gr):
            message = (f"{text!r} does not hold: left side {show(gl)}, right side {show(gr)} "
                       f"({right.describe()})")
            if op == "=":
                slip = likely_slip(gl, gr)
                if slip:
                    message += f"; the gap looks like {slip}"
            yield Hit(file, line, col, message + _time_note(operands), article, rel_id, others=others)
            continue
        sl, sr = left.evaluate(strict), right.evaluate(strict)
        if not holds(sl, op, sr):
            yield Hit(file, line, col, f"{text!r} read strictly fails: left side {show(sl)}, right side "
                      f"{show(sr)}; {_reconciling(left, op, right, operands, strict, generous, show)}"
                      f"{_time_note(operands)}", article, rel_id, severity="warning", others=others)
