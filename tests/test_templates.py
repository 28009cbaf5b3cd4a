"""Templates as data: loading and validating, detection, the CLI, and a province added with a YAML file only."""

from __future__ import annotations

import json
import textwrap

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from auditor.cli import main
from auditor.errors import RuleError
from auditor.parsing import parse_text
from auditor.reading import read_source
from auditor.template import available_templates, load_template
from auditor.template.detect import detect
from auditor.template.load import parse_template


def test_every_shipped_template_loads_and_names_its_tables_uniquely():
    assert {"xinjiang", "shanghai-budget", "central-budget"} <= set(available_templates())
    for name in available_templates():
        template = load_template(name)
        kinds = [t.kind for t in template.tables]
        assert len(kinds) == len(set(kinds)), name
        assert [t.number for t in template.tables] == sorted(t.number for t in template.tables), name


def test_every_shipped_template_passes_the_schema():
    # Shipped templates skip the schema at run time (start-up); this is where they are checked.
    from auditor.resources import builtin_rules_dir

    for name in available_templates():
        entry = builtin_rules_dir() / "templates" / f"{name}.yaml"
        parse_template(name, entry.read_text(encoding="utf-8"), validate=True)  # raises on a problem


def test_xinjiang_keeps_its_eleven_tables_and_arithmetic():
    template = load_template("xinjiang")
    assert len(template.tables) == 11
    assert template.table(3).parts == {"合计": ("基本支出", "项目支出")}
    assert template.table(6).allowed_columns("30201") == ["合计", "公用经费"]
    assert template.kind_of_title("2025年部门财政拨款收支预算总体情况表") == "fiscal_grant_summary"
    assert template.kind_of_title("部门收支总体情况表") == "income_expenditure_summary"


def test_a_schema_error_names_the_file_and_line():
    text = "name: bad\ndescription: x\npart_numbering: 第一部分\nparts: {1: 概况}\ntables:\n  - number: 1\n    kind: a\n    title: 甲表\n    colums: [合计]\n"
    with pytest.raises(RuleError) as caught:
        parse_template("bad.yaml", text)
    message = str(caught.value)
    assert "bad.yaml:6" in message  # the table entry lacking columns starts on line 6
    assert "bad.yaml:9" in message  # the misspelt key is on line 9


def test_an_identity_naming_an_unknown_column_is_refused():
    text = ("name: bad\ndescription: x\npart_numbering: 第一部分\nparts: {1: 概况}\ntables:\n"
            "  - {number: 1, kind: a, title: 甲表, columns: [合计, 基本支出], identities: {合计: [基本支出, 项目支出]}}\n")
    with pytest.raises(RuleError, match="项目支出 不在 columns 中"):
        parse_template("bad.yaml", text)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_xinjiang_samples_are_detected_as_xinjiang(name):
    scored = detect(read_source(SAMPLES[name]).lines)
    assert scored[0][1].name == "xinjiang"


def test_a_text_matching_no_template_has_none():
    document = parse_text("一份会议纪要\n今天讨论了绿化工作。\n")
    assert document.template is None


def test_templates_list_and_show():
    runner = CliRunner()
    listed = runner.invoke(main, ["templates", "list"])
    assert listed.exit_code == 0 and "shanghai-budget" in listed.output and "xinjiang" in listed.output
    shown = runner.invoke(main, ["templates", "show", "shanghai-budget"])
    assert shown.exit_code == 0
    assert "表9 “三公”经费和机关运行经费预算表" in shown.output and "单位 万元" in shown.output
    unknown = runner.invoke(main, ["templates", "show", "nowhere"])
    assert unknown.exit_code == 2 and "未知的模板" in unknown.output


