"""Performance target tables (绩效目标表) after 十二(四)."""

from __future__ import annotations

from dataclasses import dataclass

from auditor.model.span import Span
from auditor.quantity import Quantity


@dataclass(frozen=True, slots=True)
class Indicator:
    level1: str
    level2: str
    level3: str
    value: str
    weight: Quantity | None
    span: Span
    basis: str | None = None  # 指标设定依据 / 指标值设置依据
    previous: str | None = None  # 上年完成值 (project tables)


@dataclass(frozen=True, slots=True)
class FundingLine:
    """One line of 年度预算 / 项目资金: a label and its amount."""

    label: str
    amount: Quantity | None
    text: str | None
    line: int


@dataclass(frozen=True, slots=True)
class PerformanceTable:
    kind: str  # "unit" (部门/单位整体) or "project" (项目支出)
    name: str  # unit name or project name
    span: Span
    total_budget: Quantity | None = None  # 年度预算总额 (project) / sum of sources (unit)
    total_budget_text: str | None = None
    fiscal: Quantity | None = None  # 其中：财政拨款 (project)
    other: Quantity | None = None  # 其他资金 (project)
    funding: tuple[FundingLine, ...] = ()  # 上级安排 / 本级安排 / 其他 (unit)
    indicators: tuple[Indicator, ...] = ()
    owner: str | None = None  # 项目负责人 / 部门联系人
    target: str | None = None  # 年度绩效目标 / 项目总体目标
