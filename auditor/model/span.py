"""Line ranges in the original file."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A 1-based, inclusive range of lines of the file the user opened."""

    line: int
    end_line: int

    def __post_init__(self) -> None:
        if self.line < 1 or self.end_line < self.line:
            raise ValueError(f"bad span {self.line}-{self.end_line}")

    @classmethod
    def at(cls, line: int) -> Span:
        return cls(line, line)

    def cover(self, other: Span | None) -> Span:
        if other is None:
            return self
        return Span(min(self.line, other.line), max(self.end_line, other.end_line))

    @staticmethod
    def covering(spans: list[Span]) -> Span:
        if not spans:
            raise ValueError("no spans")
        return Span(min(s.line for s in spans), max(s.end_line for s in spans))

    def __str__(self) -> str:
        return str(self.line) if self.line == self.end_line else f"{self.line}-{self.end_line}"
