"""Empty tables: the remark that says so, and whether emptiness matches 表1."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from auditor.engine.checks import Context, ParamSpec, register
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
EMPTY_WORDS = ("为空表", "空表", "无数据", "没有数据")


@register("empty_table_remark", {"tables": ParamSpec(list, "检查哪些表（缺省：所有表）")})
def empty_table_remark(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """没有数字的表须附说明，写明为空表及原因。"""
    for table in context.document.tables:
        if params["tables"] and table.number not in params["tables"]:
            continue
        if not table.is_empty:
            continue
        remark = compact(table.remark.text) if table.remark else ""
        if not remark:
            yield Draft(Span(table.span.line, table.span.line), table=table.number,
                        values={"table": table.number, "title": table.title, "problem": "没有说明"},
                        evidence=f"表{table.number}（{table.title}）没有任何数字，也没有说明")
        elif not any(word in remark for word in EMPTY_WORDS):
            yield Draft(table.remark.span, table=table.number,
                        values={"table": table.number, "title": table.title, "problem": "说明未写明为空表"},
                        evidence=f"说明：{table.remark.text}")


@register("remark_names_table", {
    "words": ParamSpec(dict, "表号 -> 点名该表资金的词（缺省为新疆模板：8 政府性基金、9 国有资本、10 三公、11 结转结余）"),
})
def remark_names_table(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """空表说明应指明本表；说明中点名的是另一张表时提醒（多为复制粘贴）。"""
    table_words = {int(k): tuple(v) for k, v in params["words"].items()} if params["words"] else TABLE_WORDS
    for table in context.document.tables:
        if not table.remark or table.number not in table_words:
            continue
        remark = compact(table.remark.text)
        own = table_words[table.number]
        others = [n for n, words in table_words.items() if n != table.number and any(w in remark for w in words)]
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
