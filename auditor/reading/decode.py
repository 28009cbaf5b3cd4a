"""Turn the bytes of a file into text, detecting the encoding.

Disclosures arrive as UTF-8 (with or without BOM), GB18030/GBK (what Windows
tools in China write) and occasionally UTF-16. The order below matters:
UTF-8 is tried before GB18030 because valid UTF-8 Chinese is almost never
valid GB18030 of the same length, while the reverse happens.
"""

from __future__ import annotations

import codecs

from auditor.errors import InputError

_MAGIC = {
    b"\x89PNG": "PNG 图片",
    b"PK\x03\x04": "ZIP 压缩包（或 docx/xlsx）",
    b"%PDF": "PDF 文件",
    b"\xff\xd8\xff": "JPEG 图片",
    b"GIF8": "GIF 图片",
    b"\xd0\xcf\x11\xe0": "Office 97-2003 文档",
    b"\x1f\x8b": "gzip 压缩包",
    b"Rar!": "RAR 压缩包",
    b"7z\xbc\xaf": "7z 压缩包",
}


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise :class:`InputError` naming ``path``."""
    if not data.strip():
        raise InputError("文件为空，没有可审核的内容。", path=path)
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"这是{what}，不是文本格式的预算公开文件。", path=path)
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8", path), "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _strict(data, "utf-16", path), "utf-16"
    if _looks_utf16(data):
        encoding = "utf-16-le" if data[1:2] == b"\x00" or _nul_share(data[1::2]) > 0.3 else "utf-16-be"
        return _strict(data, encoding, path), encoding
    if b"\x00" in data[:65536]:
        # Mostly Chinese UTF-16 without BOM has few NUL bytes (only its ASCII
        # characters have one), too few for _looks_utf16: try both byte orders.
        encoding = _plausible_utf16(data)
        if encoding:
            return _strict(data, encoding, path), encoding
        raise InputError("文件含有二进制内容（NUL 字节），不是文本格式的预算公开文件。", path=path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"无法识别文件编码（已尝试 UTF-8、GB18030、UTF-16）；第 {line} 行附近有无法解码的字节。",
            path=path,
            line=line,
        ) from None


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"按 {encoding} 解码失败：第 {exc.start} 字节处的内容无效。", path=path) from None


def _nul_share(sample: bytes) -> float:
    sample = sample[:4096]
    return sample.count(0) / len(sample) if sample else 0.0


def _plausible_utf16(data: bytes) -> str | None:
    """The UTF-16 byte order in which the start of ``data`` reads as text, or None."""
    if len(data) % 2:
        return None
    head = data[:8192]
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            continue
        readable = sum(1 for c in text if c.isprintable() or c in "\t\r\n")
        cjk = sum(1 for c in text if "\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef")
        if text and readable / len(text) > 0.95 and cjk / len(text) > 0.2:
            return encoding
    return None


def _looks_utf16(data: bytes) -> bool:
    # UTF-16 text without BOM: ASCII characters put a NUL in every other byte.
    head = data[:4096]
    if len(head) < 4 or len(head) % 2:
        return False
    even, odd = _nul_share(head[0::2]), _nul_share(head[1::2])
    return (odd > 0.3 and even < 0.05) or (even > 0.3 and odd < 0.05)
