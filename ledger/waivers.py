"""Waivers: an editor signs off one rule's finding on one claim, event, relation or article.

A waiver matches by ids — (article_id, item_id, rule) — never by line or message, so it
survives unrelated edits. A matched finding keeps its place in the report, marked waived, and no
longer fails the gate. An expired waiver no longer applies; it and a waiver that matches
nothing are reported by L110 so sign-offs do not outlive their reason."""
from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass

from .finding import Finding, Waiver
from .schema import WaiverRow
from .loader import Ledger

RULE = "L110"
_SECTIONS = (("claims", "claim"), ("events", "event"), ("relations", "relation"))


@dataclass(slots=True)
class Applied:
    findings: list[Finding]  # every finding, waived ones marked
    problems: list[Finding]  # L110: expired or unused waivers
    rows: list[tuple]  # the `waivers` table


def collect(ledger: Ledger) -> list[Waiver]:
    found: list[Waiver] = []
    for f, model in ledger.models():
        article = model.article
        if article is None:
            continue
        owners = [(("article",), None, article)]
        owners += [((section, i), item.id, item) for section, _ in _SECTIONS
                   for i, item in enumerate(getattr(model, section))]
        for path, item_id, owner in owners:
            for j, w in enumerate(owner.waive):
                line, col = f.doc.position(path + ("waive", j))
                until = datetime.date.fromisoformat(w.until) if w.until else None
                found.append(Waiver(w.rule, w.reason, w.by, until, article.id, item_id, f.display, line, col))
    return found


def _target(w: Waiver) -> str:
    return f"article {w.article_id!r}" if w.item_id is None else f"{w.item_id!r} in {w.article_id}"


def _problem(w: Waiver, message: str) -> Finding:
    # slug and severity come from the rule registry (engine)
    return Finding(rule=RULE, slug="", severity="warning", message=message, file=w.file, line=w.line,
                   col=w.col, article_id=w.article_id, item_id=w.item_id)


def apply(findings: list[Finding], waivers: list[Waiver], ran: set[str], known: set[str],
          today: datetime.date) -> Applied:
    """`ran`: rules that ran this time (a waiver of a rule left out by --select is not unused);
    `known`: every rule ID."""
    by_key: dict[tuple, Waiver] = {}
    for w in waivers:
        by_key.setdefault((w.article_id, w.item_id, w.rule), w)
    used: set[tuple] = set()
    out = []
    for f in findings:
        key = (f.article_id, f.item_id, f.rule)
        w = by_key.get(key)
        if w is not None and (w.until is None or w.until >= today):
            used.add(key)
            f = dataclasses.replace(f, waiver=w)
        elif w is not None:
            used.add(key)  # matched, but expired: the finding stands and L110 says why
        out.append(f)
    problems, rows = [], []
    for w in waivers:
        key = (w.article_id, w.item_id, w.rule)
        expired = w.until is not None and w.until < today
        if w.rule not in known:
            status = "unknown-rule"
            problems.append(_problem(w, f"waiver of {w.rule} on {_target(w)}: there is no rule {w.rule}; "
                                        "`factledger rules` lists them"))
        elif expired:
            status = "expired"
            again = "the finding it covered is reported again" if key in used else "it matches no finding either"
            problems.append(_problem(w, f"waiver of {w.rule} on {_target(w)} by {w.by} expired on "
                                        f"{w.until.isoformat()}: {again}; renew or remove it"))
        elif by_key[key] is not w:
            status = "duplicate"
            problems.append(_problem(w, f"a second waiver of {w.rule} on {_target(w)}: keep one"))
        elif key in used:
            status = "applied"
        elif w.rule in ran:
            status = "unused"
            problems.append(_problem(w, f"waiver of {w.rule} on {_target(w)} matches no finding: "
                                        "the problem is gone, remove the waiver"))
        else:
            status = "not-run"  # its rule was left out of this run: nothing to say
        rows.append(WaiverRow(rule=w.rule, article_id=w.article_id, item_id=w.item_id, reason=w.reason,
                              waived_by=w.by, until=w.until, status=status, file=w.file, line=w.line, col=w.col))
    return Applied(out, problems, rows)
