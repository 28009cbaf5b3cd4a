"""Rows of the coded tables (表2, 3, 5, 6, 7, 8, 9): code, name, project, figures."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from auditor.codes import function_codes
from auditor.model import Amount, RowLevel
from auditor.parsing.classify import join_wrapped
from auditor.quantity import Quantity
from auditor.reading.normalize import compact

# A figure has decimals, or thousands separators (上海 市级表 prints whole 元: 171,915,169);
# a bare integer is a code (201) or a count, never a figure.
FIGURE_RE = re.compile(r"^-?(?:(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+|\d{1,3}(?:,\d{3})+)$")
CLASS_CODE_RE = re.compile(r"^[23]\d{2}$")
SUB_CODE_RE = re.compile(r"^\d{2}$")
TOTAL_WORDS = ("总计", "合计")


@lru_cache(maxsize=4096)
def is_figure(token: str) -> bool:
    # Cached: a table repeats its figures, codes and words (and the empty cells of the
    # Kashgar spacing) line after line. A figure starts with a minus or a digit (what
    # \d matches): words are not matched.
    first = token[:1]
    return (first == "-" or first.isdecimal()) and bool(FIGURE_RE.match(token))


def amount(token: str, line: int) -> Amount:
    return Amount(token, _quantity(token), line)


# A document prints most figures several times (表1, 表2, 表3, 表5 repeat the totals);
# a Quantity is immutable, so equal texts may share one.
_quantity = lru_cache(maxsize=4096)(Quantity.parse)


@dataclass
class RawRow:
    """A row as read, before its figures are bound to columns."""

    lines: list[tuple[int, str]]
    code: str | None = None
    name: str = ""
    project: str | None = None
    level: RowLevel = RowLevel.CLASS
    figures: list[Amount] = field(default_factory=list)
    hint: list[int] | None = None  # column offsets (Kashgar spacing or tabbed cells)

    @property
    def first_line(self) -> int:
        return self.lines[0][0]

    @property
    def last_line(self) -> int:
        last = self.lines[-1][0]
        if self.figures:
            last = max(last, max(f.line for f in self.figures))
        return last


def starts_row(text: str) -> bool:
    """A flattened line that opens a row: a 类 code, or 总计/合计."""
    tokens = text.split()
    if not tokens:
        return False
    if CLASS_CODE_RE.match(tokens[0]) and (len(tokens) == 1 or not is_figure(tokens[0])):
        return True
    if tokens[0][0] not in "总合":
        return False  # (the text's first character, which a total's label starts with)
    head = compact(text)
    return head.startswith(TOTAL_WORDS) and all(is_figure(t) for t in _after_label(tokens))


def _after_label(tokens: list[str]) -> list[str]:
    joined = ""
    for index, token in enumerate(tokens):
        joined += token
        if joined in TOTAL_WORDS:
            return tokens[index + 1 :]
    return tokens[1:]


def level_of(code: str | None, name: str, project: str | None) -> RowLevel:
    if project:
        return RowLevel.PROJECT
    if not code:
        return RowLevel.TOTAL if compact(name) in TOTAL_WORDS else RowLevel.UNIT
    return {3: RowLevel.CLASS, 5: RowLevel.SECTION}.get(len(code), RowLevel.ITEM)


def read_flattened_row(lines: list[tuple[int, str]], project_cell: bool, spacing: bool) -> RawRow:
    row = RawRow(lines)
    # Each line is split once: the tokens are read here and again for the row's words.
    words_of = [text.split() for _, text in lines]
    tokens: list[tuple[int, str]] = [(n, t) for (n, _), words in zip(lines, words_of, strict=True) for t in words]
    codes: list[str] = []
    if tokens and CLASS_CODE_RE.match(tokens[0][1]):
        codes.append(tokens[0][1])
        index = 1
        while index < len(tokens) and len(codes) < 3 and SUB_CODE_RE.match(tokens[index][1]):
            codes.append(tokens[index][1])
            index += 1
        tokens = tokens[index:]
    figures: list[tuple[int, str]] = []
    while tokens and is_figure(tokens[-1][1]):
        figures.insert(0, tokens.pop())
    row.code = "".join(codes) or None
    row.figures = [amount(t, n) for n, t in figures]
    text = _text_of(words_of, codes, len(figures))
    if project_cell and row.code and len(row.code) == 7:
        row.name, row.project = split_project(row.code, text)
    else:
        row.name = text
    row.level = level_of(row.code, row.name, row.project)
    if spacing and figures and len({n for n, _ in figures}) == 1:
        row.hint = spacing_offsets(next(t for n, t in lines if n == figures[0][0]), len(figures))
    return row


def _text_of(words_of: list[list[str]], codes: list[str], figure_count: int) -> str:
    """The row's words without its codes and trailing figures, wraps joined (``words_of``: each line's tokens)."""
    pieces: list[str] = []
    remaining_codes = list(codes)
    keep_until = sum(len(tokens) for tokens in words_of) - figure_count
    seen = 0
    for tokens in words_of:
        words = []
        for token in tokens:
            seen += 1
            if remaining_codes and token == remaining_codes[0]:
                remaining_codes.pop(0)
                continue
            if seen > keep_until:
                continue
            words.append(token)
        piece = " ".join(words)
        if piece:
            pieces.append(piece)
    text = ""
    for piece in pieces:
        text = join_wrapped(text, piece) if text else piece
    return text


def split_project(code: str, text: str) -> tuple[str, str | None]:
    """Split 表7's ``<科目名称><项目名称>`` using the known name of the code."""
    known = function_codes().get(code)
    if known:
        target = compact(known.name)
        joined = compact(text)
        if joined.startswith(target) and len(joined) > len(target):
            # Walk the original text until the compacted prefix is consumed.
            consumed = 0
            for index, char in enumerate(text):
                if not char.isspace():
                    consumed += 1
                if consumed == len(target):
                    return text[: index + 1].strip(), text[index + 1 :].strip() or None
        if joined == target:
            return text, None
    return text, None


