"""Parsing a disclosure into a Document (see auditor.model).

``parse_file`` reads and decodes a file (raising InputError for files that
cannot be read at all); parsing itself never raises: whatever departs from
the template becomes a diagnostic on the document.
"""

from __future__ import annotations

import os

from auditor.model import Document
from auditor.reading import SourceText, read_source, source_from_text
from auditor.reading.source import DEFAULT_MAX_BYTES
from auditor.template.model import Template


def parse_source(source: SourceText, template: str | Template | None = None) -> Document:
    """``template``: a Template, a template name, or None to detect it from the text."""
    from auditor.parsing.document import parse_source as _parse

    return _parse(source, template)


def parse_text(text: str, path: str = "<text>", template: str | Template | None = None) -> Document:
    return parse_source(source_from_text(text, path), template)


def parse_file(
    path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES, template: str | Template | None = None
) -> Document:
    if str(path).lower().endswith(".pdf"):
        from auditor.pdf import read_pdf  # type: ignore[attr-defined]

        return parse_source(read_pdf(path, max_bytes), template)
    return parse_source(read_source(path, max_bytes), template)


__all__ = ["parse_file", "parse_source", "parse_text"]
