"""Performance target tables: one table per 表7 project, and the unit table's funding against 表1.

Python kinds: they match project names loosely (year, 项目/资金 endings and brackets aside) and
read an explanation of withheld tables. Weights and a project's budget against 表7 are expression
rules (BD-P001, BD-P002; the name matching is performance_tables().project_row).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from auditor.engine.checks import Context, register
from auditor.engine.checks._common import cell, compact, label_row
from auditor.engine.rule import Draft
from auditor.model import Document, Row, RowLevel, Span
from auditor.quantity import Quantity, total

YEAR_RE = re.compile(r"^20\d{2}年度?")
BRACKETS_RE = re.compile(r"[(（].*?[)）]")
ENDING_RE = re.compile(r"(项目|资金|经费项目|补助资金)+$")


def core_name(name: str) -> str:
    """A project name without year prefix, 年度, 项目/资金 endings and brackets."""
    text = YEAR_RE.sub("", compact(name))
    text = BRACKETS_RE.sub("", text)
    return ENDING_RE.sub("", text)


def same_project(a: str, b: str) -> bool:
    left, right = core_name(a), core_name(b)
    if not left or not right:
        return False
    return left in right or right in left


def table7_projects(document: Document) -> list[Row]:
    table = document.table(7)
    if table is None:
        return []
    return [row for row in table.rows if row.level is RowLevel.PROJECT and row.project]


@register("projects_have_tables", {})
def projects_have_tables(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """表7 的每个项目都有一张项目支出绩效目标表（名称宽松匹配）。"""
    tables = [t for t in context.document.performance_tables if t.kind == "project"]
    missing = [
        row for row in table7_projects(context.document)
        if not any(same_project(row.project or "", t.name) for t in tables)
    ]
    if missing and _withheld_explains(context.document, missing):
        return
    listed = "、".join(t.name for t in tables) or "无"
    projects = table7_projects(context.document)
    unmatched = [t for t in tables if not any(same_project(r.project or "", t.name) for r in projects)]
    for row in missing:
        amount = cell(row, "项目支出合计")
        same = [t.name for t in unmatched
                if amount is not None and t.total_budget is not None and t.total_budget.consistent(amount)]
        hint = f"；金额相同而名称不同的绩效目标表：{'、'.join(same)}" if same else ""
        yield Draft(row.span, table=7, values={"project": row.project, "tables": listed, "hint": hint},
                    evidence=f"项目绩效目标表：{listed}")


WITHHELD_RE = re.compile(r"未公开项目支出绩效目标表共有\s*(\d+)\s*个")
WITHHELD_AMOUNT_RE = re.compile(r"涉及预算(?:金额|资金)\s*(\d[\d,]*(?:\.\d+)?)\s*万元")


def _withheld_explains(document: Document, missing: list[Row]) -> bool:
    """The text says N project tables are not published (涉密 or by rule) and the amounts agree."""
    for part in document.parts:
        for section in part.sections:
            for sub in section.walk():
                for paragraph in sub.paragraphs:
                    match = WITHHELD_RE.search(paragraph.text)
                    if not match or int(match.group(1)) < len(missing):
                        continue
                    amount = WITHHELD_AMOUNT_RE.search(paragraph.text, match.end())
                    if amount is None:
                        return True
                    values = [cell(row, "项目支出合计") for row in missing]
                    if any(v is None for v in values):
                        return True
                    return total([v for v in values if v is not None]).consistent(Quantity.parse(amount.group(1)))
    return False


@register("unit_funding", {})
def unit_funding(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """整体绩效目标表的资金来源与表1 一致：上级安排 = 上级转移支付，本级安排 = 一般财力，合计 = 收入总计。"""
    document = context.document
    income = document.table(1)
    unit = next((t for t in document.performance_tables if t.kind == "unit"), None)
    if income is None or unit is None or not unit.funding:
        return
    pairs = {"上级安排": "上级一般公共预算安排转移支付", "本级安排": "其中:一般财力"}
    for line in unit.funding:
        label = pairs.get(line.label)
        row = label_row(income, label, "income") if label else None
        if row is None or line.amount is None:
            continue
        amount = cell(row, "预算数")
        if amount is None or amount.consistent(line.amount):
            continue
        yield Draft(Span.at(line.line), line.amount.format(), amount.format(), (line.amount - amount).format(2),
                    f"绩效目标表 {line.label} {line.text}；表1 第 {row.span.line} 行 {row.name} {amount.format()}",
                    values={"label": line.label, "stated": line.amount.format(), "expected": amount.format(),
                            "other": row.name})
    total_row = label_row(income, "收入总计", "income")
    if total_row is not None and unit.total_budget is not None:
        amount = cell(total_row, "预算数")
        if amount is not None and not amount.consistent(unit.total_budget):
            yield Draft(Span(unit.span.line, unit.span.line), unit.total_budget.format(), amount.format(),
                        (unit.total_budget - amount).format(2),
                        f"资金来源合计 {' + '.join(f.text or '0' for f in unit.funding)} = {unit.total_budget.format()}；表1 收入总计 {amount.format()}",
                        values={"label": "资金来源合计", "stated": unit.total_budget.format(),
                                "expected": amount.format(), "other": "收入总计"})
