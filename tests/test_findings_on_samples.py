"""Every finding on the five samples, each checked by hand against the document.

Each expectation says why the finding is real. Anything the audit reports
that is not listed here fails the test (a false alarm), and anything listed
that it stops reporting fails too.
"""

from __future__ import annotations

import pytest

from auditor.engine import load_rules, run_rules

EXPECTED = {
    "akto": {
        # 表5 (lines 251-271): the numbering row reads "※ ※ ※ ※ 1 2", so this rendering
        # lost a column; rows that had both 基本支出 and 项目支出 now show only one of them:
        # 总计 625.67 with 620.67 beside it (表3 line 182 has 620.67 + 5.31 with 0.31 单位资金).
        (253, "BD-T001"),
        (261, "BD-T001"),  # 210 卫生健康支出 504.30 vs 501.30: the 3.00 项目支出 is missing
        (265, "BD-T001"),  # 210 15 医疗保障管理事务 464.70 vs 461.70: same 3.00
        # 目录 line 30 "…收支预算情况的总体说明"; the body heading (line 386) reads "…收支预算情况总体说明".
        (30, "BD-D007"),
        # Lines 457 and 459: 增加 5.80 / 7.18 万元 (增长 37.49% / 64.34%) "主要原因是 2 名干部退休相应医疗缴费比上年减少".
        (457, "BD-D004"),
        (459, "BD-D004"),
    },
    "kashgar": {
        # Lines 58-62: "下设 8 个处室，分别是：…经办服务管理股、…、经办服务管理股" — listed twice.
        (58, "BD-F002"),
        # 表11 (line 1159) lists two 2024 projects with no figures and carries no remark.
        (1159, "BD-E001"),
        # Lines 1547-1553: carry-over "0.00 万元，主要用于：…0.06 元" / "0.18 元" — yuan in a 万元 text.
        (1549, "BD-U001"),
        (1553, "BD-U001"),
        # Lines 1377-1379: "人员工资福利支出经费减少 / 经费减少，相应预算数减少" — the fragment is doubled.
        (1377, "BD-D002"),
    },
    "jiashi": {
        # 表11 is titled 上年结转结余情况明细表 (line 843); its remark (line 877) calls it
        # "上年结转结余预算支出情况表" and the 十一 说明 (lines 1143-1145) "结转结余预算支出情况表".
        (877, "BD-E004"),
        (1145, "BD-E004"),
    },
    "shanshan": {
        # Lines 1460-1464: "车辆 1 辆，价值 0 万元；其中：一般公务用车 1 辆，价值 14.74 万元".
        (1460, "BD-F004"),
        # 表11 上年结转结余情况明细表: the remark (lines 966-968) and the 十一 说明 (line 1422) both
        # call it "结转结余预算支出情况表".
        (966, "BD-E004"),
        (1422, "BD-E004"),
    },
    "kizilsu": {
        # 表7 line 326 医疗保险经办费项目 11.00 has no performance table of that name; the
        # 11.00 table is titled 2026 年度医保业务经费 (line 677).
        (326, "BD-P003"),
        # Lines 547-549: 基金监管专项经费项目 allocates "州本级稽核差费 7 万元"; its performance table
        # (line 647) caps 州本级稽核差费（万元） at <=4 万元.
        (549, "BD-P010"),
        # Line 730: 上年完成值 "2024 年 12 月 25 日前" in the 2026 budget's project table; 上年 is 2025.
        (730, "BD-Y004"),
        # Line 577: "2024年与2026年均未安排" in the 2026 budget; last year is 2025.
        (577, "BD-Y002"),
        # Line 593: 中小企业预留 78.40 万元 but 小微企业预留 86.43 万元 (a subset cannot be larger).
        (593, "BD-F003"),
        # Line 597: "截至 2024 年底" in the 2026 budget; assets are reported at the end of 2025.
        (597, "BD-Y001"),
        # Lines 601-605: 2 vehicles worth 523,055.17 万元, furniture 274,685.00 万元, other
        # assets 2,305,044.30 万元: 元 figures written as 万元.
        (601, "BD-U001"),
        (603, "BD-U001"),
        (605, "BD-U001"),
        # 目录 line 30 again says "…的总体说明" while the body heading (line 395) has no 的.
        (30, "BD-D007"),
        # 2024 in a 2026 budget's explanations (last year is 2025): line 419 "2024 年我单位单位资金预算
        # 5 万元", 421 "此笔经费已在 2024 年度支付完毕" about last year's carry-over, 467 "2024年，克州医疗
        # 保障局在职人员转退休1人", 475 "2024年我部门其他收入预算5万元" — last year's text not updated.
        (419, "BD-D006"),
        (421, "BD-D006"),
        (467, "BD-D006"),
        (475, "BD-D006"),
    },
}


@pytest.fixture(scope="module")
def ruleset():
    return load_rules()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_findings_are_exactly_the_checked_ones(parsed, ruleset, name):
    result = run_rules(ruleset, parsed(name))
    assert result.errors == []
    found = {(f.line, f.rule_id) for f in result.findings}
    assert found == EXPECTED[name]


def test_rounding_never_becomes_a_finding(parsed, ruleset):
    # kizilsu 表6 line 287: 301 = 506.79 while its eight rows add to 506.80.
    result = run_rules(ruleset, parsed("kizilsu"))
    assert not [f for f in result.findings if f.line == 287]


def test_a_finding_about_a_whole_table_spans_the_table(parsed, ruleset):
    # kashgar 表11 (lines 1159-1221) has no figures and no remark: the finding covers the table.
    result = run_rules(ruleset, parsed("kashgar"))
    (finding,) = [f for f in result.findings if f.rule_id == "BD-E001"]
    assert (finding.line, finding.end_line) == (1159, 1221)


def test_flattened_sentences_broken_across_blank_lines_are_read_whole(ruleset):
    # jiashi lines 74-76 "实有人数 18 人，其中：" / "在职 14 人…；退休 4 人…；离休 0 人，" / "增加 0 人。" and
    # lines 1158-1162 (政府采购 9.09 = 5.73 + 0.00 + 3.36) are each one sentence over blank lines.
    # Both are consistent, so a planted error in the first piece must now be seen.
    from conftest import SAMPLES

    from auditor.parsing import parse_text

    text = SAMPLES["jiashi"].read_text(encoding="utf-8")
    assert "实有人数 18 人，其中：" in text
    staff = run_rules(ruleset, parse_text(text.replace("实有人数 18 人", "实有人数 19 人", 1)))
    assert {(f.line, f.rule_id) for f in staff.findings} >= {(74, "BD-F001")}
    assert "政府采购货物预算 5.73 万元" in text
    bought = run_rules(ruleset, parse_text(text.replace("政府采购货物预算 5.73 万元", "政府采购货物预算 6.73 万元", 1)))
    assert {(f.line, f.rule_id) for f in bought.findings} >= {(1158, "BD-F003")}
