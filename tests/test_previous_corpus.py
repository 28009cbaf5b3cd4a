"""The 万里街道 2024 and 2025 budgets (../shared/corpus/shanghai) as a pair of consecutive years.

Skips where the corpus is absent (a user's clone has no ../shared).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "shanghai"
PAIR = ("普陀区万里街道2024年部门预算.pdf", "普陀区万里街道2025年部门预算.pdf")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    if not all((CORPUS / name).is_file() for name in PAIR):
        pytest.skip(f"the Shanghai corpus is not at {CORPUS}")
    folder = tmp_path_factory.mktemp("wanli")
    for name in PAIR:
        shutil.copy(CORPUS / name, folder / name)
    result = CliRunner().invoke(main, ["audit", str(folder), "--format", "json", "--jobs", "1"])
    return folder, json.loads(result.output)


def test_the_two_wanli_budgets_are_paired(report):
    folder, data = report
    # Both title pages name 上海市普陀区人民政府万里街道办事处 as 预算主管部门, for 2024 and 2025.
    assert [(p["current"], p["previous"], p["years"]) for p in data["summary"]["pairs"]] == [
        (str(folder / PAIR[1]), str(folder / PAIR[0]), [2024, 2025])
    ]
    this = next(d for d in data["documents"] if d["path"].endswith(PAIR[1]))
    assert this["previous"] == str(folder / PAIR[0])


def test_no_cross_year_finding_on_the_wanli_pair(report):
    # Checked by hand: both years' 表2, 表3 and 表5 list the same 66 功能分类 codes (so no BD-L003).
    # The 2025 编制说明 says 财政拨款收入 and 一般公共预算拨款支出预算 are 18,976.76 万元, 3,355.65 万元
    # more than 2024; the 2024 PDF's 表1 一、财政拨款收入 and 表4 一般公共预算 支出总计 are both
    # 156,211,123 元 = 15,621.1123 万元, and 18,976.76 − 15,621.1123 = 3,355.6477 ≈ 3,355.65: no BD-L004/L005.
    _, data = report
    findings = [f for d in data["documents"] for f in d["findings"]]
    assert not [f for f in findings if f["rule_id"].startswith("BD-L")]


def test_the_wanli_comparisons_are_made_not_skipped(report):
    # The silence above must come from a comparison that holds, not from a check that found nothing to read.
    from auditor.engine.checks.previous_year import CHANGE_AFTER_RE
    from auditor.engine.checks.statements import _table_value, stated_amounts
    from auditor.parsing import parse_file

    folder, _ = report
    last, this = parse_file(folder / PAIR[0]), parse_file(folder / PAIR[1])
    for params in (
        {"part": 4, "phrase": "财政拨款收入", "table": 1, "column": "预算数", "side": "income", "label": "一、财政拨款收入"},
        {"part": 4, "phrase": "一般公共预算拨款支出预算", "table": 4, "column": "一般公共预算", "side": "expenditure"},
    ):
        previous, _, _ = _table_value(last, {"section": None, **params})
        assert previous is not None and previous.format(4) == "15621.1123"
        stated = [(paragraph, match, amount) for paragraph, match, amount in
                  stated_amounts(this, params["phrase"], 4, None)]
        assert stated and stated[0][2].format(2) == "18976.76"
        paragraph, match, amount = stated[0]
        change = CHANGE_AFTER_RE.match(paragraph.text[match.end():])
        assert change is not None and change.group(3) == "3,355.65"
        assert (amount - previous).format(2) == "3355.65"