# -- a made-up province with eight tables, added with a YAML file only ------------------------
PROVINCE = textwrap.dedent("""\
    name: made-up
    description: 虚构省份的部门预算模板（8 张表），用于测试
    part_numbering: 第一部分
    parts: {1: 概况, 2: 预算表, 3: 说明}
    tables_part: 2
    money_unit: 万元
    rules:
      include: [BD-T001, BD-T002, BD-C002]
    tables:
      - {number: 1, kind: totals, title: 收支总表, titles: [收支总表], family: sided, label_cells: 1,
         lines: [一、财政拨款收入, 二、其他收入], columns: [预算数]}
      - {number: 2, kind: income, title: 收入表, titles: [收入表], codes: function, columns: [合计, 财政拨款, 其他收入],
         identities: {合计: [财政拨款, 其他收入]}}
      - {number: 3, kind: spending, title: 支出表, titles: [支出表], codes: function, columns: [合计, 基本支出, 项目支出],
         identities: {合计: [基本支出, 项目支出]}}
      - {number: 4, kind: grants, title: 拨款表, titles: [拨款表], codes: function, columns: [合计, 基本支出, 项目支出],
         identities: {合计: [基本支出, 项目支出]}}
      - {number: 5, kind: basic, title: 基本支出表, titles: [基本支出表], label_cells: 3, codes: economic,
         columns: [合计, 人员经费, 公用经费], identities: {合计: [人员经费, 公用经费]}}
      - {number: 6, kind: funds, title: 基金表, titles: [基金表], codes: function, columns: [合计, 基本支出, 项目支出]}
      - {number: 7, kind: capital, title: 国资表, titles: [国资表], codes: function, columns: [合计, 基本支出, 项目支出]}
      - {number: 8, kind: three, title: 三公表, titles: [三公表], family: labelled, label_cells: 1, columns: [合计],
         lines: [因公出国(境)费, 公务接待费, 公务用车购置及运行费]}
    """)


def _province_text(table3_total: str = "10.00", with_table8: bool = True) -> str:
    def coded(number: int, title: str, header: str, row: str) -> list[str]:
        return [f"表 {number}", f"2025年部门{title}", "编制部门:某局\t单位:万元", f"类\t款\t项\t名称\t{header}", row]

    lines = ["某局2025年部门预算", "第一部分 概况", "某局负责示例事务。", "第二部分 预算表"]
    lines += ["表 1", "2025年部门收支总表", "编制部门:某局\t单位:万元", "项目\t预算数\t项目\t预算数",
              "一、财政拨款收入\t10.00\t201 一般公共服务支出\t10.00", "收入总计\t10.00\t支出总计\t10.00"]
    lines += coded(2, "收入表", "合计\t财政拨款\t其他收入", "201\t\t\t一般公共服务支出\t10.00\t10.00\t")
    lines += coded(3, "支出表", "合计\t基本支出\t项目支出", f"201\t\t\t一般公共服务支出\t{table3_total}\t6.00\t4.00")
    lines += coded(4, "拨款表", "合计\t基本支出\t项目支出", "201\t\t\t一般公共服务支出\t10.00\t6.00\t4.00")
    lines += ["表 5", "2025年部门基本支出表", "编制部门:某局\t单位:万元", "类\t款\t名称\t合计\t人员经费\t公用经费",
              "301\t\t工资福利支出\t6.00\t6.00\t"]
    lines += ["表 6", "2025年部门基金表", "编制部门:某局\t单位:万元", "本部门没有基金预算,本表为空表。"]
    lines += ["表 7", "2025年部门国资表", "编制部门:某局\t单位:万元", "本部门没有国有资本经营预算,本表为空表。"]
    if with_table8:
        lines += ["表 8", "2025年部门三公表", "编制部门:某局\t单位:万元", "项目\t合计", "因公出国(境)费\t0.00",
                  "公务接待费\t1.00", "公务用车购置及运行费\t0.00"]
    lines += ["第三部分 说明", "一、收支预算情况", "某局2025年收支预算10.00万元。"]
    return "\n".join(lines) + "\n"


def _audit(tmp_path, text: str) -> dict:
    template = tmp_path / "made-up.yaml"
    template.write_text(PROVINCE, encoding="utf-8")
    document = tmp_path / "made-up-2025.txt"
    document.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", str(document), "--template", str(template), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)["documents"][0]


