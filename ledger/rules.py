"""Rule discovery. A rule is one file in a checks folder, named `<ID>_<slug>.sql` or `.py`:

* `.sql`: a leading `/* ... */` block with `id:`, `name:`, `severity:`, `summary:` (and optionally
  `scope:`) lines, a blank line, then the rule's doc (markdown); after it one SELECT returning
  offending rows with columns file, line, col, message (and optionally article_id, item_id, severity).
* `.py`: module constants ID, NAME, SEVERITY, SUMMARY (and optionally SCOPE), the module docstring
  as doc, and either `check(ctx)` yielding Hits, or `STAGE = "load"` for problems the loader itself
  reports.

A rule's scope says what its findings can depend on, so an incremental check (ledger.session)
re-runs it only where an edit can change them:

* `article`: the rows of one article and of the claims and articles those rows name (`restates`,
  `from`, a relation's terms); each finding names its article. Re-run on the edited articles and
  the articles that name them.
* `group`: the claims of one subject and metric (any other table unrestricted); each finding is
  on a claim. Re-run on the groups an edited article's claims are or were in.
* `metric`: the claims of one metric, or of metrics one `cumulates` the other; each finding on a
  claim (one that is not comes from the vocabulary alone). Re-run on the metrics an edited
  article's claims have or had.
* `vocabulary`: only the vocabulary (entities, metrics, units, constants, FX rates). Re-run when
  it changes.
* `ledger` (the default, and the safe one for a rule of your own): anything; re-run in full.
"""
from __future__ import annotations

import difflib
import importlib.util
import re
import traceback
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Callable

from .finding import SEVERITIES

_NAME = re.compile(r"^([A-Z]\d{3})_[a-z0-9_]+\.(sql|py)$")
SCOPES = ("article", "group", "metric", "vocabulary", "ledger")
# the tables (and views over them) duplicate detection fills: a rule naming one needs them built
_DUPLICATE_TABLES = re.compile(r"\b(duplicates|duplicate_clusters|sources|claims_readable|claims_usd)\b|\bSources\b")


class RuleError(Exception):
    """A rule file that cannot be used (bad header, unknown severity, duplicate ID)."""


@dataclass(frozen=True, slots=True)
class Hit:
    file: str
    line: int
    col: int
    message: str
    article_id: str | None = None
    item_id: str | None = None
    severity: str | None = None  # a rule may lower its default (strict-only conflicts warn)
    others: tuple[str, ...] = ()  # other articles involved (the other side of a contradiction)
    # the key of the item the finding is about (`value`, `subject`): the engine points the
    # finding at that key's value instead of the item's first line (a SQL rule returns a column)
    field: str | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    slug: str
    severity: str
    summary: str
    doc: str
    source: str
    stage: str  # "load" | "sql" | "python"
    sql: str | None = None
    check: Callable | None = None
    line: int = 1  # where the SELECT starts in a SQL rule file: failures point there
    scope: str = "ledger"  # what its findings depend on (module doc): one of SCOPES
    # it reads the duplicate tables (or the copy clusters, ledger.sources): the check builds them
    needs_duplicates: bool = True

    def examples(self) -> tuple[str | None, str | None]:
        """(failing, passing) YAML examples from the doc's `## Example` / `## Use instead`."""
        return _section_yaml(self.doc, "Example"), _section_yaml(self.doc, "Use instead")


def _section_yaml(doc: str, heading: str) -> str | None:
    match = re.search(rf"^## {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", doc, re.M | re.S)
    if not match:
        return None
    block = re.search(r"```yaml\n(.*?)```", match.group(1), re.S)
    return block.group(1) if block else None


def builtin_dir() -> Path:
    return Path(str(resources.files("ledger.checks")))


def discover(extra_dirs: list[Path] = ()) -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for folder in [builtin_dir(), *map(Path, extra_dirs)]:
        if not folder.is_dir():
            raise RuleError(f"{folder}: rule folder not found")
        for path in sorted(folder.iterdir()):
            match = _NAME.match(path.name)
            if not match:
                continue
            if folder != builtin_dir():
                _check_file(path, folder)
            rule = _load_sql(path) if match.group(2) == "sql" else _load_python(path)
            if rule.id != match.group(1):
                raise RuleError(f"{path}: file name says {match.group(1)} but the rule says {rule.id}")
            if rule.id in rules:
                raise RuleError(f"{path}: rule ID {rule.id} already defined in {rules[rule.id].source}")
            rules[rule.id] = rule
    return dict(sorted(rules.items()))


def _check_file(path: Path, folder: Path) -> None:
    """A user rule file must be a regular file inside its folder: a symlink to /dev/zero or to
    code elsewhere is refused before it is read or imported."""
    import stat

    real = path.resolve()
    if not real.is_relative_to(folder.resolve()):
        raise RuleError(f"{path}: a symlink to a file outside the rule folder: refused")
    try:
        mode = real.stat().st_mode
    except OSError as exc:
        raise RuleError(f"{path}: cannot read the rule ({exc.strerror})") from None
    if not stat.S_ISREG(mode):
        raise RuleError(f"{path}: not a regular file: refused")


