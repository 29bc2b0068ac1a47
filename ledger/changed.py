"""`factledger check --changed FILE…`: keep the findings that touch the changed files. The whole
ledger is still loaded and checked, so cross-article rules see every article."""
from __future__ import annotations

from pathlib import Path

from .finding import Finding
from .loader import Ledger


def article_files(ledger: Ledger) -> dict[str, set[Path]]:
    """article_id -> its YAML file and, when it has one, its text file (absolute paths)."""
    files: dict[str, set[Path]] = {}
    for f, model in ledger.models():
        if model.article is None:
            continue
        paths = {f.path}
        if model.article.text:
            paths.add((f.path.parent / model.article.text).resolve())
        files[model.article.id] = paths
    return files


def touching(findings: list[Finding], ledger: Ledger, changed: list[Path]) -> list[Finding]:
    """Findings located in a changed file, or involving an article whose YAML or text file changed —
    on either side: a contradiction reported on an unchanged article names the changed one in
    `others`, and an edit that creates it must not pass the pre-commit hook."""
    wanted = {Path(p).resolve() for p in changed}
    by_article = article_files(ledger)
    return [f for f in findings
            if Path(f.file).resolve() in wanted
            or any(by_article.get(a, set()) & wanted for a in (f.article_id, *f.others))]
