"""Normalise a line for parsing while its number stays that of the original.

Full-width ASCII (digits, letters, ``（），：；％`` …) becomes half-width, every
kind of space (U+3000, NBSP) becomes an ordinary space, and the markup that
markdown renderings add (``#`` headings, ``- `` bullets, ``<b>``, ``**``,
``<p>``) is dropped. Chinese punctuation without a half-width twin
(``。、“”【】〔〕``) is kept.

Invisible format characters (zero-width space/joiners, bidi marks,
embeddings, overrides and isolates, word joiner, a BOM in mid-text) and
control characters other than tab are removed before structure detection:
a heading holding them is the same heading, and gives the same findings.
"""

from __future__ import annotations

import re

_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_SPACES = {0x3000: " ", 0x00A0: " ", 0x2002: " ", 0x2003: " ", 0x2009: " ", 0x200B: "", 0xFEFF: ""}
_INVISIBLE = {c: None for c in (0x00AD, 0x061C, *range(0x200B, 0x2010), *range(0x202A, 0x202F),
                                 *range(0x2060, 0x2065), *range(0x2066, 0x206A), 0xFEFF)}
_CONTROLS = {c: None for c in (*range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))}
_TABLE = {**_FULLWIDTH, **_SPACES, **_INVISIBLE, **_CONTROLS, 0x2014: "—", 0xFF5E: "~"}

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
    # str.split() cuts at exactly the characters \s matches in a str pattern (both
    # are str.isspace): the same result as re.sub(r"\s+", ""), three times faster.
    return "".join((text or "").split())  # called thousands of times per document
