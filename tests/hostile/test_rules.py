"""Hostile rule files: templates that reach for objects, budgets, recursion, arguments, size, duplicates."""

from __future__ import annotations

import json

import pytest

from tests.hostile.harness import KIZILSU, assert_chinese_error, rule_file, run_cli


@pytest.mark.parametrize(
    ("message", "words"),
    [
        ("{x.__class__.__init__.__globals__}", "不能取属性"),
        ("{x.__class__}", "不能取属性"),
        ("{line[0]}", "不能取属性"),
        ("{line!r}", "不能取属性"),
        ("{line:>1000000000}", "格式只能是"),
        ("{line:>999}", "宽度 999 超过上限"),
        ("{line:.500f}", "精度 500 超过上限"),
        ("{environ}", "未知的名称"),
        ("未闭合 {line", "没有对应"),
    ],
)
def test_message_templates_are_checked_when_the_rules_load(tmp_path, message, words):
    rules = rule_file(tmp_path, f"    message: {json.dumps(message)}\n    values:\n      x: 'table(1)'\n    assert: 'false'\n")
    run = run_cli("audit", KIZILSU, "--rules", rules)
    assert_chinese_error(run, f"{rules}:", "MY-H001", "message", words)


def test_a_template_of_every_row_is_bounded(tmp_path):
    # x is every row of 表3 (19 rows); the message shows three and the count, never a dump.
    rules = rule_file(tmp_path, "    message: '行：{x}；比例 {r}；乘积 {m}'\n    values:\n"
                                "      x: 'table(3).rows'\n"
                                "      r: 'table(3).total[\"基本支出\"] / table(3).total[\"合计\"]'\n"
                                "      m: 'table(3).total[\"合计\"] * 0.5%'\n    assert: 'false'\n")
    run = run_cli("audit", KIZILSU, "--rules", rules, "--select", "MY-*", "--format", "json")
    assert run.rc == 1
    (finding,) = json.loads(run.stdout)["documents"][0]["findings"]
    # 表3 总计 570.03 / 996.43 = 57.21%, shown as a share; 996.43 × 0.5% = 4.98 万元, an amount.
    assert finding["message"] == "行：总计、社会保障和就业支出、行政事业单位养老支出等 19 项；比例 57.21%；乘积 4.98"


def test_a_for_each_that_multiplies_work_stops_with_a_rule_error(tmp_path):
    rules = rule_file(tmp_path, "    message: '{name}'\n    for_each: 'table(3).rows'\n    values:\n"
                                "      a: " + "'" + " + ".join(["count(table(3).rows.children)"] * 20) + "'\n"
                                "    assert: 'a >= 0'\n")
    # 表2 grown by 3000 类 rows; 20 copies per row of a list of every row's children (quadratic):
    # stopped by the element budget, within the CPU bound of run_cli.
    big = tmp_path / "big.txt"
    text = KIZILSU.read_text(encoding="utf-8")
    row = "208\t05\t01\t行政单位离退休\t18.94\t18.94\t"
    big.write_text(text.replace(row, row + "\n" + "\n".join(f"2{i % 90 + 10:02d}\t\t\t类{i}\t0.00\t0.00\t" for i in range(3000)), 1),
                   encoding="utf-8")
    rules.write_text(rules.read_text(encoding="utf-8").replace("table(3)", "table(2)"), encoding="utf-8")
    run = run_cli("audit", big, "--rules", rules, "--select", "MY-*")
    assert "MY-H001" in run.output and "计算量超过上限" in run.output


@pytest.mark.parametrize(
    "expression",
    ["1" + " + 1" * 600, "-" * 1500 + "1", "not " * 500 + "true", "(" * 40 + "1" + ")" * 40],
)
def test_long_chains_are_a_load_error_not_a_recursion_error(tmp_path, expression):
    rules = rule_file(tmp_path, f"    message: 'x'\n    assert: '{expression}'\n")
    run = run_cli("audit", KIZILSU, "--rules", rules)
    assert_chinese_error(run, "MY-H001", "过")  # 嵌套过深 / 表达式过长


def test_a_29_digit_literal_in_a_rule_is_no_crash(tmp_path):
    rules = rule_file(tmp_path, "    message: '{stated} {expected} {difference}'\n"
                                "    assert: 'table(1).total[\"预算数\"] > 12345678901234567890123456789012.5'\n")
    run = run_cli("audit", KIZILSU, "--rules", rules, "--select", "MY-*")
    # 表1 总计 is 996.43, which is not above a 32-digit figure: the rule fires once.
    assert run.rc == 1 and "MY-H001" in run.stdout


@pytest.mark.parametrize(
    ("expression", "words"),
    [
        ("table() == 1", "table() 需要 1 个参数"),
        ("sum() > 0", "sum() 需要 1 个参数"),
        ('contains("a")', "contains() 需要 2 个参数"),
        ("table(1, x=2) == 1", "table() 不接受参数 x"),
        ('count(table(3).rows("208", "209")) > 0', "最多有一个位置参数"),
    ],
)
def test_wrong_arguments_are_a_load_error(tmp_path, expression, words):
    rules = rule_file(tmp_path, f"    message: 'x'\n    assert: '{expression}'\n")
    run = run_cli("audit", KIZILSU, "--rules", rules)
    assert_chinese_error(run, "MY-H001", words)


def test_a_huge_rule_file_is_refused_cheaply(tmp_path):
    huge = tmp_path / "huge.yaml"
    huge.write_text("rules:\n" + "  - {}\n" * 600_000, encoding="utf-8")  # 3.6 MB
    assert_chinese_error(run_cli("audit", KIZILSU, "--rules", huge), "规则文件过大")
    many = tmp_path / "many.yaml"
    many.write_text("rules:\n" + "  - {}\n" * 100_000, encoding="utf-8")  # under the size limit, too many nodes
    assert_chinese_error(run_cli("rules", "validate", many), "内容过多")


def test_duplicate_keys_cite_both_lines(tmp_path):
    rules = rule_file(tmp_path, "    message: 'x'\n    assert: 'true'\n    assert: 'false'\n")
    assert_chinese_error(run_cli("rules", "validate", rules), "assert 重复（第 7 行与第 8 行）")


def test_anchors_and_aliases_are_refused(tmp_path):
    rules = tmp_path / "lol.yaml"
    rules.write_text("a: &a [x, x, x]\nb: &b [*a, *a, *a]\nrules: [*b]\n", encoding="utf-8")
    assert_chinese_error(run_cli("rules", "validate", rules), "锚点")
