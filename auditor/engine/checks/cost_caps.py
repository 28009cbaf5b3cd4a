"""A project's 资金分配 against the caps its performance table's 成本指标 sets.

A Python kind: it binds each allocated item to the cost indicator naming the same thing
(name matching) across two parts of the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from auditor.engine.checks import Context, register
from auditor.engine.checks._common import compact, number
from auditor.engine.checks.performance import same_project
from auditor.engine.checks.projects import ALLOCATION_RE, _projects
from auditor.engine.rule import Draft
from auditor.model import Paragraph, Span
from auditor.quantity import Truth

CAP_RE = re.compile(r"^(<=|≤|<)(\d[\d,]*(?:\.\d+)?)万元$")
# Item names are bounded so that a long text without separators is scanned in linear time.
ITEM_RE = re.compile(r"([^,、;:。\d]{1,40})\s*(\d[\d,]*(?:\.\d+)?)\s*万元")
UNIT_SUFFIX_RE = re.compile(r"\(万元\)$")


def _allocation(paragraphs: list[Paragraph]) -> tuple[str, list[tuple[int, Paragraph]]] | None:
    """The 资金分配情况 text, read on over paragraphs until its sentence ends (a wrap may split it)."""
    for index, paragraph in enumerate(paragraphs):
        if ALLOCATION_RE.match(paragraph.text):
            parts: list[tuple[int, Paragraph]] = []
            offset = 0
            for later in paragraphs[index:]:
                parts.append((offset, later))
                offset += len(later.text)
                if later.text.rstrip().endswith("。"):
                    break
            return "".join(p.text for _, p in parts), parts
    return None


def _line(parts: list[tuple[int, Paragraph]], offset: int) -> int:
    start, paragraph = max((p for p in parts if p[0] <= offset), key=lambda p: p[0])
    return paragraph.line_at(offset - start)


@register("allocation_within_cost_caps", {})
def allocation_within_cost_caps(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """项目“资金分配情况”中的各项金额不超过该项目绩效目标表成本指标为同一事项设定的上限。"""
    tables = [t for t in context.document.performance_tables if t.kind == "project"]
    for _, name, paragraphs in _projects(context):
        table = next((t for t in tables if same_project(t.name, name)), None)
        found = _allocation(paragraphs)
        if table is None or found is None:
            continue
        text, parts = found
        items = [(compact(m.group(1)), number(m.group(2)), m) for m in ITEM_RE.finditer(text)]
        for indicator in table.indicators:
            cap = CAP_RE.match(compact(indicator.value))
            label = UNIT_SUFFIX_RE.sub("", compact(indicator.level3))
            if cap is None or len(label) < 3:
                continue
            matching = [(n, q, m) for n, q, m in items if n.endswith(label)]
            if len(matching) != 1:
                continue  # not named, or named twice: which amount is meant is not clear
            _, amount, match = matching[0]
            limit = number(cap.group(2))
            over = amount.le(limit) if cap.group(1) != "<" else amount.lt(limit)
            if over is not Truth.FALSE:
                continue
            line = _line(parts, match.start(2))


            yield Draft(Span(line, line), amount.format(), f"{cap.group(1)}{limit.format()}", None,
                        f"资金分配“{match.group(1).strip()} {match.group(2)} 万元”；绩效目标表第 {indicator.span.line} 行"
                        f"成本指标“{indicator.level3}”{indicator.value}",
                        values={"name": name, "item": label, "stated": amount.format(),
                                "expected": f"{cap.group(1)}{limit.format()}", "indicator_line": indicator.span.line},
                        figures=(label, amount.format(), limit.format()))
