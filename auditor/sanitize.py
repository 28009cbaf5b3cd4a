"""Make text from a document (or a rule file) safe to show in any report.

A document can hold terminal control sequences (ESC ] 0 ; title BEL sets the
window title, ESC [ 2 J clears the screen, OSC 52 writes the clipboard) and
bidi overrides that make a line read differently from what it holds. Every
such character is replaced by a visible escape (``\\x1b``, ``\\u202e``), so
the reader sees that it was there and the terminal never acts on it. Tab and
newline stay.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

# C0 controls except tab and newline, DEL, C1 controls.
_CONTROLS = [c for c in range(0x20) if c not in (0x09, 0x0A)] + list(range(0x7F, 0xA0))
# Invisible format characters: zero-width, bidi marks, embeddings, overrides,
# isolates, line/paragraph separators, word joiner, BOM.
_FORMAT = [0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, *range(0x202A, 0x202F), 0x2028, 0x2029,
           *range(0x2060, 0x2065), *range(0x2066, 0x206A), 0xFEFF]
_TABLE = {c: f"\\x{c:02x}" for c in _CONTROLS} | {c: f"\\u{c:04x}" for c in _FORMAT}


_UNSAFE = re.compile("[" + "".join(re.escape(chr(c)) for c in _TABLE) + "]")


def clean_text(text: str) -> str:
    """``text`` with every control and invisible format character shown as an escape."""
    return text.translate(_TABLE) if _UNSAFE.search(text) else text


def clean_value(value: Any) -> Any:
    """clean_text applied to every string inside ``value`` (str, list, tuple, dict)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_value(v) for v in value]
    if isinstance(value, tuple):
        return tuple(clean_value(v) for v in value)
    if isinstance(value, dict):
        return {clean_value(k): clean_value(v) for k, v in value.items()}
    return value


def sanitize_result(result):
    """A DocumentResult whose every text is safe to print (findings rebuilt, as they are frozen)."""
    for field in dataclasses.fields(result):  # every text field, including ones added later
        if field.name != "findings":
            setattr(result, field.name, clean_value(getattr(result, field.name)))
    result.findings = [
        dataclasses.replace(
            finding,
            **{field.name: clean_value(getattr(finding, field.name))
               for field in dataclasses.fields(finding) if field.name not in ("severity",)},
        )
        for finding in result.findings
    ]
    return result
