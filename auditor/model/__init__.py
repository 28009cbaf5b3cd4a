"""Frozen dataclasses for the parsed document. No lark objects escape the parser."""

from auditor.model.diagnostics import Diagnostic
from auditor.model.document import (
    Document,
    DocumentKind,
    LinePiece,
    Paragraph,
    Part,
    Section,
    SourceInfo,
    Stage,
    TocEntry,
)
from auditor.model.performance import FundingLine, Indicator, PerformanceTable
from auditor.model.span import Span
from auditor.model.tables import (
    UNKNOWN_KIND,
    Amount,
    Column,
    Placement,
    Remark,
    Row,
    RowLevel,
    Table,
)

__all__ = [
    "Amount",
    "Column",
    "Diagnostic",
    "Document",
    "DocumentKind",
    "FundingLine",
    "Indicator",
    "LinePiece",
    "Paragraph",
    "Part",
    "PerformanceTable",
    "Placement",
    "Remark",
    "Row",
    "RowLevel",
    "Section",
    "SourceInfo",
    "Stage",
    "Span",
    "Table",
    "UNKNOWN_KIND",
    "TocEntry",
]
