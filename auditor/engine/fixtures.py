"""Annotated fixture files: small documents that say, on the line itself, what must be reported.

A line ending in ``# 应报告: BD-X001`` must carry a finding of BD-X001 (a
finding whose lines include it); ``# 不报告: BD-X001`` (on any line, usually
the first) says the file is a clean twin: BD-X001 must report nothing. A rule
named by a marker may report only on lines marked for it. The markers are cut
off before the text is parsed, so line numbers stay those of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from auditor.engine.config import Config
from auditor.engine.loader import RuleSet
from auditor.engine.runner import run_rules

MARKER = re.compile(r"\s*#\s*(应报告|不报告)\s*[:：]\s*([A-Z0-9, \-]+?)\s*$")
MAX_FILES = 10_000


@dataclass
class Fixture:
    path: Path
    text: str  # markers removed
    fires: dict[str, set[int]] = field(default_factory=dict)  # rule id -> lines
    silent: set[str] = field(default_factory=set)  # rule ids that must report nothing

    @property
    def rule_ids(self) -> set[str]:
        return set(self.fires) | self.silent


def read_fixture(path: Path) -> Fixture:
    lines = path.read_text(encoding="utf-8").split("\n")
    fixture = Fixture(path, "")
    kept = []
    for number, line in enumerate(lines, start=1):
        marker = MARKER.search(line)
        if marker:
            ids = [i.strip() for i in marker.group(2).split(",") if i.strip()]
            for rule_id in ids:
                if marker.group(1) == "应报告":
                    fixture.fires.setdefault(rule_id, set()).add(number)
                else:
                    fixture.silent.add(rule_id)
            line = line[: marker.start()]
        kept.append(line)
    fixture.text = "\n".join(kept)
    return fixture


def find_fixtures(folder: Path) -> list[Path]:
    """Every annotated ``*.txt`` under ``folder`` (files without a marker are base documents)."""
    found = []
    for path in sorted(folder.rglob("*.txt"))[:MAX_FILES]:
        if any(MARKER.search(line) for line in path.read_text(encoding="utf-8").splitlines()):
            found.append(path)
    return found


def check_fixture(fixture: Fixture, ruleset: RuleSet) -> list[str]:
    """What went wrong, one sentence each; empty when the file behaves as annotated."""
    from auditor.parsing import parse_text

    unknown = sorted(i for i in fixture.rule_ids if ruleset.get(i) is None)
    if unknown:
        return [f"{fixture.path}: 标注了不存在的规则 {'、'.join(unknown)}"]
    if not fixture.rule_ids:
        return [f"{fixture.path}: 没有“# 应报告: 编号”或“# 不报告: 编号”标注"]
    document = parse_text(fixture.text, path=str(fixture.path))
    selected = RuleSet([r for r in ruleset.rules if r.id in fixture.rule_ids])
    result = run_rules(selected, document, Config())
    failures = [f"{fixture.path}: 规则运行出错：{e}" for e in result.errors]
    for rule_id in sorted(fixture.rule_ids):
        findings = [f for f in result.findings if f.rule_id == rule_id]
        wanted = fixture.fires.get(rule_id, set())
        for line in sorted(wanted):
            if not any(f.line <= line <= f.end_line for f in findings):
                got = sorted({f.line for f in findings}) or "无"
                failures.append(f"{fixture.path}:{line}: {rule_id} 应在此行报告，实际报告在 {got}")
        for finding in findings:
            if not any(finding.line <= line <= finding.end_line for line in wanted):
                failures.append(f"{fixture.path}:{finding.line}: {rule_id} 不应在此报告：{finding.message}")
    return failures


def run_fixtures(folder: Path, ruleset: RuleSet) -> tuple[list[str], int]:
    paths = find_fixtures(folder)
    failures: list[str] = []
    for path in paths:
        failures.extend(check_fixture(read_fixture(path), ruleset))
    return failures, len(paths)