def spacing_offsets(line: str, count: int) -> list[int] | None:
    """Column offsets of the figures on a line that prints one space per empty cell."""
    tokens = line.rstrip().split(" ")
    start = next((i for i, t in enumerate(tokens) if is_figure(t) and all(
        is_figure(u) or u == "" for u in tokens[i:])), None)
    if start is None:
        return None
    offsets = [i - start for i, t in enumerate(tokens) if i >= start and t]
    return offsets if len(offsets) == count else None


def read_tabbed_row(number: int, text: str, label_cells: int, project_cell: bool) -> RawRow:
    cells = [c.strip() for c in text.split("\t")]
    code_cells = label_cells - 1 - (1 if project_cell else 0)
    if cells and compact(cells[0]) in TOTAL_WORDS and len(cells) > 1 and is_figure(cells[1]):
        # "合计" in the first cell with the figures right after it: the
        # label cells were merged, the figure cells are still in order.
        cells = [""] * code_cells + cells[:1] + [""] * (label_cells - code_cells - 1) + cells[1:]
    codes = [c for c in cells[:code_cells] if c]
    # 款/项 printed without their leading zero ("301  2  津贴补贴" for 30102).
    codes = [codes[0], *(("0" + c) if len(c) == 1 and c.isdigit() else c for c in codes[1:])] if codes else codes
    name = cells[code_cells] if len(cells) > code_cells else ""
    project = None
    if project_cell and len(cells) > code_cells + 1:
        project = cells[code_cells + 1] or None
    values = cells[label_cells:]
    row = RawRow([(number, text)])
    row.code = "".join(codes) if codes and all(c.isdigit() for c in codes) else None
    if codes and not row.code:
        name = " ".join(codes + [name]).strip()
    row.name = name
    row.project = project
    row.figures = []
    offsets = []
    for offset, cell in enumerate(values):
        if is_figure(cell):
            row.figures.append(amount(cell, number))
            offsets.append(offset)
    row.hint = offsets
    row.level = level_of(row.code, row.name, row.project)
    return row
