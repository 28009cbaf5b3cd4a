"""Amounts whose size contradicts their unit (元 written as 万元, or the reverse).

A Python kind: its patterns (lookbehinds, numbers with thousands separators next to other
repeats) exceed the limits the rule language puts on patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from auditor.engine.checks import Context, ParamSpec, register
from auditor.engine.checks._common import NUMBER, find_in_paragraphs, number, span_of
from auditor.engine.rule import Draft
from auditor.model import Span
from auditor.quantity import PLAUSIBLE_DIGITS, Quantity

# The patterns that start with (?=…) look ahead for what every one of their matches starts with:
# the same matches, and re tries the rest of the pattern only where it stands (twice as fast).
VEHICLE_VALUE_RE = re.compile(r"(?=车辆)(?<![用他])车辆\s*(\d+)\s*辆\s*,\s*价值\s*" + NUMBER + r"\s*万元")
ASSET_VALUE_RE = re.compile(r"(办公家具|其他资产)价值\s*" + NUMBER + r"\s*万元")
SMALL_YUAN_RE = re.compile(r"(?=\d)(?<![\d.])" + NUMBER + r"\s*元(?!/)")
# A run of 16+ digits (commas allowed) in the narrative: bounded, so linear.
HUGE_RE = re.compile(r"(?=\d)(?<![\d.,])(\d[\d,]{15,200}(?:\.\d{1,50})?)(?![\d,])")


@register(
    "unit_plausibility",
    {
        "max_per_vehicle": ParamSpec((int, float), "每辆车价值上限（万元）", default=500),
        "max_asset": ParamSpec((int, float), "办公家具、其他资产价值上限（万元）", default=50000),
        "min_yuan": ParamSpec((int, float), "预算说明中以“元”为单位的金额下限", default=1),
    },
)
def unit_plausibility(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """数量级与单位矛盾的金额：一辆车值数十万“万元”、家具值数十亿，多是把元写成了万元；不足 1 元的金额多是把万元写成了元。"""
    document = context.document
    yield from _implausible(document)
    for _, paragraph, match in find_in_paragraphs(document, VEHICLE_VALUE_RE, part=3):
        count, value = int(match.group(1)), number(match.group(2))
        limit = Quantity.exact(params["max_per_vehicle"]) * Quantity.exact(max(count, 1))
        if value.lo > limit.hi:
            yield Draft(span_of(paragraph, match, 2), f"{value.format()} 万元", f"不超过 {limit.format(0)} 万元", None,
                        f"{count} 辆车价值 {value.format()} 万元，平均每辆 {(value / Quantity.exact(max(count, 1))).format(2)} 万元",
                        values={"stated": f"{value.format()} 万元", "what": "车辆价值"}, figures=(match.group(2),))
    for _, paragraph, match in find_in_paragraphs(document, ASSET_VALUE_RE, part=3):
        value = number(match.group(2))
        if value.lo > params["max_asset"]:
            yield Draft(span_of(paragraph, match, 2), f"{value.format()} 万元", f"不超过 {params['max_asset']} 万元",
                        None, f"{match.group(1)}价值 {value.format()} 万元",
                        values={"stated": f"{value.format()} 万元", "what": match.group(1) + "价值"},
                        figures=(match.group(2),))
    for _, paragraph, match in find_in_paragraphs(document, SMALL_YUAN_RE, part=3):
        value = number(match.group(1))
        context_text = paragraph.text[max(0, match.start() - 12) : match.start()]
        if value.hi < params["min_yuan"] and value.value > 0 and "标准" not in context_text:
            yield Draft(span_of(paragraph, match), f"{value.format()} 元", "以万元计", None,
                        f"“…{context_text}{match.group(0)}”",
                        values={"stated": f"{value.format()} 元", "what": "金额"}, figures=(match.group(1),))


def _implausible(document) -> Iterator[Draft]:
    """Figures with more integer digits than any budget has (a paste error, or a hostile file)."""
    for table in document.tables:
        for row in table.rows:
            for amount in row.figures:
                if amount.quantity.implausible:
                    yield Draft(Span.at(amount.line), amount.text, f"不超过 {PLAUSIBLE_DIGITS} 位整数", None,
                                f"表{table.number}“{row.name[:20]}”中的数字有 {amount.quantity.value.adjusted() + 1} 位整数",
                                table=table.number, values={"stated": _short(amount.text), "what": "数字位数过多"},
                                figures=(amount.text,))
    for _, paragraph, match in find_in_paragraphs(document, HUGE_RE, part=None):
        text = match.group(1)
        if len(text.split(".")[0].replace(",", "")) > PLAUSIBLE_DIGITS:
            yield Draft(span_of(paragraph, match, 1), text, f"不超过 {PLAUSIBLE_DIGITS} 位整数", None,
                        "说明中的数字位数过多", values={"stated": _short(text), "what": "数字位数过多"},
                        figures=(text,))


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"
