"""Draw small PDFs that reproduce one difficulty of real exports each (reportlab).

Coordinates are given from the top of the page (as a reader reads), in points;
text is drawn with the built-in CID font STSong-Light at 10 pt unless said.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas as pdf_canvas

FONT = "STSong-Light"
SIZE = 10
WIDTH, HEIGHT = 595, 842


class Page:
    """One page's drawing operations, top-down coordinates."""

    def __init__(self, sheet: pdf_canvas.Canvas) -> None:
        self.sheet = sheet

    def text(self, x: float, top: float, text: str, size: float = SIZE) -> None:
        """``text`` whose baseline is at ``top`` from the top of the page."""
        self.sheet.setFont(FONT, size)
        self.sheet.drawString(x, HEIGHT - top, text)

    def right(self, x: float, top: float, text: str, size: float = SIZE) -> None:
        """``text`` ending at ``x`` (figures are set right-aligned)."""
        self.sheet.setFont(FONT, size)
        self.sheet.drawRightString(x, HEIGHT - top, text)

    def spaced(self, x: float, top: float, text: str, gap: float, size: float = SIZE) -> None:
        """One character at a time, ``gap`` points between characters (letter spacing)."""
        for char in text:
            self.text(x, top, char, size)
            x += pdfmetrics.stringWidth(char, FONT, size) + gap

    def width(self, text: str, size: float = SIZE) -> float:
        return pdfmetrics.stringWidth(text, FONT, size)

    def line(self, x0: float, top0: float, x1: float, top1: float) -> None:
        self.sheet.setLineWidth(0.5)
        self.sheet.line(x0, HEIGHT - top0, x1, HEIGHT - top1)

    def grid(self, xs: list[float], ys: list[float]) -> None:
        """Full ruling lines at every x and y."""
        for x in xs:
            self.line(x, ys[0], x, ys[-1])
        for y in ys:
            self.line(xs[0], y, xs[-1], y)


def draw(path: Path, *pages: Callable[[Page], None], crop: tuple[float, float, float, float] | None = None) -> Path:
    """A PDF whose pages are drawn by ``pages`` in turn; ``crop`` is a crop box (PDF coordinates)."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    sheet = pdf_canvas.Canvas(str(path), pagesize=(WIDTH, HEIGHT))
    for paint in pages:
        if crop is not None:
            sheet.setCropBox(crop)
        paint(Page(sheet))
        sheet.showPage()
    sheet.save()
    return path
