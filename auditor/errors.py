"""The one exception root for expected errors.

The command line catches only :class:`AuditorError`; anything else is a bug
and keeps its traceback.
"""

from __future__ import annotations


class AuditorError(Exception):
    """An expected error with a message for the user (Chinese by default)."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        return where + self.message


class InputError(AuditorError):
    """A document that cannot be read (missing, binary, undecodable, too large)."""


class RuleError(AuditorError):
    """A rules or configuration file that cannot be loaded.

    ``problems`` lists every problem found, each already formatted as
    ``file:line ▸ rule id ▸ key: what is wrong``.
    """

    def __init__(self, problems: list[str], *, path: str | None = None) -> None:
        super().__init__("\n".join(problems), path=None)
        self.problems = problems
        self.rules_path = path

    def __str__(self) -> str:
        return "\n".join(self.problems)


class UsageError(AuditorError):
    """Bad command-line usage."""
