"""Figure-reading accuracy and speed: ledger.extract vs quantulum3 on benchmarks/figures_corpus.txt.

The corpus is news-style sentences written for this benchmark (beats: business, energy, health,
sport, courts, weather, local government, trade, labour, politics; British and American usage;
Italian, German, French and Spanish decimal-comma sentences), each with the figures an editor
reads: value, unit, hedge, direction, kind (format in the corpus header). Run by hand:

    .venv/bin/python benchmarks/figures.py [--repeat N] [--misses]

Method. A sentence's predicted figures are ledger.extract's quantity, fraction and multiple
mentions (read with the sentence's decimal mark), or quantulum3's quantities. Each truth figure
is matched to at most one unmatched prediction with the same value (relative 1e-6). Precision =
matched predictions / predictions; recall = matched truth figures / truth figures; "+unit"
also needs the same unit (compared after resolution with the ledger's unit table, count units
declared), "+hedge" also the same canonical hedge. Direction is scored over all truth figures:
precision = right signs / predicted signs, recall = right signs / stated signs (a figure's
sign is its direction word's, or a printed minus). quantulum3 names units ("dollar",
"percentage", "tonne", "dollar per kilogram"); a fixed table below maps its names to ledger
unit expressions, unknown names are compared as written. It reads no hedge, no direction and no
decimal comma: those columns measure what it does not do, not a tuning. Speed: CPU and wall
time per sentence, best of --repeat passes over the whole corpus, in the same run.
"""
from __future__ import annotations

import argparse
import math
import re
import time
from dataclasses import dataclass
from pathlib import Path

from ledger import lexicon, quantity
from ledger.direction import direction_sign
from ledger.extract import extract
from ledger.units import UnitError, UnitTable

CORPUS = Path(__file__).with_name("figures_corpus.txt")
DECIMAL_COMMA = {"it", "de", "fr", "es"}


@dataclass(frozen=True)
class Fig:
    value: float
    unit: str | None
    hedge: str | None
    direction: int
    kind: str


@dataclass(frozen=True)
class Sentence:
    text: str
    decimal: str
    truth: tuple[Fig, ...]


def load(path: Path = CORPUS) -> list[Sentence]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, _, truth = line.partition("||")
        decimal = "."
        if m := re.match(r"([a-z]{2}):\s+", text):
            decimal, text = ("," if m.group(1) in DECIMAL_COMMA else "."), text[m.end():]
        figs = []
        for part in filter(None, (p.strip() for p in truth.split(";"))):
            value, unit, hedge, direction, kind = part.split()
            figs.append(Fig(float(value), None if unit == "." else unit, None if hedge == "." else hedge,
                            {"up": 1, "down": -1, ".": 0}[direction], {"q": "quantity", "f": "fraction", "m": "multiple"}[kind]))
        out.append(Sentence(text.strip(), decimal, tuple(figs)))
    return out


def ours(s: Sentence) -> list[Fig]:
    figs = []
    for m in extract(s.text, s.decimal):
        if m.kind not in ("quantity", "fraction", "multiple"):
            continue
        sign = direction_sign(m.direction) or (-1 if (m.value or 0) < 0 else 0)
        figs.append(Fig(m.value, m.unit, quantity.canonical_hedge(m.qualifier) if m.qualifier else None, sign, m.kind))
    return figs


# quantulum3 unit names -> ledger unit expressions (its names for what the corpus measures)
Q3_UNITS = {
    "dollar": "USD", "united states dollar": "USD", "euro": "EUR", "pound sterling": "GBP", "yen": "JPY",
    "japanese yen": "JPY", "percentage": "%", "tonne": "t", "metric ton": "t", "ton": "ton", "kilogram": "kg",
    "gigawatt hour": "GWh", "terawatt hour": "TWh", "megawatt hour": "MWh", "kilowatt hour": "kWh",
    "gigawatt": "GW", "megawatt": "MW", "kilowatt": "kW", "barrel": "barrel", "litre": "l", "gallon": "gallon",
    "acre": "acre", "hectare": "ha", "square foot": "ft**2", "square kilometre": "km**2", "square metre": "m**2",
    "metre": "m", "kilometre": "km", "mile": "mi", "centimetre": "cm", "millimetre": "mm", "inch": "inch",
    "mile per hour": "mph", "kilometre per hour": "km/hour", "degree celsius": "degC", "degree fahrenheit": "degF",
    "second": "second", "minute": "minute", "hour": "hour", "day": "day", "week": "week", "month": "month",
    "year": "year", "ounce": "oz", "pound-mass": "lb", "yard": "yard", "basis point": "basis_point",
    "percentage point": "pp", "dimensionless": None, "": None,
}


def _q3_unit(name: str) -> str | None:
    parts = [Q3_UNITS.get(p.strip(), p.strip()) for p in name.split(" per ")]
    if len(parts) == 2 and parts[0] and parts[1]:
        return f"{parts[0]}/{parts[1]}"
    return parts[0]


