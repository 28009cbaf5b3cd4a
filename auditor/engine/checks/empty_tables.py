"""Empty tables: whose money a remark names, and what the remark calls the table.

Python kinds: both map words in a remark to the table they name (a lookup from words to table
numbers, and a search for the name a remark gives). That an empty table carries a remark, and
that emptiness matches 表1's income, are expression rules (BD-E001, BD-E003, SH-E002, SH-E003).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from auditor.engine.checks import Context, ParamSpec, register
from auditor.engine.checks._common import compact, paragraphs
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
