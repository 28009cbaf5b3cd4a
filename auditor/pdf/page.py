"""What a PDF page shows: its visible characters and its ruling lines.

pdfium (pypdfium2, installed with pdfplumber) reads the page: it is ~30 times
faster than pdfminer on the Shanghai PDFs (see docs/performance.md). Everything
here is in points with the origin at the top left of the visible (crop) box,
so ``top`` grows down the page as a reader reads.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

# A character counts as shown when its centre lies in the crop box; text that
# overflows a page is sometimes stored again outside it (templates.md §13).
EDGE = 1.0
# Two copies of one character closer than this are one character printed twice.
SAME_PLACE = 1.0
# A stroke thinner than this is a ruling line, not a box.
THIN = 2.5
MIN_RULE = 3.0


@dataclass(frozen=True, slots=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    spaced: bool = False  # a space was printed just before it

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def middle(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True, slots=True)
class Rule:
    """A horizontal (``across``) or vertical ruling line."""

    across: bool
    at: float  # y for a horizontal line, x for a vertical one
    start: float
    end: float


@dataclass(slots=True)
class PageContent:
    width: float
    height: float
    chars: list[Char]
    rules: list[Rule]


def read_page(page) -> PageContent:
    """The visible characters and ruling lines of a pypdfium2 page."""
    left, bottom, right, top = page.get_cropbox()
    width, height = right - left, top - bottom
    chars = _chars(page, left, top, width, height)
    rules = _rules(page, left, top, width, height)
    return PageContent(width, height, chars, rules)


def _chars(page, left: float, top: float, width: float, height: float) -> list[Char]:
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        raw = textpage.raw
        box_l, box_r, box_b, box_t = (ctypes.c_double() for _ in range(4))
        rect = pdfium_c.FS_RECTF()
        seen: set[tuple[str, int, int]] = set()
        chars: list[Char] = []
        spaced = False
        for index in range(count):
            if pdfium_c.FPDFText_IsGenerated(raw, index):
                continue  # spaces and line breaks pdfium made up
            code = pdfium_c.FPDFText_GetUnicode(raw, index)
            if code in (0, 0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF:
                continue
            text = chr(code)
            if text.isspace():
                spaced = True
                continue
            if pdfium_c.FPDFText_GetLooseCharBox(raw, index, rect):
                x0, x1, y_top, y_bottom = rect.left, rect.right, rect.top, rect.bottom
            else:
                pdfium_c.FPDFText_GetCharBox(raw, index, box_l, box_r, box_b, box_t)
                x0, x1, y_top, y_bottom = box_l.value, box_r.value, box_t.value, box_b.value
            x0, x1 = x0 - left, x1 - left
            char_top, char_bottom = top - y_top, top - y_bottom
            if char_top > char_bottom:
                char_top, char_bottom = char_bottom, char_top
            centre_x, centre_y = (x0 + x1) / 2, (char_top + char_bottom) / 2
            if not (-EDGE <= centre_x <= width + EDGE and -EDGE <= centre_y <= height + EDGE):
                continue  # hidden outside the visible box
            key = (text, round(x0 / SAME_PLACE), round(char_top / SAME_PLACE))
            if key in seen:
                continue  # the same character stored twice (overflow copy, fake bold)
            seen.add(key)
            chars.append(Char(text, x0, x1, char_top, char_bottom, spaced))
            spaced = False
        return chars
    finally:
        textpage.close()


def _rules(page, left: float, top: float, width: float, height: float) -> list[Rule]:
    rules: list[Rule] = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=1):
        matrix = obj.get_matrix()
        for (x0, y0), (x1, y1) in _segments(obj.raw):
            ax, ay = matrix.on_point(x0, y0)
            bx, by = matrix.on_point(x1, y1)
            _add_rule(rules, ax - left, top - ay, bx - left, top - by, width, height)
        # A thin filled rectangle is a ruling line too; its outline gives two
        # parallel edges a stroke apart, which the table grid merges.
    return rules


def _segments(path) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The straight pieces of a path, in its own coordinates (curves are skipped)."""
    pieces: list[tuple[tuple[float, float], tuple[float, float]]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    start: tuple[float, float] | None = None
    here: tuple[float, float] | None = None
    for index in range(pdfium_c.FPDFPath_CountSegments(path)):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = (x.value, y.value)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = here = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and here is not None:
            pieces.append((here, point))
            here = point
        else:
            here = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and here is not None and start is not None:
            pieces.append((here, start))
            here = start
    return pieces


def _add_rule(rules: list[Rule], ax: float, ay: float, bx: float, by: float, width: float, height: float) -> None:
    if abs(ay - by) < THIN and abs(ax - bx) >= MIN_RULE:
        start, end = sorted((ax, bx))
        if end - start < 0.95 * width:  # not the edge of a page background
            rules.append(Rule(True, (ay + by) / 2, start, end))
    elif abs(ax - bx) < THIN and abs(ay - by) >= MIN_RULE:
        start, end = sorted((ay, by))
        if end - start < 0.95 * height:
            rules.append(Rule(False, (ax + bx) / 2, start, end))
