# PYTHON_ARGCOMPLETE_OK  (argcomplete: shell completion when it is installed; docs/editors.md)
"""The `factledger` command: a thin layer over the library. Exit codes: 0 clean, 1 findings at or
above --fail-on, 2 usage error, unreadable input, an output we may not write, or a rule that broke
or ran out of time, 3 internal error (a bug: one line, the traceback with --debug)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import schema
from .finding import SEVERITIES, severity_rank
from .output import emit

DEFAULT_LEDGER = Path("claims")


class UsageError(Exception):
    pass


def _ledger_paths(paths: list[str], config=None) -> list[Path]:
    from_config = not paths and config is not None and config.paths
    chosen = [Path(p) for p in paths] or (config.paths if from_config else [DEFAULT_LEDGER])
    for p in chosen:
        if not p.exists():
            where = f" (`paths` in {config.source})" if from_config else ""
            raise UsageError(f"{p}: no such file or folder{where} (give the ledger folder, e.g. `factledger check claims`)")
        if _leaves_working_tree(p):
            raise UsageError(f"{p}: a symlink that leaves the current folder: refused (name the real folder)")
    return chosen


def _leaves_working_tree(path: Path) -> bool:
    """A path under the working directory that is really a symlink to elsewhere (a pull request
    can make `claims` point at the runner's home); naming an outside path is fine."""
    import os

    here = Path.cwd().resolve()
    return Path(os.path.abspath(path)).is_relative_to(here) and not Path(path).resolve().is_relative_to(here)


def _config():
    from .config import load

    return load(Path.cwd())


PATHS_HELP = "ledger folders or files (default: `paths` in the configuration, else claims)"


def _paths_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help=PATHS_HELP)


def _output_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output-file", type=Path, metavar="FILE",
                        help="write the output to FILE (atomically: replaced whole, never half-written) instead of standard output")


def _rule_options(parser: argparse.ArgumentParser) -> None:
    _paths_option(parser)
    _selection_options(parser)


def _selection_options(parser: argparse.ArgumentParser) -> None:
    """The flags that choose and tune the rules; every command that opens the ledger takes them."""
    parser.add_argument("--select", action="append", default=[], metavar="ID",
                        help="also run only these rules (ID or prefix: Q, Q2, Q203); repeatable, comma-separated; "
                             "extends `select` in the configuration, does not replace it")
    parser.add_argument("--ignore", action="append", default=[], metavar="ID",
                        help="skip these rules too; extends `ignore` in the configuration, does not replace it")
    parser.add_argument("--checks", action="append", default=[], metavar="DIR", type=Path,
                        help="a folder of your own rules, added to the built-in ones")
    parser.add_argument("--tolerance", type=_fraction, metavar="FRACTION",
                        help="hedge tolerance: 'about x' is at least x ± this fraction (default 0.05)")
    parser.add_argument("--allow-python-rules", action="store_true",
                        help="run the Python rules of the `checks` folders named in the configuration "
                             f"(also: {PYTHON_RULES_ENV}=1); they are code from the repository")
    parser.add_argument("--rule-timeout", type=_seconds, metavar="SECONDS",
                        help="stop a rule after this long and fail the check (default 300; 0: no limit)")
    parser.add_argument("--check-timeout", type=_seconds, metavar="SECONDS",
                        help="time limit for all rules together (default 1800; 0: no limit)")


PYTHON_RULES_ENV = "FACTLEDGER_ALLOW_PYTHON_RULES"


def _seconds(text: str) -> float:
    import math

    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value >= 0):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds (0 for no limit)")
    return value


