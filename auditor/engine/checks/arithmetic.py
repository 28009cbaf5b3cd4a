"""Arithmetic inside one table: row identities, hierarchy sums, labelled line sums."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.engine.checks import Context, ParamSpec, register
from auditor.engine.checks._common import (
    cell,
    label_row,
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
    def value(column: str) -> Quantity:
        amount = placement.get(column)
        return amount.quantity if amount else Quantity.zero()

    stated = value(whole)
    expected = total([value(p) for p in parts])
    if stated.consistent(expected):
        return None
    nonzero = [f"{p} {value(p).format()}" for p in parts if placement.get(p)]
    evidence = f"{whole} {stated.format()} ≠ {' + '.join(nonzero) or '0'} = {expected.format()}"
    return stated, expected, evidence


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


@register(
    "line_sums",
    {
        "table": ParamSpec(int, "表号", required=True),
        "column": ParamSpec(str, "列名", required=True),
        "sums": ParamSpec(list, "[{total: 行名, parts: [行名…]}…]：合计行等于各组成行之和", required=True),
        "side": ParamSpec(str, "表1/表4 的栏：income 或 expenditure"),
    },
)
def line_sums(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """按行名给出的小计关系（如 表1 一、本年收入 = 1.～5. 各项；收入总计 = 支出总计）。"""
    table = context.document.table(params["table"])
    if table is None:
        return
    for entry in params["sums"]:
        if not isinstance(entry, dict) or "total" not in entry or "parts" not in entry:
            continue
        whole = label_row(table, entry["total"], entry.get("total_side", params["side"]))
        parts = [label_row(table, p, entry.get("parts_side", params["side"])) for p in entry["parts"]]
        if whole is None or any(p is None for p in parts):
            continue
        column = entry.get("column", params["column"])
        stated = cell(whole, column)
        expected = sum_cells(parts, column)
        if stated is None or expected is None or stated.consistent(expected):
            continue
        evidence = f"{whole.name} {stated.format()} ≠ {' + '.join(p.name for p in parts)} = {shown_sum(parts, column)} = {expected.format()}"
        yield _draft(whole.span, table.number, stated, expected, evidence, row=whole.name, column=column)
