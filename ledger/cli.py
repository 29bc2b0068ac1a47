"""The `factledger` command: a thin layer over the library. Exit codes: 0 clean, 1 findings at or
above --fail-on, 2 usage error, unreadable input or an output we may not write, 3 internal error
(a bug: one line, the traceback with --debug)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import schema
from .finding import SEVERITIES, severity_rank

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
    return chosen


def _config():
    from .config import load

    return load(Path.cwd())


def _rule_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="ledger folders or files (default: claims)")
    _selection_options(parser)


def _selection_options(parser: argparse.ArgumentParser) -> None:
    """The flags that choose and tune the rules; every command that opens the ledger takes them."""
    parser.add_argument("--select", action="append", default=[], metavar="ID",
                        help="only these rules (ID or prefix: Q, Q2, Q203); repeatable, comma-separated")
    parser.add_argument("--ignore", action="append", default=[], metavar="ID", help="skip these rules")
    parser.add_argument("--checks", action="append", default=[], metavar="DIR", type=Path,
                        help="a folder of your own rules, added to the built-in ones")
    parser.add_argument("--tolerance", type=_fraction, metavar="FRACTION",
                        help="hedge tolerance: 'about x' is at least x ± this fraction (default 0.05)")


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
    """Engine options: command-line flags win over the configuration file. One function for every
    command, so `sql`, `dupes` and `rules` read the configuration as `check` does."""
    from .engine import Options

    tolerance = getattr(args, "tolerance", None)
    tolerance = tolerance if tolerance is not None else config.tolerance
    extra = {} if tolerance is None else {"tolerance": tolerance}
    return Options(select=_split(getattr(args, "select", [])) or config.select,
                   ignore=_split(getattr(args, "ignore", [])) or config.ignore,
                   rule_dirs=getattr(args, "checks", []) or config.checks, severities=config.severity,
                   cache=getattr(args, "cache", None), **extra)


def _session(args, paths: list[str], db=None, **kw):
    """The checked ledger for a command: configuration, flags and paths resolved one way."""
    from . import engine

    config = _config()
    return engine.open(_ledger_paths(paths, config), _options(args, config), db, **kw)


def _cache_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cache", nargs="?", type=Path, const=Path(".factledger/cache.duckdb"), metavar="FILE",
                        help="reuse the parse of unchanged files from this cache "
                             "(default file: .factledger/cache.duckdb)")


def cmd_check(args) -> int:
    import dataclasses

    from . import formats
    from .changed import touching

    config = _config()
    # --changed: the PATHs are the changed files; the ledger is the configured (or default) one
    with _session(args, [] if args.changed else args.paths, args.db) as run:
        report = run.report
    if args.changed:
        report = dataclasses.replace(report, findings=touching(report.findings, report.ledger, args.paths))
    sys.stdout.write(formats.render(args.format, report, formats.repository_root(Path.cwd())))
    threshold = severity_rank(args.fail_on or config.fail_on or "error")
    return 1 if any(f.waiver is None and severity_rank(f.severity) >= threshold for f in report.findings) else 0


def cmd_build(args) -> int:
    from .formats.text import summary_line

    with _session(args, args.paths, args.db) as run:
        report = run.report
    sys.stderr.write(f"wrote {args.db}: " + summary_line(report.findings, report.files, report.articles, report.claims) + "\n")
    return 0


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
    return 0


def cmd_export(args) -> int:
    from .export import export_parquet
    from .formats.text import summary_line

    config = _config()
    report = export_parquet(_ledger_paths(args.paths, config), args.parquet, _options(args, config))
    sys.stderr.write(f"wrote {args.parquet}/: " + summary_line(report.findings, report.files, report.articles, report.claims) + "\n")
    return 0


def cmd_sql(args) -> int:
    import duckdb

    from .tables import RESULT_FORMATS

    query = _read_query(args)
    if args.db is not None:
        if not args.db.exists():
            raise UsageError(f"{args.db}: no such database (run `factledger build --db {args.db}` first)")
        con = duckdb.connect(str(args.db), read_only=True)
        return _query(con, query, RESULT_FORMATS[args.format])
    # no database named: check the ledger in memory (the findings table too), then query it
    with _session(args, [args.ledger] if args.ledger else []) as run:
        return _query(run.db, query, RESULT_FORMATS[args.format])


def _read_query(args) -> str:
    """The query from the argument, `--file Q.sql`, or standard input (`-` for either)."""
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
    import os

    from .review import ReviewError, article_review
    from .review_render import render

    try:
        with _session(args, args.paths) as run:
            result = article_review(run, args.article_id)
    except ReviewError as exc:
        raise UsageError(str(exc)) from None
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
    sys.stdout.write(render(result, width=args.width, color=color))
    return 0


def _query(con, query: str, render) -> int:
    import duckdb

    try:
        cursor = con.execute(query)
    except duckdb.Error as exc:
        sys.stderr.write(f"factledger sql: {exc}\n")
        return 2
    if cursor.description is None:
        return 0
    names = [d[0] for d in cursor.description]
    sys.stdout.write(render(names, cursor.fetchall()))
    return 0


def cmd_dupes(args) -> int:
    from .duplicates import clusters
    from .tables import RESULT_FORMATS

    with _session(args, args.paths, check=False) as run:
        names, rows = clusters(run.db)
    sys.stdout.write(RESULT_FORMATS[args.format](names, rows))
    return 0


def cmd_schema(args) -> int:
    for table, (comment, cols) in schema.TABLES.items():
        sys.stdout.write(f"{table}  -- {comment}\n")
        width = max(len(c[0]) for c in cols)
        for name, typ, text in cols:
            sys.stdout.write(f"  {name.ljust(width)}  {typ:<9}  {text}\n")
        sys.stdout.write("\n")
    return 0


def cmd_rules(args) -> int:
    from .engine import catalogue

    for rule in catalogue(_options(args, _config())).values():
        sys.stdout.write(f"{rule.id}  {rule.slug:<28} {rule.severity:<8} {rule.summary}\n")
    return 0


def cmd_rule(args) -> int:
    from .engine import catalogue, Options

    options = _options(args, _config())
    # one rule's doc: any rule the folders define, selected or not, at its configured severity
    rules = catalogue(Options(rule_dirs=options.rule_dirs, severities=options.severities))
    rule = rules.get(args.id.upper())
    if rule is None:
        raise UsageError(f"no rule {args.id!r}; `factledger rules` lists them")
    sys.stdout.write(f"# {rule.id} {rule.slug}\n\nSeverity: {rule.severity}\n\n{rule.summary}\n\n{rule.doc}\n")
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
    mentions = extract(text)
    if args.format == "json":
        sys.stdout.write(json.dumps([m.as_dict() for m in mentions], ensure_ascii=False, indent=1) + "\n")
    else:
        for m in mentions:
            parts = [f"{m.start}-{m.end}", m.kind, repr(m.text), m.figure or "", m.unit or "", m.qualifier or ""]
            sys.stdout.write("  ".join(p for p in parts if p) + "\n")
    return 0


def cmd_new(args) -> int:
    from .draft import DraftError, write_draft

    try:
        target = write_draft(Path(args.textfile), article_id=args.id, outlet=args.outlet,
                             published=args.published, title=args.title)
    except DraftError as exc:
        raise UsageError(str(exc)) from None
    sys.stderr.write(f"wrote {target}: fill in subject and metric, then remove `draft: true`\n")
    return 0


def _check_formats() -> list[str]:
    from .formats import names

    return names()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="factledger", description="Claims fact-ledger and consistency checker.")
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
    p.add_argument("--ledger", help="ledger folder when no --db is given (default: `paths` in the config, else claims)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    _selection_options(p)
    p.set_defaults(func=cmd_sql)

    p = sub.add_parser("dupes", help="list clusters of duplicate articles (copies and rewrites)")
    p.add_argument("paths", nargs="*", metavar="PATH", help="ledger folders or files (default: claims)")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=cmd_dupes)

    p = sub.add_parser("review", help="one article in depth: claims, intervals, findings, other outlets")
    p.add_argument("article_id", metavar="ARTICLE_ID")
    _rule_options(p)
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                   help="colour: auto = on a terminal unless NO_COLOR is set")
    p.add_argument("--width", type=int, default=80, help="wrap to this many columns (default 80)")
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("schema", help="print the database schema with comments")
    p.set_defaults(func=cmd_schema)

    for name, func, helptext in (("rules", cmd_rules, "list the rules"), ("rule", cmd_rule, "print a rule's doc")):
        p = sub.add_parser(name, help=helptext)
        if name == "rule":
            p.add_argument("id", metavar="ID")
            p.add_argument("--checks", action="append", default=[], metavar="DIR", type=Path,
                           help="a folder of your own rules, added to the built-in ones")
        else:
            _selection_options(p)
        p.set_defaults(func=func)

    p = sub.add_parser("extract", help="list every numeric mention in a text")
    p.add_argument("file", metavar="FILE", help="a UTF-8 text file, or - for standard input")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("new", help="start a claims file for an article text: a draft claim per figure")
    p.add_argument("textfile", metavar="TEXTFILE")
    p.add_argument("--id", help="article id (default: the text file's name, slugified)")
    p.add_argument("--outlet", help="publisher as printed")
    p.add_argument("--published", help="publication date: YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument("--title", help="title as printed (default: the text's first line)")
    p.set_defaults(func=cmd_new)
    for p in sub.choices.values():  # `factledger check --debug` as well as `factledger --debug check`
        p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return parser


EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def main(argv: list[str] | None = None) -> int:
    from .config import ConfigError
    from .loader import LedgerInputError
    from .outdir import OutputDirError
    from .rules import RuleError

    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (UsageError, LedgerInputError, RuleError, ConfigError, OutputDirError) as exc:
        sys.stderr.write(f"factledger: {exc}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_CLEAN
    except OSError as exc:
        if exc.filename is None:
            return _internal(exc, args.debug)
        # the machine said no (disk full, read-only folder, permissions): not a bug of ours
        sys.stderr.write(f"factledger: {exc.filename}: {exc.strerror or exc}\n")
        return EXIT_USAGE
    except Exception as exc:  # a bug: never pass for "findings" (1) or a usage error (2)
        return _internal(exc, args.debug)


def _internal(exc: Exception, debug: bool) -> int:
    if debug:
        import traceback

        traceback.print_exc()
    first = (str(exc).splitlines() or [""])[0]
    sys.stderr.write(f"factledger: internal error: {type(exc).__name__}: {first} "
                     f"(exit {EXIT_INTERNAL}; {'' if debug else 'rerun with --debug for the traceback, and '}"
                     "please report it)\n")
    return EXIT_INTERNAL
