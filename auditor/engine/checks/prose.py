"""Facts the text states about itself: staff counts, offices, procurement, vehicles.

Python kinds: their long patterns (several numbers with separators, lazy gaps) exceed the limits
the rule language puts on patterns, and office lists need counting of distinct names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from auditor.engine.checks import Context, register
from auditor.engine.checks._common import NUMBER, find_in_paragraphs, number, span_of
from auditor.engine.rule import Draft
from auditor.quantity import Quantity, total

STAFF_RE = re.compile(
    r"实有人数\s*(\d+)\s*人\s*,?\s*其中\s*:\s*在职\s*(\d+)\s*人.*?退休\s*(\d+)\s*人.*?离休\s*(\d+)\s*人"
)
OFFICES_RE = re.compile(
    r"(?:下设|内设|设有|设)\s*(\d+|[一二两三四五六七八九十]{1,2})\s*个([^,，:：]{0,6}?)\s*,?\s*"
    r"(?:分\s*别\s*(?:是|为)|包括)\s*:?\s*([^。,;]+)"
)
PROCUREMENT_RE = re.compile(
    r"政府采购预算\s*" + NUMBER + r"\s*万元\s*,?\s*其中\s*:\s*政府采购货物预算\s*" + NUMBER
    + r"\s*万元\s*,?\s*政府采购工程预算\s*" + NUMBER + r"\s*万元\s*,?\s*政府采购服务预算\s*" + NUMBER + r"\s*万元"
)
RESERVE_RE = re.compile(
    r"面向中小企业预留政府采购项目预算金额\s*" + NUMBER + r"\s*万元\s*,?\s*(?:其中\s*[,:]?\s*)?小微企业预留政府采购项目预算金额\s*"
    + NUMBER + r"\s*万元"
)
VEHICLES_RE = re.compile(
    r"车辆\s*(\d+)\s*辆\s*,\s*价值\s*" + NUMBER + r"\s*万元\s*;\s*其中\s*:\s*一般公务用车\s*(\d+)\s*辆\s*,\s*价值\s*"
    + NUMBER + r"\s*万元\s*;\s*执法执勤用车\s*(\d+)\s*辆\s*,\s*价值\s*" + NUMBER + r"\s*万元\s*;\s*其他车辆\s*(\d+)\s*辆\s*,\s*价值\s*"
    + NUMBER + r"\s*万元"
)


def count_of(text: str) -> int | None:
    """8 → 8, 三 → 3, 两 → 2, 十二 → 12."""
    if text.isdigit():
        return int(text)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
    if text == "十":
        return 10
    tens, ten, ones = text.partition("十")
    if not ten:
        return digits.get(text)
    high = digits.get(tens, None) if tens else 1
    low = digits.get(ones, None) if ones else 0
    return None if high is None or low is None else high * 10 + low


def _draft(paragraph, match, stated: Quantity, expected: Quantity, evidence: str, **values) -> Draft:
    difference = (stated - expected).format(max(stated.places, expected.places))
    return Draft(
        span_of(paragraph, match), stated.format(), expected.format(), difference, evidence,
        values={"stated": stated.format(), "expected": expected.format(), "difference": difference, **values},
        figures=(stated.format(), expected.format()),
    )


@register("staff_counts", {})
def staff_counts(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """实有人数 = 在职 + 退休 + 离休。"""
    for _, paragraph, match in find_in_paragraphs(context.document, STAFF_RE, part=1):
        actual, *parts = (Quantity.exact(int(g)) for g in match.groups())
        expected = total(parts)
        if actual.eq(expected).value == "false":
            yield _draft(paragraph, match, actual, expected,
                         f"在职 {parts[0]} + 退休 {parts[1]} + 离休 {parts[2]} = {expected}")


@register("office_list", {})
def office_list(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """“下设（设、内设）N 个处室，分别是（分别为、包括）：A、B、…”列出 N 个互不相同的名称。"""
    for _, paragraph, match in find_in_paragraphs(context.document, OFFICES_RE, part=1):
        stated = count_of(match.group(1))
        if stated is None:
            continue
        names = [n.strip(" 。;；") for n in re.split(r"[、,，]", match.group(3)) if n.strip(" 。;；")]
        names = [re.sub(r"\s+", "", n) for n in names]
        repeated = [name for name, count in Counter(names).items() if count > 1]
        distinct = len(set(names))
        if repeated or distinct != stated:
            problem = []
            if repeated:
                problem.append(f"重复列出：{'、'.join(repeated)}")
            if distinct != stated:
                problem.append(f"说 {stated} 个，实际列出 {distinct} 个不同名称")
            yield Draft(
                span_of(paragraph, match), str(stated), str(distinct), None,
                f"列出的名称：{'、'.join(names)}",
                values={"stated": stated, "expected": distinct, "problem": "；".join(problem), "what": match.group(2)},
                figures=(str(stated), *repeated),
            )


@register("procurement", {})
def procurement(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """政府采购预算 = 货物 + 工程 + 服务；小微企业预留 ≤ 中小企业预留 ≤ 政府采购预算。"""
    budget = None
    for _, paragraph, match in find_in_paragraphs(context.document, PROCUREMENT_RE, part=3):
        whole, goods, works, services = (number(g) for g in match.groups())
        budget = whole
        expected = goods + works + services
        if not whole.consistent(expected):
            yield _draft(paragraph, match, whole, expected,
                         f"货物 {goods} + 工程 {works} + 服务 {services} = {expected.format()}",
                         problem="政府采购预算与货物、工程、服务之和不符")
    for _, paragraph, match in find_in_paragraphs(context.document, RESERVE_RE, part=3):
        sme, small = number(match.group(1)), number(match.group(2))
        if small.le(sme).value == "false":
            yield _draft(paragraph, match, small, sme,
                         f"小微企业预留 {small} > 面向中小企业预留 {sme}；小微企业是中小企业的一部分",
                         problem="小微企业预留金额大于面向中小企业预留金额")
        if budget is not None and sme.le(budget).value == "false":
            yield _draft(paragraph, match, sme, budget,
                         f"面向中小企业预留 {sme} > 政府采购预算 {budget}",
                         problem="面向中小企业预留金额大于政府采购预算")


@register("vehicles", {})
def vehicles(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """车辆总数与总价值等于一般公务用车、执法执勤用车、其他车辆之和。"""
    for _, paragraph, match in find_in_paragraphs(context.document, VEHICLES_RE, part=3):
        groups = match.groups()
        count = Quantity.exact(int(groups[0]))
        value = number(groups[1])
        counts = [Quantity.exact(int(groups[i])) for i in (2, 4, 6)]
        values = [number(groups[i]) for i in (3, 5, 7)]
        expected_count = total(counts)
        if count.eq(expected_count).value == "false":
            yield _draft(paragraph, match, count, expected_count,
                         f"{' + '.join(c.format() for c in counts)} = {expected_count.format()} 辆",
                         problem="车辆总数与分类之和不符", what="数量")
        expected_value = total(values)
        if not value.consistent(expected_value):
            yield _draft(paragraph, match, value, expected_value,
                         f"{' + '.join(v.format() for v in values)} = {expected_value.format()} 万元",
                         problem="车辆总价值与分类价值之和不符", what="价值")
