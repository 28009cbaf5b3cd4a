"""Empty tables: what a remark or the 说明 calls an empty table.

A Python kind: it finds the name a sentence gives a table ("…情况表为空表") in remarks and in the
说明 alike and maps it to the table whose money it names. That an empty table carries a remark,
that the remark names its own money, and that emptiness matches 表1's income are expression rules
(BD-E001–E003, SH-E001–E003).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from auditor.engine.checks import Context, ParamSpec, register
from auditor.engine.checks._common import compact, paragraphs
from auditor.engine.rule import Draft

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
