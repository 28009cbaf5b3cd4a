"""A document's outline (parts and tables with their lines) and which entry a finding falls in.

The outline is plain data so it travels from the worker process that parsed
the document to the report, like the excerpts do; the reports use it to group
findings and to build the HTML navigation.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.model.findings import Finding
from auditor.sanitize import clean_text

PART_NAMES = "一二三四五六七八九"


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    kind: str  # "part" or "table"
    number: int
    title: str
    line: int
    end_line: int

    @property
    def key(self) -> str:
        """Stable within one document; used in HTML anchors."""
        return f"{self.kind[0]}{self.number}"

    def label(self, table_word: str) -> str:
        if self.kind == "table":
            return f"{table_word}{self.number} {self.title}".strip()
        name = PART_NAMES[self.number - 1] if 1 <= self.number <= len(PART_NAMES) else str(self.number)
        return f"第{name}部分 {self.title}".strip()


def outline_of(document) -> list[OutlineEntry]:
    """Parts and numbered tables of a parsed document, in the order of their first line.

    Titles are document text: made printable here with the sanitiser the rest of
    DocumentResult goes through (it does not look inside these entries).
    """
    entries = [OutlineEntry("part", p.number, clean_text(p.title), p.span.line, p.span.end_line)
               for p in document.parts]
    entries += [
        OutlineEntry("table", t.number, clean_text(t.title), t.span.line, t.span.end_line)
        for t in document.tables
        if t.number is not None
    ]
    return sorted(entries, key=lambda e: (e.line, e.kind != "part"))


def place(finding: Finding, outline: list[OutlineEntry]) -> OutlineEntry | None:
    """The innermost outline entry a finding belongs to: the table it names, else the entry holding its line.

    Naming wins over the line, as the reports have always grouped findings by
    their table: a check of 表7 against the text is about 表7.
    """
    if finding.table is not None:
        named = next((e for e in outline if e.kind == "table" and e.number == finding.table), None)
        if named is not None:
            return named
    best: OutlineEntry | None = None
    for entry in outline:
        # Of the entries holding the line, the later-starting is nested deeper (a table inside its part).
        if entry.line <= finding.line <= entry.end_line and (best is None or entry.line >= best.line):
            best = entry
    return best


def parent_part(entry: OutlineEntry, outline: list[OutlineEntry]) -> OutlineEntry | None:
    """The part whose lines hold a table (None for parts, and for tables outside every part)."""
    if entry.kind == "part":
        return None
    return next((p for p in outline if p.kind == "part" and p.line <= entry.line <= p.end_line), None)
