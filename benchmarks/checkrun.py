"""One measurement of benchmarks/check.py, in a fresh interpreter; prints one JSON object.

    python benchmarks/checkrun.py floor LEDGER
    python benchmarks/checkrun.py check LEDGER [--cache FILE] [--profile N] [--memory N]
    python benchmarks/checkrun.py warm LEDGER [--runs N] [--profile N]

`cpu` is time.process_time() of this process around the measured work only (DuckDB's threads
included; interpreter start and imports are the cold-start measurement's business); `wall` is
perf_counter over the same span; `cpu_total` is getrusage(RUSAGE_SELF) user + system time of
the whole process; `rss_peak_mib` its ru_maxrss. Phase and rule timings are the engine's
Report.timings with its lap clock pointed at process_time, so they are CPU seconds too.
`--profile N` adds the top N functions of cProfile (by own time and by cumulative time) and
`--memory N` the top N lines holding memory when the check returns (tracemalloc): both slow the
run, so check.py asks for them in extra runs, never in a measured one.
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import hashlib
import io
import json
import os
import pstats
import re
import resource
import statistics
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rss_mib() -> float:
    """Resident memory now (not the peak), from /proc; 0 where there is no /proc."""
    try:
        return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


def cpu_clock(*modules) -> None:
    """Point each module's `time.perf_counter` (the engine's lap clock) at process_time."""
    for module in modules:
        if isinstance(getattr(module, "time", None), types.ModuleType):
            shim = types.SimpleNamespace(**{k: getattr(time, k) for k in dir(time) if not k.startswith("__")})
            shim.perf_counter = time.process_time
            module.time = shim


class Measured:
    """CPU and wall seconds of the block, optionally under cProfile."""

    def __init__(self, profile: int = 0) -> None:
        self.profiler = cProfile.Profile() if profile else None
        self.top = profile

    def __enter__(self) -> Measured:
        self.cpu, self.wall = time.process_time(), time.perf_counter()
        if self.profiler:
            self.profiler.enable()
        return self

    def __exit__(self, *exc) -> None:
        if self.profiler:
            self.profiler.disable()
        self.cpu, self.wall = time.process_time() - self.cpu, time.perf_counter() - self.wall

    def profile(self) -> dict[str, str]:
        if not self.profiler:
            return {}
        out = {}
        for key in ("tottime", "cumulative"):
            text = io.StringIO()
            pstats.Stats(self.profiler, stream=text).strip_dirs().sort_stats(key).print_stats(self.top)
            body = text.getvalue()
            out[key] = body[body.find("ncalls"):].rstrip() if "ncalls" in body else body.strip()
        return out


def floor(ledger: Path) -> dict:
    """DESIGN §8's floor: yaml.compose with the C loader over every YAML file, cyclic GC off."""
    import yaml

    files = sorted(ledger.rglob("*.yaml"))
    gc.disable()
    size = 0
    with Measured() as m:
        for p in files:
            text = p.read_text(encoding="utf-8")
            size += len(text)
            try:
                yaml.compose(text, Loader=yaml.CSafeLoader)
            except yaml.YAMLError:  # the planted L101 files
                pass
    return {"cpu": m.cpu, "wall": m.wall, "mb": size / 1e6, "files": len(files)}


def digest(findings) -> str:
    """One hash of every finding's identity: equal reports, equal digests."""
    rows = sorted(f"{f.rule}|{f.message}|{Path(f.file).name}|{f.line}|{f.col}|{f.item_id}" for f in findings)
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16]


def check(ledger: Path, cache: Path | None, profile: int, memory: int) -> dict:
    import ledger.engine as engine

    cpu_clock(engine, session_api())  # the engine's phases, or the session's it runs on
    rss_imported = rss_mib()
    if memory:
        import tracemalloc

        tracemalloc.start()
    with Measured(profile) as m:
        report = engine.run_check([ledger], engine.Options(cache=cache))
    result = {"cpu": m.cpu, "wall": m.wall, "timings": report.timings, "claims": report.claims,
              "articles": report.articles, "files": report.files, "findings": len(report.findings),
              "digest": digest(report.findings),
              "found": sorted({(f.rule, Path(f.file).name) for f in report.findings}), "profile": m.profile(),
              "rss_imported_mib": rss_imported, "rss_after_mib": rss_mib()}
    if memory:
        snapshot = tracemalloc.take_snapshot()
        result["traced_peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        result["memory_top"] = [f"{s.size / 2**20:8.1f} MiB {s.count:>9} blocks  {s.traceback}"
                                for s in snapshot.statistics("lineno")[:memory]]
    del report
    gc.collect()
    try:  # hand freed heap back to the system, so RSS shows what the Report (and its ledger) held
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
    result["rss_released_mib"] = rss_mib()
    return result


def edit_value(text: str, flip: int = 0) -> str:
    """The edit an editor makes: the first claim's value gets another leading digit (`flip`
    alternates it, so each of a run of edits changes the file)."""
    def bump(match: re.Match) -> str:
        digit = int(match.group(2))
        return match.group(1) + str((digit + 1 + flip) % 9 + 1)

    return re.sub(r'(\n\s+value: "?[^\d\n]*)(\d)', bump, text, count=1)


def session_api():
    """ledger/session.py's warm session (issue 15, item 6): `Session.open(paths)` checks once,
    `update({path: text})` re-checks after an edit. None before it lands."""
    try:
        from ledger import session
    except ImportError:
        return None
    api = getattr(session, "Session", None)
    return session if api is not None and hasattr(api, "open") and hasattr(api, "update") else None


def warm(ledger: Path, runs: int, profile: int) -> dict:
    """Open a warm session on `ledger`, then re-check one article `runs` times, each time after
    an edit of one claim's value given as the editor's unsaved text (what the language server
    passes); the median of the re-checks."""
    session = session_api()
    if session is None:
        return {"available": False}
    import ledger.engine as engine

    cpu_clock(engine, session)
    article = next(p for p in sorted(ledger.glob("*.yaml")) if p.name != "vocab.yaml"
                   and "value:" in p.read_text(encoding="utf-8"))
    original = article.read_text(encoding="utf-8")
    with Measured() as first:
        warm_session = session.Session.open([ledger])
    cpus, walls = [], []
    with Measured(profile) as profiled:
        for i in range(runs):
            text = edit_value(original, i % 2)
            with Measured() as m:
                report = warm_session.update({article: text})
            cpus.append(m.cpu)
            walls.append(m.wall)
    warm_session.close()
    return {"available": True, "open_cpu": first.cpu, "cpu": statistics.median(cpus),
            "wall": statistics.median(walls), "runs": runs, "file": article.name,
            "findings": len(report.findings), "timings": getattr(report, "timings", {}),
            "profile": profiled.profile()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["floor", "check", "warm"])
    parser.add_argument("ledger", type=Path)
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    parser.add_argument("--memory", type=int, default=0, metavar="N")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)
    if args.what == "floor":
        result = floor(args.ledger)
    elif args.what == "check":
        result = check(args.ledger, args.cache, args.profile, args.memory)
    else:
        result = warm(args.ledger, args.runs, args.profile)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result["cpu_total"] = usage.ru_utime + usage.ru_stime
    result["rss_peak_mib"] = usage.ru_maxrss / 1024
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
