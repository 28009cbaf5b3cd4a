"""Document stage (预算/决算) and kind (部门/单位) from the title, and rules that depend on it."""

from __future__ import annotations

from auditor.engine.config import Config
from auditor.engine.loader import load_rules
from auditor.engine.runner import run_rules
from auditor.model import DocumentKind, Stage
from auditor.parsing import parse_text


def test_final_title_sets_stage_kind_and_year():
    document = parse_text("上海市某某局2024年度部门决算\n第一部分 上海市某某局概况\n一、主要职能\n说明。\n")
    assert document.stage is Stage.FINAL
    assert document.kind is DocumentKind.DEPARTMENT
    assert document.year == 2024
    assert document.unit == "上海市某某局"
    assert document.kind_label == "部门决算"


def test_unit_final_accounts():
    document = parse_text("某某中心2024年度单位决算\n第一部分 概况\n一、主要职能\n说明。\n")
    assert (document.stage, document.kind, document.kind_label) == (Stage.FINAL, DocumentKind.UNIT, "单位决算")


def test_title_whose_year_was_set_apart_still_gives_stage_and_unit():
    # A PDF extractor can put the year on its own baseline: "上海市某某局" / "年度部门决算".
    document = parse_text("上海市某某局\n年度部门决算\n第一部分 上海市某某局概况\n一、主要职能\n说明。\n")
    assert document.stage is Stage.FINAL
    assert document.kind is DocumentKind.DEPARTMENT
    assert document.unit == "上海市某某局"


def test_budget_stays_budget():
    document = parse_text("某局2025年部门预算\n第一部分 2025 年部门概况\n一、主要职能\n说明。\n")
    assert (document.stage, document.kind_label) == (Stage.BUDGET, "部门预算")


def test_stage_from_part_titles_when_the_title_is_silent():
    document = parse_text("第一部分 概况\n一、主要职能\n说明。\n第二部分 2024年度部门决算表\n第三部分 2024年度部门决算情况说明\n")
    assert document.stage is Stage.FINAL


def _asset_findings(text: str) -> list:
    ruleset = load_rules()
    run = run_rules(ruleset, parse_text(text), Config(select=["BD-Y001"]))
    return [f for f in run.findings if f.rule_id == "BD-Y001"]


ASSETS = "第三部分 2024年度部门决算情况说明\n十一、其他重要事项的情况说明\n(三)国有资产占有使用情况说明\n{date}，上海市某某局共有车辆2辆。\n"


def test_final_accounts_dated_to_the_end_of_their_own_year_are_right():
    # The complaint: a 2024 决算 saying 截至2024年底 was flagged. 决算 closes the year itself.
    for date in ("截至2024年12月31日", "截至2024年底"):
        assert _asset_findings("某局2024年度部门决算\n" + ASSETS.format(date=date)) == []


def test_final_accounts_dated_to_the_year_before_are_flagged_on_their_line():
    findings = _asset_findings("某局2024年度部门决算\n" + ASSETS.format(date="截至2023年12月31日"))
    # Line 5 holds the sentence; 2023 is the budget convention, wrong for a 2024 决算.
    assert [(f.line, f.stated, f.expected) for f in findings] == [(5, "2023", "2024")]


def test_budget_still_wants_the_year_before():
    text = "某局2025年部门预算\n第三部分 2025 年部门预算情况说明\n(三) 国有资产占用使用情况\n截至2025年底，某局占用使用国有资产。\n"
    findings = _asset_findings(text)
    assert [(f.line, f.stated, f.expected) for f in findings] == [(4, "2025", "2024")]


def test_json_report_names_the_stage_and_template(tmp_path):
    import json

    from click.testing import CliRunner
    from fixtures_final import DEFECTS, write_final

    from auditor.cli import main

    path = write_final(tmp_path, DEFECTS["share"]().text)
    result = CliRunner().invoke(main, ["audit", str(path), "--format", "json"])
    assert result.exit_code == 1, result.output  # one planted defect: a finding at error level
    document = json.loads(result.output)["documents"][0]
    assert (document["stage"], document["kind"], document["year"]) == ("决算", "department", 2024)
    assert document["template"] == "shanghai-final"
    assert [f["rule_id"] for f in document["findings"]] == ["BD-JS011"]
