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
    # Checked by hand: both years' 表2, 表3 and 表5 list the same 66 功能分类 codes (so no BD-L003),
    # and the 2025 编制说明's “比2024年预算增加3,355.65万元” is not read as a claim of a table
    # row in the Shanghai template (the Shanghai text is checked by the SH-* rules), so BD-L001/L002
    # have nothing to compare. The one finding of 2025 is SH-S005 (item 21 names 款 计划生育事务 as 项).
    _, data = report
    findings = [f for d in data["documents"] for f in d["findings"]]
    assert not [f for f in findings if f["rule_id"].startswith("BD-L")]
