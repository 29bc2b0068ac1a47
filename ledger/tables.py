"""Rendering query results as a terminal table, CSV or JSON (for `factledger sql`)."""
from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from decimal import Decimal


def _cell(value) -> str:
    from .textsafe import clean

    if value is None:
        return "NULL"
    if isinstance(value, float):
        return f"{value:.6g}"
    return clean(str(value))  # one cell, one line: a newline or ESC in a quote is shown escaped


def table(names: list[str], rows: list[tuple], max_width: int = 60) -> str:
    cells = [[_cell(v) for v in row] for row in rows]
    cells = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in row] for row in cells]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()
    out = [line(names), line(["-" * w for w in widths]), *(line(r) for r in cells)]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def as_csv(names: list[str], rows: list[tuple]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(names)
    writer.writerows(rows)
    return buf.getvalue()


def _jsonable(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def as_json(names: list[str], rows: list[tuple]) -> str:
    return json.dumps([{n: _jsonable(v) for n, v in zip(names, row)} for row in rows], indent=2,
                      ensure_ascii=False) + "\n"


RESULT_FORMATS = {"table": table, "csv": as_csv, "json": as_json}
