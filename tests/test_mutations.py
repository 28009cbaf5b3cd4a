"""A real change of a figure is found; deleting an empty table's remark is found."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from conftest import SAMPLES

from auditor.engine import load_rules, run_rules
from auditor.engine.views import children_of
from auditor.model import RowLevel
from auditor.parsing import parse_text

RULES = None


def rules():
    global RULES
    if RULES is None:
        RULES = load_rules()
    return RULES


def _replace_figure(line: str, old: str, occurrence: int, new: str) -> str:
    parts = re.split(r"(\s+)", line)
    seen = 0
    for index, part in enumerate(parts):
        if part.replace("<b>", "").replace("</b>", "") == old:
            if seen == occurrence:
                parts[index] = part.replace(old, new)
                return "".join(parts)
            seen += 1
    raise AssertionError(f"{old} not found in {line!r}")


def _ancestors(table, row):
    lines = {row.span.line}
    for other in table.rows:
        if row in children_of(table, other) or (other.level is RowLevel.TOTAL):
            lines.add(other.span.line)
        if other.code and row.code and row.code.startswith(other.code):
            lines.add(other.span.line)
    return lines


@pytest.mark.parametrize("name", ["kizilsu", "jiashi"])
def test_any_figure_of_tables_3_5_6_moved_by_5_cents_is_found(parsed, name):
    document = parsed(name)
    text = SAMPLES[name].read_text(encoding="utf-8").split("\n")
    baseline = {(f.line, f.rule_id) for f in run_rules(rules(), document).findings}
    tried = 0
    for number in (3, 5, 6):
        table = document.table(number)
        for row in table.rows:
            if row.ambiguous:
                continue
            counts: dict[tuple[int, str], int] = {}
            for amount in row.figures:
                key = (amount.line, amount.text)
                occurrence = counts.get(key, 0)
                counts[key] = occurrence + 1
                new = f"{Decimal(amount.text) + Decimal('0.05'):.2f}"
                mutated = list(text)
                mutated[amount.line - 1] = _replace_figure(text[amount.line - 1], amount.text, occurrence, new)
                findings = run_rules(rules(), parse_text("\n".join(mutated), path="m.txt")).findings
                fresh = [f for f in findings if (f.line, f.rule_id) not in baseline]
                near = _ancestors(table, row)
                assert any(f.line in near or f.rule_id.startswith("BD-X") for f in fresh), (
                    f"表{number} line {amount.line}: {amount.text} → {new} went unnoticed"
                )
                tried += 1
    assert tried > 40


def test_deleting_an_empty_tables_remark_is_found():
    lines = SAMPLES["kizilsu"].read_text(encoding="utf-8").split("\n")
    remark = next(i for i, line in enumerate(lines) if "政府性基金预算支出情况表为空表" in line and i < 400)
    del lines[remark]
    findings = run_rules(rules(), parse_text("\n".join(lines), path="m.txt")).findings
    assert [(f.rule_id, f.table) for f in findings if f.rule_id == "BD-E001"] == [("BD-E001", 8)]
