"""Build a PDF of a tabbed sample whose tables have no ruling lines.

Each table is printed as aligned text: every column at a fixed x position,
wide enough for its widest cell, headers and labels left-aligned, figures
right-aligned, empty cells left blank. Paragraphs are wrapped to the page.
"""

from __future__ import annotations

import re
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas as pdf_canvas

from auditor.reading.normalize import normalize_line

FONT = "STSong-Light"
WIDTH, HEIGHT = landscape(A4)
MARGIN = 30
TEXT_SIZE, TABLE_SIZE = 9, 6
GAP = 12  # points between two columns (two characters)
FIGURE_RE = re.compile(r"^[-−]?\d[\d,]*(?:\.\d+)?%?$")


class Writer:
    def __init__(self, target: Path) -> None:
        if FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(FONT))
        self.sheet = pdf_canvas.Canvas(str(target), pagesize=(WIDTH, HEIGHT))
        self.top = MARGIN

    def advance(self, height: float) -> float:
        if self.top + height > HEIGHT - MARGIN:
            self.sheet.showPage()
            self.top = MARGIN
        self.top += height
        return HEIGHT - self.top

    def paragraph(self, text: str) -> None:
        usable = WIDTH - 2 * MARGIN
        line = ""
        for char in text:
            if pdfmetrics.stringWidth(line + char, FONT, TEXT_SIZE) > usable:
                self._text(line)
                line = ""
            line += char
        if line.strip():
            self._text(line)

    def _text(self, line: str) -> None:
        y = self.advance(TEXT_SIZE * 1.5)
        self.sheet.setFont(FONT, TEXT_SIZE)
        self.sheet.drawString(MARGIN, y, line)

    def table(self, rows: list[list[str]]) -> None:
        count = max(len(row) for row in rows)
        rows = [row + [""] * (count - len(row)) for row in rows]
        widths = [max(pdfmetrics.stringWidth(row[k], FONT, TABLE_SIZE) for row in rows) + GAP for k in range(count)]
        widths = [max(w, 12) for w in widths]
        scale = min(1.0, (WIDTH - 2 * MARGIN) / sum(widths))
        size = TABLE_SIZE * scale
        widths = [w * scale for w in widths]
        starts = [MARGIN + sum(widths[:k]) for k in range(count)]
        for row in rows:
            y = self.advance(size * 2.2)
            self.sheet.setFont(FONT, size)
            for k, cell in enumerate(row):
                if not cell:
                    continue
                if FIGURE_RE.match(cell):
                    self.sheet.drawRightString(starts[k] + widths[k] - GAP * scale, y, cell)
                else:
                    self.sheet.drawString(starts[k], y, cell)

    def save(self) -> None:
        self.sheet.save()


def build_borderless_pdf(source: Path, target: Path) -> Path:
    writer = Writer(target)
    # Tabs are looked for before normalising, which strips a row's trailing
    # empty cells (and with them the only tab of a row with no figures).
    lines = source.read_text(encoding="utf-8").split("\n")
    index = 0
    while index < len(lines):
        if "\t" in lines[index]:
            block = []
            while index < len(lines) and ("\t" in lines[index] or not lines[index].strip()):
                if lines[index].strip():
                    block.append([normalize_line(c).strip() for c in lines[index].split("\t")])
                index += 1
            writer.table(block)
            continue
        text = normalize_line(lines[index]).strip()
        if text:
            writer.paragraph(text)
        index += 1
    writer.save()
    return target
