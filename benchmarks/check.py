"""Benchmark `factledger check` at newsroom-archive scale; every figure is a ratio against a floor
measured in the same run.

    python benchmarks/check.py [--sizes 100 1000 10000] [--data DIR] [--runs 5]

Per size (generated once into DATA/<size> by benchmarks/generate.py): the floor (`yaml.compose`
with the C loader over every YAML file, cyclic GC disabled), the check's phases from
Report.timings, peak RSS (ru_maxrss of a fresh subprocess per measurement), recall on the planted
ground truth, and an incremental re-check after editing one file. Then cold start: `factledger
check claims` against `python -c "import duckdb, pydantic, yaml"`, medians of --runs runs.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


def _child(code: str, *args: str) -> dict:
    """Run `code` in a fresh interpreter; it prints one JSON object. Adds peak RSS in MiB."""
    wrapper = code + "\nimport resource, json, sys\nRESULT['rss_mib'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\nprint(json.dumps(RESULT))\n"
    out = subprocess.run([sys.executable, "-c", wrapper, *args], check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


FLOOR = """
import gc, sys, time, yaml
from pathlib import Path
files = sorted(p for p in Path(sys.argv[1]).rglob('*.yaml'))
gc.disable()
t = time.perf_counter()
size = 0
for p in files:
    text = p.read_text(encoding='utf-8')
    size += len(text)
    try:
        yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:  # the planted L101 files
        pass
RESULT = {'floor': time.perf_counter() - t, 'mb': size / 1e6, 'files': len(files)}
"""

CHECK = """
import sys, time
from pathlib import Path
from ledger.engine import Options, run_check
cache = Path(sys.argv[2]) if len(sys.argv) > 2 else None
t = time.perf_counter()
report = run_check([Path(sys.argv[1])], Options(cache=cache))
total = time.perf_counter() - t
RESULT = {'total': total, 'timings': report.timings, 'claims': report.claims, 'articles': report.articles,
          'findings': [[f.rule, Path(f.file).name, f.item_id] for f in report.findings]}
"""


def recall(truth: dict, findings: list, implemented: set[str]) -> tuple[float, int, int, dict]:
    got = {(rule, file) for rule, file, _ in findings}
    scored = [p for p in truth["planted"] if p["rule"] in implemented]
    found = sum((p["rule"], p["file"]) in got for p in scored)
    planted = {(p["rule"], p["file"]) for p in truth["planted"]}
    unplanned = sum((rule, file) not in planted for rule, file, _ in findings)
    hooks: dict[str, int] = {}
    for p in truth["planted"]:
        if p["rule"] not in implemented:
            hooks[p["rule"]] = hooks.get(p["rule"], 0) + 1
    return (found / len(scored) if scored else 1.0), len(scored), unplanned, hooks


def bench_size(size: int, data: Path) -> dict:
    from generate import generate

    ledger = data / str(size)
    if not (ledger / "ground_truth.json").exists():
        generate(ledger, size, seed=1)
    truth = json.loads((ledger / "ground_truth.json").read_text())
    floor = _child(FLOOR, str(ledger))
    cold = _child(CHECK, str(ledger))
    cache = data / f"cache-{size}.duckdb"
    cache.unlink(missing_ok=True)
    _child(CHECK, str(ledger), str(cache))  # fill the cache
    victim = ledger / "art-00000.yaml"
    original = victim.read_bytes()
    victim.write_bytes(original.replace(b"  title: ", b"  title: Edited ", 1))
    try:
        warm = _child(CHECK, str(ledger), str(cache))
    finally:
        victim.write_bytes(original)
    from ledger.rules import discover

    rate, scored, unplanned, hooks = recall(truth, cold["findings"], set(discover()))
    return {"size": size, "floor": floor, "cold": cold, "warm": warm, "recall": rate, "scored": scored,
            "unplanned": unplanned, "hooks": hooks}


def cold_start(runs: int) -> tuple[float, float]:
    def median(cmd: list[str]) -> float:
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run(cmd, cwd=ROOT, capture_output=True)
            times.append(time.perf_counter() - t)
        return statistics.median(times)

    factledger = str(Path(sys.executable).parent / "factledger")
    return (median([factledger, "check", "claims"]),
            median([sys.executable, "-c", "import duckdb, pydantic, yaml"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--data", type=Path, default=Path("/tmp/factledger-bench"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    head = (f"{'articles':>8} {'claims':>7} {'MB':>6} {'floor s':>8} {'load':>6} {'resolve':>7} {'db':>6} "
            f"{'rules':>6} {'total':>7} {'ratio':>6} {'peak MiB':>8} {'re-check':>8} {'recall':>7} {'unplanned':>9}")
    print(head)
    for size in args.sizes:
        r = bench_size(size, args.data)
        t, floor = r["cold"]["timings"], r["floor"]["floor"]
        print(f"{size:>8} {r['cold']['claims']:>7} {r['floor']['mb']:>6.1f} {floor:>8.2f} {t['load']:>6.2f} "
              f"{t['resolve']:>7.2f} {t['database']:>6.2f} {t['rules']:>6.2f} {r['cold']['total']:>7.2f} "
              f"{r['cold']['total'] / floor:>6.2f} {r['cold']['rss_mib']:>8.0f} {r['warm']['total']:>8.2f} "
              f"{r['recall']:>7.3f} {r['unplanned']:>9}")
        slow = sorted(((v, k) for k, v in r["cold"]["timings"].items() if k.startswith("rule:")), reverse=True)[:3]
        print(f"{'':>8} slowest rules: " + ", ".join(f"{k[5:]} {v:.2f}s" for v, k in slow)
              + f"; re-check: {r['warm']['timings']['cache_misses']:.0f} file re-parsed, phases "
              + ", ".join(f"{k} {r['warm']['timings'][k]:.2f}s" for k in ("load", "resolve", "database", "rules"))
              + f"; recall over {r['scored']} planted; hooks not yet scored: {r['hooks']}")
    check, imports = cold_start(args.runs)
    print(f"cold start: factledger check claims {check:.3f} s, import duckdb+pydantic+yaml {imports:.3f} s, "
          f"ratio {check / imports:.2f} (median of {args.runs})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
