"""Normalise a line for parsing while its number stays that of the original.

Full-width ASCII (digits, letters, ``（），：；％`` …) becomes half-width, every
kind of space (U+3000, NBSP) becomes an ordinary space, and the markup that
markdown renderings add (``#`` headings, ``- `` bullets, ``<b>``, ``**``,
``<p>``) is dropped. Chinese punctuation without a half-width twin
(``。、“”【】〔〕``) is kept.
"""

from __future__ import annotations

import re

_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_SPACES = {0x3000: " ", 0x00A0: " ", 0x2002: " ", 0x2003: " ", 0x2009: " ", 0x200B: "", 0xFEFF: ""}
_TABLE = {**_FULLWIDTH, **_SPACES, 0x2014: "—", 0xFF5E: "~"}

_MARKUP = re.compile(r"</?(?:b|p|strong|br|span)\s*/?>|\*\*", re.IGNORECASE)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_BULLET = re.compile(r"^\s*[-*+]\s+(?=\S)")
_FOOTER = re.compile(r"^\s*[-—–]\s*\d{1,4}\s*[-—–]\s*$")


def normalize_chars(text: str) -> str:
    """Half-width digits/letters/punctuation and plain spaces."""
    return text.translate(_TABLE)


def normalize_line(raw: str) -> str:
    """The parsing form of one original line (without its line break)."""
    text = normalize_chars(raw)
    text = _MARKUP.sub("", text)
    text = _HEADING.sub("", text)
    if not _FOOTER.match(text):
        text = _BULLET.sub("", text)
    return text.rstrip()


def is_page_footer(text: str) -> bool:
    """``- 16 -`` and the like."""
    return bool(_FOOTER.match(text))


def compact(text: str | None) -> str:
    """``text`` without any whitespace: how labels and names are compared."""
    return re.sub(r"\s+", "", text or "")
