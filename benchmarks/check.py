"""Benchmark `factledger check` against the budgets of DESIGN §8 (issue 15): every figure is CPU
time as well as wall time, and every ratio is taken against its baseline in the same run.

    python benchmarks/check.py                      # 1k and 10k articles (a 10k check takes minutes)
    python benchmarks/check.py --quick              # 100 articles, one pair: does the script work
    python benchmarks/check.py --sizes 1000 10000 100000 --data /work/bench

Per size (a ledger generated once into DATA/<size> by benchmarks/generate.py, seed 1, when it is
not there): --runs pairs of (floor, check), each in a fresh interpreter, in that order, so that a
pair's two runs share the machine's load; the floor is `yaml.compose` with the C loader over every
YAML file, GC off. Ratios check ÷ floor are taken per pair and the median reported. Peak RSS is
the check process's ru_maxrss. The re-check edits one claim's value in a copy of the ledger,
after a run that filled the `--cache`, and measures the second run. Then: growth of each phase
and rule between consecutive sizes, cold start (`factledger check claims` against
`python -c "import duckdb, pydantic, yaml"`, paired the same way, CPU from RUSAGE_CHILDREN), the
warm single-article re-check on the bundled ledger (ledger/session.py), and the table of targets.
For each target missed, the top of its profile: what holds it back. docs/performance.md explains
the columns. Measurements run in benchmarks/checkrun.py.
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / "benchmarks" / "checkrun.py"
sys.path.insert(0, str(ROOT / "benchmarks"))
TARGET_SIZE = 10_000  # the size DESIGN §8's ledger budgets are set for
GIB = 1024


def child(*args: str) -> dict:
    """One measurement (benchmarks/checkrun.py) in a fresh interpreter."""
    out = subprocess.run([sys.executable, str(RUN), *args], check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def ledger_for(size: int, data: Path) -> Path:
    ledger = data / str(size)
    if not (ledger / "ground_truth.json").exists() and not (ledger / "vocab.yaml").exists():
        from generate import generate

        print(f"generating {size} articles into {ledger} …", flush=True)
        generate(ledger, size, seed=1)
    return ledger


def bench_size(size: int, data: Path, runs: int, work: Path, verify: bool) -> dict:
    ledger = ledger_for(size, data)
    pairs = []
    for _ in range(runs):  # floor, check, floor, check …
        floor = child("floor", str(ledger))
        check = child("check", str(ledger))
        pairs.append({"floor": floor, "check": check})
    copy = work / str(size)  # the re-check edits a file: never the ledger itself
    shutil.copytree(ledger, copy)
    cache = work / f"cache-{size}.duckdb"
    fill = child("check", str(copy), "--cache", str(cache))
    victim = next(p for p in sorted(copy.glob("art-*.yaml")) if "value:" in p.read_text(encoding="utf-8"))
    from checkrun import edit_value

    victim.write_text(edit_value(victim.read_text(encoding="utf-8")), encoding="utf-8")
    recheck = child("check", str(copy), "--cache", str(cache))
    # the incremental result must equal a cold check of the edited ledger (one more full check)
    recheck["equals_cold"] = child("check", str(copy))["digest"] == recheck["digest"] if verify else None
    return {"size": size, "ledger": str(ledger), "copy": str(copy), "cache": str(cache), "pairs": pairs,
            "fill": fill, "recheck": recheck, "edited": victim.name}


def median(values) -> float:
    return statistics.median(values) if values else float("nan")


def summary(r: dict) -> dict:
    """Medians over the pairs: ratios per pair first, then their median."""
    pairs = r["pairs"]
    keys = sorted({k for p in pairs for k in p["check"]["timings"]})
    return {
        "claims": pairs[0]["check"]["claims"], "articles": pairs[0]["check"]["articles"],
        "mb": pairs[0]["floor"]["mb"],
        "floor_cpu": median(p["floor"]["cpu"] for p in pairs), "floor_wall": median(p["floor"]["wall"] for p in pairs),
        "check_cpu": median(p["check"]["cpu"] for p in pairs), "check_wall": median(p["check"]["wall"] for p in pairs),
        "ratio_cpu": median(p["check"]["cpu"] / p["floor"]["cpu"] for p in pairs),
        "ratio_wall": median(p["check"]["wall"] / p["floor"]["wall"] for p in pairs),
        "ratios_cpu": [p["check"]["cpu"] / p["floor"]["cpu"] for p in pairs],
        "rss_peak": max(p["check"]["rss_peak_mib"] for p in pairs),
        "timings": {k: median(p["check"]["timings"].get(k, 0.0) for p in pairs) for k in keys},
        "recheck_cpu": r["recheck"]["cpu"], "recheck_wall": r["recheck"]["wall"],
        **recall(Path(r["ledger"]), pairs[0]["check"]["found"]),
    }


def recall(ledger: Path, found: list) -> dict:
    """Share of the generator's planted slips (ground_truth.json) the check finds, over the rules
    that exist, and findings on (rule, file) pairs nothing was planted on."""
    truth_file = ledger / "ground_truth.json"
    if not truth_file.exists():
        return {"recall": float("nan"), "unplanned": 0}
    from ledger.rules import discover

    rules, got = set(discover()), {tuple(x) for x in found}
    planted = json.loads(truth_file.read_text())["planted"]
    scored = [(p["rule"], p["file"]) for p in planted if p["rule"] in rules]
    every = {(p["rule"], p["file"]) for p in planted}
    return {"recall": sum(x in got for x in scored) / len(scored) if scored else 1.0,
            "unplanned": sum(x not in every for x in got)}


PHASES = ("load", "resolve", "database", "rules", "findings")


def print_size(size: int, s: dict, r: dict) -> None:
    t = s["timings"]
    print(f"{size:>8} {s['claims']:>8} {s['mb']:>6.1f} {s['floor_cpu']:>7.2f} "
          + " ".join(f"{t.get(k, 0):>7.2f}" for k in PHASES)
          + f" {s['check_cpu']:>8.2f} {s['ratio_cpu']:>6.1f} {s['check_wall']:>8.1f} {s['ratio_wall']:>6.1f}"
          f" {s['rss_peak']:>8.0f} {s['recheck_cpu']:>8.2f} {s['recall']:>6.3f} {s['unplanned']:>9}", flush=True)
    rc = r["recheck"]["timings"]
    print(f"{'':>8} ratios per pair (CPU): {', '.join(f'{x:.1f}' for x in s['ratios_cpu'])}; re-check of "
          f"{r['edited']}: cache misses {rc.get('cache_misses', 0):.0f}, same findings as a cold check: "
          f"{ {True: 'yes', False: 'NO', None: 'not verified'}[r['recheck']['equals_cold']]}, "
          + ", ".join(f"{k} {rc.get(k, 0):.2f}" for k in PHASES) + " CPU-s", flush=True)


HEAD = (f"{'articles':>8} {'claims':>8} {'MB':>6} {'floor':>7} " + " ".join(f"{k[:7]:>7}" for k in PHASES)
        + f" {'check':>8} {'÷floor':>6} {'wall s':>8} {'÷floor':>6} {'peak MiB':>8} {'re-check':>8} {'recall':>6} {'unplanned':>9}")


def growth(sizes: list[int], summaries: dict[int, dict]) -> None:
    """CPU seconds of each phase and rule per size, and their growth between consecutive sizes."""
    if len(sizes) < 2:
        return
    keys = [k for k in summaries[sizes[-1]]["timings"] if k not in ("cache_hits", "cache_misses")]
    keys.sort(key=lambda k: -summaries[sizes[-1]]["timings"][k])
    steps = list(zip(sizes, sizes[1:]))
    print("\ngrowth (CPU-s per phase and rule; growth = later ÷ earlier; linear = the size ratio, "
          "* = grows more than 1.5x faster than the data)")
    print(f"{'':>12} " + " ".join(f"{s:>9}" for s in sizes) + " " + " ".join(f"{f'{a}→{b}':>13}" for a, b in steps))
    for k in keys + ["total"]:
        row = [summaries[s]["check_cpu"] if k == "total" else summaries[s]["timings"].get(k, 0.0) for s in sizes]
        cells = []
        for (a, b), x, y in zip(steps, row, row[1:]):
            g = y / x if x > 0 else float("nan")
            cells.append(f"{g:>12.1f}{'*' if g > 1.5 * b / a else ' '}" if x >= 0.005 else f"{'—':>12} ")
        print(f"{k:>12} " + " ".join(f"{v:>9.3f}" for v in row) + " " + " ".join(cells))
    print(f"{'(linear)':>12} " + " " * (10 * len(sizes)) + " ".join(f"{b / a:>12.1f} " for a, b in steps))


def cold_start(runs: int) -> dict:
    """Pairs (bare imports, `factledger check claims`), CPU of each child from RUSAGE_CHILDREN."""
    factledger = str(Path(sys.executable).parent / "factledger")
    commands = {"imports": [sys.executable, "-c", "import duckdb, pydantic, yaml"],
                "check": [factledger, "check", "claims"]}
    rows = []
    for _ in range(runs):
        row = {}
        for name, cmd in commands.items():
            before, t = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
            done = subprocess.run(cmd, cwd=ROOT, capture_output=True)
            wall, after = time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN)
            if done.returncode not in (0, 1):  # 1: findings; 2: the check could not run
                raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
            row[name] = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, wall)
        rows.append(row)
    return {"check_cpu": median(r["check"][0] for r in rows), "imports_cpu": median(r["imports"][0] for r in rows),
            "check_wall": median(r["check"][1] for r in rows), "imports_wall": median(r["imports"][1] for r in rows),
            "ratio_cpu": median(r["check"][0] / r["imports"][0] for r in rows),
            "ratio_wall": median(r["check"][1] / r["imports"][1] for r in rows), "runs": runs}


def warm_session(work: Path, runs: int, profile: int = 0) -> dict:
    copy = work / "claims-warm"
    if not copy.exists():
        shutil.copytree(ROOT / "claims", copy)
    return child("warm", str(copy), "--runs", str(runs), *(["--profile", str(profile)] if profile else []))


def targets(sizes: list[int], summaries: dict[int, dict], cold: dict, warm: dict) -> list[dict]:
    at = TARGET_SIZE if TARGET_SIZE in summaries else max(sizes)
    s = summaries[at]
    where = "" if at == TARGET_SIZE else f" (at {at}, not {TARGET_SIZE})"
    rows = [
        {"key": "check", "measure": f"full check ÷ floor, {at} articles{where}", "target": "≤ 2×",
         "value": f"{s['ratio_cpu']:.1f}× CPU ({s['check_cpu']:.1f} s ÷ {s['floor_cpu']:.2f} s); wall {s['ratio_wall']:.1f}×",
         "met": s["ratio_cpu"] <= 2},
        {"key": "memory", "measure": f"peak memory{where or f', {at} articles'}", "target": "≤ 2 GiB",
         "value": f"{s['rss_peak'] / GIB:.2f} GiB ({s['rss_peak']:.0f} MiB)", "met": s["rss_peak"] <= 2 * GIB},
        {"key": "recheck", "measure": f"re-check after editing one file, --cache{where or f', {at}'}",
         "target": "≤ 1 s", "value": f"{s['recheck_cpu']:.2f} CPU-s (wall {s['recheck_wall']:.2f} s)",
         "met": s["recheck_cpu"] <= 1},
        {"key": "cold", "measure": "`check claims` ÷ bare imports (cold start)", "target": "≤ 2×",
         "value": f"{cold['ratio_cpu']:.1f}× CPU ({cold['check_cpu']:.2f} s ÷ {cold['imports_cpu']:.2f} s); "
                  f"wall {cold['ratio_wall']:.1f}×", "met": cold["ratio_cpu"] <= 2},
    ]
    if warm.get("available"):
        rows.append({"key": "warm", "measure": "warm single-article re-check, bundled ledger", "target": "≤ 50 ms",
                     "value": f"{warm['cpu'] * 1000:.0f} CPU-ms (wall {warm['wall'] * 1000:.0f} ms, median of {warm['runs']})",
                     "met": warm["cpu"] <= 0.05})
    else:
        rows.append({"key": "warm", "measure": "warm single-article re-check, bundled ledger", "target": "≤ 50 ms",
                     "value": "not available (no warm-session API in ledger/session.py)", "met": None})
    return rows


def print_sizes_markdown(sizes: list[int], summaries: dict[int, dict]) -> None:
    """The per-size figures again, as a Markdown table for docs/performance.md."""
    print("\n| articles | claims | MB | floor CPU-s | " + " | ".join(PHASES) + " | check CPU-s | ÷ floor (CPU) "
          "| check wall s | ÷ floor (wall) | peak MiB | re-check CPU-s | recall | unplanned |")
    print("|" + "---:|" * (12 + len(PHASES)))
    for size in sizes:
        s = summaries[size]
        print(f"| {size:,} | {s['claims']:,} | {s['mb']:.1f} | {s['floor_cpu']:.2f} | "
              + " | ".join(f"{s['timings'].get(k, 0):.2f}" for k in PHASES)
              + f" | {s['check_cpu']:.2f} | {s['ratio_cpu']:.1f} | {s['check_wall']:.1f} | {s['ratio_wall']:.1f} "
              f"| {s['rss_peak']:,.0f} | {s['recheck_cpu']:.2f} | {s['recall']:.3f} | {s['unplanned']:,} |")


def print_targets(rows: list[dict]) -> None:
    print("\n| measure | target (DESIGN §8) | measured | status |\n|---|---|---|---|")
    for r in rows:
        status = "not available" if r["met"] is None else "met" if r["met"] else "**missed**"
        print(f"| {r['measure']} | {r['target']} | {r['value']} | {status} |")


def top(title: str, lines) -> None:
    print(f"  {title}")
    for line in lines:
        print(f"    {line}")


def show_profile(result: dict, rows: int) -> None:
    """Top functions by own time, then by cumulative time without the frames that merely wrap
    the whole run (run_check, the engine's context manager)."""
    for key in ("tottime", "cumulative"):
        lines = result.get("profile", {}).get(key, "").splitlines()
        if len(lines) < 2:
            continue
        body = lines[1:]
        if key == "cumulative":
            cum = [float(line.split()[3]) for line in body if len(line.split()) > 5]
            body = [line for line, c in zip(body, cum) if c < 0.9 * max(cum)]
        top(f"cProfile, by {key}:", [lines[0], *body[:rows]])


def slowest(timings: dict, rows: int) -> list[str]:
    items = sorted(((v, k) for k, v in timings.items() if k not in ("rules", "cache_hits", "cache_misses")), reverse=True)
    total = sum(v for v, _ in items) or 1
    return [f"{k:<10} {v:8.2f} CPU-s {100 * v / total:5.1f} %" for v, k in items[:rows]]


def importtime(rows: int) -> list[str]:
    """The slowest imports of `factledger check claims` (python -X importtime, cumulative)."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "ledger", "check", "claims"], cwd=ROOT,
                          capture_output=True, text=True)
    found: dict[str, int] = {}  # a package (or one of our modules) -> its largest cumulative time
    for line in done.stderr.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \|\s*(\S+)", line)
        if m:
            name = m.group(2) if m.group(2).startswith("ledger.") else m.group(2).split(".")[0]
            found[name] = max(found.get(name, 0), int(m.group(1)))
    return [f"{us / 1000:7.1f} ms  {name}" for name, us in sorted(found.items(), key=lambda x: -x[1])[:rows]]


def explain(rows: list[dict], sizes: list[int], results: dict[int, dict], summaries: dict[int, dict],
            work: Path, depth: int) -> None:
    """For each target missed: the top of its profile. Profiled runs are extra runs at the
    smallest size (a profiler slows the run it watches, so never the measured one)."""
    missed = [r for r in rows if r["met"] is False]
    if not missed:
        return
    small = min(sizes)
    at = TARGET_SIZE if TARGET_SIZE in summaries else max(sizes)
    ledger = Path(results[small]["ledger"])
    print("\nwhat holds the missed targets back")
    for r in missed:
        print(f"\n* {r['measure']} — {r['value']}")
        if r["key"] == "check":
            top(f"phases and rules at {at} (CPU-s, median of the pairs):", slowest(summaries[at]["timings"], depth))
            show_profile(child("check", str(ledger), "--profile", str(depth)), depth)
            print(f"  (profiled run: {small} articles)")
        elif r["key"] == "memory":
            s = results[at]["pairs"][0]["check"]
            print(f"  RSS after imports {s['rss_imported_mib']:.0f} MiB, when the check returns {s['rss_after_mib']:.0f} MiB, "
                  f"after dropping the Report (and the ledger it keeps) {s['rss_released_mib']:.0f} MiB, peak {s['rss_peak_mib']:.0f} MiB")
            m = child("check", str(ledger), "--memory", str(depth))
            top(f"held when the check returns, {small} articles (tracemalloc; traced peak {m['traced_peak_mib']:.0f} MiB):",
                m["memory_top"])
        elif r["key"] == "recheck":
            top(f"phases of the re-check at {at} (CPU-s):", slowest(results[at]["recheck"]["timings"], depth))
            small_copy = Path(results[small]["copy"])
            from checkrun import edit_value

            victim = small_copy / results[small]["edited"]
            victim.write_text(edit_value(victim.read_text(encoding="utf-8"), 1), encoding="utf-8")
            show_profile(child("check", str(small_copy), "--cache", results[small]["cache"], "--profile", str(depth)), depth)
            print(f"  (profiled re-check: {small} articles)")
        elif r["key"] == "cold":
            top("slowest imports of `factledger check claims` (cumulative):", importtime(depth))
        elif r["key"] == "warm":
            show_profile(warm_session(work, 5, depth), depth)


def fits(size: int, summaries: dict[int, dict]) -> bool:
    """Whether a check of `size` articles should fit in memory: the largest measured size's peak
    scaled linearly, against MemAvailable."""
    if not summaries:
        return True
    known = max(summaries)
    need = summaries[known]["rss_peak"] * size / known
    try:
        avail = int(re.search(r"MemAvailable:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) / 1024
    except (OSError, AttributeError):
        return True
    if need > 0.8 * avail:
        print(f"{size:>8} skipped: a linear estimate of its peak, {need:.0f} MiB, exceeds 80 % of the "
              f"{avail:.0f} MiB available", flush=True)
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="articles per ledger")
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "factledger-bench",
                        help="where the generated ledgers are (made when missing; never edited)")
    parser.add_argument("--runs", type=int, default=3, help="(floor, check) pairs below 10k articles")
    parser.add_argument("--runs-large", type=int, default=1, help="pairs at 10k articles and more")
    parser.add_argument("--cold-runs", type=int, default=5, help="(imports, check claims) pairs")
    parser.add_argument("--warm-runs", type=int, default=20, help="single-article re-checks in the warm session")
    parser.add_argument("--top", type=int, default=12, help="rows of each profile shown for a missed target")
    parser.add_argument("--verify", choices=["small", "all", "none"], default="small",
                        help="compare the re-check's findings with a cold check (costs a check): below 10k, all, none")
    parser.add_argument("--json", type=Path, help="also write every measurement to this file")
    parser.add_argument("--quick", action="store_true", help="100 articles, one pair, short profiles (CI)")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.runs, args.cold_runs, args.warm_runs, args.top = [100], 1, 2, 3, 5
    sizes = sorted(set(args.sizes))
    results: dict[int, dict] = {}
    summaries: dict[int, dict] = {}
    with tempfile.TemporaryDirectory(prefix="factledger-bench-") as tmp:
        work = Path(tmp)
        print("CPU seconds unless marked wall; ratios are medians of per-pair ratios\n" + HEAD, flush=True)
        for size in sizes:
            if not fits(size, summaries):
                continue
            runs = args.runs_large if size >= TARGET_SIZE else args.runs
            verify = args.verify == "all" or (args.verify == "small" and size < TARGET_SIZE)
            results[size] = bench_size(size, args.data, runs, work, verify)
            summaries[size] = summary(results[size])
            print_size(size, summaries[size], results[size])
        if not summaries:
            return 1
        sizes = sorted(summaries)
        growth(sizes, summaries)
        cold = cold_start(args.cold_runs)
        warm = warm_session(work, args.warm_runs)
        rows = targets(sizes, summaries, cold, warm)
        print_sizes_markdown(sizes, summaries)
        print_targets(rows)
        explain(rows, sizes, results, summaries, work, args.top)
        if args.json:
            args.json.write_text(json.dumps({"results": results, "summaries": summaries, "cold": cold, "warm": warm,
                                             "targets": rows}, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
