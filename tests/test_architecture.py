"""The code's one path: no import circle in ledger/, severity is configuration for every rule
(loader rules included), and a claim is shown the same way by every reader (phrasebook)."""
from __future__ import annotations

import ast
import shutil
from pathlib import Path

from ledger import engine, rules as rules_module
from ledger.engine import Options, run_check
from ledger.report.model import build_site
from ledger.review import review

from conftest import ROOT, VOCAB, article, write_ledger

LEDGER = ROOT / "ledger"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, name: str, modules) -> set[str]:
    """Modules of ledger/ that `path` imports (relative and absolute, at any depth of the file):
    `from . import assets` is an edge to the module `assets`, not to the package."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            continue
        found.update(t for t in targets if t.startswith("ledger"))
    return found


def import_graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in LEDGER.rglob("*.py") if "checks" not in p.relative_to(LEDGER).parts}
    return {name: {t for t in _imports(path, name, modules) if t in modules and t != name}
            for name, path in modules.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        stack.pop()
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_import_graph_of_ledger_has_no_cycle():
    graph = import_graph()
    assert "ledger.engine" in graph and "ledger.formats.sarif" in graph  # the scan sees the package
    assert _cycle(graph) is None, " -> ".join(_cycle(graph))


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


BAD_DATE = article("Sales were 40 units.", items="""\
    claims:
      - {id: sales, quote: "40 units", subject: acme, metric: sales, value: 40, when: sometime soonish}
    """)


def _l108(findings):
    return [f.severity for f in findings if f.rule == "L108"]


def test_a_loader_rule_takes_its_severity_from_the_configuration(tmp_path):
    ledger = write_ledger(tmp_path / "l", {"vocab.yaml": VOCAB, "a.yaml": BAD_DATE})
    assert _l108(run_check([ledger]).findings) == ["error"]
    assert _l108(run_check([ledger], Options(severities={"L108": "warning"})).findings) == ["warning"]


def test_a_loader_rule_takes_its_severity_from_its_rule_file(tmp_path, monkeypatch):
    checks = tmp_path / "checks"
    shutil.copytree(rules_module.builtin_dir(), checks)
    rule_file = checks / "L108_bad_date.py"
    rule_file.write_text(rule_file.read_text(encoding="utf-8").replace('SEVERITY = "error"', 'SEVERITY = "warning"'),
                         encoding="utf-8")
    monkeypatch.setattr(rules_module, "builtin_dir", lambda: checks)
    ledger = write_ledger(tmp_path / "l", {"vocab.yaml": VOCAB, "a.yaml": BAD_DATE})
    assert _l108(run_check([ledger]).findings) == ["warning"]


RATE = article("Acme makes about 6 million batteries a day.", items="""\
    claims:
      - {id: day, quote: "about 6 million batteries a day", subject: acme, metric: output, value: 6 million, unit: battery/day, qualifier: about}
      - {id: pct, quote: "over 90%", subject: china, metric: share, value: 90%, qualifier: over}
    """).replace("a day.", "a day, over 90%.")


def test_review_and_report_show_the_same_claim_the_same_way(tmp_path):
    ledger = write_ledger(tmp_path / "l", {"vocab.yaml": VOCAB, "a.yaml": RATE})
    claims = {c.claim_id: c for c in review("a", [ledger]).claims}
    with engine.open([ledger]) as run:
        site = build_site(run)
    panels = {i.item_id: dict(i.details) for i in site.articles[0].items if i.kind == "claim"}
    for claim_id in ("day", "pct"):
        assert panels[claim_id]["generous reading"] == claims[claim_id].interval
        assert panels[claim_id]["strict reading"] == claims[claim_id].strict
        assert panels[claim_id]["as written"] == claims[claim_id].written
    # in the unit the claim was written in, not battery per second; the unit said once
    assert claims["day"].interval == "[5.4 million battery/day – 6.6 million battery/day]"
    assert claims["pct"].written == "over 90%"


def test_every_subpackage_ships_in_the_wheel():
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {"ledger." + p.parent.relative_to(LEDGER).as_posix().replace("/", ".") for p in LEDGER.rglob("__init__.py")
             if p.parent != LEDGER and "checks" not in p.parts}
    assert found <= listed, f"add to [tool.setuptools] packages: {found - listed}"
