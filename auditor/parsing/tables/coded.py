"""Assemble and bind the rows of the coded tables (表2, 3, 5, 6, 7, 8, 9)."""

from __future__ import annotations

import re

from auditor.model import Diagnostic, RowLevel, Span
from auditor.parsing.tables.binding import Pending, SumConstraint
from auditor.parsing.tables.rows import (
    RawRow,
    compact,
    is_figure,
    read_flattened_row,
    read_tabbed_row,
    starts_row,
)
from auditor.template.model import TableTemplate as Template

# The Kashgar rendering prints every cell followed by one space, so empty
# cells show as runs of spaces: between figures, or after a 类 code whose
# 款 and 项 cells are empty.
SPACING_RE = re.compile(r"\d\.\d{2}  +\d|\S  +\d+\.\d{2}|^\s*[23]\d{2}   \S|^\s*[23]\d{2} \d{2}  \S")


def spaced(text: str) -> bool:
    """Whether ``text`` shows the Kashgar spacing (every branch of SPACING_RE holds two spaces in a row)."""
    return "  " in text and SPACING_RE.search(text) is not None


def gather_rows(
    body: list[tuple[int, str]], template: Template, rendering: str, spacing: bool
) -> tuple[list[RawRow], str]:
    """The rows of the body and the header text (for checking the columns)."""
    if rendering != "flattened":
        return _gather_tabbed(body, template)
    header: list[str] = []
    groups: list[list[tuple[int, str]]] = []
    header_first: str | None = None
    skipping = False
    last_number = body[-1][0] if body else None
    for number, text in body:
        if starts_row(text):
            bare_total = not any(is_figure(t) for t in text.split()) and not text.split()[0].isdigit()
            # "总 计" is also a header word; a bare total opens a row only after
            # the rows began (outside a repeated header) or as the table's last line.
            if not bare_total or (groups and not skipping) or number == last_number:
                groups.append([(number, text)])
                skipping = False
                continue
        if not groups:
            header.append(text)
            if header_first is None:
                header_first = compact(text)
            continue
        if header_first and compact(text) == header_first:
            skipping = True  # a header repeated after a page break
            continue
        if skipping:
            continue
        groups[-1].append((number, text))
    spacing = spacing or any(spaced(text) for _, text in body)
    rows = [read_flattened_row(group, template.project_cell, spacing) for group in groups]
    return rows, "".join(compact(h) for h in header)


def numbered_columns(body: list[tuple[int, str]]) -> int | None:
    """How many value columns the ``※ ※ ※ 1 2 3`` numbering row announces."""
    for _, text in body:
        cells = [c.strip() for c in text.split("\t")]
        if cells and cells[0] == "※":
            return sum(1 for c in cells if c.isdigit())
    return None


def _gather_tabbed(body: list[tuple[int, str]], template: Template) -> tuple[list[RawRow], str]:
    rows: list[RawRow] = []
    header: list[str] = []
    announced = numbered_columns(body)
    # When the numbering row shows fewer columns than the template, the
    # rendering dropped a column: cell positions no longer say which column
    # a figure is in, so the figures are bound like flattened ones.
    lost_columns = announced is not None and announced < len(template.columns)
    for number, text in body:
        cells = [c.strip() for c in text.split("\t")]
        has_figure = any(is_figure(c) for c in cells)
        code_like = bool(cells and re.fullmatch(r"[23]\d{2}", cells[0]))
        if has_figure or code_like:
            row = read_tabbed_row(number, text, template.label_cells, template.project_cell)
            if lost_columns:
                row.hint = None
            rows.append(row)
        elif not rows or "※" in text or not text.strip():
            header.append(text)
        else:
            header.append(text)  # a header repeated after a page break
    return rows, "".join(compact(h) for h in header)


def allowed_columns(row: RawRow, template: Template) -> list[str]:
    # 表6: an economic code decides the columns (301/303 人员经费, 302 公用经费).
    return template.allowed_columns(row.code)


def hierarchy(rows: list[RawRow]) -> list[SumConstraint]:
    """Parent = Σ children for 类/款/项, projects under their 项, totals over 类."""
    constraints: list[SumConstraint] = []
    children: dict[int, list[int]] = {}
    for index, parent in enumerate(parents(rows)):
        if parent is not None:
            children.setdefault(parent, []).append(index)
    classes = [i for i, r in enumerate(rows) if r.level is RowLevel.CLASS]
    units = [i for i, r in enumerate(rows) if r.level is RowLevel.UNIT]
    for index, row in enumerate(rows):
        if row.level is RowLevel.TOTAL:
            if units:
                constraints.append(SumConstraint(index, tuple(units[:1])))
            elif classes:
                constraints.append(SumConstraint(index, tuple(classes)))
        elif row.level is RowLevel.UNIT and classes:
            constraints.append(SumConstraint(index, tuple(classes)))
    for parent, kids in children.items():
        constraints.append(SumConstraint(parent, tuple(kids)))
    return constraints


def parents(rows: list[RawRow]) -> list[int | None]:
    """The index of each row's parent row, in one pass with dictionaries.

    A project's parent is the latest 项 row with its code. Another row's
    parent is the latest non-project row whose code is its own without the
    last two digits, unless a row of a different branch (a shorter code that
    is not a prefix of the parent's) came in between: then the row has none.
    Scanning back from every row made a table of 10k rows take seconds.
    """
    result: list[int | None] = []
    last_item: dict[str, int] = {}  # code -> latest 项 row
    last_row: dict[str, int] = {}  # code -> latest non-project row
    # Per code length: latest row, its code, and the latest row of that length with another code.
    last_at: dict[int, tuple[int, str, int]] = {}
    for index, row in enumerate(rows):
        result.append(_parent(row, last_item, last_row, last_at))
        code = row.code
        if code:
            if row.level is RowLevel.ITEM:
                last_item[code] = index
            if row.level is not RowLevel.PROJECT:
                last_row[code] = index
            previous = last_at.get(len(code))
            if previous is None:
                last_at[len(code)] = (index, code, -1)
            else:
                other = previous[2] if previous[1] == code else previous[0]
                last_at[len(code)] = (index, code, other)
    return result


def _parent(row: RawRow, last_item: dict[str, int], last_row: dict[str, int],
            last_at: dict[int, tuple[int, str, int]]) -> int | None:
    if not row.code or len(row.code) <= 3:
        return None
    if row.level is RowLevel.PROJECT and row.code in last_item:
        return last_item[row.code]
    target = row.code[:-2]
    parent = last_row.get(target)
    if parent is None:
        return None
    for length, (latest, code, other) in last_at.items():
        if length >= len(target) or latest <= parent:
            continue
        if code != target[:length] or other > parent:
            return None  # a row of another branch lies between
    return parent


def pending_rows(rows: list[RawRow], template: Template, rendering: str) -> list[Pending]:
    pending = []
    for row in rows:
        item = Pending(
            figures=row.figures,
            allowed=allowed_columns(row, template),
            first_column=template.columns[0],
            identities=template.parts,
            hint=row.hint,
        )
        pending.append(item)
    return pending


def header_diagnostics(header: str, template: Template, first_line: int) -> list[Diagnostic]:
    if not header:
        return []
    missing = []
    for column in template.columns:
        words = template.header_words(column)
        if compact(words) not in header:
            missing.append(column)
    if not missing:
        return []
    return [
        Diagnostic(
            "table-header",
            f"表{template.number} 的表头中没有找到这些列：{'、'.join(missing)}。",
            Span.at(first_line),
            "info",
        )
    ]
