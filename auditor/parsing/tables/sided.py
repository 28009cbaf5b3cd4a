"""表1 and 表4: income lines on the left, expenditure 类 on the right.

In the flattened rendering the two sides share printed lines and a left label
may wrap onto a line of its own, so each side is read as its own stream:
left labels are matched against the template's list of income lines (``lines``), right
entries start at a 类 code.
"""

from __future__ import annotations

import re

from auditor.model import Amount, RowLevel
from auditor.parsing.tables.rows import RawRow, amount, compact, is_figure

CLASS_RE = re.compile(r"^2\d{2}$")
# 上海: the expenditure side names each 类 "一、一般公共服务支出" without its code.
NAMED_CLASS_RE = re.compile(r"^[一二三四五六七八九十]{1,3}、\S")
INCOME_TOTAL = "收入总计"


def _is_cjk(token: str) -> bool:
    return bool(token) and "\u4e00" <= token[0] <= "\u9fff"


def _right_start(tokens: list[str]) -> int:
    for index, token in enumerate(tokens):
        if CLASS_RE.match(token) and index + 1 < len(tokens) and _is_cjk(tokens[index + 1]):
            return index
        if compact("".join(tokens[index : index + 4])).startswith("支出总计"):
            return index
    return len(tokens)


class _LeftStream:
    """Left labels, completed across wrapped fragments."""

    def __init__(self, known: frozenset[str]) -> None:
        self.known = known
        self.rows: list[RawRow] = []
        self.buffer = ""
        self.buffer_lines: list[tuple[int, str]] = []

    def feed(self, number: int, text: str, figures: list[Amount]) -> None:
        fragment = compact(text)
        if not fragment and not figures:
            return
        if self.buffer:
            joined = self.buffer + fragment
            lines = [*self.buffer_lines, (number, text)]
            if joined in self.known or _prefix(joined, self.known):
                if joined in self.known or figures:
                    self._emit(joined, lines, figures)
                else:
                    self.buffer, self.buffer_lines = joined, lines
                return
            self._emit(self.buffer, self.buffer_lines, [])
        if fragment in self.known or figures or not _prefix(fragment, self.known):
            self._emit(fragment, [(number, text)], figures)
        else:
            self.buffer, self.buffer_lines = fragment, [(number, text)]

    def _emit(self, label: str, lines: list[tuple[int, str]], figures: list[Amount]) -> None:
        self.buffer, self.buffer_lines = "", []
        if not label:
            if figures and self.rows:
                self.rows[-1].figures.extend(figures)
            return
        row = RawRow(list(lines), name=label, figures=list(figures))
        row.level = RowLevel.TOTAL if label == INCOME_TOTAL else RowLevel.LINE
        self.rows.append(row)

    def close(self) -> None:
        if self.buffer:
            self._emit(self.buffer, self.buffer_lines, [])


def _prefix(text: str, known: frozenset[str]) -> bool:
    return any(label.startswith(text) and label != text for label in known)


def read_sided(
    body: list[tuple[int, str]], rendering: str, lines: tuple[str, ...]
) -> tuple[list[RawRow], list[RawRow]]:
    """(income rows, expenditure rows); ``lines`` are the template's income labels."""
    known = frozenset(compact(label) for label in lines) | {INCOME_TOTAL}
    left = _LeftStream(known)
    right: list[RawRow] = []
    started = False
    for number, text in body:
        if rendering != "flattened":
            cells = [c.strip() for c in text.split("\t")]
            left_cells, right_cells = cells[:2], cells[2:]
            left_text = left_cells[0] if left_cells else ""
            left_figures = [amount(c, number) for c in left_cells[1:] if is_figure(c)]
            right_tokens = right_cells[0].split() if right_cells else []
            right_figures_cells = right_cells[1:]
            right_opens = bool(right_tokens) and (
                CLASS_RE.match(right_tokens[0]) is not None
                or NAMED_CLASS_RE.match(right_cells[0]) is not None
                or compact(right_cells[0]) == "支出总计"
            )
            is_data = bool(left_figures) or compact(left_text) in known or right_opens
            if not is_data:
                continue  # header rows, including one repeated after a page break
            started = True
            if left_text or left_figures:
                left.feed(number, left_text, left_figures)
            if right_opens:
                row = _right_row(number, right_tokens, [])
                offsets = [i for i, c in enumerate(right_figures_cells) if is_figure(c)]
                row.figures = [amount(right_figures_cells[i], number) for i in offsets]
                row.hint = offsets
                right.append(row)
            continue
        tokens = text.split()
        split = _right_start(tokens)
        left_tokens, right_tokens = tokens[:split], tokens[split:]
        left_figures: list[Amount] = []
        while left_tokens and is_figure(left_tokens[-1]):
            left_figures.insert(0, amount(left_tokens.pop(), number))
        left_text = " ".join(left_tokens)
        if not started and not right_tokens and not left_figures:
            continue  # header words ("项 目 预算数 功能分类 …", "一般公共 / 预算")
        started = True
        if left_text or left_figures:
            left.feed(number, left_text, left_figures)
        if right_tokens:
            figures = []
            while right_tokens and is_figure(right_tokens[-1]):
                figures.insert(0, amount(right_tokens.pop(), number))
            right.append(_right_row(number, right_tokens, figures))
    left.close()
    for row in left.rows:
        row.code = None
    return left.rows, right


def _right_row(number: int, tokens: list[str], figures: list[Amount]) -> RawRow:
    row = RawRow([(number, " ".join(tokens))], figures=list(figures))
    if tokens and CLASS_RE.match(tokens[0]):
        row.code = tokens[0]
        row.name = "".join(tokens[1:])
        row.level = RowLevel.CLASS
    elif tokens and NAMED_CLASS_RE.match(tokens[0]):
        row.name = "".join(tokens)
        row.level = RowLevel.CLASS
    else:
        row.name = compact("".join(tokens))
        row.level = RowLevel.TOTAL
    return row
