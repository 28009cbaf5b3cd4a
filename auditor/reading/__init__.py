"""Reading files: encoding detection, normalisation, original line numbers."""

from auditor.reading.source import SourceText, read_source, source_from_text

__all__ = ["SourceText", "read_source", "source_from_text"]
