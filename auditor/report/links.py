"""Where a finding can be opened: the file, and for a PDF its page (``file.pdf#page=N``).

Every link is built from the file's path by percent-encoding, so a file name
holding ``"``, ``<`` or ``:`` can neither break out of an HTML attribute nor
turn into a ``javascript:`` address.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from auditor.audit import DocumentResult

Linker = Callable[[DocumentResult, int], str]

_PAGE = re.compile(r"p(\d+):")


def page_of(result: DocumentResult, line: int) -> int | None:
    """The PDF page of a line (from locations like ``p6:L9``); None for text files."""
    match = _PAGE.match(result.locations.get(line, ""))
    return int(match.group(1)) if match else None


def _fragment(result: DocumentResult, line: int) -> str:
    page = page_of(result, line)
    return f"#page={page}" if page is not None else ""


def relative_linker(report_dir: Path) -> Linker:
    """Links relative to the folder the report is written to (absolute ``file:`` URIs when impossible)."""
    base = report_dir.resolve()

    def link(result: DocumentResult, line: int) -> str:
        target = Path(result.path).resolve()
        try:
            relative = os.path.relpath(target, base)
        except ValueError:  # another drive on Windows: no relative path exists
            return target.as_uri() + _fragment(result, line)
        return quote(Path(relative).as_posix(), safe="/") + _fragment(result, line)

    return link


def absolute_linker(result: DocumentResult, line: int) -> str:
    """A ``file:`` URI, for terminals (OSC 8 needs an absolute address)."""
    return Path(result.path).resolve().as_uri() + _fragment(result, line)
