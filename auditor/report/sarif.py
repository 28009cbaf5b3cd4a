"""SARIF 2.1.0: one run; rules in the driver; results with physical regions.

Columns are not reported (a finding covers whole lines); the run declares
``columnKind: unicodeCodePoints`` because that is what lark and Python count.
PDF findings add the page and line on the page as a result property.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from auditor import __version__
from auditor.audit import AuditReport
from auditor.report.json_report import clean

LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def report_to_sarif(report: AuditReport) -> dict[str, Any]:
    rules = []
    index: dict[str, int] = {}
    for rule in report.ruleset.rules:
        index[rule.id] = len(rules)
        rules.append(
            {
                "id": rule.id,
                "name": rule.id,
                "shortDescription": {"text": rule.title},
                "fullDescription": {"text": rule.rationale},
                "help": {"text": rule.rationale},
                "defaultConfiguration": {"level": LEVEL[rule.severity.value]},
            }
        )
    results = []
    for document in report.results:
        uri = Path(document.path).as_posix()
        for finding in document.findings:
            result: dict[str, Any] = {
                "ruleId": finding.rule_id,
                "level": LEVEL[finding.severity.value],
                "message": {"text": finding.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri},
                            "region": {"startLine": finding.line, "endLine": finding.end_line},
                        }
                    }
                ],
                "partialFingerprints": {"figures/v1": "|".join((finding.rule_id, *finding.figures))},
            }
            if finding.rule_id in index:
                result["ruleIndex"] = index[finding.rule_id]
            properties = {k: v for k, v in (("stated", finding.stated), ("expected", finding.expected),
                                             ("difference", finding.difference), ("evidence", finding.evidence),
                                             ("table", finding.table), ("related", finding.related))
                          if v is not None}
            if finding.line in document.locations:
                properties["page_location"] = document.locations[finding.line]
            if properties:
                result["properties"] = properties
            results.append(result)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "auditor",
                        "version": __version__,
                        "informationUri": "https://example.invalid/auditor",
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render_sarif(report: AuditReport) -> str:
    return json.dumps(clean(report_to_sarif(report)), ensure_ascii=False, indent=2)
