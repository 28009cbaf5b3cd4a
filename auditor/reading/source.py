"""A document's text as lines: the original ones and their parsing form."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from auditor.errors import InputError
from auditor.reading.decode import decode
from auditor.reading.normalize import normalize_lines

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceText:
    """``raw[i]`` is original line ``i + 1``; ``lines[i]`` its normalised form."""

    path: str
    encoding: str
    raw: tuple[str, ...]
    lines: tuple[str, ...]
    rendering: str  # "tabbed" | "flattened" | "pdf"
    locations: tuple[str, ...] = ()  # per line, for PDFs: "p3:L5"


def source_from_text(text: str, path: str = "<text>", encoding: str = "utf-8") -> SourceText:
    raw = tuple(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    if raw and raw[-1] == "" and len(raw) > 1:
        raw = raw[:-1]
    lines = normalize_lines(raw)
    return SourceText(path, encoding, raw, lines, _rendering(raw))


def read_source(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read a text disclosure; raise :class:`InputError` with a Chinese message."""
    shown = str(path)
    data = read_limited(Path(path), shown, max_bytes)
    text, encoding = decode(data, shown)
    return source_from_text(text, shown, encoding)


def read_limited(file: Path, shown: str, max_bytes: int) -> bytes:
    """The bytes of ``file``, refused with a Chinese message when missing, a folder or over ``max_bytes``."""
    if not file.exists():
        raise InputError("文件不存在。", path=shown)
    if file.is_dir():
        raise InputError("这是一个文件夹，不是文件。", path=shown)
    size = file.stat().st_size
    if size > max_bytes:
        raise InputError(
            f"文件大小 {size / 1048576:.1f} MB，超过上限 {max_bytes / 1048576:.1f} MB；"
            "如确需审核，请用 --max-size 调高上限（单位 MB）。",
            path=shown,
        )
    try:
        return file.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件：{exc.strerror}。", path=shown) from None


def _rendering(raw: tuple[str, ...]) -> str:
    tabbed = sum(1 for line in raw if "\t" in line)
    return "tabbed" if tabbed >= 5 else "flattened"
