"""## What it does
Checks a claim's direction word (`direction: plummeted`, `doubled`, `rose`) and stated `change`
against its numbers: a fall word while `from` → `value` rises (or the reverse), a rise word with a
negative change, a factor word ("doubled", "tripled", "halved") whose factor the from/to values or
the stated change do not give, and a stated change (`-50%`, `-25 points`, `x3`) that `from` →
`value` does not produce. A relative change ("fell 25%") that matches the from/to values as a
difference in points is named as the percent vs percentage-point slip. Disjoint generous readings
are an error; a direction word contradicted only by the strict readings is a warning.

## Why is this bad?
"Plummeted" for a share that went from 12 % to 37 %, or "doubled" for ×1.3, misleads even readers
who never look at the figures.

## Example
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2021-02,
          body: "The U.S. share has plummeted: it was 12% in 1990 and is 37% now."}
entities:
  - {key: us, name: United States, kind: country}
metrics:
  - {key: chip-share, description: Share of global chip capacity, kind: share, unit: "%"}
claims:
  - {id: us-share, quote: "it was 12% in 1990 and is 37% now", subject: us, metric: chip-share, value: 37%, from: {value: 12%, when: 1990}, direction: plummeted, when: 2021}
```

## Use instead
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2021-02,
          body: "The U.S. share has plummeted: it was 37% in 1990 and is 12% now."}
entities:
  - {key: us, name: United States, kind: country}
metrics:
  - {key: chip-share, description: Share of global chip capacity, kind: share, unit: "%"}
claims:
  - {id: us-share, quote: "it was 37% in 1990 and is 12% now", subject: us, metric: chip-share, value: 12%, from: {value: 37%, when: 1990}, direction: plummeted, when: 2021}
```
"""
import re

from ledger.direction import direction_sign
from ledger.interval import Interval
from ledger.quantity import QuantityError, change_factor, format_quantity, parse_change
from ledger.rules import Hit

ID = "C403"
NAME = "direction-contradicted"
SEVERITY = "error"
SUMMARY = "A direction word or stated change is contradicted by the claim's own numbers."
SCOPE = "article"

_ROWS = """
SELECT file, line, col, article_id, claim_id, direction, change_text, change_kind, change_lo, change_hi,
       from_value_text, from_lo, from_hi, from_strict_lo, from_strict_hi,
       value_text, lo, hi, strict_lo, strict_hi, canonical_unit
FROM claims
WHERE superseded_by IS NULL AND (direction IS NOT NULL OR change_text IS NOT NULL)
"""


def _factor_word(direction: str | None):
    """(word, factor interval) for 'doubled', 'tripled', 'halved' ... in the direction words."""
    for word in re.findall(r"[a-z]+", (direction or "").lower()):
        try:
            change = parse_change(word)
        except QuantityError:
            continue
        if change.kind == "factor":
            return word, change_factor(change)
    return None


def _problems(row):
    (direction, change_text, kind, ch_lo, ch_hi, from_text, f_lo, f_hi, fs_lo, fs_hi,
     to_text, t_lo, t_hi, ts_lo, ts_hi, unit) = row
    sign = direction_sign(direction)
    has_path = f_lo is not None and t_lo is not None
    path = f"from {from_text} to {to_text}"
    if sign and has_path:
        went = (1 if t_lo > f_hi else -1 if t_hi < f_lo else 0), (1 if ts_lo > fs_hi else -1 if ts_hi < fs_lo else 0)
        if went[0] == -sign:
            yield "error", f"'{direction}' says it {'fell' if sign < 0 else 'rose'}, but it went {path}"
        elif went[1] == -sign:
            yield "warning", (f"'{direction}' says it {'fell' if sign < 0 else 'rose'}, but read strictly it went "
                              f"{path}; only the rounding of the figures allows the stated direction")
    if change_text and sign:
        stated = parse_change(change_text).sign
        if stated and stated != sign:
            yield "error", f"'{direction}' contradicts the stated change {change_text}"
    ratio = Interval(t_lo, t_hi) / Interval(f_lo, f_hi) if has_path and f_lo > 0 else None
    factor = _factor_word(direction)
    if factor and ratio is not None and not factor[1].intersects(ratio):
        yield "error", f"'{factor[0]}' means ×{factor[1].midpoint():g}, but {path} is ×{_times(ratio)}"
    if factor and kind in ("relative", "factor") and ch_lo is not None and not factor[1].intersects(Interval(ch_lo, ch_hi)):
        yield "error", f"'{factor[0]}' means ×{factor[1].midpoint():g}, but the stated change {change_text} is ×{_times(Interval(ch_lo, ch_hi))}"
    if ch_lo is None or not has_path:
        return
    if kind in ("relative", "factor") and ratio is not None and not ratio.intersects(Interval(ch_lo, ch_hi)):
        message = f"the stated change {change_text} is ×{_times(Interval(ch_lo, ch_hi))}, but {path} is ×{_times(ratio)}"
        points = parse_change(change_text).number.value * (parse_change(change_text).sign or sign)
        if unit == "%" and kind == "relative" and (Interval(t_lo, t_hi) - Interval(f_lo, f_hi)).contains(points):
            message += f"; the gap looks like percent vs percentage points ({from_text} → {to_text} is {points:+g} points)"
        yield "error", message
    if kind == "absolute":
        delta = Interval(t_lo, t_hi) - Interval(f_lo, f_hi)
        if not delta.intersects(Interval(ch_lo, ch_hi)):
            yield "error", (f"the stated change {change_text} does not match {path} "
                            f"(a difference of {format_quantity(delta.lo, unit)} to {format_quantity(delta.hi, unit)})")


def _times(iv: Interval) -> str:
    return f"{iv.lo:.3g}" if f"{iv.lo:.3g}" == f"{iv.hi:.3g}" else f"{iv.lo:.3g}–{iv.hi:.3g}"


def check(ctx):
    for file, line, col, article, claim, *row in ctx.db.execute(_ROWS).fetchall():
        for severity, message in _problems(row):
            yield Hit(file, line, col, message, article, claim, severity=severity)
