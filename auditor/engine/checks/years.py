"""Years: a project's execution period lies in the budget year.

A Python kind because it collects every year of a period and reports those outside the
budget year together (the rule language has no filter over a list).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from auditor.engine.checks import Context, register
from auditor.engine.checks._common import find_in_paragraphs, span_of
from auditor.engine.rule import Draft

EXECUTION_RE = re.compile(r"资金执行时间\s*:\s*([^。]*)")
YEAR_RE = re.compile(r"(20\d{2})\s*年")


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