def python_rules(folder: Path) -> list[Path]:
    """The Python rule files of a rules folder (what `checks` from a configuration would import)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if (m := _NAME.match(p.name)) and m.group(2) == "py")


def _checked(path: Path, meta: dict) -> dict:
    for key in ("id", "name", "severity", "summary"):
        if not meta.get(key):
            raise RuleError(f"{path}: missing `{key}` in the rule header")
    if meta["severity"] not in SEVERITIES:
        raise RuleError(f"{path}: severity must be one of {', '.join(SEVERITIES)}")
    if not meta.get("scope"):
        meta["scope"] = "ledger"
    if meta["scope"] not in SCOPES:
        raise RuleError(f"{path}: scope must be one of {', '.join(SCOPES)} (or left out: ledger)")
    return meta


def _load_sql(path: Path) -> Rule:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read the rule ({getattr(exc, 'strerror', None) or exc})") from None
    match = re.match(r"\s*/\*(.*?)\*/(.*)", text, re.S)
    if not match:
        raise RuleError(f"{path}: a SQL rule starts with a /* ... */ header")
    header, _, doc = match.group(1).strip("\n").partition("\n\n")
    meta = {}
    for line in header.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip()] = value.strip()
    meta = _checked(path, meta)
    body = match.group(2)
    start = match.start(2) + len(body) - len(body.lstrip())  # first character of the SELECT
    line = text.count("\n", 0, start) + 1
    sql = body.strip().rstrip(";")
    return Rule(meta["id"], meta["name"], meta["severity"], meta["summary"], doc.strip(), str(path),
                "sql", sql=sql, line=line, scope=meta["scope"],
                needs_duplicates=_DUPLICATE_TABLES.search(sql) is not None)


def _load_python(path: Path) -> Rule:
    spec = importlib.util.spec_from_file_location(f"factledger_rule_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except KeyboardInterrupt:
        raise
    except SyntaxError as exc:
        raise RuleError(f"{path}:{exc.lineno or 1}: the rule does not compile: {exc.msg}") from None
    except BaseException as exc:  # noqa: BLE001 - a rule that fails on import (or exits) is a located error
        line = next((n for frame, n in reversed(list(traceback.walk_tb(exc.__traceback__)))
                     if Path(frame.f_code.co_filename).resolve() == path.resolve()), 1)
        what = f"called sys.exit({exc.code!r})" if isinstance(exc, SystemExit) else f"{type(exc).__name__}: {exc}"
        raise RuleError(f"{path}:{line}: the rule fails on import: {what}") from None
    meta = _checked(path, {"id": getattr(module, "ID", None), "name": getattr(module, "NAME", None),
                           "severity": getattr(module, "SEVERITY", None),
                           "summary": getattr(module, "SUMMARY", None), "scope": getattr(module, "SCOPE", None)})
    stage = getattr(module, "STAGE", "python")
    check = getattr(module, "check", None)
    if (stage == "load") == (check is not None):
        raise RuleError(f"{path}: a Python rule defines check(ctx), or STAGE = 'load' for loader problems")
    # a built-in rule that names no duplicate table does not need them; a rule of your own may
    # reach them through any helper, so it always gets them
    needs = stage != "load" and (path.parent.resolve() != builtin_dir().resolve()
                                 or _DUPLICATE_TABLES.search(_code(path, module)) is not None)
    return Rule(meta["id"], meta["name"], meta["severity"], meta["summary"], (module.__doc__ or "").strip(),
                str(path), stage, check=check, scope=meta["scope"], needs_duplicates=needs)


def _code(path: Path, module) -> str:
    """A rule module's code without its docstring (which may well mention duplicates)."""
    return path.read_text(encoding="utf-8").replace(module.__doc__ or "", "", 1)


class UnknownRuleError(RuleError):
    """A rule ID in --select, --ignore or the configuration that names no rule: a typo would
    otherwise select nothing (or ignore nothing) and let a gate pass."""


_WHERE = {"select": "--select / `select`", "ignore": "--ignore / `ignore`", "severity": "`severity` in the configuration"}


def check_ids(rules: dict[str, Rule], where: str, patterns, exact: bool = False) -> None:
    """Raise UnknownRuleError for a pattern that matches no rule (`exact`: a whole ID)."""
    for p in patterns:
        if (p in rules) if exact else any(k.startswith(p.upper()) for k in rules):
            continue
        by_slug = {r.slug: k for k, r in rules.items()}
        if p.lower() in by_slug:
            hint = f"; {p!r} is the name of {by_slug[p.lower()]}: give the ID"
        else:
            prefixes = sorted({k[:n] for k in rules for n in ((4,) if exact else (1, 2, 4))})
            guesses = difflib.get_close_matches(p.upper(), prefixes, n=3, cutoff=0.5)
            hint = f"; did you mean {' or '.join(guesses)}?" if guesses else ""
        raise UnknownRuleError(f"unknown rule ID {p!r} in {_WHERE.get(where, where)}{hint} "
                               "(`factledger rules` lists them)")


def select(rules: dict[str, Rule], select: list[str] = (), ignore: list[str] = ()) -> dict[str, Rule]:
    """Prefix matching like ruff: `Q` is every Q rule, `Q2` every Q2xx, `Q203` one rule. A
    pattern matching no rule is an error (UnknownRuleError), never an empty selection. IDs are
    upper case, so `q2` means `Q2`."""
    check_ids(rules, "select", select)
    check_ids(rules, "ignore", ignore)
    select, ignore = [p.upper() for p in select], [p.upper() for p in ignore]
    chosen = {k: r for k, r in rules.items() if not select or any(k.startswith(p) for p in select)}
    return {k: r for k, r in chosen.items() if not any(k.startswith(p) for p in ignore)}
