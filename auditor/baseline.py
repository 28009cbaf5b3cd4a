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


MAX_BYTES = 50 * 1024 * 1024


def write_baseline(report: AuditReport, target: str) -> None:
    keys = sorted(_key(r.path, f) for r in report.results for f in r.findings)
    try:
        Path(target).write_text(json.dumps({"version": 1, "findings": keys}, ensure_ascii=False, indent=1), "utf-8")
    except OSError as exc:
        raise InputError(f"无法写入基线文件：{exc.strerror or type(exc).__name__}", path=target) from None


def apply_baseline(report: AuditReport, source: str) -> None:
    bad = InputError("无法读取基线文件（应为 --write-baseline 写出的 JSON：{\"version\": 1, \"findings\": [文字…]}）。", path=source)
    try:
        if Path(source).stat().st_size > MAX_BYTES:
            raise bad
        data = json.loads(Path(source).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        raise bad from None
    findings = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(findings, list) or not all(isinstance(key, str) for key in findings):
        raise bad
    known = Counter(findings)
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
