"""Indicator rows of a tabbed (markdown) performance table.

Cells are tab-separated and merged cells survive as empty leading cells, but
the grid is not always regular: a row may lose the empty 一级指标 cell
(Kizilsu line 730 starts with its 二级指标) or both level cells (line 758).
Columns are therefore counted backwards from an anchor that cannot move: the
赋分规则 cell in a project table (the weight is the cell before it), the last
cell in a whole-unit table (the weight itself).
"""

from __future__ import annotations

from auditor.model import Diagnostic, Span
from auditor.parsing.performance_rows import Draft
from auditor.parsing.performance_text import RULE_RE, compact, is_weight, level_name, tidy

# Columns before the weight, from the weight backwards.
_PROJECT_BEFORE = ("previous", "basis", "value", "level3", "level2", "level1")
_UNIT_BEFORE = ("basis", "value", "level3", "level2", "level1")
# Column of 三级指标 in a complete row, for rows that only continue a wrapped cell.
_LEVEL3_COLUMN = 2


def tabbed_rows(
    body: list[tuple[int, str]], kind: str, header: str = ""
) -> tuple[list[Draft], list[Diagnostic]]:
    """Read the rows of ``body``; ``header`` is the 一级指标 … header row, if any."""
    drafts: list[Draft] = []
    # Where the header puts the weight: the fallback for a row whose rule cell
    # is missing or unrecognised.
    printed = next((i for i, cell in enumerate(header.split("\t")) if "权重" in cell), None)
    notes: list[Diagnostic] = []
    for number, text in body:
        cells = [cell.strip() for cell in text.split("\t")]
        while cells and not cells[-1]:
            cells.pop()
        if not any(cells):
            continue
        anchor = _weight_column(cells, kind)
        if anchor is None and printed is not None and printed < len(cells) and is_weight(cells[printed]):
            anchor = printed
        if anchor is None:
            if drafts and "\t" in text:
                _continue(drafts[-1], cells, number)
            else:
                notes.append(
                    Diagnostic("performance-unparsed-text",
                               f"绩效目标表中的这一行没有分值权重，未能读作指标：“{tidy(text)[:30]}”。",
                               Span.at(number), "info")
                )
            continue
        draft = Draft(first=number, last=number)
        before = _PROJECT_BEFORE if kind == "project" else _UNIT_BEFORE
        weight = cells[anchor]
        draft.weight = weight if is_weight(weight) else None
        if draft.weight is None:
            notes.append(
                Diagnostic("performance-weight", f"指标的分值权重“{weight}”不是整数分值。", Span.at(number))
            )
        found: dict[str, str] = {}
        for offset, name in enumerate(before, start=1):
            column = anchor - offset
            found[name] = cells[column] if column >= 0 else ""
        previous = drafts[-1] if drafts else None
        level1 = level_name(found["level1"])
        level2 = level_name(found["level2"])
        draft.level1 = level1 or (previous.level1 if previous else "")
        draft.level2 = level2 or (previous.level2 if previous else "")
        draft.level3 = _token(number, found["level3"])
        draft.value = _token(number, found["value"])
        draft.basis = _token(number, found["basis"])
        draft.previous = _token(number, found.get("previous", ""))
        drafts.append(draft)
    return drafts, notes


def _weight_column(cells: list[str], kind: str) -> int | None:
    if kind == "project":
        for column in range(1, len(cells)):
            if RULE_RE.match(compact(cells[column])):
                return column - 1
        return None
    last = len(cells) - 1
    return last if last >= 1 and is_weight(cells[last]) else None


def _token(number: int, text: str) -> list[tuple[int, str]]:
    return [(number, text)] if text else []


def _continue(draft: Draft, cells: list[str], number: int) -> None:
    """A row holding only the tail of wrapped cells (Kizilsu line 735).

    Only the 三级指标 tail is kept: the converter also repeats the last
    fragment of cells that are already complete (``万元`` after ``<=5 万元``,
    ``分`` after ``按照正常比例赋分``), and such a repeat adds nothing.
    """
    if len(cells) <= _LEVEL3_COLUMN:
        return
    tail = cells[_LEVEL3_COLUMN]
    current = "".join(t for _, t in draft.level3)
    if tail and not compact(current).endswith(compact(tail)):
        draft.level3 = draft.level3 + [(number, tail)]
    draft.last = max(draft.last, number)
