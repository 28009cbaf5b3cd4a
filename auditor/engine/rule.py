"""A loaded rule, and what a check hands back before it becomes a Finding."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from auditor.engine.expression import Expression
from auditor.engine.message_format import render as render_message
from auditor.model import Span
from auditor.model.findings import Severity

ID_RE = re.compile(r"^[A-Z]{2,5}-[A-Z]{1,3}\d{3}$")


@dataclass(frozen=True)
class Example:
    text: str
    fires: bool
    line: int | None = None  # where it must fire (line in the snippet)
    source_line: int = 0  # line of the example in the rules file
    previous: str | None = None  # last year's document, for the 上年 checks


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    message: str
    severity: Severity
    rationale: str
    path: str
    line: int
    check: str | None = None  # a named check kind
    params: dict[str, Any] = field(default_factory=dict)
    assertion: Expression | None = None
    for_each: Expression | None = None
    when: Expression | None = None
    values: dict[str, Expression] = field(default_factory=dict)
    examples: tuple[Example, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class Draft:
    """One failure found by a check, before the rule's wording is applied."""

    span: Span
    stated: str | None = None
    expected: str | None = None
    difference: str | None = None
    evidence: str | None = None
    table: int | None = None
    section: str | None = None
    values: dict[str, Any] = field(default_factory=dict)
    figures: tuple[str, ...] = ()
    related: str | None = None  # a second place, e.g. last year's document "path:p3:L5"


def render(template: str, values: dict[str, Any]) -> str:
    """The rule's message for one finding: the tool's own formatter (see message_format)."""
    return render_message(template, values)