def theirs(parser, s: Sentence) -> list[Fig]:
    figs = []
    for q in parser.parse(s.text):
        value = q.value
        if value is None or not math.isfinite(value):
            continue
        figs.append(Fig(float(value), _q3_unit(q.unit.name), None, 0, "quantity"))
    return figs


class _Units:
    def __init__(self, sentences: list[Sentence]) -> None:
        counts = set(lexicon.COUNT_UNITS.values()) | {f.unit for s in sentences for f in s.truth
                                                      if f.unit and re.fullmatch(r"[a-z_]+", f.unit)}
        self.table = UnitTable(count_units=sorted(c for c in counts if c not in ("basis_point",)),
                               definitions={"basis_point": "0.01 * percent"})

    def same(self, a: str | None, b: str | None) -> bool:
        if a == b:
            return True
        if a is None or b is None:
            return False
        try:
            x, y = self.table.resolve(a), self.table.resolve(b)
        except (UnitError, ValueError):
            return False
        return x.canonical == y.canonical and math.isclose(x.factor, y.factor) and x.currency == y.currency


def score(sentences: list[Sentence], predictions: list[list[Fig]], units: _Units) -> dict:
    n_truth = sum(len(s.truth) for s in sentences)
    n_pred = sum(len(p) for p in predictions)
    hits = {"value": 0, "value+unit": 0, "value+unit+hedge": 0}
    dir_pred = dir_true = dir_right = 0
    misses = []
    for s, pred in zip(sentences, predictions):
        free = list(pred)
        for t in s.truth:
            match = next((p for p in free if math.isclose(p.value, t.value, rel_tol=1e-6)), None)
            dir_true += t.direction != 0
            if match is None:
                misses.append((s.text, t, None))
                continue
            free.remove(match)
            hits["value"] += 1
            unit_ok = units.same(match.unit, t.unit)
            hits["value+unit"] += unit_ok
            hits["value+unit+hedge"] += unit_ok and match.hedge == t.hedge
            dir_pred += match.direction != 0
            dir_right += match.direction != 0 and match.direction == t.direction
            if not (unit_ok and match.hedge == t.hedge and match.direction == t.direction):
                misses.append((s.text, t, match))
        dir_pred += sum(p.direction != 0 for p in free)
        misses += [(s.text, None, p) for p in free]
    table = {k: (v / n_pred if n_pred else 0.0, v / n_truth) for k, v in hits.items()}
    table["direction"] = (dir_right / dir_pred if dir_pred else 0.0, dir_right / dir_true if dir_true else 0.0)
    return {"table": table, "misses": misses, "truth": n_truth, "predicted": n_pred}


def timed(fn, sentences: list[Sentence], repeat: int) -> tuple[float, float]:
    """Best (CPU, wall) seconds per sentence over `repeat` passes."""
    best_cpu = best_wall = math.inf
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        for s in sentences:
            fn(s)
        best_cpu = min(best_cpu, time.process_time() - c0)
        best_wall = min(best_wall, time.perf_counter() - w0)
    return best_cpu / len(sentences), best_wall / len(sentences)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--misses", action="store_true", help="list ledger.extract's misses")
    args = ap.parse_args()
    sentences = load()
    units = _Units(sentences)
    mine = score(sentences, [ours(s) for s in sentences], units)
    try:
        from quantulum3 import parser as q3
    except ImportError:
        q3 = None
    rows = [("ledger.extract", mine)]
    if q3 is not None:
        rows.append(("quantulum3", score(sentences, [theirs(q3, s) for s in sentences], units)))
    print(f"{len(sentences)} sentences, {mine['truth']} figures "
          f"({sum(s.decimal == ',' for s in sentences)} decimal-comma sentences)\n")
    cols = ["value", "value+unit", "value+unit+hedge", "direction"]
    print(f"{'':16}" + "".join(f"{c:>22}" for c in cols))
    print(f"{'':16}" + "".join(f"{'P':>11}{'R':>11}" for _ in cols))
    for name, result in rows:
        print(f"{name:16}" + "".join(f"{100 * result['table'][c][0]:10.1f}%{100 * result['table'][c][1]:10.1f}%"
                                     for c in cols))
    speed = {"ledger.extract": timed(ours, sentences, args.repeat)}
    if q3 is not None:
        theirs(q3, sentences[0])  # load its models before timing
        speed["quantulum3"] = timed(lambda s: theirs(q3, s), sentences, args.repeat)
    print()
    for name, (cpu, wall) in speed.items():
        print(f"{name:16} {cpu * 1e6:10.0f} µs CPU / sentence {wall * 1e6:10.0f} µs wall / sentence")
    if q3 is not None:
        a, b = speed["ledger.extract"], speed["quantulum3"]
        print(f"ledger.extract is {b[0] / a[0]:.0f}x faster in CPU time ({b[1] / a[1]:.0f}x wall)")
    if args.misses:
        print("\nledger.extract misses (truth -> prediction):")
        for text, t, p in mine["misses"]:
            print(f"  {text}\n      {t} -> {p}")


if __name__ == "__main__":
    main()
