"""Baselines: remember today's findings, report only new ones later.

A finding is matched by rule, file name and the figures it involves, not by
its line number, so an edit above it does not bring it back.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from auditor.audit import AuditReport
from auditor.errors import InputError
from auditor.model.findings import Finding


def _key(path: str, finding: Finding) -> str:
    return "|".join((finding.rule_id, Path(path).name, *finding.figures, "" if finding.figures else finding.message))


def write_baseline(report: AuditReport, target: str) -> None:
    keys = sorted(_key(r.path, f) for r in report.results for f in r.findings)
    Path(target).write_text(json.dumps({"version": 1, "findings": keys}, ensure_ascii=False, indent=1), "utf-8")


def apply_baseline(report: AuditReport, source: str) -> None:
    try:
        data = json.loads(Path(source).read_text(encoding="utf-8"))
        known = Counter(data["findings"])
    except (OSError, ValueError, KeyError, TypeError):
        raise InputError("无法读取基线文件（应为 --write-baseline 写出的 JSON）。", path=source) from None
    hidden = 0
    for result in report.results:
        kept = []
        for finding in result.findings:
            key = _key(result.path, finding)
            if known[key] > 0:
                known[key] -= 1
                hidden += 1
            else:
                kept.append(finding)
        result.findings = kept
    report.hidden_by_baseline = hidden
