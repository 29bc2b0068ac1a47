"""The docs are tested against the code, in the manner of sqlite-utils: every subcommand is in the
README's command table, every `--format` name is documented, every ledger/ module is in
docs/architecture.md."""
from __future__ import annotations

import argparse
import re

from ledger.cli import build_parser

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _command_table() -> str:
    start = README.index("## Commands")
    return README[start:README.index("\n## ", start + 1)]


def test_every_subcommand_is_in_the_readme_command_table():
    table = _command_table()
    rows = set(re.findall(r"^\| `factledger ([a-z-]+)", table, re.M))
    rows |= set(re.findall(r"/ `factledger ([a-z-]+)", table))  # `rules` / `rule ID` share a row
    assert set(_subcommands()) <= rows, f"missing from the README command table: {set(_subcommands()) - rows}"


def test_every_format_name_is_documented():
    for name, parser in _subcommands().items():
        for action in parser._actions:
            if "--format" in action.option_strings:
                for choice in action.choices:
                    documented = re.search(rf"`factledger {name}\b[^\n]*`?--format[^\n]*\b{choice}\b", README)
                    assert documented, f"`factledger {name} --format {choice}` is not in the README"


def test_every_ledger_module_is_in_the_architecture_doc():
    modules = [p.relative_to(ROOT).as_posix() for p in (ROOT / "ledger").rglob("*.py")
               if "checks" not in p.parts and p.name != "__main__.py" and p.stat().st_size]
    missing = []
    for module in modules:
        stem = module.removesuffix(".py").removesuffix("/__init__")
        name = stem.rpartition("/")[2]
        package = stem.rpartition("/")[0]
        # a module is documented by its path, or by its name in its package's row (`ledger/report/`: `model`)
        if f"`{module}`" in ARCHITECTURE or f"`{stem}/`" in ARCHITECTURE:
            continue
        row = next((line for line in ARCHITECTURE.splitlines() if f"`{package}/`" in line), "")
        if f"`{name}`" in row or f"`{name}.py`" in ARCHITECTURE:
            continue
        missing.append(module)
    assert not missing, f"not in docs/architecture.md: {missing}"
