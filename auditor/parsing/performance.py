"""Performance target tables (部门/单位整体绩效目标表, 项目支出绩效目标表).

A table has a header block (names, contact, budget amounts, the target text)
and, after the 一级指标 … header row, one row per indicator. Header fields are
read from the block's text with line breaks and cell borders removed, which
undoes the wrapping of the flattened rendering (``年度`` / ``预算`` /
``总额：`` / ``3.53``). Indicator rows are read by cells where the rendering
keeps them (tabbed) and from vocabulary where it does not (flattened); see
``performance_tabbed`` and ``performance_rows``.

Parsing never raises: whatever cannot be read becomes a Diagnostic.
"""

from __future__ import annotations

import re

from auditor.model import Diagnostic, FundingLine, Indicator, PerformanceTable, Span
from auditor.parsing.performance_rows import Draft, flattened_rows, page_marks
from auditor.parsing.performance_tabbed import tabbed_rows
from auditor.parsing.performance_text import FIGURE, compact, join_tokens, tidy
from auditor.quantity import Quantity, QuantityError

# How far (in lines) the indicator header row may wrap.
_HEADER_REACH = 30


def parse_performance_table(
    lines: list[tuple[int, str]], rendering: str
) -> tuple[PerformanceTable, list[Diagnostic]]:
    """Read one performance table from its lines (title line first)."""
    try:
        return _parse(lines, rendering)
    except Exception as exc:  # noqa: BLE001 - a bug here must not lose the document
        first = next((n for n, _ in lines if isinstance(n, int) and n >= 1), 1) if lines else 1
        note = Diagnostic("performance-parse-failed", f"绩效目标表无法解析（内部错误：{exc!r}）。", Span.at(first), "error")
        return PerformanceTable(kind="unit", name="", span=Span.at(first)), [note]


def _parse(lines: list[tuple[int, str]], rendering: str) -> tuple[PerformanceTable, list[Diagnostic]]:
    lines = [(number, text) for number, text in lines if text.strip()]
    if not lines:
        note = Diagnostic("performance-empty", "绩效目标表没有内容。", None, "warning")
        return PerformanceTable(kind="unit", name="", span=Span.at(1)), [note]
    notes: list[Diagnostic] = []
    first, last = lines[0][0], lines[-1][0]
    kind = "project" if "项目" in compact(lines[0][1]) else "unit"
    header_at = _header_start(lines)
    header = _Header(lines[1:header_at])
    body_at = _header_stop(lines, header_at, kind) + 1
    body = lines[body_at:]

    if header_at >= len(lines):
        notes.append(Diagnostic("performance-no-indicators", "绩效目标表中没有找到指标表头（一级指标 二级指标 三级指标…）。",
                                Span.at(first)))
    tabbed = rendering != "flattened" and sum("\t" in text for _, text in body) * 2 >= len(body) > 0
    if tabbed:
        header_row = lines[header_at][1] if header_at < len(lines) else ""
        drafts, row_notes = tabbed_rows(body, kind, header_row)
    else:
        body, page_notes = page_marks(body, kind)
        notes.extend(page_notes)
        tokens = [(number, word) for number, text in body for word in text.split()]
        drafts, row_notes = flattened_rows(tokens, kind)
    notes.extend(row_notes)
    indicators = tuple(_indicator(draft) for draft in drafts)

    fields = header.project() if kind == "project" else header.unit()
    name = fields.pop("name", None)
    if not name:
        label = "项目名称" if kind == "project" else "部门（单位）名称"
        notes.append(Diagnostic("performance-no-name", f"绩效目标表中没有读到{label}。", Span.at(first)))
    if kind == "project" and fields.get("total_budget") is None:
        notes.append(Diagnostic("performance-no-budget", "项目支出绩效目标表中没有读到年度预算总额。", Span.at(first)))
    if not indicators and header_at < len(lines):
        notes.append(Diagnostic("performance-no-indicators", "绩效目标表的指标表头之后没有读到任何指标行。", Span.at(first)))
    missing = sum(1 for indicator in indicators if indicator.weight is None)
    if missing:
        notes.append(Diagnostic("performance-weight", f"绩效目标表中有 {missing} 个指标没有读到分值权重。", Span.at(first)))
    table = PerformanceTable(kind=kind, name=name or "", span=Span(first, max(first, last)), indicators=indicators,
                             **fields)
    return table, notes


