"""Tables printed as aligned text, without ruling lines.

The header's words say where the columns are: the finest header cells (a
header cell above two others, like 收入 over 项目 and 预算数, is a merged cell)
give one column each, the boundary between two columns halfway between their
header words. Every word of a row then goes to the column it lies in, so a
row comes out as tab-separated cells with its empty cells kept. A word that
crosses a boundary where figures meet a label (a two-sided table whose left
amount touches the right label) is cut where the figure ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from auditor.pdf.lines import CELL_GAP, WORD_GAP, Line, join_chars
from auditor.pdf.page import Char

FIGURE_RE = re.compile(r"^[-−]?\d[\d,]*(?:\.\d+)?%?$")
NUMERIC = set("0123456789,.-−%")
HEADER_LINES = 3
# A wrapped name sits closer to its row than rows sit to each other: within
# this share of a line height.
WRAP_GAP = 0.6


def is_figure(text: str) -> bool:
    return bool(FIGURE_RE.match(text))


def is_table_line(line: Line) -> bool:
    return len(line.segments(titles=False)) >= 2


def find_blocks(lines: list[Line], going_on: Columns | None = None) -> list[tuple[int, int]]:
    """Runs of lines [start, end) that form a table: several cells, figures in some.

    With ``going_on`` (the last page ended in a table with these columns), the
    lines at the top of the page go on with that table when they have figures
    or lie inside its columns, even a single one (收入总计 alone on the page)."""
    blocks: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        edge = going_on.spans[0][0] if going_on is not None and index == 0 else None
        # A label-only row (其中:公务用车购置费) may open the page, a row with figures under it.
        carried = edge is not None and (
            _figures(lines[0]) >= 1 or _inside(lines[0], edge) or (len(lines) > 1 and _figures(lines[1]) >= 1)
        )
        if not (is_table_line(lines[index]) or carried):
            index += 1
            continue
        end = index + 1
        left = min(line.x0 for line in lines[index:end])
        if edge is not None:
            left = min(left, edge)
        while end < len(lines) and (is_table_line(lines[end]) or _fragment(lines, end) or _inside(lines[end], left)):
            end += 1
        figured = sum(1 for line in lines[index:end] if _figures(line) >= 1)
        if (figured >= 1 and end - index >= 2) or carried:
            blocks.append((index, end))
        index = max(end, index + 1)
    return blocks


def _inside(line: Line, left: float) -> bool:
    """A one-cell line set well into the table (a row with only its right side)."""
    return line.x0 > left + 4 * (line.height or 1.0)


def _fragment(lines: list[Line], index: int) -> bool:
    """A one-cell line between two table lines: a wrapped name."""
    return 0 < index < len(lines) - 1 and is_table_line(lines[index - 1]) and is_table_line(lines[index + 1])


def _figures(line: Line) -> int:
    return sum(1 for s in line.segments(titles=False) if is_figure(s.text))


@dataclass(slots=True)
class Columns:
    """The columns of a borderless table, kept for its continuation on the next page."""

    spans: list[tuple[float, float]]
    header: list[str]  # the header lines' text, to drop them when printed again


def read_block(lines: list[Line], going_on: Columns | None = None) -> tuple[list[tuple[float, list[str]]], Columns | None]:
    """The rows of a borderless table as (top, cells), and its columns.

    ``going_on`` are the columns of the table this block continues from the
    last page: its repeated header lines are dropped, its columns kept."""
    first_figure = next((i for i, line in enumerate(lines) if _figures(line)), 0)
    if going_on is not None:
        repeated = [line.text for line in lines[:first_figure]]
        skip = first_figure if repeated and repeated == going_on.header[-len(repeated):] else 0
        body = [(line, _cells(line, going_on.spans)) for line in lines[skip:]]
        return _join_wrapped(body), going_on
    # The header is the (at most three) lines above the first figures; lines
    # further up ("编制部门：…  单位：万元") are text above the table.
    start = max(0, first_figure - HEADER_LINES)
    header = lines[start:first_figure] if first_figure else lines[:1]
    spans = _columns(header)
    if len(spans) < 2:
        return [(line.top, [line.text]) for line in lines], None
    rows: list[tuple[float, list[str]]] = [(line.top, [line.text]) for line in lines[:start]]
    for line in lines[start:first_figure]:
        rows.append((line.top, _cells(line, spans)))
    body = [(line, _cells(line, spans)) for line in lines[first_figure:]]
    rows.extend(_join_wrapped(body))
    return rows, Columns(spans, [line.text for line in header])


def _columns(header: list[Line]) -> list[tuple[float, float]]:
    """Column spans from the header lines, the lowest (most detailed) first.

    A header cell of an upper line that lies over cells of a lower line is a
    merged cell (科目编码 over 类 款 项, 收入 over 项目 and 预算数): the lower
    cells give the columns. Upper cells over nothing add their own column."""
    spans: list[tuple[float, float]] = []
    for line in reversed(header):
        lower = list(spans)
        for segment in line.segments(titles=False):
            if not any(segment.x0 < x1 and x0 < segment.x1 for x0, x1 in lower):
                spans.append((segment.x0, segment.x1))
    return sorted(spans)


def _cells(line: Line, spans: list[tuple[float, float]]) -> list[str]:
    cells: list[list[Char]] = [[] for _ in spans]
    starts = [x0 for x0, _ in spans[1:]]
    for word in _words(line):
        for piece in _cut(word, starts):
            cells[_column(piece, spans)].extend(piece)
    return [join_chars(chars) for chars in cells]


def _words(line: Line) -> list[list[Char]]:
    height = line.height or 1.0
    words: list[list[Char]] = [[line.chars[0]]] if line.chars else []
    for before, char in zip(line.chars, line.chars[1:], strict=False):
        gap = char.x0 - before.x1
        # Two figures a space apart are two figures: figures never hold a space.
        if gap >= CELL_GAP * height or (gap >= WORD_GAP * height and _kind(char) and _kind(before)):
            words.append([char])
        else:
            words[-1].append(char)
    return words


def _kind(char: Char) -> bool:
    return char.text in NUMERIC


def _cut(word: list[Char], starts: list[float]) -> list[list[Char]]:
    """A word running into the next column is cut where figures and text meet."""
    if not any(word[0].x0 < b < word[-1].x1 for b in starts):
        return [word]
    pieces = [[word[0]]]
    for before, char in zip(word, word[1:], strict=False):
        if _kind(before) != _kind(char):
            pieces.append([char])
        else:
            pieces[-1].append(char)
    return pieces


def _column(chars: list[Char], spans: list[tuple[float, float]]) -> int:
    """The column a word belongs to.

    Figures are set right-aligned: a figure's right end lies at or after the
    start of its column's header and before the next header starts, whether the
    headers are centred, left- or right-aligned. Text is set left-aligned under
    (or across) its header: it goes where it overlaps a header most, else to
    the nearest header."""
    x0, x1 = chars[0].x0, chars[-1].x1
    if is_figure("".join(c.text for c in chars)):
        return max(0, sum(1 for start, _ in spans if start <= x1 - 0.5) - 1)
    overlaps = [min(x1, end) - max(x0, start) for start, end in spans]
    best = max(range(len(spans)), key=lambda k: overlaps[k])
    if overlaps[best] > 0:
        return best
    middle = (x0 + x1) / 2
    return min(range(len(spans)), key=lambda k: abs((spans[k][0] + spans[k][1]) / 2 - middle))


def _join_wrapped(body: list[tuple[Line, list[str]]]) -> list[tuple[float, list[str]]]:
    """A one-cell line without figures set tight against a row with figures
    (closer than rows are to each other) is that row's wrapped name."""
    rows: list[tuple[float, list[str]]] = []
    owner: list[int] = list(range(len(body)))
    figured = [any(is_figure(c) for c in cells) for _, cells in body]
    for i, (line, cells) in enumerate(body):
        if figured[i] or sum(1 for c in cells if c) != 1:
            continue
        near = []
        for j in (i - 1, i + 1):
            if 0 <= j < len(body) and figured[j]:
                other = body[j][0]
                gap = other.top - line.bottom if j > i else line.top - other.bottom
                if gap < WRAP_GAP * (line.height or 1.0):
                    near.append((gap, j))
        if not near and 0 < i < len(body) - 1 and owner[i - 1] != i - 1:
            near = [(0.0, owner[i - 1])]  # the third line of a name wrapped three times
        if near:
            owner[i] = min(near)[1]
    parts: dict[int, list[int]] = {}
    for i in range(len(body)):
        parts.setdefault(owner[i], []).append(i)
    for i, (line, cells) in enumerate(body):
        if owner[i] != i:
            continue
        joined = ["" for _ in cells]
        for part in parts[i]:
            for column, text in enumerate(body[part][1]):
                joined[column] += text
        rows.append((line.top, joined))
    return rows
