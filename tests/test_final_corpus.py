"""The real Shanghai 决算 PDFs in ../shared/corpus/shanghai (skipped when absent).

普陀区财政局 2024 年度部门决算: every finding below was checked by hand on the
rendered PDF pages (p21 is the 说明's first page); nothing else may be reported,
in particular no completeness noise. The official template (full of XX) reports
its placeholders and nothing that would be absurd for a blank form.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pdfplumber")

from auditor.engine import load_rules, run_rules  # noqa: E402
from auditor.final.view import final_view  # noqa: E402
from auditor.parsing import parse_file  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "shanghai"
PUTUO = CORPUS / "普陀区财政局2024年度部门决算.pdf"
TEMPLATE = CORPUS / "上海市部门决算模板2024.pdf"

pytestmark = pytest.mark.skipif(not PUTUO.exists(), reason="../shared/corpus/shanghai 不在（只在开发机上有真实 PDF）")


@pytest.fixture(scope="module")
def putuo():
    document = parse_file(PUTUO)
    return document, run_rules(load_rules(), document).findings


def _where(document, finding) -> str:
    return document.locations[finding.line - 1]


def test_putuo_is_read_as_a_shanghai_final_account(putuo):
    document, _ = putuo
    assert (document.unit, document.year, document.stage.word) == ("上海市普陀区财政局", 2024, "决算")
    assert document.template.name == "shanghai-final"
    view = final_view(document)
    assert [t.spec.number for t in view.tables] == list(range(1, 10))
    # 收入支出决算总表 (p6-p7): 本年收入合计 2,946.25 + 年初结转和结余 49.14 = 总计 2,995.39.
    t1 = view.by_key["income_expenditure"]
    assert t1.row("总计", "income").values["决算数"].text == "2,995.39"
    assert t1.row("本年支出合计", "expenditure").values["决算数"].text == "2,940.05"
    # 基本支出决算表 (p16-p17): 人员经费合计 2,152.26, 公用经费合计 184.65 (= 表五 基本支出 2,336.91).
    t6 = view.by_key["basic"]
    assert (t6.row("人员经费合计").values["决算数"].text, t6.row("公用经费合计").values["决算数"].text) == (
        "2,152.26", "184.65")
    # Tables 8 and 9 are empty and say 故本表无数据 (p19, p20).
    assert view.by_key["fund"].is_empty and view.by_key["state_capital"].is_empty


def test_putuo_findings_each_checked_by_hand(putuo):
    document, findings = putuo
    # (rule, page, stated, expected): pages are fixed by the PDF; the line on the page depends on
    # how the reader joins a wrapped title, so the check is that the line holds the stated figure.
    found = sorted((f.rule_id, _where(document, f).split(":")[0], f.stated, f.expected) for f in findings)
    assert found == sorted([
        # p21, section 四: the 说明 gives the 财政拨款 收入支出总计 as 0.3 万元, while the
        # 财政拨款收入支出决算总表 (p13) totals 2,961.68 (2,940.05 this year + 21.63 carried over).
        ("BD-JS014", "p21", "0.3", "2961.68"),
        # p21, section 五(二): the 一般公共服务支出 class is 2106.66 of 2940.05, i.e. 71.65%, but the
        # text prints 71.73% (its four class shares then add up to 100.07%; the other three are right).
        ("BD-JS011", "p21", "71.73%", "71.65%"),
        # p3, 目录 item 十一 is worded differently from the heading of 十一 in the body (p23).
        ("BD-D007", "p3", found[0][2], None),
    ])
    assert found[0][2].startswith("十一、")
    for finding in findings:
        if finding.rule_id.startswith("BD-JS"):
            assert finding.stated.rstrip("%") in document.line_text(finding.line)
    # No completeness noise: all nine tables and every section are there.
    assert not [f for f in findings if f.rule_id.startswith(("BD-C", "BD-JS019", "BD-JS020", "BD-JS021"))]


def test_the_template_reports_its_placeholders_and_nothing_absurd():
    document = parse_file(TEMPLATE)
    findings = run_rules(load_rules(), document).findings
    assert document.stage.word == "决算" and document.template.name == "shanghai-final"
    rules = {f.rule_id for f in findings}
    # BD-D001: the XX / XXX / “……” left for the department to fill in, on every page of text.
    # BD-D007: the template's own 目录 says “十一、其他重要事项说明” where its body says “…的情况说明”.
    assert rules == {"BD-D001", "BD-D007"}
    placeholders = [f for f in findings if f.rule_id == "BD-D001"]
    assert len(placeholders) > 100
    assert {f.stated for f in placeholders} >= {"XX", "XXX"}
    # Blank tables of a blank form are not arithmetic errors, nor “empty tables without a note”.
    assert not [f for f in findings if f.rule_id.startswith("BD-JS")]
