"""Limits that keep a hostile or broken PDF from exhausting the machine.

A PDF's content streams are usually compressed (FlateDecode). A small file
can hold a stream that inflates to gigabytes (a decompression bomb); before
pdfium sees the file, every compressed stream is inflated here in small
chunks that are counted and thrown away, so memory stays a few megabytes and
the file is refused once the total passes the budget. The scan is linear in
the file's size.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

from auditor.errors import InputError
from auditor.reading.source import read_limited

# Real disclosures inflate to a few megabytes per page (the Shanghai ones to
# at most a few MB in all); this leaves room for pictures and stays far below
# what would hurt the machine.
MAX_INFLATED = 256 * 1024 * 1024
MAX_PAGES = 2000
CHUNK = 1024 * 1024
STREAM_RE = re.compile(rb"stream\r?\n")


def check_file(file: Path, shown: str, max_bytes: int) -> None:
    """Refuse a PDF that is missing, too large, or inflates beyond the budget."""
    data = read_limited(file, shown, max_bytes)
    if inflated_size(data, MAX_INFLATED) > MAX_INFLATED:
        raise InputError(
            f"PDF 解压后的内容超过 {MAX_INFLATED // 1048576} MB（可能是恶意构造的“压缩炸弹”），已拒绝读取。",
            path=shown,
        )


def check_pages(count: int, shown: str) -> None:
    if count > MAX_PAGES:
        raise InputError(f"PDF 有 {count} 页，超过上限 {MAX_PAGES} 页；请拆分后再审核。", path=shown)


def inflated_size(data: bytes, budget: int) -> int:
    """Total inflated size of the zlib streams in ``data``, counted up to just past ``budget``."""
    total = 0
    for match in STREAM_RE.finditer(data):
        start = match.end()
        head = data[start:start + 2]
        if len(head) < 2 or head[0] & 0x0F != 8 or (head[0] * 256 + head[1]) % 31:
            continue  # no zlib header: not a FlateDecode stream
        inflater = zlib.decompressobj()
        position = start
        try:
            while position < len(data) and not inflater.eof:
                piece = data[position:position + CHUNK]
                position += len(piece)
                total += len(inflater.decompress(piece, CHUNK))
                while inflater.unconsumed_tail and total <= budget:
                    total += len(inflater.decompress(inflater.unconsumed_tail, CHUNK))
                if total > budget:
                    return total
        except zlib.error:
            continue  # not compressed after all, or damaged: pdfium will judge
    return total
