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
CODE_RE = re.compile(r"^\d{2,3}$")
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
    for number, text in lines:
        if "\t" not in text:
            notes.append((number, text.strip()))
            continue
        cells = [cell.strip() for cell in text.split("\t")]
        rows.extend(READERS[spec.family](spec, number, cells))
    end = max([title_line] + [n for n, _ in lines])
    return FinalTable(spec, title, Span(title_line, end), tuple(rows), tuple(notes))


def _values(columns: tuple[str, ...], cells: list[str], line: int) -> dict[str, Amount]:
    values: dict[str, Amount] = {}
    for column, text in zip(columns, cells, strict=False):
        amount = _amount(text, line)
        if amount is not None:
            values[column] = amount
    return values


def _sided(spec: TableSpec, line: int, cells: list[str]) -> list[FinalRow]:
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


def _coded(spec: TableSpec, line: int, cells: list[str]) -> list[FinalRow]:
    cells = cells + [""] * (4 - len(cells))
    codes = [c for c in cells[:3] if CODE_RE.match(c)]
    name = cells[3]
    values = _values(spec.columns, cells[4:], line)
    if codes and codes[0] and len(codes[0]) == 3:
        return [FinalRow(line, name, "".join(codes), values=values)]
    label = name or next((c for c in cells[:3] if c), "")
    if plain(label) in ("合计", "总计") or plain(name) in ("合计", "总计"):
        return [FinalRow(line, "合计", values=values)]
    if values:  # a row with figures but no code: keep it under its label
        return [FinalRow(line, label, values=values)]
    return []


def _economic(spec: TableSpec, line: int, cells: list[str]) -> list[FinalRow]:
    cells = cells + [""] * (8 - len(cells))
    out = []
    for side, half in (("left", cells[0:4]), ("right", cells[4:8])):
        codes = [c for c in half[:2] if CODE_RE.match(c)]
        value = _values(spec.columns, half[3:4], line)
        if codes and len(codes[0]) == 3:
            out.append(FinalRow(line, half[2], "".join(codes), side, value))
        elif half[0] and not CODE_RE.match(half[0]) and (value or half[0].endswith("合计")):
            out.append(FinalRow(line, half[0], None, side, value))
    return out


def _budget_final(spec: TableSpec, line: int, cells: list[str]) -> list[FinalRow]:
    filled = [c for c in cells if c]
    if not filled or not all(_is_number(c) for c in filled):
        return []
    keys = tuple(f"{column}/{pair}" for column in spec.columns for pair in spec.pairs)
    return [FinalRow(line, "决算", values=_values(keys, cells, line))]


READERS = {"sided": _sided, "coded": _coded, "economic_pairs": _economic, "budget_final": _budget_final}
