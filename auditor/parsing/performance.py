"""Performance target tables (部门/单位整体绩效目标表, 项目支出绩效目标表).

Header fields (names, budget amounts) are read from the table's text with
its line breaks and cell borders removed, which undoes the wrapping of the
flattened rendering. Indicator rows are read by cells where the rendering
keeps them, otherwise by position: in a project table the weight is the whole
number right before the 赋分规则 text (按照完成比例赋分…), in a whole-unit table
it is the whole number that ends a line. A page number stranded between two
fragments of a wrapped cell is neither, so it never becomes a weight.
"""

from __future__ import annotations

import re

from auditor.model import Diagnostic, FundingLine, Indicator, PerformanceTable, Span
from auditor.quantity import Quantity

FIGURE = r"(\d[\d,]*\.\d+|\d+)"
WEIGHT_RE = re.compile(r"^\d{1,3}$")
RULE_START = ("按照", "按评", "按正", "满意度赋", "直接赋", "按完")
EVIDENCE_WORDS = ("工作资料", "原始凭证", "说明材料", "正式材料", "佐证")


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def parse_performance_table(
    lines: list[tuple[int, str]], rendering: str
) -> tuple[PerformanceTable, list[Diagnostic]]:
    lines = [(n, t) for n, t in lines if t.strip()]
    first = lines[0][0] if lines else 1
    last = lines[-1][0] if lines else first
    title = _compact(lines[0][1]) if lines else ""
    kind = "project" if title.startswith("项目") else "unit"
    header_end = _header_start(lines)
    head_text = "".join(_compact(t) for _, t in lines[1:header_end])
    notes: list[Diagnostic] = []

    if kind == "project":
        name = _search(r"项目名称(.+?)(?:项目负责人|项目资金|$)", head_text)
        owner = _search(r"项目负责人(.+?)(?:项目资金|$)", head_text)
        total = _amount(r"年度预算总额:?" + FIGURE, head_text)
        fiscal = _amount(r"其中:?财政拨款:?" + FIGURE, head_text)
        other = _amount(r"其他资金:?" + FIGURE, head_text)
        funding: tuple[FundingLine, ...] = ()
        target = _search(r"项目总体目标(.+)$", head_text)
    else:
        name = _search(r"(?:部门|单位)名称\(盖章\)(.+?)(?:(?:部门|单位)联系人|年度绩效目标|$)", head_text)
        owner = _search(r"联系人(.+?)(?:联系电话|年度绩效目标|$)", head_text)
        funding = tuple(_funding(lines[1:header_end]))
        known = [f.amount for f in funding if f.amount is not None]
        total = None
        if known:
            total = known[0]
            for amount in known[1:]:
                total = total + amount
        fiscal = other = None
        target = _search(r"年度绩效目标(.+?)(?:年度预算|$)", head_text)
    body = lines[_header_stop(lines, header_end, kind) + 1 :] if header_end < len(lines) else []
    if rendering != "flattened" and any("\t" in t for _, t in body):
        indicators = _tabbed_indicators(body, kind)
    else:
        indicators = _flattened_indicators(body, kind)
    if header_end >= len(lines):
        notes.append(Diagnostic("performance-no-indicators", "绩效目标表中没有找到指标表头（一级指标）。", Span.at(first)))
    missing = [i for i in indicators if i.weight is None]
    if missing:
        notes.append(
            Diagnostic("performance-weight", f"绩效目标表中有 {len(missing)} 个指标没有读到分值权重。", Span.at(first), "info")
        )
    table = PerformanceTable(
        kind=kind,
        name=name or "",
        span=Span(first, last),
        total_budget=total,
        total_budget_text=total.format() if total is not None else None,
        fiscal=fiscal,
        other=other,
        funding=funding,
        indicators=tuple(indicators),
        owner=owner,
        target=target,
    )
    return table, notes


def _header_start(lines: list[tuple[int, str]]) -> int:
    """The line where the indicator header begins (一级指标, possibly wrapped as 一级 / 指标)."""
    for index, (_, text) in enumerate(lines):
        here = _compact(text)
        if "一级指标" in here:
            return index
        following = _compact(lines[index + 1][1]) if index + 1 < len(lines) else ""
        if (here.endswith("一级") or here.endswith("一级指")) and "一级指标" in here + following:
            return index
    return len(lines)


