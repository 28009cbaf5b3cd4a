"""Empty tables: whose money a remark names, and whether emptiness matches 表1.

That an empty table carries a remark saying so is an expression rule (BD-E001, SH-E002).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from auditor.engine.checks import Context, ParamSpec, register
from auditor.engine.checks._common import cell, compact, label_row, paragraphs
from auditor.engine.rule import Draft


@register("remark_names_table", {
    "words": ParamSpec(dict, "表号 -> 点名该表资金的词（如 8: [政府性基金]）", required=True),
})
def remark_names_table(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """空表说明应指明本表；说明中点名的是另一张表时提醒（多为复制粘贴）。"""
    table_words = {int(k): tuple(v) for k, v in params["words"].items()}
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


@register("empty_matches_income", {
    "lines": ParamSpec(dict, "表号 -> 表1 收入方中为该表提供资金的行名（如 8: 2.政府性基金预算拨款）", required=True),
    "column": ParamSpec(str, "表1 的列", default="预算数"),
})
def empty_matches_income(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """一张表为空，当且仅当 表1 没有为它提供资金的收入（如 政府性基金、国有资本经营、上年结转结余）。"""
    document = context.document
    income = document.table(1)
    if income is None:
        return
    from auditor.engine.checks.statements import table_unit

    unit = table_unit(document, income)
    for key, label in params["lines"].items():
        number = int(key)
        table = document.table(number)
        row = label_row(income, label, "income") or label_row(income, re.sub(r"结转结余$", "结转", label), "income")
        if table is None or row is None:
            continue
        value = cell(row, params["column"])
        if value is None:
            continue
        has_money = value.lo > 0
        if table.is_empty and has_money:
            yield Draft(table.span, table=number,
                        stated="空表", expected=f"{row.name} {value.format()} {unit}",
                        values={"table": number, "problem": f"表1“{row.name}”为 {value.format()} {unit}，本表却为空表"},
                        evidence=f"表1 第 {row.span.line} 行 {row.name} = {value.format()}")
        elif not table.is_empty and value.hi <= 0 and not any(r.figures for r in table.rows if r.level.value == "total"):
            continue
        elif not table.is_empty and value.hi <= 0:
            yield Draft(table.span, table=number,
                        values={"table": number, "problem": f"表1 没有“{row.name}”，本表却有数字"},
                        evidence=f"表1 第 {row.span.line} 行 {row.name} 为空")


# "…,上年结转结余预算支出情况表为空表": the name a remark gives the empty table.
NAMED_EMPTY_RE = re.compile(r"(?:^|[,。;:])\s*([^,。;:]{2,30}?表)\s*(?:为|是)\s*空表")


@register("empty_table_named", {
    "words": ParamSpec(dict, "表号 -> 点名该表资金的词（如 8: [政府性基金]）", required=True),
})
def empty_table_named(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """空表说明（表下备注与第三部分的说明）用表的标题称呼这张表。"""
    document = context.document
    TABLE_WORDS = {int(k): tuple(v) for k, v in params["words"].items()}  # noqa: N806 - a constant per call
    by_number = {t.number: t for t in document.tables if t.number in TABLE_WORDS and t.is_empty}
    places = [(t.remark.text, t.remark.span, None) for t in by_number.values() if t.remark]
    places += [(p.text, p.span, p) for _, p in paragraphs(document, 3)]
    for text, span, paragraph in places:
        for match in NAMED_EMPTY_RE.finditer(text):
            named = compact(match.group(1))
            number = next((n for n, words in TABLE_WORDS.items() if any(w in named for w in words)), None)
            table = by_number.get(number)
            if table is None or named == compact(table.title) or named.endswith(compact(table.title)):
                continue
            where = paragraph.span_of(match.start(1), match.end(1)) if paragraph is not None else span
            yield Draft(where, match.group(1), table.title, None,
                        f"说明中写“{match.group(1)}”，表{table.number} 的标题是“{table.title}”",
                        table=table.number,
                        values={"stated": match.group(1), "expected": table.title, "table": table.number},
                        figures=(match.group(1), table.title))
