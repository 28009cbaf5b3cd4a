"""Read a published PDF into the same lines a tabbed text rendering has.

Each page is read from its character boxes and ruling lines (auditor.pdf.page):
text becomes one line per printed line (auditor.pdf.lines), a table drawn with
ruling lines becomes one tab-separated line per row with its empty cells kept
(auditor.pdf.grid), and so does a table printed as aligned text
(auditor.pdf.borderless). A table continued on the next page goes on without
its repeated header rows. Every line remembers its page and its line on that
page, which is how findings on a PDF are located.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from auditor.errors import InputError
from auditor.pdf.borderless import Columns, find_blocks, is_figure, read_block
from auditor.pdf.grid import Grid, find_grids, read_grid
from auditor.pdf.guard import check_file, check_pages
from auditor.pdf.lines import Line, group_lines
from auditor.pdf.page import PageContent, read_page
from auditor.reading.normalize import normalize_lines
from auditor.reading.source import DEFAULT_MAX_BYTES, SourceText

PAGE_NUMBER_RE = re.compile(r"^\s*(?:[-—–]?\s*\d{1,4}\s*[-—–]?|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?)\s*$")
# A table on a new page continues the last one when its column lines are at
# the same places (within this many points).
SAME_COLUMNS = 3.0
# A title is set at least this much larger than the body text of its page.
TITLE_SIZE = 1.15


@dataclass(slots=True)
class PageLines:
    """The lines of one page, top to bottom; ``grid`` says which came from a grid."""

    texts: list[str] = field(default_factory=list)
    grid_rows: list[tuple[Grid, list[str]] | None] = field(default_factory=list)
    header: list[list[str]] = field(default_factory=list)  # of the table open at the page's end
    columns: Columns | None = None  # of a borderless table open at the page's end


def read_pdf(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    shown = str(path)
    file = Path(path)
    check_file(file, shown, max_bytes)
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(file))
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text or "security" in text:
            raise InputError("此 PDF 已加密，需要先解除密码保护。", path=shown) from None
        raise InputError("文件不是有效的 PDF（或已损坏）。", path=shown) from None
    try:
        check_pages(len(document), shown)
        lines, locations, has_text = _read_pages(document)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged page must not become a traceback
        raise InputError(f"无法读取 PDF：{type(exc).__name__}。", path=shown) from None
    finally:
        document.close()
    if not has_text:
        raise InputError("此 PDF 没有文字层（可能是扫描件），需要先进行 OCR 识别。", path=shown)
    raw = tuple(lines)
    return SourceText(shown, "pdf", raw, normalize_lines(raw), "pdf", tuple(locations))


def _read_pages(document) -> tuple[list[str], list[str], bool]:
    lines: list[str] = []
    locations: list[str] = []
    has_text = False
    previous: PageLines | None = None
    for index in range(len(document)):
        page = document[index]
        try:
            content = read_page(page)
        finally:
            page.close()  # pages are read one at a time: memory stays that of one page
        has_text = has_text or bool(content.chars)
        current = read_content(content, previous.columns if previous else None)
        if previous is not None:
            _drop_repeated_header(previous, current)
        for on_page, text in enumerate(current.texts, start=1):
            lines.append(text)
            locations.append(f"p{index + 1}:L{on_page}")
        if current.texts:
            previous = current
    return lines, locations, has_text


def read_content(content: PageContent, going_on: Columns | None = None) -> PageLines:
    """The lines of one page in reading order; ``going_on`` are the columns of a
    borderless table the last page ended with."""
    grids = find_grids(content.rules)
    loose = []
    held: dict[int, list] = {id(g): [] for g in grids}
    for char in content.chars:
        grid = next((g for g in grids if g.holds(char)), None)
        if grid is None:
            loose.append(char)
        else:
            held[id(grid)].append(char)
    items: list[tuple[float, str, tuple[Grid, list[str]] | None]] = []
    for grid in grids:
        for top, cells in read_grid(grid, held[id(grid)]):
            items.append((top, "\t".join(cells), (grid, cells)))
    text_lines = [line for line in group_lines(loose) if not PAGE_NUMBER_RE.match(line.text)]
    in_block = set()
    grid_top = min((g.ys[0] for g in grids), default=None)
    columns = None
    for start, end in find_blocks(text_lines, going_on):
        continues = going_on if start == 0 and (grid_top is None or grid_top > text_lines[0].top) else None
        rows, columns = read_block(text_lines[start:end], continues)
        for top, cells in rows:
            items.append((top, "\t".join(cells), None))
        in_block.update(range(start, end))
        if end < len(text_lines):
            columns = None  # text after the table: it does not go on
    free = [line for number, line in enumerate(text_lines) if number not in in_block]
    for top, text in join_split_titles(free, content.width):
        items.append((top, text, None))
    items.sort(key=lambda item: item[0])
    result = PageLines(columns=columns)
    for _, text, row in items:
        if text.strip():
            result.texts.append(text)
            result.grid_rows.append(row)
    return result


def join_split_titles(lines: list[Line], width: float) -> list[tuple[float, str]]:
    """Lines as (top, text), a title wrapped onto a second line joined again.

    A title is centred and set larger than the body; its second line follows
    at a tight leading, centred too, in the same size. Anything else (the cover's
    name and year lines, set far apart) stays as printed."""
    # The body size is that of most characters on the page.
    heights = sorted(char.height for line in lines for char in line.chars)
    body = heights[len(heights) // 2] if heights else 0.0
    out: list[tuple[float, str]] = []
    index = 0
    while index < len(lines):
        line, top, text = lines[index], lines[index].top, lines[index].text
        while index + 1 < len(lines) and _continues_title(line, lines[index + 1], width, body):
            index += 1
            line = lines[index]
            text += line.text
        out.append((top, text))
        index += 1
    return out


def _continues_title(first: Line, second: Line, width: float, body: float) -> bool:
    height = first.height
    if not height or height < TITLE_SIZE * body or abs(second.height - height) > 0.1 * height:
        return False
    if first.text.endswith(("。", "；", "：", ":", ";")):
        return False
    centred = all(abs((ln.chars[0].x0 + ln.chars[-1].x1) / 2 - width / 2) < 1.5 * height for ln in (first, second))
    return centred and second.top - first.bottom < 0.5 * height


def _drop_repeated_header(previous: PageLines, current: PageLines) -> None:
    """A table going on from the last page does not print its header again."""
    last = next((row for row in reversed(previous.grid_rows) if row is not None), None)
    if last is None or previous.grid_rows[-1] is None or not current.grid_rows or current.grid_rows[0] is None:
        return
    before, now = last[0], current.grid_rows[0][0]
    if len(before.xs) != len(now.xs) or any(abs(a - b) > SAME_COLUMNS for a, b in zip(before.xs, now.xs, strict=True)):
        return
    header = []
    for row in previous.grid_rows:
        if row is not None and row[0] is before and not any(is_figure(c.strip()) for c in row[1]):
            header.append(row[1])
        elif header or (row is not None and row[0] is before):
            break
    # A table running over three pages: its header is the one on its first page.
    header = header or previous.header
    current.header = header
    count = 0
    while count < len(header) and count < len(current.grid_rows):
        row = current.grid_rows[count]
        if row is None or row[1] != header[count]:
            break
        count += 1
    del current.texts[:count]
    del current.grid_rows[:count]