def _header_stop(lines: list[tuple[int, str]], start: int, kind: str) -> int:
    """The last header line: the one closing 佐证资料 (project) or 分值权重 (unit)."""
    closing = "资料" if kind == "project" else "权重"
    text = ""
    for index in range(start, min(len(lines), start + 40)):
        text += _compact(lines[index][1])
        if text.endswith(closing) or (closing in _compact(lines[index][1]) and "\t" in lines[index][1]):
            return index
    return start


def _search(pattern: str, text: str) -> str | None:
    match = re.search(pattern, text)
    return match.group(1).strip(":") if match and match.group(1) else None


def _amount(pattern: str, text: str) -> Quantity | None:
    match = re.search(pattern, text)
    return Quantity.parse(match.group(1)) if match else None


def _funding(lines: list[tuple[int, str]]) -> list[FundingLine]:
    found = []
    for label in ("上级安排", "本级安排", "其他"):
        for number, text in lines:
            compact = _compact(text)
            match = re.search(re.escape(label) + FIGURE + "$", compact) or re.search(
                re.escape(label) + r"(?:\(万元\))?" + FIGURE + "(?!\\d)", compact
            )
            if match and (label != "其他" or not compact.startswith("其他资金") or "其他" in compact[4:]):
                figure = match.group(1)
                found.append(FundingLine(label, Quantity.parse(figure), figure, number))
                break
    return found


def _weight(token: str) -> Quantity | None:
    if WEIGHT_RE.match(token) and int(token) <= 100:
        return Quantity.exact(int(token))
    return None


def _tabbed_indicators(body: list[tuple[int, str]], kind: str) -> list[Indicator]:
    indicators: list[Indicator] = []
    level1 = level2 = ""
    for number, text in body:
        cells = [c.strip() for c in text.split("\t")]
        while cells and not cells[-1]:
            cells.pop()
        if kind == "project":
            position = next((i for i, c in enumerate(cells) if i > 0 and c.startswith(RULE_START)), None)
            weight_index = position - 1 if position is not None else None
        else:
            weight_index = len(cells) - 1 if cells else None
        weight = _weight(cells[weight_index]) if weight_index is not None and weight_index >= 0 else None
        if weight is None:
            if indicators:  # a wrapped cell spilled onto its own row
                previous = indicators[-1]
                extra = "".join(c for c in cells[2:3] if c)
                indicators[-1] = Indicator(
                    previous.level1, previous.level2, previous.level3 + extra, previous.value, previous.weight,
                    Span(previous.span.line, number), previous.basis, previous.previous,
                )
            continue
        leading = cells[:weight_index]
        # Cells before the weight: l1, l2, l3, value, basis[, previous]
        expected = 6 if kind == "project" else 5
        while len(leading) < expected:
            leading.insert(0, "")
        extra = len(leading) - expected
        l1, l2 = (leading[0], leading[1]) if extra >= 0 else ("", "")
        rest = leading[2 + max(0, extra) :] if extra > 0 else leading[2:]
        level1 = l1 or level1
        level2 = l2 or level2
        level3 = rest[0] if rest else ""
        value = rest[1] if len(rest) > 1 else ""
        basis = rest[2] if len(rest) > 2 else None
        previous = rest[3] if kind == "project" and len(rest) > 3 else None
        indicators.append(Indicator(level1, level2, level3, value, weight, Span.at(number), basis, previous))
    return indicators


def _flattened_indicators(body: list[tuple[int, str]], kind: str) -> list[Indicator]:
    tokens = [(number, token) for number, text in body for token in text.split()]
    indicators: list[Indicator] = []
    start = 0
    for index, (number, token) in enumerate(tokens):
        weight = _weight(token)
        if weight is None:
            continue
        # The rule text may wrap right after its first characters ("满意度" / "赋分").
        following = "".join(t for _, t in tokens[index + 1 : index + 3])
        if kind == "project":
            if not following.startswith(RULE_START):
                continue
        else:
            same_line_next = index + 1 < len(tokens) and tokens[index + 1][0] == number
            if same_line_next:
                continue
        words = [t for _, t in tokens[start:index]]
        first_line = tokens[start][0] if start < index else number
        text = "".join(words)
        indicators.append(Indicator("", "", text, "", weight, Span(first_line, number)))
        # The row goes on to its 赋分规则 and 佐证资料; the next row starts after them.
        start = index + 1
        if kind == "project":
            while start < len(tokens) and not any(w in tokens[start][1] for w in EVIDENCE_WORDS):
                start += 1
            while start < len(tokens) and any(w in tokens[start][1] for w in EVIDENCE_WORDS):
                start += 1
    return indicators
