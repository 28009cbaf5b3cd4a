"""The equations a 决算 template's identities make of the tables read from a document.

Each identity of the template (rules/templates/final/*.yaml) becomes one equation per row,
column or class it covers: a stated figure and the sum of the figures it should equal. The
rules (BD-JS001–JS004) compare the two by interval arithmetic (auditor.quantity): they
disagree only when no values within the rounding of the printed figures could make them equal.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from auditor.final.tables import FinalRow, FinalTable, label_key
from auditor.final.template import Cross, FinalTemplate, Identity
from auditor.quantity import Quantity, total


@dataclass(frozen=True)
class Equation:
    line: int
    table: FinalTable
    what: str  # which identity, in words
    stated: Quantity
    expected: Quantity
    formula: str  # the sum as written

    @property
    def holds(self) -> bool:
        return self.stated.consistent(self.expected)

    @property
    def difference(self) -> str:
        return (self.stated - self.expected).format(max(self.stated.places, self.expected.places))


def _equation(line: int, table: FinalTable, what: str, stated: Quantity, parts: list[Quantity]) -> Equation:
    expected = total(parts) if parts else Quantity.zero()
    shown = " + ".join(p.format() for p in parts) or "0"
    return Equation(line, table, what, stated, expected, shown)


# -- cell references ---------------------------------------------------------
@dataclass(frozen=True)
class Cell:
    table: FinalTable
    row: FinalRow | None
    column: str

    @property
    def value(self) -> Quantity:
        return self.row.value(self.column) if self.row else Quantity.zero()

    @property
    def line(self) -> int:
        return self.row.line_of(self.column) if self.row else self.table.span.line

    @property
    def label(self) -> str:
        row = label_key(self.row.label) if self.row else "合计"
        return f"{self.table.spec.title}“{row}”" + (f"（{self.column}）" if "/" in self.column or self.column not in (
            "决算数", "合计") else "")


def resolve(ref: str, tables: dict[str, FinalTable], default_table: FinalTable | None = None,
            *, zero_if_missing: bool = False) -> Cell | None:
    """``key:ROW/COLUMN`` (or ``ROW/COLUMN`` inside one table) → a cell; None when it cannot be found.

    ``zero_if_missing``: a row left out of a table that is there counts as 0
    (a part of a sum; templates print such rows empty, some documents drop them).
    """
    key, sep, rest = ref.partition(":")
    if sep:
        table = tables.get(key)
    else:
        table, rest = default_table, ref
    if table is None:
        return None
    spec = table.spec
    if spec.family == "sided":
        side, _, rest = rest.partition("/")
        row_label, _, column = rest.partition("/")
        columns = (spec.side_columns or {}).get(side, ())
        column = column or (columns[0] if columns else "")
        row = table.row(row_label, side)
    elif spec.family == "budget_final":
        row = table.rows[0] if table.rows else None
        column = rest
    else:
        row_label, _, column = rest.partition("/")
        column = column or (spec.columns[0] if spec.columns else "")
        row = table.coded(row_label) if row_label.isdigit() else table.row(row_label)
    if row is None and not table.is_empty and not zero_if_missing:
        return None  # the row is missing from a table with figures: not this check's business
    return Cell(table, row, column)


# -- identities within a table ------------------------------------------------
def table_equations(table: FinalTable) -> Iterator[Equation]:
    tables = {table.spec.key: table}
    for identity in table.spec.identities:
        yield from IDENTITIES[identity.kind](table, identity, tables)


def _sum(table: FinalTable, identity: Identity, tables: dict[str, FinalTable]) -> Iterator[Equation]:
    target = resolve(identity.total, tables, table)
    parts = [resolve(p, tables, table, zero_if_missing=True) for p in identity.parts]
    if target is None or target.row is None or any(p is None for p in parts):
        return
    names = "＋".join(label_key(p.row.label) if p and p.row else "0" for p in parts)
    yield _equation(target.line, table, f"{identity.name}：{label_key(target.row.label)} = {names}",
                      target.value, [p.value for p in parts if p])


def _rows(table: FinalTable, identity: Identity, tables: dict[str, FinalTable]) -> Iterator[Equation]:
    for row in table.rows:
        if identity.side and row.side != identity.side:
            continue
        if not row.values or identity.total not in row.values and not any(p in row.values for p in identity.parts):
            continue
        yield _equation(row.line_of(identity.total), table,
                          f"“{label_key(row.label)}”行：{identity.total} = {'＋'.join(identity.parts)}",
                          row.value(identity.total), [row.value(p) for p in identity.parts])


def _tree(table: FinalTable, identity: Identity, tables: dict[str, FinalTable]) -> Iterator[Equation]:
    """合计 = Σ 类; 类 = Σ 款; 款 = Σ 项 — for every column, for rows that have children."""
    coded = [row for row in table.rows if row.code]
    columns = table.spec.columns
    by_parent: dict[str, list[FinalRow]] = {}
    for row in coded:
        if len(row.code or "") > 3:
            by_parent.setdefault((row.code or "")[:-2], []).append(row)
    for side in {row.side for row in coded}:
        classes = [row for row in coded if len(row.code or "") == 3 and row.side == side]
        total_row = next((row for row in table.rows if row.code is None and label_key(row.label) == "合计"), None)
        if total_row is not None and classes and table.spec.family == "coded":
            for column in columns:
                yield _equation(total_row.line_of(column), table, f"合计（{column}）= 各类之和",
                                  total_row.value(column), [row.value(column) for row in classes])
    for row in coded:
        children = by_parent.get(row.code or "", [])
        if not children:
            continue
        for column in columns:
            yield _equation(row.line_of(column), table,
                              f"{row.code} {label_key(row.label)}（{column}）= 下级科目之和",
                              row.value(column), [child.value(column) for child in children])


def _items(table: FinalTable, identity: Identity, tables: dict[str, FinalTable]) -> Iterator[Equation]:
    """A side's numbered rows (一、二、…) above its total row add up to it."""
    side = identity.side
    rows = [row for row in table.rows if row.side == side]
    target = table.row(identity.total, side)
    if target is None:
        return
    items = [row for row in rows if row.numbered and row.line < target.line]
    columns = (table.spec.side_columns or {}).get(side or "", ())
    for column in columns:
        yield _equation(target.line_of(column), table, f"{identity.name}：{label_key(target.label)}（{column}）= 各项之和",
                          target.value(column), [row.value(column) for row in items])


