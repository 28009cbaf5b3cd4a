"""Report formats, picked by name: text (rich), html, json, sarif."""

from __future__ import annotations

from collections.abc import Callable

from auditor.audit import AuditReport


def _html(report: AuditReport, lang: str) -> str:
    from auditor.report.html import render_html

    return render_html(report, lang)


def _json(report: AuditReport, lang: str) -> str:
    from auditor.report.json_report import render_json

    return render_json(report)


def _sarif(report: AuditReport, lang: str) -> str:
    from auditor.report.sarif import render_sarif

    return render_sarif(report)


FILE_FORMATS: dict[str, Callable[[AuditReport, str], str]] = {"html": _html, "json": _json, "sarif": _sarif}
