"""Projects described in 七 and counted in 十二(四), against 表7 and against themselves.

Python kinds because they match project descriptions to 表7 rows by name and parse allocation
lists of varying shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from auditor.engine.checks import Context, register
from auditor.engine.checks._common import NUMBER, cell, compact, number
from auditor.engine.checks.performance import same_project, table7_projects
from auditor.engine.rule import Draft
from auditor.model import Paragraph, Section, Span
from auditor.quantity import Quantity, total

NAME_RE = re.compile(r"^项目名称\s*:\s*(.+)$")
SCALE_RE = re.compile(r"预算安排规模\s*:\s*" + NUMBER + r"\s*万元")
ALLOCATION_RE = re.compile(r"^资金分配情况\s*:\s*(.+)$")
ITEM_RE = re.compile(NUMBER + r"\s*(万元|万(?![人台辆])|元)")
# An amount right after these words is the project total, not an item.
TOTAL_BEFORE_RE = re.compile(r"(项目资金|预算资金|安排资金|资金总额|总额|规模|租赁费)\s*$")
COUNT_RE = re.compile(r"财政拨款项目\s*(?:共\s*)?(\d+)\s*个")
FISCAL_AMOUNT_RE = re.compile(r"财政拨款项目涉及预算金额\s*" + NUMBER + r"\s*万元")


def _projects(context: Context) -> Iterator[tuple[Section, str, list[Paragraph]]]:
    section = context.document.section(7)
    if section is None:
        return
    for sub in section.subsections:
        texts = sub.paragraphs
        name = next((NAME_RE.match(p.text).group(1) for p in texts if NAME_RE.match(p.text)), None)
        if name is None and "项目名称" in sub.title:
            name = sub.title.split(":", 1)[-1]
        if name:
            yield sub, name.strip(), list(texts)


@register("project_scale", {})
def project_scale(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """七 中每个项目的“预算安排规模”等于表7 中该项目的项目支出合计。"""
    rows = table7_projects(context.document)
    for _, name, paragraphs in _projects(context):
        scale = next(((p, SCALE_RE.search(p.text)) for p in paragraphs if SCALE_RE.search(p.text)), None)
        row = next((r for r in rows if same_project(r.project or "", name)), None)
        if scale is None or row is None:
            continue
        paragraph, match = scale
        stated, expected = number(match.group(1)), cell(row, "项目支出合计")
        if expected is None or stated.consistent(expected):
            continue
        yield Draft(paragraph.span_of(match.start(), match.end()), stated.format(), expected.format(),
                    (stated - expected).format(2),
                    f"预算安排规模 {stated.format()} 万元；表7 第 {row.span.line} 行 {row.project} {expected.format()}",
                    7, values={"name": name, "stated": stated.format(), "expected": expected.format()})


def _items(text: str) -> list[Quantity] | None:
    """The itemised amounts of a 资金分配情况, or None when it is not a plain list."""
    if any(mark in text for mark in ("*", "×", "共计", "合计", "其中", "上半年", "每", "标准")):
        return None
    amounts = []
    for match in ITEM_RE.finditer(text):
        if TOTAL_BEFORE_RE.search(text[max(0, match.start() - 8) : match.start()]):
            continue
        value = number(match.group(1))
        if match.group(2) == "元":
            value = value.yuan_to_wan()
        amounts.append(value)
    return amounts if len(amounts) >= 2 else None


@register("allocation_sum", {})
def allocation_sum(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """项目“资金分配情况”所列各项之和等于“预算安排规模”（元与万元换算；含乘积、分期等复杂表述的不检查）。"""
    for _, name, paragraphs in _projects(context):
        scale = next((SCALE_RE.search(p.text) for p in paragraphs if SCALE_RE.search(p.text)), None)
        allocation = next(((p, ALLOCATION_RE.match(p.text)) for p in paragraphs if ALLOCATION_RE.match(p.text)), None)
        if scale is None or allocation is None:
            continue
        paragraph, match = allocation
        items = _items(match.group(1))
        if not items:
            continue
        stated, summed = number(scale.group(1)), total(items)
        if stated.consistent(summed):
            continue
        yield Draft(paragraph.span, summed.format(), stated.format(), (summed - stated).format(2),
                    f"{' + '.join(i.format() for i in items)} = {summed.format()} 万元；预算安排规模 {stated.format()} 万元",
                    values={"name": name, "stated": summed.format(), "expected": stated.format()})


@register("project_count", {})
def project_count(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """十二(四) 所说的财政拨款项目个数与金额，等于表7 的项目数与项目支出合计。"""
    document = context.document
    section = document.section(12, 4)
    table = document.table(7)
    if section is None or table is None:
        return
    projects = table7_projects(document)
    totals = [r for r in table.rows if r.level.value == "total"]
    for paragraph in section.paragraphs:
        text = paragraph.text
        count = COUNT_RE.search(text)
        if count and int(count.group(1)) != len(projects):
            yield Draft(paragraph.span_of(count.start(), count.end()), count.group(1), str(len(projects)), None,
                        f"表7 列出 {len(projects)} 个项目：{'、'.join(compact(r.project or '') for r in projects)}",
                        7, values={"what": "财政拨款项目个数", "stated": count.group(1), "expected": len(projects)})
        amount = FISCAL_AMOUNT_RE.search(text)
        if amount and totals:
            expected = cell(totals[0], "项目支出合计")
            stated = number(amount.group(1))
            if expected is not None and not stated.consistent(expected):
                yield Draft(paragraph.span_of(amount.start(), amount.end()), stated.format(), expected.format(),
                            (stated - expected).format(2),
                            f"表7 合计行（第 {totals[0].span.line} 行）项目支出合计 {expected.format()}",
                            7, values={"what": "财政拨款项目涉及预算金额", "stated": stated.format(),
                                       "expected": expected.format()})


__all__ = ["Span"]
