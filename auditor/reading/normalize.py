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

# A Chinese character, for patterns: a letter outside ASCII (after normalisation,
# full-width letters and digits are half-width). Not "[\u4e00-\u9fff]": re builds
# that class one character at a time, about 1 ms per pattern compiled, which every
# run paid at start-up. In these documents the two agree; this one also takes the
# rare ideographs outside that block (〇, extension A) and other scripts' letters.
HAN_CHARACTER = r"[^\W\d_A-Za-z]"

_MARKUP = re.compile(r"</?(?:b|p|strong|br|span)\s*/?>|\*\*", re.IGNORECASE)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_BULLET = re.compile(r"^\s*[-*+]\s+(?=\S)")
_FOOTER = re.compile(r"^\s*[-—–]\s*\d{1,4}\s*[-—–]\s*$")


def normalize_chars(text: str) -> str:
    """Half-width digits/letters/punctuation and plain spaces."""
    return text.translate(_TABLE)


def normalize_line(raw: str) -> str:
    """The parsing form of one original line (without its line break)."""
    return _without_markup(normalize_chars(raw))


def normalize_lines(raw: tuple[str, ...]) -> tuple[str, ...]:
    """normalize_line of every line, the characters translated in one pass over the whole text.

    No character is translated into or out of a line break, so the lines stay the same lines.
    """
    return tuple(map(_without_markup, normalize_chars("\n".join(raw)).split("\n")))


def _without_markup(text: str) -> str:
    # Each pattern needs a character most lines lack: testing for it first saves a
    # regex call per line (three per line of a few thousand, every document).
    if "<" in text or "**" in text:
        text = _MARKUP.sub("", text)
    if "#" in text:
        text = _HEADING.sub("", text)
    if ("-" in text or "*" in text or "+" in text) and not _FOOTER.match(text):
        text = _BULLET.sub("", text)
    return text.rstrip()


def is_page_footer(text: str) -> bool:
    """``- 16 -`` and the like."""
    return bool(_FOOTER.match(text))


def compact(text: str | None) -> str:
    """``text`` without any whitespace: how labels and names are compared."""
    # str.split() splits at exactly the characters \s matches (str.isspace) and is three times
    # faster than a regular expression's sub: this runs thousands of times per document.
    return "".join(text.split()) if text else ""
