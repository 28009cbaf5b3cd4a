"""The same fact stated in two tables: totals and per-code figures agree."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.engine.checks import Context, ParamSpec, register
from auditor.engine.checks._common import cell, label_row, row_label, rows_for_code, sum_cells
from auditor.engine.rule import Draft
from auditor.model import Row, RowLevel, Table
from auditor.quantity import Quantity, Truth

RELATIONS = {"==": "等于", "<=": "不大于", ">=": "不小于"}


def holds(left: Quantity, relation: str, right: Quantity) -> bool:
    """``left relation right`` is not definitely false (==, <= or >=, by intervals)."""
    if relation == "==":
        return left.eq(right) is not Truth.FALSE
    if relation == "<=":
        return left.le(right) is not Truth.FALSE
    return right.le(left) is not Truth.FALSE



def _value_for(table: Table, code: str, column: str) -> tuple[Quantity | None, list[Row]]:
    rows = rows_for_code(table, code)
    if not rows:
        return Quantity.zero(), []
    return sum_cells(rows, column), rows


PARAMS = {
    "left": ParamSpec(int, "左边的表号", required=True),
    "left_column": ParamSpec(str, "左边的列", required=True),
    "right": ParamSpec(int, "右边的表号", required=True),
    "right_column": ParamSpec(str, "右边的列", required=True),
    "scope": ParamSpec(str, "total（合计行）、class（逐类）、code（逐个科目编码）或 label（按行名）", default="total"),
    "relation": ParamSpec(str, "==、<= 或 >=", default="=="),
    "left_side": ParamSpec(str, "表1/表4 的栏（income/expenditure）"),
    "right_side": ParamSpec(str, "表1/表4 的栏（income/expenditure）"),
    "left_label": ParamSpec(str, "scope 为 label 时左边的行名"),
    "right_label": ParamSpec(str, "scope 为 label 时右边的行名；或右边的科目编码（right_code）"),
    "right_code": ParamSpec(str, "右边按科目编码取行（如 30231）"),
}


@register("cross_table", PARAMS)
def cross_table(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """两张表中同一事实的数字一致：合计行、逐类或逐个科目编码比较，或按行名比较（可为不等式）。"""
    document = context.document
    left, right = document.table(params["left"]), document.table(params["right"])
    if left is None or right is None:
        return
    relation = params["relation"]
    lcol, rcol = params["left_column"], params["right_column"]
    # Tables in different money units (上海: 表1–8 元, 表9 万元) are compared in 万元.
    from auditor.engine.checks.statements import in_wan, table_unit

    lunit, runit = table_unit(document, left), table_unit(document, right)
    convert = lunit != runit
    if params["scope"] == "total":
        pairs = [(left.total_row(params["left_side"]), right.total_row(params["right_side"]), "合计")]
        pairs = [(a, [b] if b else [], label) for a, b, label in pairs]
    elif params["scope"] == "label":
        a = label_row(left, params["left_label"] or "", params["left_side"])
        if params["right_code"]:
            b_rows = rows_for_code(right, params["right_code"])
        else:
            found = label_row(right, params["right_label"] or "", params["right_side"])
            b_rows = [found] if found else []
        if a is None or not b_rows:
            return
        pairs = [(a, b_rows, a.name)]
    else:
        levels = (RowLevel.CLASS,) if params["scope"] == "class" else (RowLevel.CLASS, RowLevel.SECTION, RowLevel.ITEM)
        pairs = []
        seen = set()
        for row in left.rows:
            if row.level not in levels or not row.code or row.code in seen:
                continue
            if params["left_side"] and row.side != params["left_side"]:
                continue
            seen.add(row.code)
            pairs.append((row, rows_for_code(right, row.code), row_label(row)))
        # Codes only the right table has are compared against 0 on the left.
        for row in right.rows:
            if row.level in levels and row.code and row.code not in seen:
                if params["right_side"] and row.side != params["right_side"]:
                    continue
                seen.add(row.code)
                pairs.append((None, rows_for_code(right, row.code), row_label(row)))
    for a, b_rows, label in pairs:
        if a is None and not b_rows:
            continue
        stated = cell(a, lcol) if a is not None else Quantity.zero()
        expected = sum_cells(b_rows, rcol) if b_rows else Quantity.zero()
        if convert and stated is not None and expected is not None:
            stated, expected = in_wan(stated, lunit), in_wan(expected, runit)
        if stated is None or expected is None or holds(stated, relation, expected):
            continue
        where = a if a is not None else b_rows[0]
        table_number = left.number if a is not None else right.number
        difference = (stated - expected).format(2)
        right_lines = "、".join(str(r.span.line) for r in b_rows) or "无此行"
        evidence = (
            f"表{left.number} {lcol} {stated.format()}（第 {a.span.line if a else '-'} 行） "
            f"应{RELATIONS[relation]} 表{right.number} {rcol} {expected.format()}（第 {right_lines} 行）"
        )
        yield Draft(
            where.span, stated.format(), expected.format(), difference, evidence, table_number,
            values={"row": label, "stated": stated.format(), "expected": expected.format(),
                    "difference": difference, "left": left.number, "right": right.number,
                    "left_column": lcol, "right_column": rcol, "relation": RELATIONS[relation]},
            figures=(stated.format(), expected.format()),
        )
