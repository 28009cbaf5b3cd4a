"""Completeness: the glossary is not empty.

The parts, tables and sections a template requires are expression rules over template_parts(),
template_tables() and template_sections() (auditor/engine/requirements.py, rules/completeness.yaml).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.engine.checks import Context, register
from auditor.engine.rule import Draft


@register("glossary_present", {})
def glossary_present(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """第四部分名词解释不为空。"""
    part = context.document.part(4)
    if not context.document.presents_as_complete:
        return
    if part is not None and not part.sections and not part.paragraphs:
        yield Draft(part.heading_span, evidence="第四部分没有内容")
