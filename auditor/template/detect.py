"""Choosing a document's template: by name, or from the document itself."""

from __future__ import annotations

from auditor.reading import SourceText
from auditor.template.load import load_template
from auditor.template.model import Template

DEFAULT = "xinjiang"


def choose_template(source: SourceText, name: str | None) -> Template:
    """The template named, or the one the text matches best."""
    if name:
        return load_template(name)
    return load_template(DEFAULT)
