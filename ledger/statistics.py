"""`check --statistics`: how many findings each rule produced (like ruff --statistics)."""
from __future__ import annotations

import json
from collections import Counter


def counts(findings, rules) -> list[dict]:
    """One entry per rule with findings, most findings first: rule, slug, severity, count, waived."""
    total = Counter(f.rule for f in findings)
    waived = Counter(f.rule for f in findings if f.waiver is not None)
    severity: dict[str, Counter] = {}
    slug: dict[str, str] = {}
    for f in findings:
        severity.setdefault(f.rule, Counter())[f.severity] += 1
        slug[f.rule] = f.slug or slug.get(f.rule, "")
    rows = []
    for rule_id, n in sorted(total.items(), key=lambda kv: (-kv[1], kv[0])):
        rule = rules.get(rule_id)
        # a rule may lower its severity per finding: show the most frequent one
        sev = severity[rule_id].most_common(1)[0][0]
        rows.append({"rule": rule_id, "slug": slug[rule_id] or (rule.slug if rule else ""), "severity": sev,
                     "count": n, "waived": waived[rule_id]})
    return rows


def text(findings, rules) -> str:
    rows = counts(findings, rules)
    if not rows:
        return "No findings.\n"
    width = max(len(str(r["count"])) for r in rows)
    slug_width = max(len(r["slug"]) for r in rows)
    lines = []
    for r in rows:
        note = f"  ({r['waived']} waived)" if r["waived"] else ""
        lines.append(f"{str(r['count']).rjust(width)}  {r['rule']}  {r['slug'].ljust(slug_width)}  {r['severity']}{note}")
    total = sum(r["count"] for r in rows)
    lines.append(f"{str(total).rjust(width)}  total")
    return "\n".join(lines) + "\n"


def as_json(findings, rules) -> str:
    return json.dumps({"version": 1, "statistics": counts(findings, rules)}, indent=2, ensure_ascii=False) + "\n"
