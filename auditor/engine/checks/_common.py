"""Helpers shared by the check kinds (not a check kind itself)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from auditor.engine.table_index import rows_by_code
from auditor.model import Document, LinePiece, Paragraph, Row, RowLevel, Section, Span, Table
from auditor.quantity import Quantity, total
from auditor.reading.normalize import compact


def cell(row: Row, column: str) -> Quantity | None:
    """A row's figure in ``column``: 0 when empty, None when ambiguous."""
    amount = row.values.get(column)
    if amount is not None:
        return amount.quantity
    if row.ambiguous:
        for candidate in row.candidates:  # a loop, not any(genexpr): this runs for every cell summed
            if column in candidate.values:
                return None
    return Quantity.zero()


def sum_cells(rows: list[Row], column: str) -> Quantity | None:
    """The sum of the rows' figures in ``column``; None when one of them is ambiguous."""
    values = []
    for row in rows:
        value = cell(row, column)
        if value is None:
            return None
        values.append(value)
    return total(values)


def shown_sum(rows: list[Row], column: str) -> str:
    parts = []
    for row in rows:
        value = cell(row, column)
        parts.append(value.format() if value is not None else "?")
    return " + ".join(parts) if parts else "0"


def row_label(row: Row) -> str:
    code = " ".join(row.code_parts) + " " if row.code else ""
    project = f"（{row.project}）" if row.project else ""
    return f"{code}{row.name}{project}".strip()


def label_row(table: Table, label: str, side: str | None = None) -> Row | None:
    """A row found by its printed label (whitespace and full/half width ignored)."""
    target = compact(label)
    for row in table.rows:
        if side is not None and row.side != side:
            continue
        if compact(row.name) == target:
            return row
    return None


def rows_for_code(table: Table, code: str) -> list[Row]:
    """The row with ``code`` or, in 表7, the projects under it."""
    same = rows_by_code(table).get(code, [])
    exact = [r for r in same if r.level is not RowLevel.PROJECT]
    if exact:
        return exact[:1]
    return [r for r in same if r.level is RowLevel.PROJECT]


# Many checks walk the same paragraphs (and, in the flattened rendering, join the same
# broken sentences): the lists are made once per document. Only the latest document's are
# kept; it is held here until the next document replaces it.
_LATEST: dict[str, Any] = {"document": None, "lists": {}}


def _listed(document: Document, key: tuple, make) -> list:
    if _LATEST["document"] is not document:
        _LATEST["document"], _LATEST["lists"] = document, {}
    lists = _LATEST["lists"]
    if key not in lists:
        lists[key] = list(make())
    return lists[key]


def paragraphs(
    document: Document, part: int | None = None, *, headings: bool = False
) -> Iterator[tuple[Section | None, Paragraph]]:
    """Every paragraph (and, with ``headings``, every heading's title) in document order."""
    return iter(_listed(document, ("paragraphs", part, headings), lambda: _paragraphs(document, part, headings)))


def _paragraphs(
    document: Document, part: int | None, headings: bool
) -> Iterator[tuple[Section | None, Paragraph]]:
    for doc_part in document.parts:
        # A fragment's implicit part stands for whichever part it was cut from.
        if part is not None and doc_part.number != part and not doc_part.implicit:
            continue
        for paragraph in doc_part.paragraphs:
            yield None, paragraph
        for section in doc_part.sections:
            for sub in section.walk():
                if headings:
                    yield sub, Paragraph(sub.title, sub.heading_span)
                for paragraph in sub.paragraphs:
                    yield sub, paragraph


def find_in_paragraphs(document: Document, pattern: re.Pattern[str], part: int | None = None):
    """(section, paragraph, match) for every match of ``pattern``.

    In the flattened rendering a sentence is often broken across blank lines
    ("下设 1 个科室，分" / "别是：综合办公室。"), which the structure reads as two
    paragraphs: there, paragraphs of one section are read together until a
    sentence ends.
    """
    if document.source.rendering == "flattened":
        found = _listed(document, ("sentences", part), lambda: _whole_sentences(paragraphs(document, part)))
    else:
        found = paragraphs(document, part)
    for section, paragraph in found:
        for match in pattern.finditer(paragraph.text):
            yield section, paragraph, match


def _whole_sentences(
    found: Iterator[tuple[Section | None, Paragraph]],
) -> Iterator[tuple[Section | None, Paragraph]]:
    run: list[Paragraph] = []  # paragraphs of one unfinished sentence, joined once (linear)
    owner: Section | None = None
    for section, paragraph in found:
        if run and (section is not owner or run[-1].text.rstrip().endswith("。")):
            yield owner, _joined(run)
            run = []
        owner = section
        run.append(paragraph)
    if run:
        yield owner, _joined(run)


def _joined(run: list[Paragraph]) -> Paragraph:
    if len(run) == 1:
        return run[0]
    pieces: list[LinePiece] = []
    offset = 0
    for paragraph in run:
        pieces.extend(LinePiece(p.offset + offset, p.line) for p in paragraph.pieces)
        offset += len(paragraph.text)
    return Paragraph("".join(p.text for p in run), Span(run[0].span.line, run[-1].span.end_line), tuple(pieces))


def span_of(paragraph: Paragraph, match: re.Match[str], group: int | str = 0) -> Span:
    return paragraph.span_of(match.start(group), match.end(group))


# A figure as written, thousands separators only where they belong: "2,305,44.29" (a typo)
# matches nowhere, so no check reads a number the document does not clearly state.
NUMBER = r"(?<![\d,.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d,]\d)"


def number(text: str) -> Quantity:
    return Quantity.parse(text)


def table_template(document: Any, table: Any) -> Any:
    """The template entry (auditor.template.TableTemplate) a table was read with, or None."""
    template = getattr(document, "template", None)
    if template is not None:
        return template.table_of_kind(table.kind)
    # No template: the identities the table's header implies (auditor/data/implied_identities.yaml).
    from auditor.parsing.tables.infer import identities_for
    from auditor.template.model import TableTemplate

    columns = tuple(c.key for c in table.columns)
    parts = identities_for(columns)
    return TableTemplate(kind=table.kind, number=table.number or 0, title=table.title, titles=(), columns=columns,
                         parts=parts) if parts else None