def _fraction(text: str) -> float:
    """--tolerance: a fraction strictly between 0 and 1, as the configuration file requires."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value < 1:  # also refuses nan and inf
        raise argparse.ArgumentTypeError(f"the hedge tolerance is a number between 0 and 1 such as 0.05 (got {text!r})")
    return value


def _split(values: list[str]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _options(args, config):
    """Engine options: command-line flags win over the configuration file; --select and --ignore
    extend its lists (like `extend-select` elsewhere), so a flag never silently drops a configured
    rule. One function for every command, so `sql`, `dupes` and `rules` read the configuration as
    `check` does."""
    from .engine import Options

    tolerance = getattr(args, "tolerance", None)
    tolerance = tolerance if tolerance is not None else config.tolerance
    extra = {} if tolerance is None else {"tolerance": tolerance}
    for name in ("rule_timeout", "check_timeout"):
        value = getattr(args, name, None)
        value = value if value is not None else getattr(config, name, None)
        if value is not None:
            extra[name] = value
    if not getattr(args, "checks", []) and config.checks:
        _refuse_config_python(args, config)
    if config.rewrite_window is not None:
        extra["rewrite_window"] = config.rewrite_window
    select = list(dict.fromkeys([*config.select, *_split(getattr(args, "select", []))]))
    ignore = list(dict.fromkeys([*config.ignore, *_split(getattr(args, "ignore", []))]))
    return Options(select=select, ignore=ignore,
                   rule_dirs=getattr(args, "checks", []) or config.checks, severities=config.severity,
                   hedge_tolerance=dict(config.hedge_tolerance),
                   cache=getattr(args, "cache", None), sandbox=not getattr(args, "allow_file_access", False),
                   **extra)


def _session(args, paths: list[str], db=None, **kw):
    """The checked ledger for a command: configuration, flags and paths resolved one way."""
    from . import engine

    config = _config()
    return engine.open(_ledger_paths(paths, config), _options(args, config), db, **kw)


def _refuse_config_python(args, config) -> None:
    """A repository's configuration can name rule folders, but their Python is code from whoever
    wrote the pull request: it runs only when the person running the check says so."""
    import os

    from .config import ConfigError
    from .rules import python_rules

    if getattr(args, "allow_python_rules", False) or os.environ.get(PYTHON_RULES_ENV) == "1":
        return
    found = [p for folder in config.checks for p in python_rules(folder)]
    if found:
        shown = ", ".join(os.path.relpath(p) for p in found[:3]) + (", ..." if len(found) > 3 else "")
        raise ConfigError(f"{config.source}:{config.line_of('checks')}: `checks` names Python rules ({shown}); "
                          f"they run only when you allow them: --allow-python-rules or {PYTHON_RULES_ENV}=1 "
                          "(SQL rules run without it, sandboxed). See docs/security.md.")


def _broken_rules(report) -> int:
    """Exit 2 when a rule broke: the findings were printed, but the check is incomplete."""
    from .textsafe import clean

    for warning in report.warnings:
        sys.stderr.write(f"factledger: warning: {clean(warning)}\n")
    for failure in report.failures:
        sys.stderr.write(f"factledger: {clean(str(failure))}\n")
    if report.failures:
        sys.stderr.write(f"factledger: {len(report.failures)} rule{'s' if len(report.failures) != 1 else ''} "
                         "did not run to the end: the check is incomplete (exit 2)\n")
        return 2
    return 0


def _cache_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cache", nargs="?", type=Path, const=Path(".factledger/cache.duckdb"), metavar="FILE",
                        help="reuse the parse of unchanged files from this cache "
                             "(default file: .factledger/cache.duckdb)")


def cmd_check(args) -> int:
    import dataclasses

    from .changed import touching

    config = _config()
    # --changed: the PATHs are the changed files; the ledger is the configured (or default) one
    with _session(args, [] if args.changed else args.paths, args.db, duplicates=False) as run:
        report = run.report
    if args.changed:
        report = dataclasses.replace(report, findings=touching(report.findings, report.ledger, args.paths))
    emit(_check_output(args, report), args.output_file)
    if _broken_rules(report):
        return 2
    threshold = severity_rank(args.fail_on or config.fail_on or "error")
    return 1 if any(f.waiver is None and severity_rank(f.severity) >= threshold for f in report.findings) else 0


def _check_output(args, report) -> str:
    from . import colour, formats, statistics

    if args.statistics:
        render = statistics.as_json if args.format == "json" else statistics.text
        return render(report.findings, report.rules)
    out = _human(formats.render(args.format, report, formats.repository_root(Path.cwd())), args.format == "text")
    # colour only for people: the text format, on a terminal (never into a file), unless NO_COLOR
    if args.format == "text" and args.output_file is None and colour.wanted(args.color, sys.stdout):
        out = colour.findings_text(out)
    return out


def cmd_build(args) -> int:
    from .formats.text import summary_line

    with _session(args, args.paths, args.db) as run:
        report = run.report
    sys.stderr.write(f"wrote {args.db}: " + summary_line(report.findings, report.files, report.articles, report.claims) + "\n")
    return _broken_rules(report)


def cmd_report(args) -> int:
    from .formats.text import summary_line
    from .report import ReportDirError, html_report

    config = _config()
    try:
        report, _ = html_report(_ledger_paths(args.paths, config), args.html, _options(args, config), db_path=args.db)
    except ReportDirError as exc:
        raise UsageError(str(exc)) from None
    sys.stderr.write(f"wrote {args.html / 'index.html'}: "
                     + summary_line(report.findings, report.files, report.articles, report.claims) + "\n")
    return _broken_rules(report)


def cmd_export(args) -> int:
    from .export import export_parquet
    from .formats.text import summary_line

    config = _config()
    report = export_parquet(_ledger_paths(args.paths, config), args.parquet, _options(args, config))
    sys.stderr.write(f"wrote {args.parquet}/: " + summary_line(report.findings, report.files, report.articles, report.claims) + "\n")
    return _broken_rules(report)


def cmd_sql(args) -> int:
    import duckdb

    from .tables import RESULT_FORMATS

    query = _read_query(args)
    if args.db is not None:
        if not args.db.exists():
            raise UsageError(f"{args.db}: no such database (run `factledger build --db {args.db}` first)")
        config = {} if args.allow_file_access else {"enable_external_access": False, "lock_configuration": True}
        try:
            con = duckdb.connect(str(args.db), read_only=True, config=config)
        except duckdb.Error as exc:
            raise UsageError(f"{args.db}: cannot open it as a DuckDB database ({str(exc).splitlines()[0]}); "
                             f"`factledger build --db FILE` writes one") from None
        return _query(con, query, RESULT_FORMATS[args.format], args.format == "table", args.output_file)
    # no database named: check the ledger in memory (the findings table too), then query it; the
    # session locks the database (no file access) unless --allow-file-access
    with _session(args, args.paths) as run:
        code = _query(run.db, query, RESULT_FORMATS[args.format], args.format == "table", args.output_file)
        problems = run.report.problems
    return _skipped("sql", problems) or code


def _skipped(command: str, problems) -> int:
    """Report what `sql` or `dupes` could not load (it is missing from their answer): exit 2,
    never a silent 0 over a partial ledger."""
    if not problems:
        return 0
    from .textsafe import clean

    problems = sorted(problems, key=lambda f: (f.file, f.line, f.col))
    sys.stderr.write(f"factledger {command}: {len(problems)} problem{'s' if len(problems) != 1 else ''} in the ledger; "
                     "the answer leaves out what could not be loaded:\n")
    for f in problems[:20]:
        sys.stderr.write(f"  {clean(f.file)}:{f.line}:{f.col}  {f.rule}  {clean(f.message)}\n")
    if len(problems) > 20:
        sys.stderr.write(f"  … and {len(problems) - 20} more: `factledger check` lists them all\n")
    return 2


def _read_query(args) -> str:
    """The query from the argument, `--file Q.sql`, or standard input (`-` for either)."""
    if args.file is not None and args.query is not None:
        # `sql --file Q.sql claims`: with the query in a file, the first positional is a path
        args.paths.insert(0, args.query)
        args.query = None
    if args.ledger is not None:
        args.paths.append(args.ledger)
    if (args.query is None) == (args.file is None):
        raise UsageError('give one query: factledger sql "SELECT ...", --file Q.sql, or - to read standard input')
    if args.query == "-" or args.file == "-":
        return sys.stdin.read()
    if args.file is not None:
        try:
            return Path(args.file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"{args.file}: cannot read the query ({getattr(exc, 'strerror', None) or exc})") from None
    return args.query


def cmd_review(args) -> int:
    from . import colour
    from .review import ReviewError, article_review
    from .review_render import render

    try:
        with _session(args, args.paths) as run:
            result = article_review(run, args.article_id)
    except ReviewError as exc:
        raise UsageError(str(exc)) from None
    from .textsafe import neutralize

    color = colour.wanted(args.color, sys.stdout)
    sys.stdout.write(neutralize(render(result, width=args.width, color=color), colours=color))
    return 0


def _query(con, query: str, render, human: bool, output_file: Path | None = None) -> int:
    import duckdb

    try:
        cursor = con.execute(query)
        if cursor.description is None:
            return 0
        names = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    except duckdb.Error as exc:
        hint = ("factledger sql: reading and writing files is off by default; --allow-file-access "
                "lets a query read your own files\n" if isinstance(exc, duckdb.PermissionException) else "")
        sys.stderr.write(_human(f"factledger sql: {exc}\n") + hint)
        return 2
    emit(_human(render(names, rows), human and output_file is None), output_file)
    return 0


def _human(text: str, human: bool = True) -> str:
    """Text for people: no line of it can be read as a CI workflow command (machine formats are
    data, for files, and left as they are)."""
    from .textsafe import neutralize

    return neutralize(text) if human else text


def cmd_dupes(args) -> int:
    from .duplicates import clusters
    from .tables import RESULT_FORMATS

    with _session(args, args.paths, check=False) as run:
        names, rows = clusters(run.db)
        problems = run.report.problems
    emit(_human(RESULT_FORMATS[args.format](names, rows), args.format == "table" and args.output_file is None),
         args.output_file)
    return _skipped("dupes", problems)


def cmd_schema(args) -> int:
    if args.json_schema:
        from . import jsonschema

        emit(jsonschema.render(), args.output_file)
        return 0
    from . import views

    out = []
    name, comment, cols = views.DISPLAY_TABLE
    for table, (comment, cols) in {**schema.TABLES, name: (comment, cols)}.items():
        out.append(f"{table}  -- {comment}\n")
        width = max(len(c[0]) for c in cols)
        for name, typ, text in cols:
            out.append(f"  {name.ljust(width)}  {typ:<9}  {text}\n")
        out.append("\n")
    for view, (comment, _) in views.VIEWS.items():
        out.append(f"{view}  (view) -- {comment}\n")
    emit("".join(out), args.output_file)
    return 0


def cmd_rules(args) -> int:
    from .engine import catalogue

    for rule in catalogue(_options(args, _config())).values():
        sys.stdout.write(_human(f"{rule.id}  {rule.slug:<28} {rule.severity:<8} {rule.summary}\n"))
    return 0


def cmd_rule(args) -> int:
    from .engine import catalogue, Options

    options = _options(args, _config())
    # one rule's doc: any rule the folders define, selected or not, at its configured severity
    rules = catalogue(Options(rule_dirs=options.rule_dirs, severities=options.severities))
    rule = rules.get(args.id.upper())
    if rule is None:
        raise UsageError(f"no rule {args.id!r}; `factledger rules` lists them")
    sys.stdout.write(_human(f"# {rule.id} {rule.slug}\n\nSeverity: {rule.severity}\n\n{rule.summary}\n\n{rule.doc}\n"))
    return 0


def cmd_extract(args) -> int:
    import json

    from .extract import extract

    if args.file == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"{args.file}: cannot read as UTF-8 text ({exc})") from None
    mentions = extract(text, args.decimal)
    if args.format == "json":
        out = json.dumps([m.as_dict() for m in mentions], ensure_ascii=False, indent=1) + "\n"
    else:
        lines = []
        for m in mentions:
            parts = [f"{m.start}-{m.end}", m.kind, repr(m.text), m.figure or "", m.unit or "", m.qualifier or ""]
            lines.append("  ".join(p for p in parts if p) + "\n")
        out = _human("".join(lines))
    emit(out, args.output_file)
    return 0


def cmd_new(args) -> int:
    from .draft import DraftError, write_draft

    try:
        target = write_draft(Path(args.textfile), article_id=args.id, outlet=args.outlet,
                             published=args.published, title=args.title, language=args.language)
    except DraftError as exc:
        raise UsageError(str(exc)) from None
    sys.stderr.write(f"wrote {target}: fill in subject and metric, then remove `draft: true`\n")
    return 0


def cmd_vocab(args) -> int:
    import json

    from . import vocab
    from .tables import RESULT_FORMATS

    with _session(args, args.paths, check=False) as run:
        found = vocab.entries(run.db)
    if args.kind:
        found = [e for e in found if e.kind == args.kind]
    if args.search:
        found = vocab.search(found, args.search)
    if args.unused:
        found = [e for e in found if e.uses == 0]
    if args.format == "json":
        rows = [{"kind": e.kind, "key": e.key, "label": e.label, "category": e.category, "unit": e.unit or None,
                 "aliases": e.aliases, "uses": e.uses, "file": e.file, "line": e.line} for e in found]
        emit(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", args.output_file)
        return 0
    names = ["kind", "key", "category", "unit", "uses", "label", "aliases", "where"]
    rows = [(e.kind, e.key, e.category, e.unit or None, e.uses, e.label, ", ".join(e.aliases) or None,
             f"{e.file}:{e.line}") for e in found]
    emit(RESULT_FORMATS["table"](names, rows), args.output_file)
    return 0


def _vocab_target(args, config) -> Path:
    if args.vocab is not None:
        return args.vocab
    root = _ledger_paths([], config)[0]
    return root / "vocab.yaml" if root.is_dir() else root.parent / "vocab.yaml"


def _add_to_vocab(args, proposals) -> int:
    from . import vocab
    from .vocabedit import VocabEditError, add

    config = _config()
    target = _vocab_target(args, config)
    # a key defined anywhere in the ledger (not only in this file) is already vocabulary
    with _session(args, [], check=False) as run:
        known = {(e.kind, e.key): e for e in vocab.entries(run.db)}
    kinds = {"entities": "entity", "metrics": "metric", "units": "unit"}
    fresh = []
    for p in proposals:
        there = known.get((kinds[p.section], p.key))
        if there is not None:
            sys.stderr.write(f"{kinds[p.section]} {p.key!r} is already in the vocabulary ({there.file}:{there.line})\n")
        else:
            fresh.append(p)
    try:
        added, _ = add(target, fresh)
    except VocabEditError as exc:
        raise UsageError(f"{target}: {exc}") from None
    for p in added:
        sys.stderr.write(f"added {kinds[p.section]} {p.key!r} to {target}\n")
    if not added:
        sys.stderr.write("nothing to add\n")
    return 0


def cmd_vocab_add(args) -> int:
    from .vocabedit import Proposal

    section = {"entity": "entities", "metric": "metrics", "unit": "units"}[args.what]
    data = {"key": args.key, "name": args.name, "kind": args.kind, "aliases": args.alias or None,
            "description": args.description, "unit": args.unit, "same_as": args.same_as,
            "definition": args.definition, "note": args.note}
    if section == "units":
        data = {"name": data.pop("key"), **{k: data[k] for k in ("same_as", "definition", "note")}}
    else:
        allowed = {"entities": ("key", "name", "kind", "aliases", "note"),
                   "metrics": ("key", "description", "kind", "unit", "note")}[section]
        extra = [k for k, v in data.items() if v is not None and k not in allowed]
        if extra:
            raise UsageError(f"a {args.what} has no {', '.join('--' + k.replace('_', '-') for k in extra)}")
        data = {k: data[k] for k in allowed}
    return _add_to_vocab(args, [Proposal(section, {k: v for k, v in data.items() if v is not None})])


def cmd_vocab_accept(args) -> int:
    from .vocabedit import VocabEditError, proposals_in

    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{args.file}: cannot read ({exc})") from None
    target = _vocab_target(args, _config())
    try:
        proposals = proposals_in(text, include_plain=Path(args.file).resolve() != target.resolve())
    except VocabEditError as exc:
        raise UsageError(f"{args.file}: {exc}") from None
    if not proposals:
        raise UsageError(f"{args.file}: no proposed entries (an `entities:`, `metrics:` or `units:` section, "
                         "commented out or plain)")
    return _add_to_vocab(args, proposals)


def cmd_lsp(args) -> int:
    try:
        from .lsp.server import serve
    except ImportError as exc:
        raise UsageError(f"the language server needs pygls ({exc}): pip install 'factledger[lsp]'") from None
    serve(_version())
    return 0


def _check_formats() -> list[str]:
    from .formats import names

    return names()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="factledger", description="Claims fact-ledger and consistency checker.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument("--debug", action="store_true", help="on an internal error, print the traceback")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("check", help="validate the ledger and run the rules")
    _rule_options(p)
    p.add_argument("--format", choices=_check_formats(), default="text")
    p.add_argument("--fail-on", choices=SEVERITIES,
                   help="exit 1 when an unwaived finding is at least this severe (default: error, or `fail-on` in the config)")
    p.add_argument("--changed", action="store_true",
                   help="the PATHs are changed files (pre-commit): report only findings touching them, checking the whole configured ledger")
    p.add_argument("--db", type=Path, help="also keep the database at this path (written atomically)")
    _cache_option(p)
    _output_option(p)
    p.add_argument("--statistics", action="store_true",
                   help="print how many findings each rule produced instead of the findings (text, or json with --format json)")
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                   help="colour the text format: auto = on a terminal unless NO_COLOR is set")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("build", help="build the DuckDB database (atomically)")
    _rule_options(p)
    p.add_argument("--db", type=Path, default=Path("ledger.duckdb"), help="database file (default: ledger.duckdb)")
    _cache_option(p)
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("report", help="write a static HTML review site (articles, highlighted quotes, findings)")
    _rule_options(p)
    p.add_argument("--html", type=Path, required=True, metavar="DIR",
                   help="folder to write the site to (replaced atomically; only an earlier report is ever replaced)")
    p.add_argument("--db", type=Path, help="also keep the database at this path (written atomically)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("export", help="write every table as Parquet (atomically), for other engines")
    _rule_options(p)
    p.add_argument("--parquet", type=Path, required=True, metavar="DIR", help="folder of <table>.parquet files")
    _cache_option(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("sql", help="run a SQL query on the ledger database")
    p.add_argument("query", nargs="?", help="the SQL, or - to read it from standard input")
    p.add_argument("--file", metavar="Q.sql", help="read the query from this file (- for standard input)")
    p.add_argument("--db", type=Path, help="query this database file (default: build the ledger in memory)")
    p.add_argument("paths", nargs="*", metavar="PATH", help=PATHS_HELP + "; used when no --db is given")
    p.add_argument("--ledger", help=argparse.SUPPRESS)  # before PATH was positional: same as one PATH
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    _output_option(p)
    _selection_options(p)
    p.add_argument("--allow-file-access", action="store_true",
                   help="let the query (and this run's rules) read and write files (read_csv, COPY, ATTACH): off by default")
    p.set_defaults(func=cmd_sql)

    p = sub.add_parser("dupes", help="list clusters of duplicate articles (copies and rewrites)")
    _paths_option(p)
    p.add_argument("--format", choices=["table", "json"], default="table")
    _output_option(p)
    p.set_defaults(func=cmd_dupes)

    p = sub.add_parser("review", help="one article in depth: claims, intervals, findings, other outlets")
    p.add_argument("article_id", metavar="ARTICLE_ID")
    _rule_options(p)
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                   help="colour: auto = on a terminal unless NO_COLOR is set")
    p.add_argument("--width", type=int, default=80, help="wrap to this many columns (default 80)")
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("schema", help="print the database schema with comments (or the ledger files' JSON Schema)")
    p.add_argument("--json-schema", action="store_true",
                   help="print the JSON Schema of the ledger's YAML files instead (for YAML editors; docs/editors.md)")
    _output_option(p)
    p.set_defaults(func=cmd_schema)

    for name, func, helptext in (("rules", cmd_rules, "list the rules"), ("rule", cmd_rule, "print a rule's doc")):
        p = sub.add_parser(name, help=helptext)
        if name == "rule":
            p.add_argument("id", metavar="ID")
            p.add_argument("--checks", action="append", default=[], metavar="DIR", type=Path,
                           help="a folder of your own rules, added to the built-in ones")
            p.add_argument("--allow-python-rules", action="store_true",
                           help=f"import the configured folders' Python rules (also: {PYTHON_RULES_ENV}=1)")
        else:
            _selection_options(p)
        p.set_defaults(func=func)

    p = sub.add_parser("extract", help="list every numeric mention in a text")
    p.add_argument("file", metavar="FILE", help="a UTF-8 text file, or - for standard input")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--decimal", choices=[".", ","], default=".",
                   help="decimal mark the text prints: ',' reads 2.415,5 as 2415.5 (default '.')")
    _output_option(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("vocab", help="list and search the vocabulary: entities, metrics, units, with aliases and uses")
    _paths_option(p)
    p.add_argument("-s", "--search", metavar="WORDS", help="only entries whose key, name, description or aliases match")
    p.add_argument("--kind", choices=["entity", "metric", "unit"])
    p.add_argument("--unused", action="store_true", help="only entries no claim uses")
    p.add_argument("--format", choices=["table", "json"], default="table")
    _output_option(p)
    p.set_defaults(func=cmd_vocab)

    vocab_file = {"type": Path, "metavar": "FILE",
                  "help": "vocabulary file to add to (default: vocab.yaml in the configured ledger folder, else claims/)"}
    p = sub.add_parser("vocab-add", help="add an entity, metric or unit to vocab.yaml (comments and order kept)")
    p.add_argument("what", choices=["entity", "metric", "unit"])
    p.add_argument("key", metavar="KEY", help="the entity or metric key, or the unit name")
    p.add_argument("--name", help="entity: display name")
    p.add_argument("--kind", help="entity: organisation, country ...; metric: level, rate, share ...")
    p.add_argument("--alias", action="append", help="entity: another name (repeatable)")
    p.add_argument("--description", help="metric: what is measured")
    p.add_argument("--unit", help="metric: its reference unit")
    p.add_argument("--same-as", help="unit: the unit this one is another name for")
    p.add_argument("--definition", help="unit: a pint definition")
    p.add_argument("--note")
    p.add_argument("--vocab", **vocab_file)
    p.set_defaults(func=cmd_vocab_add)

    p = sub.add_parser("vocab-accept", help="add a file's proposed vocabulary entries (commented or plain sections) to vocab.yaml")
    p.add_argument("file", metavar="FILE", help="a draft or any YAML file with entities:/metrics:/units: sections")
    p.add_argument("--vocab", **vocab_file)
    p.set_defaults(func=cmd_vocab_accept)

    p = sub.add_parser("lsp", help="run the language server on standard input/output (for editors; docs/editors.md)")
    p.set_defaults(func=cmd_lsp)

    p = sub.add_parser("new", help="start a claims file for an article text: a draft claim per figure")
    p.add_argument("textfile", metavar="TEXTFILE")
    p.add_argument("--id", help="article id (default: the text file's name, slugified)")
    p.add_argument("--outlet", help="publisher as printed")
    p.add_argument("--published", help="publication date: YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument("--title", help="title as printed (default: the text's first line)")
    p.add_argument("--language", help="the text's language (it, de, fr …): sets the article's number locale")
    p.set_defaults(func=cmd_new)
    for p in sub.choices.values():  # `factledger check --debug` as well as `factledger --debug check`
        p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return parser


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("factledger")
    except metadata.PackageNotFoundError:  # running from a source tree without installing
        return "unknown"


def _complete(parser: argparse.ArgumentParser) -> None:
    """Shell completion through argcomplete when it is installed (the `completion` extra); a no-op
    unless the shell's completion hook is asking."""
    try:
        import argcomplete
    except ImportError:
        return
    argcomplete.autocomplete(parser)


EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def main(argv: list[str] | None = None) -> int:
    from .config import ConfigError
    from .output import OutputError
    from .loader import LedgerInputError
    from .outdir import OutputDirError
    from .rules import RuleError
    from .textsafe import clean

    parser = build_parser()
    _complete(parser)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (UsageError, LedgerInputError, RuleError, ConfigError, OutputError, OutputDirError) as exc:
        sys.stderr.write(_human(f"factledger: {clean(str(exc))}\n"))
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_CLEAN
    except OSError as exc:
        if exc.filename is None:
            return _internal(exc, args.debug)
        # the machine said no (disk full, read-only folder, permissions): not a bug of ours
        sys.stderr.write(_human(f"factledger: {clean(str(exc.filename))}: {exc.strerror or exc}\n"))
        return EXIT_USAGE
    except Exception as exc:  # a bug: never pass for "findings" (1) or a usage error (2)
        duckdb = sys.modules.get("duckdb")  # loaded when the failing command used it
        if duckdb is not None and isinstance(exc, duckdb.IOException):
            # DuckDB could not read or write a file (disk full, permissions): the machine, not us
            sys.stderr.write(f"factledger: {str(exc).splitlines()[0]}\n")
            return EXIT_USAGE
        return _internal(exc, args.debug)


def _internal(exc: Exception, debug: bool) -> int:
    from .textsafe import clean

    if debug:
        import traceback

        traceback.print_exc()
    first = (str(exc).splitlines() or [""])[0]
    sys.stderr.write(f"factledger: internal error: {type(exc).__name__}: {clean(first)} "
                     f"(exit {EXIT_INTERNAL}; {'' if debug else 'rerun with --debug for the traceback, and '}"
                     "please report it)\n")
    return EXIT_INTERNAL
