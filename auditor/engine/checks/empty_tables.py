"""Empty tables: whether a remark names the right table.

A Python kind for now: it needs, for each table, the words that name it and those that name the
others. The 空表 remark (BD-E001) and emptiness against 表1 (BD-E003) are expression rules
(rules/completeness.yaml).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.engine.checks import Context, register
from auditor.engine.checks._common import compact
from auditor.engine.rule import Draft

# Words that name each table in a remark.
TABLE_WORDS = {
    8: ("政府性基金",),
    9: ("国有资本",),
    11: ("结转结余",),
    10: ("三公",),
}


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
