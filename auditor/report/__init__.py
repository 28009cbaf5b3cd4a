"""Report formats, picked by name: text (rich), html, json, sarif."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from auditor.audit import AuditReport


def _html(report: AuditReport, lang: str, report_dir: Path | None = None) -> str:
    from auditor.report.html import render_html

    return render_html(report, lang, report_dir=report_dir)


def _json(report: AuditReport, lang: str, report_dir: Path | None = None) -> str:
    from auditor.report.json_report import render_json

    return render_json(report)


def _sarif(report: AuditReport, lang: str, report_dir: Path | None = None) -> str:
    from auditor.report.sarif import render_sarif

    return render_sarif(report)


# (report, lang, folder the report is written to, for relative links; None = the current folder)
FILE_FORMATS: dict[str, Callable[[AuditReport, str, Path | None], str]] = {"html": _html, "json": _json, "sarif": _sarif}
