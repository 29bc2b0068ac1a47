"""The `factledger` command: a thin layer over the library. Exit codes: 0 clean, 1 findings at or
above --fail-on, 2 usage error or unreadable input."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import schema
from .finding import SEVERITIES, severity_rank

DEFAULT_LEDGER = Path("claims")


class UsageError(Exception):
    pass


def _ledger_paths(paths: list[str]) -> list[Path]:
    chosen = [Path(p) for p in paths] or [DEFAULT_LEDGER]
    for p in chosen:
        if not p.exists():
            raise UsageError(f"{p}: no such file or folder (give the ledger folder, e.g. `factledger check claims`)")
    return chosen


def _rule_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="ledger folders or files (default: claims)")
    parser.add_argument("--select", action="append", default=[], metavar="ID",
                        help="only these rules (ID or prefix: Q, Q2, Q203); repeatable, comma-separated")
    parser.add_argument("--ignore", action="append", default=[], metavar="ID", help="skip these rules")
    parser.add_argument("--checks", action="append", default=[], metavar="DIR", type=Path,
                        help="a folder of your own rules, added to the built-in ones")


def _split(values: list[str]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _options(args):
    from .engine import Options

    return Options(select=_split(args.select), ignore=_split(args.ignore), rule_dirs=args.checks,
                   cache=getattr(args, "cache", None))


def _cache_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cache", nargs="?", type=Path, const=Path(".factledger/cache.duckdb"), metavar="FILE",
                        help="reuse the parse of unchanged files from this cache "
                             "(default file: .factledger/cache.duckdb)")


def cmd_check(args) -> int:
    from .engine import run_check
    from .formatters import FORMATS

    report = run_check(_ledger_paths(args.paths), _options(args), db_path=args.db)
    out = FORMATS[args.format](report.findings, report.files, report.articles, report.claims)
    sys.stdout.write(out)
    threshold = severity_rank(args.fail_on)
    return 1 if any(severity_rank(f.severity) >= threshold for f in report.findings) else 0


def cmd_build(args) -> int:
    from .engine import run_check
    from .formatters import summary_line

    report = run_check(_ledger_paths(args.paths), _options(args), db_path=args.db)
    sys.stderr.write(f"wrote {args.db}: " + summary_line(report.findings, report.files, report.articles, report.claims) + "\n")
    return 0


def cmd_export(args) -> int:
    from .export import export_parquet
    from .formatters import summary_line

    report = export_parquet(_ledger_paths(args.paths), args.parquet, _options(args))
    sys.stderr.write(f"wrote {args.parquet}/: " + summary_line(report.findings, report.files, report.articles, report.claims) + "\n")
    return 0


def cmd_sql(args) -> int:
    import duckdb

    from .tables import RESULT_FORMATS

    query = args.query
    if args.db is not None:
        if not args.db.exists():
            raise UsageError(f"{args.db}: no such database (run `factledger build --db {args.db}` first)")
        con = duckdb.connect(str(args.db), read_only=True)
        return _query(con, query, RESULT_FORMATS[args.format])
    from . import store
    from .engine import database
    from .loader import load_ledger
    from .resolve import resolve

    # no database named: build the ledger in memory, then query it
    resolved = resolve(load_ledger(_ledger_paths([args.ledger])))
    with database(None) as con:
        store.create(con, resolved.tables)
        return _query(con, query, RESULT_FORMATS[args.format])


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


def cmd_schema(args) -> int:
    for table, (comment, cols) in schema.TABLES.items():
        sys.stdout.write(f"{table}  -- {comment}\n")
        width = max(len(c[0]) for c in cols)
        for name, typ, text in cols:
            sys.stdout.write(f"  {name.ljust(width)}  {typ:<9}  {text}\n")
        sys.stdout.write("\n")
    return 0


def cmd_rules(args) -> int:
    from .rules import discover

    for rule in discover(args.checks).values():
        sys.stdout.write(f"{rule.id}  {rule.slug:<28} {rule.severity:<8} {rule.summary}\n")
    return 0


def cmd_rule(args) -> int:
    from .rules import discover

    rules = discover(args.checks)
    rule = rules.get(args.id.upper())
    if rule is None:
        raise UsageError(f"no rule {args.id!r}; `factledger rules` lists them")
    sys.stdout.write(f"# {rule.id} {rule.slug}\n\nSeverity: {rule.severity}\n\n{rule.summary}\n\n{rule.doc}\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="factledger", description="Claims fact-ledger and consistency checker.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("check", help="validate the ledger and run the rules")
    _rule_options(p)
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--fail-on", choices=SEVERITIES, default="error",
                   help="exit 1 when a finding is at least this severe (default: error)")
    p.add_argument("--db", type=Path, help="also keep the database at this path (written atomically)")
    _cache_option(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("build", help="build the DuckDB database (atomically)")
    _rule_options(p)
    p.add_argument("--db", type=Path, default=Path("ledger.duckdb"), help="database file (default: ledger.duckdb)")
    _cache_option(p)
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("export", help="write every table as Parquet (atomically), for other engines")
    _rule_options(p)
    p.add_argument("--parquet", type=Path, required=True, metavar="DIR", help="folder of <table>.parquet files")
    _cache_option(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("sql", help="run a SQL query on the ledger database")
    p.add_argument("query")
    p.add_argument("--db", type=Path, help="query this database file (default: build the ledger in memory)")
    p.add_argument("--ledger", default=str(DEFAULT_LEDGER), help="ledger folder when no --db is given")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(func=cmd_sql)

    p = sub.add_parser("schema", help="print the database schema with comments")
    p.set_defaults(func=cmd_schema)

    for name, func, helptext in (("rules", cmd_rules, "list the rules"), ("rule", cmd_rule, "print a rule's doc")):
        p = sub.add_parser(name, help=helptext)
        if name == "rule":
            p.add_argument("id", metavar="ID")
        p.add_argument("--checks", action="append", default=[], metavar="DIR", type=Path)
        p.set_defaults(func=func)
    return parser


def main(argv: list[str] | None = None) -> int:
    from .loader import LedgerInputError
    from .rules import RuleError

    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (UsageError, LedgerInputError, RuleError) as exc:
        sys.stderr.write(f"factledger: {exc}\n")
        return 2
    except BrokenPipeError:
        return 0
