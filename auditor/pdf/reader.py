"""Read a published PDF into the same lines a tabbed text rendering has.

pdfplumber keeps the cell grid: each table row becomes one line of
tab-separated cells, with empty cells kept, so the table reader never has to
guess where a figure belongs. Text outside tables becomes one line per
printed line. Every line remembers its page and its line on that page.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from auditor.errors import InputError
from auditor.reading.normalize import normalize_line
from auditor.reading.source import DEFAULT_MAX_BYTES, SourceText

PAGE_NUMBER_RE = re.compile(r"^\s*[-—–]?\s*\d{1,4}\s*[-—–]?\s*$")


def read_pdf(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    shown = str(path)
    file = Path(path)
    if not file.exists():
        raise InputError("文件不存在。", path=shown)
    if file.stat().st_size > max_bytes:
        raise InputError("文件超过大小上限；如确需审核，请用 --max-size 调高上限（单位 MB）。", path=shown)
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
    except ImportError:
        raise InputError('读取 PDF 需要 pdfplumber：pip install "budget-auditor[pdf]"', path=shown) from None
    try:
        with pdfplumber.open(file) as pdf:
            lines, locations, has_text = _read_pages(pdf)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError("此 PDF 已加密，需要先解除密码保护。", path=shown) from None
    except PDFSyntaxError:
        raise InputError("文件不是有效的 PDF（或已损坏）。", path=shown) from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many unrelated types on damaged files
        causes = " ".join(type(a).__name__ for a in (exc, *exc.args, exc.__cause__, exc.__context__) if a is not None)
        if any(word in (causes + str(exc)).lower() for word in ("password", "encrypt")):
            raise InputError("此 PDF 已加密，需要先解除密码保护。", path=shown) from None
        raise InputError(f"无法读取 PDF：{type(exc).__name__}。", path=shown) from None
    if not has_text:
        raise InputError("此 PDF 没有文字层（可能是扫描件），需要先进行 OCR 识别。", path=shown)
    raw = tuple(lines)
    return SourceText(shown, "pdf", raw, tuple(normalize_line(line) for line in raw), "pdf", tuple(locations))


def _read_pages(pdf) -> tuple[list[str], list[str], bool]:
    lines: list[str] = []
    locations: list[str] = []
    has_text = False
    for number, page in enumerate(pdf.pages, start=1):
        if page.chars:
            has_text = True
        items: list[tuple[float, str]] = []
        outside = page
        for table in page.find_tables():
            for row, cells in zip(table.rows, table.extract(), strict=False):
                text = "\t".join(_cell(c) for c in cells)
                if text.strip():
                    items.append((row.bbox[1], text))
            try:
                outside = outside.outside_bbox(table.bbox)
            except ValueError:  # a table reaching past the page edge
                continue
        for line in outside.extract_text_lines(return_chars=False):
            text = line["text"].strip()
            if text and not PAGE_NUMBER_RE.match(text):
                items.append((line["top"], text))
        for on_page, (_, text) in enumerate(sorted(items, key=lambda item: item[0]), start=1):
            lines.append(text)
            locations.append(f"p{number}:L{on_page}")
    return lines, locations, has_text


def _cell(value: str | None) -> str:
    # A wrapped cell comes back with line breaks; in Chinese they join without a space.
    return re.sub(r"\s*\n\s*", "", value or "").strip()
