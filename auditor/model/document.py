"""The document tree: title block, parts, numbered sections, paragraphs."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from enum import Enum
from operator import attrgetter
from typing import Any

from auditor.model.diagnostics import Diagnostic
from auditor.model.performance import PerformanceTable
from auditor.model.span import Span
from auditor.model.tables import Table

_OFFSET = attrgetter("offset")  # a piece's offset, the bisection key (no Python call per step)


class DocumentKind(str, Enum):
    DEPARTMENT = "department"  # 部门预算
    UNIT = "unit"  # 单位预算
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return {"department": "部门预算", "unit": "单位预算"}.get(self.value, "未知")


class Stage(str, Enum):
    """Whether the disclosure is a budget (预算) or final accounts (决算).

    Rules that depend on it say so (a 决算's assets are dated to the end of its
    own year, a budget's to the end of the year before). Texts that say
    neither are treated as budgets, the tool's original subject.
    """

    BUDGET = "budget"  # 预算
    FINAL = "final"  # 决算

    @property
    def word(self) -> str:
        return "决算" if self is Stage.FINAL else "预算"


@dataclass(frozen=True, slots=True)
class LinePiece:
    """Where a stretch of a paragraph's joined text came from."""

    offset: int  # offset of the piece in Paragraph.text
    line: int  # original line number


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Narrative text with hard line breaks joined.

    ``text`` is normalised (half-width digits and punctuation); ``pieces``
    maps offsets in it back to original lines, so a claim found at any offset
    knows its line.
    """

    text: str
    span: Span
    pieces: tuple[LinePiece, ...] = ()

    def line_at(self, offset: int) -> int:
        # Pieces are in offset order: a binary search keeps a long paragraph with
        # many figures linear-logarithmic instead of quadratic.
        index = bisect_right(self.pieces, offset, key=_OFFSET)
        return self.pieces[index - 1].line if index else self.span.line

    def span_of(self, start: int, end: int) -> Span:
        first = self.line_at(start)
        return Span(first, max(first, self.line_at(max(start, end - 1))))


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered heading and what stands under it.

    ``number`` is the path of numbers from the part down, e.g. ``(12, 4)`` for
    十二、(四); ``label`` is the numbering as printed (``"（四）"``).
    """

    number: tuple[int, ...]
    label: str
    title: str
    span: Span  # the heading and everything under it
    heading_span: Span
    part: int | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    subsections: tuple[Section, ...] = ()

    @property
    def level(self) -> int:
        return len(self.number)

    @property
    def dotted(self) -> str:
        return ".".join(map(str, self.number))

    def walk(self):
        yield self
        for sub in self.subsections:
            yield from sub.walk()


@dataclass(frozen=True, slots=True)
class Part:
    number: int  # 1..4
    title: str
    span: Span
    heading_span: Span
    paragraphs: tuple[Paragraph, ...] = ()  # text directly under the part heading
    sections: tuple[Section, ...] = ()
    # A fragment without any 第X部分 heading (a 说明 pasted alone, one note) is
    # read as an implicit 第三部分 so its prose is audited; it presents no part.
    implicit: bool = False


@dataclass(frozen=True, slots=True)
class TocEntry:
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class SourceInfo:
    path: str
    encoding: str
    rendering: str  # "tabbed" | "flattened" | "pdf"
    line_count: int


@dataclass(frozen=True, slots=True)
class Document:
    source: SourceInfo
    lines: tuple[str, ...]  # the original lines, for excerpts (index 0 = line 1)
    unit: str | None = None
    year: int | None = None
    kind: DocumentKind = DocumentKind.UNKNOWN
    stage: Stage = Stage.BUDGET
    title_span: Span | None = None
    toc: tuple[TocEntry, ...] = ()
    parts: tuple[Part, ...] = ()
    tables: tuple[Table, ...] = ()
    performance_tables: tuple[PerformanceTable, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    attachments_elsewhere: bool = False  # the text says the tables are in an attachment
    locations: tuple[str, ...] = field(default=())  # per line, e.g. "p12:L5" for PDFs
    # the auditor.template.Template the document was read with (None: no template matched)
    template: Any = None

    @property
    def kind_label(self) -> str:
        """部门预算 / 单位预算 / 部门决算 / 单位决算 (未知 when neither 部门 nor 单位)."""
        if self.kind is DocumentKind.UNKNOWN:
            return "未知"
        return self.kind.label[:2] + self.stage.word

    # -- navigation ----------------------------------------------------
    def part(self, number: int) -> Part | None:
        return next((p for p in self.parts if p.number == number), None)

    @property
    def presents_as_complete(self) -> bool:
        """Whether the text presents itself as a whole disclosure.

        A 目录, a title page before the first part, or two or more parts: only
        then is a missing part, table or section a finding. A 说明 alone, one
        section or one note is audited for what it holds.
        """
        real = [p for p in self.parts if not p.implicit]
        title = "".join(self.line_text(n) for n in range(self.title_span.line, self.title_span.end_line + 1)) \
            if self.title_span else ""
        title_page = bool(title) and not title.rstrip().endswith("说明")
        return bool(self.toc) or (title_page and bool(real)) or len(real) >= 2

    def found_summary(self) -> str:
        """What the text holds, for a reader told that completeness was not checked."""
        real = sorted(p.number for p in self.parts if not p.implicit)
        parts = "、".join(f"第{'零一二三四五六七八九十'[n]}部分" for n in real if 0 < n <= 10) or "没有部分标题"
        sections = sum(1 for _ in self.sections())
        return f"{parts}，{sections} 个小节，{len(self.tables)} 张表"

    def sections(self):
        """Every section, depth first, in document order."""
        for part in self.parts:
            for section in part.sections:
                yield from section.walk()

    def section(self, *number: int, part: int = 3) -> Section | None:
        """The first section of ``part`` numbered ``number`` (looked up in an index of the document)."""
        return _lookups(self).sections.get((part, number))

    def table(self, number: int) -> Table | None:
        """The first table numbered ``number``."""
        return _lookups(self).tables.get(number)

    def table_of_kind(self, kind: str) -> Table | None:
        return next((t for t in self.tables if t.kind == kind), None)

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 1 <= line <= len(self.lines) else ""

    def location(self, line: int) -> str:
        """How to point a reader at ``line``: ``path:12`` or ``path:p3:L5``."""
        if self.locations and 1 <= line <= len(self.locations):
            return f"{self.source.path}:{self.locations[line - 1]}"
        return f"{self.source.path}:{line}"


@dataclass
class _Lookups:
    """The first section of each (part, number) and the first table of each number, in document order."""

    sections: dict[tuple[int | None, tuple[int, ...]], Section]
    tables: dict[int | None, Table]


# Rules ask a document for sections and tables by number dozens of times; each question
# walked every section. A document never changes (frozen, tuples all the way down), so
# its index is built once. The last two are kept: a document and the one it is paired with.
_LOOKUPS: dict[int, tuple[Document, _Lookups]] = {}


def _lookups(document: Document) -> _Lookups:
    cached = _LOOKUPS.get(id(document))
    if cached is not None and cached[0] is document:
        return cached[1]
    sections: dict[tuple[int | None, tuple[int, ...]], Section] = {}
    for section in document.sections():
        sections.setdefault((section.part, section.number), section)
    tables: dict[int | None, Table] = {}
    for table in document.tables:
        tables.setdefault(table.number, table)
    if len(_LOOKUPS) >= 2:  # the entry keeps its document alive, so its id is not reused meanwhile
        _LOOKUPS.clear()
    found = _Lookups(sections, tables)
    _LOOKUPS[id(document)] = (document, found)
    return found
