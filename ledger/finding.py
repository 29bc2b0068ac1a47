"""The one result type every rule, the loader and every formatter share."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

SEVERITIES = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass(frozen=True, slots=True)
class Waiver:
    """An editor's sign-off of one rule on one item (claim, event, relation) or on an article."""
    rule: str
    reason: str
    by: str
    until: date | None
    article_id: str
    item_id: str | None  # None: the article itself
    file: str
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str  # rule ID, e.g. "Q203"
    slug: str  # rule name, e.g. "restatement-disagrees"
    severity: str  # info | warning | error
    message: str
    file: str  # path as given to the user (relative to the working directory)
    line: int  # 1-based; 0 when the finding concerns a whole file
    col: int  # 1-based
    article_id: str | None = None
    item_id: str | None = None  # claim, relation or event id
    detail: dict = field(default_factory=dict, compare=False, hash=False)
    waiver: Waiver | None = None  # set when an editor signed this finding off: it does not fail the gate
    # the other articles the finding involves (the other side of a contradiction, syndicated copies):
    # `check --changed` reports a finding when any of them changed
    others: tuple[str, ...] = field(default=(), compare=False, hash=False)

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.col, self.rule, self.message)
