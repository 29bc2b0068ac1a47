"""Cold start: a command imports what it uses. pint (units) is needed only for unit texts no earlier
run has resolved (ledger.unitmemo remembers the answers), and the remembered answers are pint's.
No timings here: what is asserted is which modules a fresh process imported."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, VOCAB, article, write_ledger
from ledger import unitmemo
from ledger.units import UnitError, UnitTable

# runs `factledger ARGS...` in this process and prints which heavy modules it imported
_PROBE = """
import json, sys
from ledger.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "imported": sorted(m for m in ("pint", "numpy", "dask", "pyarrow", "pandas")
                                                     if m in sys.modules)}))
"""


def _run(args: list[str], home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_CACHE_HOME", "HOME", "PYTHONPATH")}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(home / "cache"), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, env=env, cwd=home)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _ledger(tmp_path: Path) -> Path:
    items = """\
    claims:
      - {id: sold, quote: "40 batteries", subject: acme, metric: sales, value: "40", unit: battery}
      - {id: made, quote: "3 batteries a day", subject: acme, metric: output, value: "3"}
    """
    return write_ledger(tmp_path / "claims", {"vocab.yaml": VOCAB,
                                               "a.yaml": article("Acme sold 40 batteries and makes 3 batteries a day.", items=items)})


def test_a_check_of_loader_rules_does_not_import_pint_once_its_units_are_known(tmp_path):
    ledger = _ledger(tmp_path)
    home = tmp_path / "home"
    home.mkdir()
    first = _run(["check", str(ledger), "--select", "L1"], home)
    assert "pint" in first["imported"]  # the first run works the units out with pint
    assert list((home / "cache" / "factledger").glob("units-*.json"))
    again = _run(["check", str(ledger), "--select", "L1"], home)
    assert again["code"] == first["code"]
    assert "pint" not in again["imported"] and "dask" not in again["imported"], again


def test_remembered_units_are_what_pint_says(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    rows = [("battery", None, None), ("crate", None, "12 * battery"), ("grade", None, None),
            ("bad", None, "3 * nosuchunit")]
    texts = ["battery/day", "crates/week", "USD/kg", "km2", "%", "points", "kWh", "nosuch/day", "grade"]

    def answers(table):
        out = [table.conflicts(), table.broken()]
        for text in texts:
            try:
                out.append(table.resolve(text))
            except UnitError as exc:
                out.append((str(exc), exc.echo))
        return out

    worked_out = answers(UnitTable.from_definitions(rows))  # fills the memo
    memo = unitmemo.memo(tmp_path / "factledger")
    assert memo is not None and memo.dirty
    memo.save()
    unitmemo._open.clear()  # as a new process: the file is read back
    table = UnitTable.from_definitions(rows)
    assert answers(table) == worked_out
    assert table._registry is None  # answered from the memo, pint not touched


def test_a_corrupt_memo_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    unitmemo._open.clear()
    path = unitmemo.memo(tmp_path / "factledger").path
    unitmemo._open.clear()
    path.parent.mkdir(parents=True, exist_ok=True)
    definitions = json.dumps([["battery"], {}, {}], sort_keys=True)
    path.write_text(json.dumps({definitions: {"units": {"battery/day": ["x", "not a number", 1, 2]},
                                              "conflicts": ["not", "a", "dict"]}}))
    table = UnitTable.from_definitions([("battery", None, None)])
    assert table.conflicts() == {}
    assert table.resolve("battery/day").canonical == "battery / second"
    path.write_bytes(b"\x80 garbage")
    unitmemo._open.clear()
    assert UnitTable.from_definitions([("battery", None, None)]).resolve("kWh").canonical == "kilogram * meter ** 2 / second ** 2"
