"""Document templates as data: rules/templates/<name>.yaml, validated and loaded.

A template says what a province's disclosure looks like: its parts, its
tables (titles, layout family, columns and their arithmetic), its 说明
sections and which rules apply. The parser is given one; checks read it
from the document.
"""

from auditor.template.load import available_templates, load_template, load_template_file
from auditor.template.model import UNKNOWN_KIND, TableTemplate, Template

__all__ = [
    "UNKNOWN_KIND",
    "TableTemplate",
    "Template",
    "available_templates",
    "load_template",
    "load_template_file",
]
