"""What the command line does so that checking a stranger's repository is safe (docs/security.md):
the flags for Python rules and time limits, the refusal of configured Python rules without the
runner's opt-in, exit 2 for rules that broke, and output for people that no CI log reads as a
command."""
from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path

PYTHON_RULES_ENV = "FACTLEDGER_ALLOW_PYTHON_RULES"


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--allow-python-rules", action="store_true",
                        help="run the Python rules of the `checks` folders named in the configuration "
                             f"(also: {PYTHON_RULES_ENV}=1); they are code from the repository")
    parser.add_argument("--rule-timeout", type=seconds, metavar="SECONDS",
                        help="stop a rule after this long and fail the check (default 300; 0: no limit)")
    parser.add_argument("--check-timeout", type=seconds, metavar="SECONDS",
                        help="time limit for all rules together (default 1800; 0: no limit)")


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value >= 0):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds (0 for no limit)")
    return value


def limits(args, config) -> dict[str, float]:
    """Engine options for the time limits: flags win over the configuration."""
    out = {}
    for name in ("rule_timeout", "check_timeout"):
        value = getattr(args, name, None)
        value = value if value is not None else getattr(config, name, None)
        if value is not None:
            out[name] = value
    return out


def refuse_config_python(args, config) -> None:
    """A repository's configuration can name rule folders, but their Python is code from whoever
    wrote the pull request: it runs only when the person running the check says so. Folders given
    with --checks are the runner's own choice."""
    from .config import ConfigError
    from .rules import python_rules

    if getattr(args, "checks", None) or not config.checks:
        return
    if getattr(args, "allow_python_rules", False) or os.environ.get(PYTHON_RULES_ENV) == "1":
        return
    found = [p for folder in config.checks for p in python_rules(folder)]
    if found:
        shown = ", ".join(os.path.relpath(p) for p in found[:3]) + (", ..." if len(found) > 3 else "")
        raise ConfigError(f"{config.source}:{config.line_of('checks')}: `checks` names Python rules ({shown}); "
                          f"they run only when you allow them: --allow-python-rules or {PYTHON_RULES_ENV}=1 "
                          "(SQL rules run without it, sandboxed). See docs/security.md.")


def broken_rules(report) -> int:
    """Exit 2 when a rule broke: the findings were printed, but the check is incomplete."""
    from .textsafe import clean

    for warning in report.warnings:
        sys.stderr.write(f"factledger: warning: {clean(warning)}\n")
    for failure in report.failures:
        sys.stderr.write(f"factledger: {clean(str(failure))}\n")
    if report.failures:
        n = len(report.failures)
        sys.stderr.write(f"factledger: {n} rule{'s' if n != 1 else ''} did not run to the end: "
                         "the check is incomplete (exit 2)\n")
        return 2
    return 0


def human(text: str, on: bool = True) -> str:
    """Text for people: no line of it can be read as a CI workflow command (machine formats are
    data, meant for files, and left as they are)."""
    from .textsafe import neutralize

    return neutralize(text) if on else text


def inside_working_tree(path: Path) -> bool:
    """False for a path under the working directory that is really a symlink to elsewhere (a pull
    request can make `claims` point at the runner's home); naming an outside path is fine."""
    here = Path.cwd().resolve()
    return not Path(os.path.abspath(path)).is_relative_to(here) or Path(path).resolve().is_relative_to(here)
