"""The document as JSON: the contract custom-rule writers read (docs/ast-json.md)."""

from __future__ import annotations

from typing import Any

from auditor.model import Document, PerformanceTable, Row, Section, Table
from auditor.quantity import Quantity

AST_SCHEMA_VERSION = "1.0"


def document_to_json(document: Document) -> dict[str, Any]:
    return {
        "schema_version": AST_SCHEMA_VERSION,
        "document": {
            "path": document.source.path,
            "unit": document.unit,
            "year": document.year,
            "kind": document.kind.value,
            "stage": document.stage.word,
            "template": document.template.name if document.template is not None else None,
            "encoding": document.source.encoding,
            "rendering": document.source.rendering,
            "lines": document.source.line_count,
            "title_line": document.title_span.line if document.title_span else None,
        },
        "toc": [{"text": entry.text, "line": entry.line} for entry in document.toc],
        "parts": [
            {
                "number": part.number,
                "title": part.title,
                "line": part.span.line,
                "end_line": part.span.end_line,
            }
            for part in document.parts
        ],
        "sections": [_section(section) for section in document.sections()],
        "tables": [_table(table) for table in document.tables],
        "performance_tables": [_performance(table) for table in document.performance_tables],
        "diagnostics": [
            {
                "code": d.code,
                "severity": d.severity,
                "message": d.message,
                "line": d.span.line if d.span else None,
                "end_line": d.span.end_line if d.span else None,
            }
            for d in document.diagnostics
        ],
    }


def _section(section: Section) -> dict[str, Any]:
    return {
        "number": section.dotted,
        "part": section.part,
        "label": section.label,
        "title": section.title,
        "line": section.span.line,
        "end_line": section.span.end_line,
        "paragraphs": [
            {"text": p.text, "line": p.span.line, "end_line": p.span.end_line} for p in section.paragraphs
        ],
    }


def _table(table: Table) -> dict[str, Any]:
    return {
        "number": table.number,
        "kind": table.kind,
        "title": table.title,
        "line": table.span.line,
        "end_line": table.span.end_line,
        "compiler": table.compiler,
        "compiler_label": table.compiler_label,
        "money_unit": table.money_unit,
        "columns": [column.key for column in table.columns],
        "rows": [_row(row) for row in table.rows],
        "empty": table.is_empty,
        "remark": {"text": table.remark.text, "line": table.remark.span.line, "end_line": table.remark.span.end_line}
        if table.remark
        else None,
    }


def _row(row: Row) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": row.code,
        "level": row.level.value,
        "name": row.name,
        "project": row.project,
        "side": row.side,
        "values": {key: amount.text for key, amount in row.values.items()},
        "figures": [amount.text for amount in row.figures],
        "line": row.span.line,
        "end_line": row.span.end_line,
        "ambiguous": row.ambiguous,
    }
    if row.ambiguous:
        data["candidates"] = [
            {key: amount.text for key, amount in placement.values.items()} for placement in row.candidates
        ]
    return data


def _quantity(quantity: Quantity | None) -> str | None:
    return quantity.format() if quantity is not None else None


def _performance(table: PerformanceTable) -> dict[str, Any]:
    return {
        "kind": table.kind,
        "name": table.name,
        "line": table.span.line,
        "end_line": table.span.end_line,
        "total_budget": table.total_budget_text or _quantity(table.total_budget),
        "fiscal": _quantity(table.fiscal),
        "other": _quantity(table.other),
        "funding": [
            {"label": f.label, "amount": f.text, "line": f.line} for f in table.funding
        ],
        "indicators": [
            {
                "level1": i.level1,
                "level2": i.level2,
                "level3": i.level3,
                "value": i.value,
                "weight": _quantity(i.weight),
                "line": i.span.line,
                "end_line": i.span.end_line,
            }
            for i in table.indicators
        ],
    }