def _economic(table: FinalTable, identity: Identity, tables: dict[str, FinalTable]) -> Iterator[Equation]:
    target = table.row(identity.total)
    if target is None:
        return
    classes = [row for row in table.rows if row.code in identity.classes]
    column = table.spec.columns[0]
    yield _equation(target.line_of(column), table,
                      f"{identity.total} = {'＋'.join(label_key(r.label) for r in classes) or '各类'}",
                      target.value(column), [row.value(column) for row in classes])


def _pairs(table: FinalTable, identity: Identity, tables: dict[str, FinalTable]) -> Iterator[Equation]:
    for row in table.rows:
        for pair in table.spec.pairs:
            yield _equation(row.line_of(f"{identity.total}/{pair}"), table,
                              f"{identity.total}（{pair}）= {'＋'.join(identity.parts)}",
                              row.value(f"{identity.total}/{pair}"), [row.value(f"{p}/{pair}") for p in identity.parts])


IDENTITIES = {
    "sum": _sum,
    "rows": _rows,
    "columns": _rows,
    "tree": _tree,
    "items": _items,
    "economic": _economic,
    "pairs": _pairs,
}


# -- between tables -----------------------------------------------------------
def cross_equations(template: FinalTemplate, tables: dict[str, FinalTable]) -> Iterator[Equation]:
    for rule in template.cross:
        yield from _cross(rule, tables)
    for rule in template.cross_classes:
        yield from _by_class(rule, tables)


def _by_class(rule: Cross, tables: dict[str, FinalTable]) -> Iterator[Equation]:
    """Each numbered 类 of a two-sided table's side = the coded table's row of that 类 (by name)."""
    left_key, _, rest = rule.left.partition(":")
    side, _, left_column = rest.partition("/")
    right_key, _, right_column = rule.right[0].partition(":")
    left, right = tables.get(left_key), tables.get(right_key)
    if left is None or right is None or right.is_empty:
        return
    classes = {label_key(row.label): row for row in right.rows if row.code and len(row.code) == 3}
    for row in left.rows:
        if row.side != side or not row.numbered:
            continue
        other = classes.get(row.key)
        if other is None:
            if row.values:  # a class the other table lacks: its figure should be 0
                yield Equation(row.line_of(left_column), left, f"{rule.name}：“{row.key}”在{right.spec.title}中没有",
                               row.value(left_column), Quantity.zero(), "0")
            continue
        yield _equation(row.line_of(left_column), left,
                          f"{rule.name}：“{row.key}” = {right.spec.title} {other.code}",
                          row.value(left_column), [other.value(right_column)])


def _cross(rule: Cross, tables: dict[str, FinalTable]) -> Iterator[Equation]:
    left = resolve(rule.left, tables)
    rights = [resolve(ref, tables) for ref in rule.right]
    if left is None or any(r is None for r in rights):
        return
    what = f"{rule.name}：{left.label} = " + "＋".join(r.label for r in rights if r)
    yield _equation(left.line, left.table, what, left.value, [r.value for r in rights if r])
