"""Arithmetic inside one table: row identities and hierarchy sums.

Python kinds: a row whose figures' columns are uncertain (text that lost its empty cells) fails
only when every possible placement fails, and a hierarchy sum walks the code tree of every table
column by column. Labelled line sums are expression rules (BD-T003, BD-T004, SH-T001).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.engine.checks import Context, ParamSpec, register
from auditor.engine.checks._common import (
    cell,
    row_label,
    shown_sum,
    sum_cells,
    table_template,
)
from auditor.engine.rule import Draft
from auditor.engine.views import children_of
from auditor.model import RowLevel
from auditor.quantity import Quantity, total


def _tables(context: Context, numbers: list[int] | None):
    for table in context.document.tables:
        if numbers and table.number not in numbers:
            continue
        yield table


def _draft(span, table, stated, expected, evidence, **values) -> Draft:
    difference = (stated - expected).format(max(stated.places, expected.places))
    return Draft(
        span,
        stated.format(),
        expected.format(),
        difference,
        evidence,
        table,
        values={"stated": stated.format(), "expected": expected.format(), "difference": difference, **values},
        figures=(stated.format(), expected.format()),
    )


@register("row_identity", {"tables": ParamSpec(list, "检查哪些表（表号列表）；缺省为所有有行内关系的表")})
def row_identity(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """每行的合计列等于其组成列之和（如 合计 = 基本支出 + 项目支出；表7 项目支出合计 = 各经济分类之和）。"""
    for table in _tables(context, params["tables"]):
        template = table_template(context.document, table)
        if template is None:
            continue
        for row in table.rows:
            if not row.figures or row.side == "income":
                continue
            # An ambiguous row fails only when every possible placement fails.
            placements = [c.values for c in row.candidates] if row.ambiguous else [row.values]
            for whole, parts in template.parts.items():
                first = None
                for placement in placements:
                    failure = _identity(placement, whole, parts)
                    if failure is None:
                        break  # one reading of the row satisfies it
                    first = first or failure
                else:
                    if first is None:
                        continue
                    stated, expected, evidence = first
                    yield _draft(row.span, table.number, stated, expected, evidence,
                                 row=row_label(row), column=whole, parts="、".join(parts))


def _identity(placement, whole: str, parts: tuple[str, ...]):
    """None when ``whole`` = Σ ``parts`` holds in ``placement``, else the arithmetic."""
    stated = _value(placement, whole)
    expected = total([_value(placement, p) for p in parts])
    if stated.consistent(expected):
        return None
    nonzero = [f"{p} {_value(placement, p).format()}" for p in parts if placement.get(p)]
    evidence = f"{whole} {stated.format()} ≠ {' + '.join(nonzero) or '0'} = {expected.format()}"
    return stated, expected, evidence


def _value(placement, column: str) -> Quantity:
    """A column's figure in one placement of a row's figures; 0 when it is empty."""
    amount = placement.get(column)
    return amount.quantity if amount else Quantity.zero()


@register("hierarchy_sum", {"tables": ParamSpec(list, "检查哪些表（表号列表）")})
def hierarchy_sum(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """上级科目等于下级科目之和：类 = Σ款，款 = Σ项（及其下的项目），总计 = Σ类，逐列检查。"""
    for table in _tables(context, params["tables"]):
        for row in table.rows:
            if row.level in (RowLevel.PROJECT, RowLevel.LINE):
                continue
            children = children_of(table, row)
            if not children:
                continue
            if row.level is RowLevel.TOTAL and not row.figures and not any(c.figures for c in children):
                continue
            for column in table.columns:
                stated = cell(row, column.key)
                expected = sum_cells(children, column.key)
                if stated is None or expected is None or stated.consistent(expected):
                    continue
                kind = {RowLevel.CLASS: "各款", RowLevel.SECTION: "各项", RowLevel.ITEM: "各项目"}.get(row.level, "各类")
                evidence = f"{row_label(row)} {column.key} {stated.format()} ≠ {kind}之和 {shown_sum(children, column.key)} = {expected.format()}"
                yield _draft(row.span, table.number, stated, expected, evidence,
                             row=row_label(row), column=column.key, children=kind)
