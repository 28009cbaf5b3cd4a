"""The tables of a disclosure: rows, columns, figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from auditor.model.span import Span
from auditor.quantity import Quantity

# Table kinds are names declared by templates (rules/templates/*.yaml);
# a table whose title matches none of its template's tables has this kind.
UNKNOWN_KIND = "unknown"


class RowLevel(str, Enum):
    """What a row stands for."""

    TOTAL = "total"  # 总计 / 合计 / 收入总计
    UNIT = "unit"  # 表7: the unit's own subtotal row
    CLASS = "class"  # 类 (3 digits)
    SECTION = "section"  # 款 (类 + 2 digits)
    ITEM = "item"  # 项 (类 + 款 + 2 digits)
    PROJECT = "project"  # a project row (表7, 表11)
    LINE = "line"  # a labelled line (表1/表4 income side, 表10)


@dataclass(frozen=True, slots=True)
class Column:
    """A value column: its stable key and its header as printed (normalised)."""

    key: str
    header: str


@dataclass(frozen=True, slots=True)
class Amount:
    """A figure as written in the document."""

    text: str
    quantity: Quantity
    line: int


@dataclass(frozen=True, slots=True)
class Placement:
    """One way of binding a row's figures to columns (column key -> amount)."""

    values: dict[str, Amount]


@dataclass(frozen=True, slots=True)
class Row:
    """A data row.

    ``values`` binds each figure to the column it belongs to. When the
    rendering lost empty cells and the table's own arithmetic does not decide
    where a figure goes, ``ambiguous`` is true, ``values`` holds only the
    bindings shared by every candidate, and ``candidates`` lists them all.
    """

    span: Span
    level: RowLevel
    name: str
    code: str | None = None
    project: str | None = None
    side: str | None = None  # 表1/表4: "income" or "expenditure"
    values: dict[str, Amount] = field(default_factory=dict)
    ambiguous: bool = False
    candidates: tuple[Placement, ...] = ()
    figures: tuple[Amount, ...] = ()  # every figure of the row, in printed order

    @property
    def code_parts(self) -> tuple[str, ...]:
        """The code split into 类/款/项 (``("210", "15", "01")``)."""
        if not self.code:
            return ()
        parts = [self.code[:3]]
        rest = self.code[3:]
        while rest:
            parts.append(rest[:2])
            rest = rest[2:]
        return tuple(parts)

    def value(self, column: str) -> Quantity | None:
        amount = self.values.get(column)
        return amount.quantity if amount else None


@dataclass(frozen=True, slots=True)
class Remark:
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Table:
    number: int | None
    kind: str  # a kind declared by the document's template, or UNKNOWN_KIND
    title: str
    span: Span
    compiler: str | None = None  # 编制部门/编制单位 as printed
    compiler_label: str | None = None  # "编制部门" or "编制单位"
    money_unit: str | None = None  # "万元"
    columns: tuple[Column, ...] = ()
    rows: tuple[Row, ...] = ()
    remark: Remark | None = None

    @property
    def is_empty(self) -> bool:
        """No row carries a figure."""
        return not any(row.figures for row in self.rows)

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)

    def total_row(self, side: str | None = None) -> Row | None:
        """The 总计/合计 row (of one side, for 表1 and 表4)."""
        return next(
            (r for r in self.rows if r.level is RowLevel.TOTAL and (side is None or r.side == side)), None
        )

    def rows_with_code(self, code: str) -> list[Row]:
        return [r for r in self.rows if r.code == code]
