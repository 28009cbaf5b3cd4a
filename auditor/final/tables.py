"""Read the nine tables of a 部门决算 out of 第二部分.

決算 tables carry no ``表 N`` label: each starts at its title. Rows are the
tab-separated lines of the tabbed rendering (and of the PDF reader, which
keeps the cell grid); where a cell sits says what it is, so the reader is a
fixed mapping per layout family (see rules/templates/final/*-final.yaml).
Everything is read in one pass over the lines of 第二部分.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from auditor.final.template import FinalTemplate, TableSpec
from auditor.model import Amount, Document, Span
from auditor.quantity import Quantity, QuantityError
from auditor.reading.normalize import compact, is_page_footer

NUMBERED_RE = re.compile(r"^[一二三四五六七八九十]{1,3}、")
CODE_RE = re.compile(r"^\d{2,3}$|^\d{5}$|^\d{7}$")
QUOTES = "“”\"'‘’「」"


def plain(text: str) -> str:
    """A label or title as compared: no spaces, no quotation marks."""
    return "".join(ch for ch in compact(text) if ch not in QUOTES)


def label_key(text: str) -> str:
    """A row label without its numbering: ``一、一般公共服务支出`` → ``一般公共服务支出``."""
    return NUMBERED_RE.sub("", plain(text))


@dataclass(frozen=True)
class FinalRow:
    line: int
    label: str  # as printed (normalised)
    code: str | None = None  # 201 / 20103 / 2010301, or 301 / 30101
    side: str | None = None  # sided tables: income / expenditure; economic pairs: left / right
    values: dict[str, Amount] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return label_key(self.label)

    @property
    def numbered(self) -> bool:
        return bool(NUMBERED_RE.match(plain(self.label)))

    def value(self, column: str) -> Quantity:
        """The figure in ``column``; an empty cell is 0."""
        amount = self.values.get(column)
        return amount.quantity if amount else Quantity.zero()

    def line_of(self, column: str) -> int:
        amount = self.values.get(column)
        return amount.line if amount else self.line


@dataclass(frozen=True)
class FinalTable:
    spec: TableSpec
    title: str
    span: Span
    rows: tuple[FinalRow, ...] = ()
    notes: tuple[tuple[int, str], ...] = ()  # untabbed lines under the table (说明, 注)

    @property
    def is_empty(self) -> bool:
        return not any(row.values for row in self.rows)

    def row(self, label: str, side: str | None = None) -> FinalRow | None:
        """The first row whose label (numbering ignored) starts with ``label``."""
        wanted = label_key(label)
        for row in self.rows:
            if side is not None and row.side != side:
                continue
            if row.key == wanted or (row.key.startswith(wanted) and wanted):
                return row
        return None

    def coded(self, code: str) -> FinalRow | None:
        return next((row for row in self.rows if row.code == code), None)


def _amount(text: str, line: int) -> Amount | None:
    text = text.strip()
    if not text or text in ("-", "—", "--"):
        return None
    try:
        return Amount(text, Quantity.parse(text), line)
    except QuantityError:
        return None


def _is_number(text: str) -> bool:
    return _amount(text, 0) is not None


def find_title(text: str, variants: list[tuple[str, TableSpec]]) -> TableSpec | None:
    """The table whose title a line is (longest variant first), or None."""
    if "\t" in text or len(text) > 60:
        return None
    line = plain(text)
    for variant, spec in variants:
        if line.endswith(variant) and len(line) <= len(variant) + 24:
            return spec
    return None


def title_variants(template: FinalTemplate) -> list[tuple[str, TableSpec]]:
    pairs = [(plain(title), spec) for spec in template.tables for title in spec.titles]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def read_final_tables(document: Document, template: FinalTemplate) -> list[FinalTable]:
    part = document.part(2)
    if part is None:
        return []
    variants = title_variants(template)
    blocks: list[tuple[TableSpec, int, str, list[tuple[int, str]]]] = []
    for number in range(part.span.line, part.span.end_line + 1):
        text = document.line_text(number)
        stripped = text.strip()
        if not stripped or is_page_footer(stripped):
            continue
        spec = find_title(stripped, variants)
        if spec is not None:
            blocks.append((spec, number, stripped, []))
        elif blocks:
            blocks[-1][3].append((number, text))
    return [_table(spec, line, title, lines) for spec, line, title, lines in blocks]


def _table(spec: TableSpec, title_line: int, title: str, lines: list[tuple[int, str]]) -> FinalTable:
    rows: list[FinalRow] = []
    notes: list[tuple[int, str]] = []
    grid: list[tuple[int, list[str]]] = []
    for number, text in lines:
        if "\t" not in text:
            notes.append((number, text.strip()))
            continue
        grid.append((number, [cell.strip() for cell in text.split("\t")]))
    width = _label_width(spec, [cells for _, cells in grid])
    for number, cells in grid:
        rows.extend(READERS[spec.family](spec, number, cells, width))
    end = max([title_line] + [n for n, _ in lines])
    return FinalTable(spec, title, Span(title_line, end), tuple(rows), tuple(notes))


def _code_cells(cells: list[str]) -> tuple[int, str] | None:
    """(index of the name cell, joined code) when a row starts with 科目编码 cells."""
    codes = []
    for index, cell in enumerate(cells):
        if CODE_RE.match(cell):
            codes.append(cell)
        elif cell:
            return (index, "".join(codes)) if codes and len(codes[0]) in (3, 5, 7) and len(codes[0]) != 2 else None
    return None


def _label_width(spec: TableSpec, grid: list[list[str]]) -> int:
    """How many cells precede the figures, read off the rows themselves.

    A published table has 类/款/项 in three cells or one merged 科目编码 cell;
    the economic table repeats 编码/名称/决算数 twice. The most common layout
    among the coded rows decides, so a 合计 row written in the first cell
    still has its figures read from the right column.
    """
    counts: dict[int, int] = {}
    for cells in grid:
        if spec.family == "economic_pairs":
            # the right half starts at the first code cell after a name
            seen_name = False
            for index, cell in enumerate(cells):
                if cell and not CODE_RE.match(cell):
                    seen_name = True
                elif seen_name and CODE_RE.match(cell) and len(cell) in (3, 5):
                    counts[index] = counts.get(index, 0) + 1
                    break
        else:
            found = _code_cells(cells)
            if found:
                counts[found[0] + 1] = counts.get(found[0] + 1, 0) + 1
    if counts:
        return max(counts, key=lambda k: (counts[k], k))
    return 4 if spec.family == "coded" else 4


def _values(columns: tuple[str, ...], cells: list[str], line: int) -> dict[str, Amount]:
    values: dict[str, Amount] = {}
    for column, text in zip(columns, cells, strict=False):
        amount = _amount(text, line)
        if amount is not None:
            values[column] = amount
    return values


def _sided(spec: TableSpec, line: int, cells: list[str], width: int) -> list[FinalRow]:
    assert spec.side_columns is not None
    income, expenditure = spec.side_columns["income"], spec.side_columns["expenditure"]
    cells = cells + [""] * (2 + len(income) + len(expenditure) - len(cells))
    out = []
    left = cells[0]
    right_at = 1 + len(income)
    right = cells[right_at]
    if left and not _is_number(left) and left not in ("项目", "收入", "支出"):
        out.append(FinalRow(line, left, side="income", values=_values(income, cells[1:right_at], line)))
    if right and not _is_number(right) and right not in ("项目", "收入", "支出"):
        out.append(FinalRow(line, right, side="expenditure", values=_values(expenditure, cells[right_at + 1:], line)))
    return out


def _coded(spec: TableSpec, line: int, cells: list[str], width: int) -> list[FinalRow]:
    cells = cells + [""] * (width - len(cells))
    values = _values(spec.columns, cells[width:], line)
    found = _code_cells(cells[:width])
    if found:
        return [FinalRow(line, cells[found[0]], found[1], values=values)]
    label = next((c for c in reversed(cells[:width]) if c and c not in ("类", "款", "项")), "")
    if plain(label) in ("合计", "总计"):
        return [FinalRow(line, "合计", values=values)]
    if values:  # a row with figures but no code: keep it under its label
        return [FinalRow(line, label, values=values)]
    return []


def _economic(spec: TableSpec, line: int, cells: list[str], width: int) -> list[FinalRow]:
    cells = cells + [""] * (2 * width - len(cells))
    out = []
    for side, half in (("left", cells[0:width]), ("right", cells[width:2 * width])):
        value = _values(spec.columns, half[width - 1:width], line)
        found = _code_cells(half[: width - 1])
        if found:
            out.append(FinalRow(line, half[found[0]], found[1], side, value))
        elif half[0] and not CODE_RE.match(half[0]) and (value or half[0].endswith("合计")):
            out.append(FinalRow(line, half[0], None, side, value))
    return out


def _budget_final(spec: TableSpec, line: int, cells: list[str], width: int) -> list[FinalRow]:
    filled = [c for c in cells if c]
    if not filled or not all(_is_number(c) for c in filled):
        return []
    keys = tuple(f"{column}/{pair}" for column in spec.columns for pair in spec.pairs)
    return [FinalRow(line, "决算", values=_values(keys, cells, line))]


READERS = {"sided": _sided, "coded": _coded, "economic_pairs": _economic, "budget_final": _budget_final}
