"""Build PDFs of the tabbed samples at test time (reportlab, built-in CID font STSong-Light).

Paragraphs become text, runs of tab-separated lines become real grid tables
with their empty cells; long tables cross page breaks with their header row
repeated, and wide tables (表2, 表7) go on landscape pages.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from auditor.reading.normalize import normalize_line

FONT = "STSong-Light"


def _font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build_pdf(source: Path, target: Path) -> Path:
    _font()
    style = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=6, leading=7, wordWrap="CJK")
    portrait, wide = A4, landscape(A4)
    document = BaseDocTemplate(str(target), pagesize=portrait)
    document.addPageTemplates(
        [
            PageTemplate("portrait", [Frame(40, 40, portrait[0] - 80, portrait[1] - 80)], pagesize=portrait),
            PageTemplate("wide", [Frame(30, 30, wide[0] - 60, wide[1] - 60)], pagesize=wide),
        ]
    )
    story: list = []
    lines = [normalize_line(line) for line in source.read_text(encoding="utf-8").split("\n")]
    index = 0
    while index < len(lines):
        line = lines[index]
        if "\t" in line:
            block = []
            while index < len(lines) and ("\t" in lines[index] or not lines[index].strip()):
                if lines[index].strip():
                    block.append(lines[index].split("\t"))
                index += 1
            width = max(len(row) for row in block)
            rows = [[Paragraph(_escape(c), cell) for c in row + [""] * (width - len(row))] for row in block]
            available = (wide[0] - 60 if width > 9 else portrait[0] - 80) - 4
            grid = Table(rows, colWidths=[available / width] * width, repeatRows=1)
            grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                      ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                      ("LEFTPADDING", (0, 0), (-1, -1), 1),
                                      ("RIGHTPADDING", (0, 0), (-1, -1), 1)]))
            if width > 9:
                story += [NextPageTemplate("wide"), PageBreak(), grid, NextPageTemplate("portrait"), PageBreak()]
            else:
                story.append(grid)
            continue
        if line.strip():
            story.append(Paragraph(_escape(line.strip()), style))
        index += 1
    document.build(story)
    return target
