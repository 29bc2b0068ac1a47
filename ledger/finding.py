"""The one result type every rule, the loader and every formatter share."""
from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


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

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.col, self.rule, self.message)
