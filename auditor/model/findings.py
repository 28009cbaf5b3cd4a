"""Findings: what a rule reports, with where and the arithmetic."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    """One failed check at one place.

    ``stated`` and ``expected`` are figures as shown to the user; ``evidence``
    is the arithmetic in Chinese (for example ``"625.67 + 0.31 = 625.98"``);
    ``figures`` are the texts of every figure involved, which a baseline
    matches on instead of line numbers.
    """

    rule_id: str
    severity: Severity
    title: str
    message: str
    path: str
    line: int
    end_line: int
    table: int | None = None
    section: str | None = None
    stated: str | None = None
    expected: str | None = None
    difference: str | None = None
    evidence: str | None = None
    figures: tuple[str, ...] = field(default=())
    # A second place the finding rests on, outside this document (last year's
    # disclosure for the 上年 checks): "path:12" or "path:p3:L5".
    related: str | None = None

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.end_line, self.rule_id, self.message)
