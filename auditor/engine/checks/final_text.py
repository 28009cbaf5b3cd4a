"""决算 说明 against the tables and against itself (see auditor.final.narrative)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.engine.checks import Context, ParamSpec, register
from auditor.engine.rule import Draft

# Which finder reports each kind of problem.
SOURCE = {"direction": "completion"}


@register("final_narrative", {"kind": ParamSpec(str, "amount、completion、direction、share、change、running、procurement、vehicles 或 performance", required=True)})
def final_narrative(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """决算说明：金额与表一致，完成预算的比例、占比、增减率按区间核对，“决算数大于/小于预算数”与两数一致，机关运行经费、政府采购、车辆、绩效自评各项相符。"""
    from auditor.final.narrative import FINDERS  # imported when a 决算 rule runs
    from auditor.final.view import final_view

    view = final_view(context.document)
    kind = params["kind"]
    finder = FINDERS.get(SOURCE.get(kind, kind))
    if view is None or finder is None:
        return
    for problem in finder(context.document, view):
        if problem.kind != kind:
            continue
        yield Draft(problem.span, problem.stated, problem.expected, None, problem.evidence,
                    values={"stated": problem.stated, "expected": problem.expected, **problem.values},
                    figures=(problem.stated,))
