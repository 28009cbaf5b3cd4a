"""What the parser could not recognise, and where."""

from __future__ import annotations

from dataclasses import dataclass

from auditor.model.span import Span


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A note from the parser: something expected but absent, or not understood.

    ``code`` is a stable identifier (``missing-table``, ``ambiguous-row``…);
    ``message`` is Chinese, for the user.
    """

    code: str
    message: str
    span: Span | None = None
    severity: str = "warning"  # "error" | "warning" | "info"