def _indicator(draft: Draft) -> Indicator:
    weight = Quantity.exact(int(draft.weight)) if draft.weight is not None else None
    return Indicator(
        level1=draft.level1,
        level2=draft.level2,
        level3=join_tokens(draft.level3),
        value=join_tokens(draft.value),
        weight=weight,
        span=draft.span,
        basis=join_tokens(draft.basis) or None,
        previous=join_tokens(draft.previous) or None,
    )


def _header_start(lines: list[tuple[int, str]]) -> int:
    """The line where the indicator header begins (一级指标, possibly wrapped as 一级 / 指标)."""
    for index in range(1, len(lines)):
        here = compact(lines[index][1])
        if here.startswith("一级"):
            ahead = "".join(compact(text) for _, text in lines[index : index + 3])
            if ahead.startswith("一级指标"):
                return index
    return len(lines)


def _header_stop(lines: list[tuple[int, str]], start: int, kind: str) -> int:
    """The last line of the header row: the one closing 佐证资料 (project) or 分值权重 (unit)."""
    closing = "佐证资料" if kind == "project" else "权重"
    text = ""
    for index in range(start, min(len(lines), start + _HEADER_REACH)):
        text += compact(lines[index][1])
        if closing in text:
            return index
    return start


class _Header:
    """The text above the indicator header, with each character's line."""

    def __init__(self, lines: list[tuple[int, str]]) -> None:
        self.text = ""
        self.owners: list[int] = []
        for number, text in lines:
            piece = tidy(text.replace("\t", " "))
            self.text += piece
            self.owners.extend([number] * len(piece))

    def _find(self, pattern: str, text: str | None = None) -> str | None:
        match = re.search(pattern, self.text if text is None else text)
        return match.group(1).strip(":") if match and match.group(1).strip(":") else None

    def _amount(self, pattern: str, limit: int) -> tuple[Quantity | None, str | None]:
        match = re.search(pattern + FIGURE, self.text[:limit])
        if not match:
            return None, None
        try:
            return Quantity.parse(match.group(1)), match.group(1)
        except QuantityError:  # pragma: no cover - FIGURE only matches numbers
            return None, None

    def project(self) -> dict:
        target_at = self.text.find("项目总体目标")
        limit = target_at if target_at >= 0 else len(self.text)
        total, total_text = self._amount(r"年度预算总额:?", limit)
        fiscal, _ = self._amount(r"财政拨款:?", limit)
        other, _ = self._amount(r"其他资金:?", limit)
        return {
            "name": self._find(r"项目名称:?(.+?)(?=项目负责人|项目资金|年度预算总额|项目总体目标|$)", self.text[:limit]),
            "owner": self._find(r"项目负责人:?(.+?)(?=项目资金|年度预算|项目总体目标|$)", self.text[:limit]),
            "total_budget": total,
            "total_budget_text": total_text,
            "fiscal": fiscal,
            "other": other,
            "target": self._find(r"项目总体目标:?(.+)$"),
        }

    def unit(self) -> dict:
        budget_at = max(self.text.rfind("资金来源"), self.text.rfind("年度预算"))
        head = self.text[:budget_at] if budget_at >= 0 else self.text
        funding = self._funding(max(budget_at, 0))
        amounts = [line.amount for line in funding if line.amount is not None]
        total = None
        for amount in amounts:
            total = amount if total is None else total + amount
        return {
            "name": self._find(r"(?:部门|单位)名称(?:\(盖章\))?:?(.+?)(?=(?:部门|单位)?联系人|联系电话|年度绩效目标|年度预算|$)",
                               head),
            "owner": self._find(r"联系人:?(.+?)(?=联系电话|年度绩效目标|年度预算|$)", head),
            "target": self._find(r"年度绩效目标:?(.+?)(?=年度预算|$)", head),
            "funding": tuple(funding),
            "total_budget": total,
            "total_budget_text": total.format() if total is not None else None,
        }

    def _funding(self, start: int) -> list[FundingLine]:
        found: list[FundingLine] = []
        for label, pattern in (("上级安排", r"上级安排:?"), ("本级安排", r"本级安排:?"), ("其他", r"其他(?!资金):?")):
            match = re.compile(pattern + FIGURE).search(self.text, start)
            if not match:
                continue
            figure = match.group(1)
            try:
                amount = Quantity.parse(figure)
            except QuantityError:  # pragma: no cover - FIGURE only matches numbers
                amount = None
            found.append(FundingLine(label, amount, figure, self.owners[match.start()]))
        return found
