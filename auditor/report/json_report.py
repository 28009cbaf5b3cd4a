"""The JSON report; its schema is docs/report-schema.json (schema_version below)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from auditor import __version__
from auditor.audit import AuditReport, DocumentResult
from auditor.model.findings import Finding, Severity
from auditor.reading.cite import page_and_line
from auditor.sanitize import clean_text

SCHEMA_VERSION = "1.0"


def report_to_json(report: AuditReport) -> dict[str, Any]:
    counts = Counter(f.severity.value for f in report.findings)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "auditor", "version": __version__},
        "documents": [_document(result) for result in report.results],
        "summary": {
            "documents": len(report.results),
            "unreadable": sum(1 for r in report.results if r.error),
            "errors": counts.get("error", 0),
            "warnings": counts.get("warning", 0),
            "info": counts.get("info", 0),
            "rule_errors": sum(1 for f in report.findings if f.is_rule_error),
            "hidden_by_baseline": report.hidden_by_baseline,
            "elapsed_seconds": round(report.elapsed, 3),
            "pairs": [
                {"current": p.current, "previous": p.previous, "unit": p.unit, "years": list(p.years)}
                for p in report.pairs
            ],
            "pairing_notes": list(report.pairing_notes),
        },
    }


def _document(result: DocumentResult) -> dict[str, Any]:
    return {
        "path": result.path,
        "unit": result.unit,
        "year": result.year,
        "kind": result.kind,
        "template": result.template,
        "stage": result.stage,
        "previous": result.previous,
        "error": result.error,
        "rules_run": result.rules_run,
        "not_evaluable": result.not_evaluable,
        "claims_checked": result.claims_checked,
        "ambiguous_rows": result.ambiguous_rows,
        "findings": [_finding(f, result) for f in sorted(result.findings, key=Finding.sort_key)],
    }


def _finding(finding: Finding, result: DocumentResult) -> dict[str, Any]:
    # On a PDF, the page and the line on that page are what a reader can find.
    place = page_and_line(result.locations.get(finding.line, ""))
    return {
        "rule_id": finding.rule_id,
        "severity": finding.severity.value,
        "title": finding.title,
        "message": finding.message,
        "line": finding.line,
        "end_line": finding.end_line,
        "location": result.location(finding.line),
        "page": place[0] if place else None,
        "page_line": place[1] if place else None,
        "table": finding.table,
        "section": finding.section,
        "stated": finding.stated,
        "expected": finding.expected,
        "difference": finding.difference,
        "evidence": finding.evidence,
        "related": finding.related,
        "kind": finding.kind,
        "rule_location": finding.rule_location,
    }


def clean(value: Any) -> Any:
    """Make every string valid UTF-8 (lone surrogates from bad decoding are replaced) and
    free of control and bidi characters (rule titles and messages come from rule files too)."""
    if isinstance(value, str):
        return clean_text(value.encode("utf-8", "replace").decode("utf-8"))
    if isinstance(value, dict):
        return {clean(k): clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean(v) for v in value]
    return value


def render_json(report: AuditReport) -> str:
    return json.dumps(clean(report_to_json(report)), ensure_ascii=False, indent=2)


SEVERITIES = [s.value for s in Severity]