def test_an_eight_table_province_added_with_a_yaml_file_is_audited(tmp_path):
    report = _audit(tmp_path, _province_text())
    assert report["template"] == "made-up"
    assert report["findings"] == []
    document = parse_text(_province_text(), template=str(tmp_path / "made-up.yaml"))
    assert [t.number for t in document.tables] == list(range(1, 9))
    assert document.table(8).total_row() is None and len(document.table(8).rows) == 3


def test_the_made_up_province_finds_a_broken_identity_and_a_missing_table(tmp_path):
    # 表3 合计 11.00 ≠ 基本支出 6.00 + 项目支出 4.00 (BD-T001); 表8 left out (BD-C002).
    report = _audit(tmp_path, _province_text(table3_total="11.00", with_table8=False))
    assert {f["rule_id"] for f in report["findings"]} == {"BD-T001", "BD-C002"}


# -- a document that matches no template ---------------------------------------------
UNKNOWN = (
    "某局2025年工作报表\n表 1\n某局支出明细\n单位:万元\n类\t款\t项\t名称\t合计\t基本支出\t项目支出\n"
    "201\t\t\t一般公共服务支出\t10.00\t6.00\t3.00\n"  # 合计 10.00 ≠ 6.00 + 3.00
    "201\t06\t\t财政事务\t10.00\t6.00\t4.00\n"
    "201\t06\t01\t行政运行\t10.00\t6.00\t4.00\n"
    "\t\t\t合计\t10.00\t6.00\t4.00\n"  # 项目支出 4.00 ≠ the 类 201's 3.00
)


def test_a_document_matching_no_template_gets_table_arithmetic_and_one_completeness_note():
    from auditor.engine import load_rules, run_rules

    document = parse_text(UNKNOWN)
    assert document.template is None
    assert [c.key for c in document.table(1).columns] == ["合计", "基本支出", "项目支出"]  # read from its header
    findings = run_rules(load_rules(), document).findings
    assert sorted((f.rule_id, f.line) for f in findings) == [
        ("BD-C000", 1),  # once, as information: completeness was not checked
        ("BD-T001", 6),  # 201: 合计 10.00 ≠ 基本支出 6.00 + 项目支出 3.00 (the header implies 合计 = 基本 + 项目)
        ("BD-T002", 6),  # 201: 项目支出 3.00 ≠ its 款 20106's 4.00
        ("BD-T002", 9),  # 合计: 项目支出 4.00 ≠ the 类 201's 3.00
    ]
    assert next(f for f in findings if f.rule_id == "BD-C000").severity.value == "info"


CENTRAL = (
    "某部2025年部门预算\n第一部分 某部职责及概况\n一、主要职责\n负责示例事务。\n第二部分 某部2025年部门预算表\n"
    "一、部门收支总表\n单位:万元\n收入\t预算数\t支出\t预算数\n一般公共预算财政拨款收入\t10.00\t一、一般公共服务支出\t10.00\n"
    "收入总计\t10.00\t支出总计\t10.00\n"
    "三、部门支出总表\n单位:万元\n类\t款\t项\t科目名称\t合计\t基本支出\t项目支出\n"
    "201\t\t\t一般公共服务支出\t10.00\t6.00\t4.00\n\t\t\t合计\t10.00\t6.00\t4.00\n"
    "第三部分 某部2025年部门预算情况说明\n一、关于某部2025年收支预算情况的总体说明\n收支总预算10.00万元。\n"
    "第四部分 名词解释\n一、财政拨款收入:指中央财政当年拨付的资金。\n"
)


def test_a_central_department_budget_is_read_with_the_central_template():
    document = parse_text(CENTRAL)
    assert document.template.name == "central-budget"
    assert [(t.number, t.kind) for t in document.tables] == [(1, "department_totals"), (3, "department_expenditure")]
    assert document.table(3).total_row().values["项目支出"].text == "4.00"
