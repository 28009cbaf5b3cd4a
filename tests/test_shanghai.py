"""The shanghai-budget template on fixtures written for it (tests/data/shanghai/, figures chosen by hand).

clean-department.txt is a small 部门预算 whose figures all agree: 表1–8 in 元,
表9 and the text in 万元 (3,000,000.00 元 = 300.00 万元). Each planted error
below changes one figure or word of it; the comment says why the finding is real.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.engine import load_rules, run_rules
from auditor.parsing import parse_file, parse_text

DATA = Path(__file__).resolve().parent / "data" / "shanghai"
CLEAN = (DATA / "clean-department.txt").read_text(encoding="utf-8")
RULES = load_rules()


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), start=1) if needle in line)


def _findings(text: str):
    return run_rules(RULES, parse_text(text)).findings


def test_the_clean_fixture_is_detected_and_read_in_full():
    document = parse_text(CLEAN)
    assert document.template.name == "shanghai-budget"
    assert (document.year, document.unit) == (2025, "上海市某区示例局")
    assert sorted(p.number for p in document.parts) == [1, 2, 3, 4, 5, 6, 7]
    assert [t.number for t in document.tables] == list(range(1, 10))
    units = {t.number: t.money_unit for t in document.tables}
    assert units == {**{n: "元" for n in range(1, 9)}, 9: "万元"}
    # totals as written in the fixture
    assert document.table(1).total_row("income").values["预算数"].text == "3,000,000.00"
    assert document.table(3).total_row().values["项目支出"].text == "800,000.00"
    assert document.table(8).total_row().values["公用经费"].text == "400,000.00"
    nine = document.table(9).rows[0].values
    assert {k: v.text for k, v in nine.items()} == {
        "合计": "15.00", "公务接待费": "10.00", "公务用车购置及运行费/小计": "5.00",
        "公务用车购置及运行费/运行费": "5.00", "机关运行经费": "35.00"}
    assert document.table(6).is_empty and document.table(7).is_empty
    assert not [d for d in document.diagnostics if d.code.startswith("missing")]


def test_the_clean_fixture_has_no_findings():
    assert _findings(CLEAN) == []


# (what to change, into what, the rules that must fire, the line text where the first of them fires)
PLANTED = [
    # 表1 收入总计 3,000,000.00 元 = 300.00 万元, not 310.00.
    ("收入预算300.00万元", "收入预算310.00万元", {"SH-S001"}, "收入预算310.00万元"),
    # 表5 201 06 02 一般行政管理事务 is 800,000.00 元 = 80.00 万元.
    ("一般行政管理事务(项)”80.00万元", "一般行政管理事务(项)”81.00万元", {"SH-S005"}, "一般行政管理事务(项)”81.00"),
    # 表9 合计 15.00 万元, and 0 + 5.00 + 10.00 = 15.00: 16.00 disagrees with both.
    ("“三公”经费预算数为15.00万元", "“三公”经费预算数为16.00万元", {"SH-S006", "SH-P003"}, "预算数为16.00"),
    # 20.00 + 0 + 30.00 = 50.00 万元, not 55.00.
    ("政府采购预算50.00万元", "政府采购预算55.00万元", {"SH-P001"}, "政府采购预算55.00"),
    # 小微 35.00 > 中小企业 30.00 is impossible (small firms are among SMEs).
    ("小型和微型企业的政府采购项目预算20.00万元", "小型和微型企业的政府采购项目预算35.00万元", {"SH-P002"}, "小型和微型企业"),
    # A 2025 budget dates its assets in 2024.
    ("截至2024年8月31日", "截至2025年8月31日", {"SH-Y001"}, "截至2025年"),
    # The 2025 project's period runs into 2026.
    ("2025.1.1-2025.12.31", "2025.1.1-2026.12.31", {"SH-J002"}, "2026.12.31"),
    # 50.00 + 30.00 = 80.00, the stated 合计 85.00 is not the 总预算 80.00.
    ("合计80.00万。", "合计85.00万。", {"SH-J001"}, "合计85.00万"),
    # 2025 compares with 2024, not 2023.
    ("比2024年预算增加20.00万元;事业收入", "比2023年预算增加20.00万元;事业收入", {"SH-Y002"}, "比2023年预算"),
    # 机关运行经费 40.01 万元 > 表8 公用经费 400,000.00 元 = 40.00 万元; and the text still says 35.00.
    ("5.00\t\t5.00\t35.00", "5.00\t\t5.00\t40.01", {"SH-X009", "SH-S007"}, "5.00\t\t5.00\t40.01"),
    # 表7's note names 政府性基金: copied from 表6.
    ("注:本部门2025年无国有资本经营预算财政拨款", "注:本部门2025年无政府性基金预算财政拨款", None, None),
]


@pytest.mark.parametrize(("old", "new", "rules", "where"), PLANTED, ids=[p[2] and sorted(p[2])[0] or "SH-E001" for p in PLANTED])
def test_each_planted_error_is_found_and_nothing_else(old, new, rules, where):
    assert CLEAN.count(old) == 1, old
    text = CLEAN.replace(old, new)
    found = _findings(text)
    if rules is None:  # the note of 表7 (its second occurrence of the phrase)
        rules = {"SH-E001"}
        where = "注:本部门2025年无政府性基金预算财政拨款"
        line = [i for i, t in enumerate(text.split("\n"), start=1) if where in t][-1]
    else:
        line = _line(text, where)
    assert {f.rule_id for f in found} == rules
    assert any(f.line <= line <= f.end_line for f in found), [(f.rule_id, f.line) for f in found]


def test_table_totals_are_compared_across_tables_in_yuan():
    # 表2 合计 3,100,000.00 ≠ 表1 收入总计 3,000,000.00 (and ≠ its own 类 201 + 221, and ≠ 表3 by code).
    text = CLEAN.replace("合计\t\t\t\t3,000,000.00\t3,000,000.00\n", "合计\t\t\t\t3,100,000.00\t3,100,000.00\n", 1)
    rules = {f.rule_id for f in _findings(text)}
    assert {"SH-X002", "BD-T002"} <= rules


def test_a_template_named_explicitly_overrides_detection():
    assert parse_text(CLEAN, template="xinjiang").template.name == "xinjiang"


def test_the_fixture_as_a_pdf_reads_to_the_same_tables_and_findings(tmp_path):
    pytest.importorskip("reportlab")
    pytest.importorskip("pdfplumber")
    from pdf_builder import build_pdf

    source = tmp_path / "clean.txt"
    source.write_text(CLEAN.replace("“三公”经费预算数为15.00万元", "“三公”经费预算数为16.00万元"), encoding="utf-8")
    document = parse_file(build_pdf(source, tmp_path / "clean.pdf"))
    assert document.template is not None and document.template.name == "shanghai-budget"
    assert [t.number for t in document.tables] == list(range(1, 10))
    assert document.table(5).total_row().values["合计"].text == "3,000,000.00"
    rules = {f.rule_id for f in run_rules(RULES, document).findings}
    # 16.00 万元 against 表9's 15.00 and the items 0 + 5.00 + 10.00
    assert rules == {"SH-S006", "SH-P003"}


def test_the_report_names_the_template_and_the_override_and_config_choose_it(tmp_path):
    import json

    from click.testing import CliRunner

    from auditor.cli import main

    target = tmp_path / "上海某局.txt"
    target.write_text(CLEAN, encoding="utf-8")
    runner = CliRunner()
    detected = json.loads(runner.invoke(main, ["audit", str(target), "--format", "json"]).output)
    assert detected["documents"][0]["template"] == "shanghai-budget"
    forced = json.loads(runner.invoke(main, ["audit", str(target), "--format", "json", "--template", "xinjiang"]).output)
    assert forced["documents"][0]["template"] == "xinjiang"
    (tmp_path / "auditor.toml").write_text('template = "xinjiang"\n', encoding="utf-8")
    configured = runner.invoke(main, ["audit", str(target), "--format", "json", "--config", str(tmp_path / "auditor.toml")])
    assert json.loads(configured.output)["documents"][0]["template"] == "xinjiang"
    (tmp_path / "bad.toml").write_text('template = "../elsewhere/x.yaml"\n', encoding="utf-8")
    refused = runner.invoke(main, ["audit", str(target), "--config", str(tmp_path / "bad.toml")])
    assert refused.exit_code == 2 and "不能是路径" in refused.output
