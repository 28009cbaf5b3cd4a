"""Years: assets dated to the end of the previous year, execution periods within the budget year.

Python kinds: they scan dates written many ways (ranges, 年底, 截至) in paragraphs joined across
broken lines. Compared years and dates after a phrase are expression rules (BD-Y002, SH-Y001,
SH-Y002, SH-J002).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from auditor.engine.checks import Context, register
from auditor.engine.checks._common import find_in_paragraphs, span_of
from auditor.engine.rule import Draft
from auditor.model import Stage

ASSET_RE = re.compile(r"截至\s*(20\d{2})\s*年\s*(?:底|末|12\s*月\s*31\s*日)")
EXECUTION_RE = re.compile(r"资金执行时间\s*:\s*([^。]*)")
YEAR_RE = re.compile(r"(20\d{2})\s*年")


@register("asset_year", {})
def asset_year(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """国有资产占用情况：预算截至上年底（Y-1 年底），决算截至本年底（Y 年 12 月 31 日）。"""
    document = context.document
    year = document.year
    if year is None:
        return
    # A budget is drawn up before its year starts, so its latest balance sheet
    # is the previous year's; final accounts report the year they close.
    expected = year if document.stage is Stage.FINAL else year - 1
    for _, paragraph, match in find_in_paragraphs(document, ASSET_RE, part=3):
        stated = int(match.group(1))
        if stated != expected:
            yield Draft(span_of(paragraph, match), str(stated), str(expected), None,
                        f"{year} 年度{document.stage.word}，资产应截至 {expected} 年底",
                        values={"stated": stated, "expected": expected, "year": year,
                                "stage": document.stage.word},
                        figures=(str(stated),))


@register("execution_period", {})
def execution_period(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """项目资金执行时间在预算年度之内。"""
    year = context.document.year
    if year is None:
        return
    for _, paragraph, match in find_in_paragraphs(context.document, EXECUTION_RE, part=3):
        years = {int(y) for y in YEAR_RE.findall(match.group(1))}
        outside = sorted(y for y in years if y != year)
        if outside:
            yield Draft(span_of(paragraph, match), "、".join(map(str, outside)), str(year), None,
                        f"资金执行时间：{match.group(1).strip()}",
                        values={"stated": "、".join(map(str, outside)), "expected": year},
                        figures=tuple(map(str, outside)))


PREVIOUS_YEAR_RE = re.compile(r"(20\d{2})\s*年")


@register("previous_value_year", {})
def previous_value_year(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """绩效目标表的“上年完成值”写的是上年（Y-1）的完成情况。"""
    year = context.document.year
    if year is None:
        return
    for table in context.document.performance_tables:
        for indicator in table.indicators:
            years = sorted({int(y) for y in PREVIOUS_YEAR_RE.findall(indicator.previous or "")})
            wrong = [y for y in years if y != year - 1]
            if wrong:
                shown = "、".join(map(str, wrong))
                yield Draft(indicator.span, shown, str(year - 1), None,
                            f"“{indicator.level3}”的上年完成值为“{indicator.previous}”；预算年度 {year}，上年是 {year - 1}",
                            values={"stated": shown, "expected": year - 1, "indicator": indicator.level3,
                                    "name": table.name, "previous": indicator.previous},
                            figures=(shown, indicator.level3))
