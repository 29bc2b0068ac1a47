"""JUnit XML for CI test reports: one testcase per rule that ran; a rule with error or warning
findings fails, listing them one per line; info and waived findings go to its system-out."""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from xml.etree import ElementTree as ET

from ..phrasebook import waiver_note

FAILING = ("error", "warning")
# characters XML 1.0 cannot carry at all (ElementTree would write them and break the file)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def finding_line(f) -> str:
    note = f"  [{waiver_note(f.waiver)}]" if f.waiver else ""
    return _NOT_XML.sub("?", f"{f.file}:{f.line}:{f.col}  {f.rule}  {f.severity}  {f.message}{note}")


def render(report, root: Path) -> str:
    by_rule = defaultdict(list)
    for f in report.findings:
        by_rule[f.rule].append(f)
    rule_ids = list(dict.fromkeys([*report.rules, *by_rule]))
    suite = ET.Element("testsuite", name="factledger", tests=str(len(rule_ids)))
    failures = 0
    for rule_id in rule_ids:
        rule = report.rules.get(rule_id)
        case = ET.SubElement(suite, "testcase", classname="factledger",
                             name=f"{rule_id} {rule.slug}" if rule else rule_id)
        failing, others = [], []
        for f in by_rule[rule_id]:
            (failing if f.severity in FAILING and f.waiver is None else others).append(f)
        if failing:
            failures += 1
            worst = "error" if any(f.severity == "error" for f in failing) else "warning"
            failure = ET.SubElement(case, "failure", type=worst,
                                    message=f"{len(failing)} finding{'s' if len(failing) != 1 else ''}")
            failure.text = "\n".join(finding_line(f) for f in failing)
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(finding_line(f) for f in others)
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    root_el = ET.Element("testsuites", name="factledger", tests=str(len(rule_ids)), failures=str(failures))
    root_el.append(suite)
    ET.indent(root_el)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root_el, encoding="unicode") + "\n"
