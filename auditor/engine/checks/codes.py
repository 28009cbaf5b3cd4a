"""Classification codes against the shipped code lists (auditor/data/*_codes.yaml).

A Python kind because it needs the code lists (thousands of entries, with how sure each is)
and a lookup with year validity; the rule language reads documents, not data files.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.codes import economic_codes, function_codes
from auditor.engine.checks import Context, ParamSpec, register
from auditor.engine.checks._common import compact, table_template
from auditor.engine.rule import Draft
from auditor.model import RowLevel


@register(
    "known_codes",
    {"certain": ParamSpec(bool, "true：只报告与确定条目（样例中见过的）名称不符；false：报告未知编码和与不确定条目不符", default=True)},
)
def known_codes(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """科目编码在《政府收支分类科目》中，且名称与标准名称一致（折行截断的名称按前缀比较）。"""
    year = context.document.year
    seen: set[tuple[int | None, str]] = set()
    for table in context.document.tables:
        # The template says which code list a table's codes come from.
        kind = table_template(context.document, table)
        if kind is not None and kind.codes == "economic":
            codes = economic_codes()
        elif kind is not None and kind.codes == "function":
            codes = function_codes()
        else:
            continue
        for row in table.rows:
            if not row.code or row.level is RowLevel.PROJECT and not row.name:
                continue
            key = (table.number, row.code)
            if key in seen:
                continue
            seen.add(key)
            entry = codes.get(row.code)
            name = compact(row.name)
            if entry is None:
                if not params["certain"]:
                    yield Draft(row.span, row.code, None, None, "编码不在本工具所带的科目表中",
                                table.number, values={"code": row.code, "name": row.name, "problem": "编码不在科目表中"},
                                figures=(row.code,))
                continue
            if entry.valid_until is not None and year is not None and year > entry.valid_until:
                if params["certain"]:
                    yield Draft(row.span, row.code, None, None, f"{row.code} 只用到 {entry.valid_until} 年",
                                table.number, values={"code": row.code, "name": row.name,
                                                      "problem": f"该科目只用到 {entry.valid_until} 年"},
                                figures=(row.code,))
                continue
            standard = compact(entry.name)
            if name == standard or standard.startswith(name) and len(name) >= 4:
                continue
            if entry.certain == params["certain"]:
                yield Draft(row.span, row.name, entry.name, None,
                            f"{row.code} 的标准名称为“{entry.name}”（来源 {entry.evidence}）", table.number,
                            values={"code": row.code, "name": row.name, "problem": f"标准名称为“{entry.name}”"},
                            figures=(row.code, row.name))
