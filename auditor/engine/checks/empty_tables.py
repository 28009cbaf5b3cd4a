"""Empty tables: whether a remark names the right table and whether emptiness matches 表1.

Python kinds for now: each needs a table-to-words (or table-to-表1 line) mapping with fallbacks.
The 空表 remark itself is an expression rule (BD-E001 in rules/completeness.yaml).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from auditor.engine.checks import Context, register
from auditor.engine.checks._common import cell, compact, label_row
from auditor.engine.rule import Draft
from auditor.model import Span

# Words that name each table in a remark.
TABLE_WORDS = {
    8: ("政府性基金",),
    9: ("国有资本",),
    11: ("结转结余",),
    10: ("三公",),
}
# The 表1 income line whose money fills each table.
INCOME_LINE = {8: "2.政府性基金预算拨款", 9: "3.国有资本经营预算拨款", 11: "二、上年结转结余"}


@register("remark_names_table", {})
def remark_names_table(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """空表说明应指明本表；说明中点名的是另一张表时提醒（多为复制粘贴）。"""
    for table in context.document.tables:
        if not table.remark or table.number not in TABLE_WORDS:
            continue
        remark = compact(table.remark.text)
        own = TABLE_WORDS[table.number]
        others = [n for n, words in TABLE_WORDS.items() if n != table.number and any(w in remark for w in words)]
        if others and not any(w in remark for w in own):
            names = "、".join(f"表{n}" for n in others)
            yield Draft(table.remark.span, table=table.number,
                        values={"table": table.number, "other": names},
                        evidence=f"表{table.number} 的说明提到的是{names}：{table.remark.text}")


@register("empty_matches_income", {})
def empty_matches_income(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """表8、表9、表11 为空，当且仅当 表1 没有对应的收入（政府性基金、国有资本经营、上年结转结余）。"""
    document = context.document
    income = document.table(1)
    if income is None:
        return
    for number, label in INCOME_LINE.items():
        table = document.table(number)
        row = label_row(income, label, "income") or label_row(income, re.sub(r"结转结余$", "结转", label), "income")
        if table is None or row is None:
            continue
        value = cell(row, "预算数")
        if value is None:
            continue
        has_money = value.lo > 0
        if table.is_empty and has_money:
            yield Draft(Span(table.span.line, table.span.line), table=number,
                        stated="空表", expected=f"{row.name} {value.format()} 万元",
                        values={"table": number, "problem": f"表1“{row.name}”为 {value.format()} 万元，本表却为空表"},
                        evidence=f"表1 第 {row.span.line} 行 {row.name} = {value.format()}")
        elif not table.is_empty and value.hi <= 0 and not any(r.figures for r in table.rows if r.level.value == "total"):
            continue
        elif not table.is_empty and value.hi <= 0:
            yield Draft(Span(table.span.line, table.span.line), table=number,
                        values={"table": number, "problem": f"表1 没有“{row.name}”，本表却有数字"},
                        evidence=f"表1 第 {row.span.line} 行 {row.name} 为空")
