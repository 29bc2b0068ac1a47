"""Project configuration: `factledger.toml`, or `[tool.factledger]` in `pyproject.toml`, found
from the working directory upward (in one folder factledger.toml wins). Command-line flags
override it. Every problem is a ConfigError naming the file and line (exit 2)."""
from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .finding import SEVERITIES
from .quantity import QuantityError, canonical_hedge

OPTIONS = ("paths", "checks", "select", "ignore", "severity", "tolerance", "hedge-tolerance", "fail-on", "rule-timeout",
           "check-timeout", "rewrite-window")
_RULE_ID = re.compile(r"^[A-Z]\d{3}$")


class ConfigError(Exception):
    pass


@dataclass(slots=True)
class Config:
    source: Path | None = None  # the file read, None when there is none
    paths: list[Path] = field(default_factory=list)  # ledger paths, relative to the config file
    checks: list[Path] = field(default_factory=list)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    tolerance: float | None = None
    hedge_tolerance: dict[str, float] = field(default_factory=dict)  # canonical hedge -> fraction
    fail_on: str | None = None
    rewrite_window: int | None = None  # D603: days between a story and its rewrite
    rule_timeout: float | None = None  # seconds; 0 = no limit
    check_timeout: float | None = None
    text: str = ""  # the file's text and table, to locate options in messages
    table: str | None = None

    def line_of(self, key: str) -> int:
        return _line_of(self.text, self.table, key)


def find(start: Path) -> tuple[Path, str | None] | None:
    """(file, table) of the nearest configuration: table None for factledger.toml, else the
    pyproject table. A pyproject.toml without [tool.factledger] does not stop the search."""
    start = start.resolve()
    for folder in (start, *start.parents):
        own = folder / "factledger.toml"
        if own.is_file():
            return own, None
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and re.search(r"^\s*\[\s*tool\.factledger\s*[\].]", _read(pyproject), re.M):
            return pyproject, "tool.factledger"
    return None


def load(start: Path) -> Config:
    found = find(start)
    if found is None:
        return Config()
    path, table = found
    text = _read(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    if table is not None:
        data = data.get("tool", {}).get("factledger", {})
    return _parse(path, text, table, data)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from None


def _parse(path: Path, text: str, table: str | None, data: dict) -> Config:
    def fail(key: str, message: str) -> ConfigError:
        return ConfigError(f"{path}:{_line_of(text, table, key)}: {message}")

    for key in data:
        if key not in OPTIONS:
            hint = difflib.get_close_matches(key, OPTIONS, n=1)
            tip = f"did you mean {hint[0]!r}?" if hint else f"known options: {', '.join(OPTIONS)}"
            raise fail(key, f"unknown option {key!r}; {tip}")
    base = path.parent
    config = Config(source=path, text=text, table=table)
    for key in ("paths", "checks", "select", "ignore"):
        value = data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise fail(key, f"`{key}` must be a list of strings (got {value!r})")
        if key in ("paths", "checks"):
            value = [base / v for v in value]
            outside = [v for v in value if not v.resolve().is_relative_to(base.resolve())]
            if outside:  # the configuration comes with the repository: it names only what is in it
                raise fail(key, f"`{key}`: {outside[0]} is outside the folder of {path.name} (symlinks resolved); "
                                "name folders inside the repository")
        setattr(config, key, value)
    severity = data.get("severity", {})
    if not isinstance(severity, dict):
        raise fail("severity", f'`severity` maps rule IDs to severities, e.g. {{Q203 = "warning"}} (got {severity!r})')
    for rule, level in severity.items():
        if not _RULE_ID.match(rule) or level not in SEVERITIES:
            raise fail("severity", f"`severity`: {rule} = {level!r}: give a rule ID (Q203) and one of {', '.join(SEVERITIES)}")
    config.severity = dict(severity)
    if "tolerance" in data:
        tol = data["tolerance"]
        if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not 0 < tol < 1:
            raise fail("tolerance", f"`tolerance` is the hedge tolerance, a number between 0 and 1 such as 0.05 (got {tol!r})")
        config.tolerance = float(tol)
    hedges = data.get("hedge-tolerance", {})
    if not isinstance(hedges, dict):
        raise fail("hedge-tolerance", f"`hedge-tolerance` maps qualifiers to fractions, e.g. {{about = 0.1}} (got {hedges!r})")
    for word, tol in hedges.items():
        try:
            kind = canonical_hedge(word)
        except QuantityError as exc:
            raise fail("hedge-tolerance", f"`hedge-tolerance`: {exc}") from None
        if kind is None or isinstance(tol, bool) or not isinstance(tol, (int, float)) or not 0 < tol < 1:
            raise fail("hedge-tolerance", f"`hedge-tolerance`: {word} = {tol!r}: give a qualifier and a fraction "
                                          "between 0 and 1 such as 0.1")
        config.hedge_tolerance[kind] = float(tol)
    if "rewrite-window" in data:
        days = data["rewrite-window"]
        if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= 3660:
            raise fail("rewrite-window", f"`rewrite-window` is the most days between a story and its rewrite (D603), "
                                         f"a whole number such as 45 (got {days!r})")
        config.rewrite_window = days
    if "fail-on" in data:
        if data["fail-on"] not in SEVERITIES:
            raise fail("fail-on", f"`fail-on` must be one of {', '.join(SEVERITIES)} (got {data['fail-on']!r})")
        config.fail_on = data["fail-on"]
    for key in ("rule-timeout", "check-timeout"):
        if key in data:
            value = data[key]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < float("inf"):
                raise fail(key, f"`{key}` is a number of seconds, 0 for no limit (got {value!r})")
            setattr(config, key.replace("-", "_"), float(value))
    return config


def _line_of(text: str, table: str | None, key: str) -> int:
    """Line of `key = ...` in `table` (None: top level), or of a `[table.key]` header. tomllib
    keeps no positions, so this reads the lines; 1 when the key cannot be found."""
    current = None
    prefix = f"{table}." if table else ""
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"^\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            current = header.group(1).replace(" ", "")
            if current == f"{prefix}{key}":
                return number
            continue
        if current == table and re.match(rf"""^\s*(["']?){re.escape(key)}\1\s*=""", line):
            return number
    return 1
