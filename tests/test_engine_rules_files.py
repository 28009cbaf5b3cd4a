"""Malformed rule files are rejected when they load, with file:line ▸ id ▸ key."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.engine import load_rules
from auditor.engine.expression import ExpressionSyntaxError, compile_expression
from auditor.errors import RuleError

GOOD = """\
rules:
  - id: XX-T001
    title: 测试
    severity: error
    message: 测试
    rationale: 测试
    assert: 'table(3).total["合计"] == sum(table(3).rows(level="class")["合计"])'
"""


def load(tmp_path, text):
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    return load_rules([path], builtin=False), path


def problems(tmp_path, text) -> list[str]:
    with pytest.raises(RuleError) as caught:
        load(tmp_path, text)
    return caught.value.problems


def test_a_good_file_loads(tmp_path):
    ruleset, _ = load(tmp_path, GOOD)
    assert [r.id for r in ruleset.rules] == ["XX-T001"]


@pytest.mark.parametrize(
    ("text", "line", "key", "words"),
    [
        ("rules:\n  - id: XX-T001\n    title: [unclosed\n", 4, "-", "YAML"),
        (GOOD.replace("    rationale: 测试\n", "    rationale: 测试\n    colour: red\n"), 7, "colour", "未知的键"),
        (GOOD.replace("severity: error", "severity: [1]"), 4, "severity", "类型错误"),
        (GOOD.replace("severity: error", "severity: fatal"), 4, "severity", "error、warning"),
        (GOOD.replace("'table(3)", "'table(3"), 7, "assert", "表达式错误"),
        (GOOD.replace("    assert:", "    check: no_such_kind\n    #").replace("#", "#"), 7, "check", "未知的检查类型"),
        (GOOD.replace("id: XX-T001", "id: bad id"), 2, "id", "编号格式"),
        (GOOD.replace("    title: 测试\n", ""), 2, "title", "缺少"),
    ],
)
def test_each_kind_of_problem_names_file_line_rule_and_key(tmp_path, text, line, key, words):
    found = problems(tmp_path, text)
    assert len(found) >= 1
    first = found[0]
    assert first.startswith(f"{tmp_path / 'r.yaml'}:{line} ▸ "), first
    assert f"▸ {key}:" in first and words in first


def test_duplicate_ids_are_rejected(tmp_path):
    text = GOOD + GOOD.split("rules:\n", 1)[1]
    found = problems(tmp_path, text)
    assert any("编号重复" in p and ":8 ▸ XX-T001 ▸ id" in p for p in found)


def test_every_problem_is_listed_at_once(tmp_path):
    text = GOOD.replace("severity: error", "severity: fatal").replace("    rationale: 测试\n", "    rationale: 测试\n    colour: red\n")
    assert len(problems(tmp_path, text)) == 2


def test_aliases_are_refused(tmp_path):
    bomb = "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nrules: [*b]\n"
    found = problems(tmp_path, bomb)
    assert "锚点与别名" in found[0]


def test_unknown_check_parameter_and_wrong_type(tmp_path):
    text = GOOD.replace(
        "    assert: 'table(3).total[\"合计\"] == sum(table(3).rows(level=\"class\")[\"合计\"])'",
        "    check: row_identity\n    params: {tables: 3, colour: red}",
    )
    found = problems(tmp_path, text)
    assert any("params.colour" in p for p in found) and any("params.tables" in p and "类型错误" in p for p in found)


@pytest.mark.parametrize(
    "source",
    [
        "x.__class__",
        "__import__('os')",
        "table(3).__dict__",
        "(" * 40 + "1" + ")" * 40,
        "1 + " * 1200 + "1",
    ],
)
def test_expressions_cannot_reach_python(source):
    with pytest.raises(ExpressionSyntaxError):
        compile_expression(source)


@pytest.mark.parametrize("source", ["table(3).rows.pop()", "open('x')", "table(3).table", "document.source"])
def test_unknown_functions_and_attributes_are_load_errors(tmp_path, source):
    found = problems(tmp_path, GOOD.replace(GOOD.split("assert: ")[1].strip(), f'"{source}"'))
    assert "表达式错误" in found[0]


def test_cli_validate_exits_2_with_the_problems(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(GOOD.replace("severity: error", "severity: fatal"), encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "validate", str(path)])
    assert result.exit_code == 2
    assert f"{path}:4 ▸ XX-T001 ▸ severity" in result.output


def test_builtin_library_examples_pass():
    result = CliRunner().invoke(main, ["rules", "test"])
    assert result.exit_code == 0, result.output
    assert " 0 failed" in result.output


# -- mistakes that used to pass validation and fail (or pass silently) when run ------------------
@pytest.mark.parametrize(
    ("assertion", "words"),
    [
        # 表6's columns are 合计/人员经费/公用经费 (parsing/tables/templates.py).
        ('table(6).total["公用经废"] > 0', "表6 没有列“公用经废”（是否应为 公用经费？）"),
        ('sum(table(3).rows(level="class")["合记"]) > 0', "表3 没有列“合记”（是否应为 合计？）"),
        ('count(table(5).rows(level="klass")) > 0', "未知的行级别"),
        ('count(table(5).rows(levle="class")) > 0', "不接受参数 levle（是否应为 level？）"),
        ('summ(table(3).rows(level="class")["合计"]) > 0', "未知的函数 summ（是否应为 sum？）"),
        ('table(3).totl["合计"] > 0', "未知的属性 totl（是否应为 total？）"),
    ],
)
def test_typos_are_caught_when_the_rule_loads_with_a_suggestion(tmp_path, assertion, words):
    text = GOOD.replace(
        "'table(3).total[\"合计\"] == sum(table(3).rows(level=\"class\")[\"合计\"])'", repr(assertion).replace('"', '"')
    )
    found = problems(tmp_path, text)
    assert any(words in p for p in found), found
    assert found[0].startswith(f"{tmp_path / 'r.yaml'}:7 ▸ XX-T001 ▸ assert:"), found


def test_column_of_it_is_checked_through_for_each(tmp_path):
    text = GOOD.replace(
        "    assert:", "    for_each: 'table(5).rows(level=\"class\")'\n    assert:"
    ).replace("'table(3).total[\"合计\"] == sum(table(3).rows(level=\"class\")[\"合计\"])'", "'it[\"基本之出\"] >= 0'")
    found = problems(tmp_path, text)
    assert any("表5 没有列“基本之出”（是否应为 基本支出？）" in p for p in found), found


def test_values_may_use_earlier_values_but_not_later_ones(tmp_path):
    earlier = GOOD.replace(
        "    assert:", "    values:\n      a: 'table(6).total[\"合计\"]'\n      b: 'a * 2'\n    assert:"
    ).replace("'table(3).total[\"合计\"] == sum(table(3).rows(level=\"class\")[\"合计\"])'", "'b >= a'")
    ruleset, _ = load(tmp_path, earlier)
    assert list(ruleset.rules[0].values) == ["a", "b"]
    later = earlier.replace("a: 'table(6).total[\"合计\"]'", "a: 'b / 2'").replace("b: 'a * 2'", "b: 'table(6).total[\"合计\"]'")
    found = problems(tmp_path, later)
    assert any("values.a" in p and "后面才定义的值 b" in p for p in found), found


def test_values_using_earlier_values_evaluate_in_order():
    from auditor.engine.runner import run_rules
    from auditor.parsing import parse_text

    document = parse_text(
        "第二部分 公开表\n表 6\n一般公共预算基本支出情况表\n编制部门：某局\t单位：万元\n"
        "类\t款\t名称\t合计\t人员经费\t公用经费\n\t\t总计\t100.00\t90.00\t10.00\n",
        path="t.txt",
    )
    rule_text = GOOD.replace(
        "    assert:", "    values:\n      a: 'table(6).total[\"公用经费\"]'\n      b: 'a * 2'\n    assert:"
    ).replace("'table(3).total[\"合计\"] == sum(table(3).rows(level=\"class\")[\"合计\"])'", "'b == 21'")
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.yaml"
        path.write_text(rule_text, encoding="utf-8")
        ruleset = load_rules([path], builtin=False)
    result = run_rules(ruleset, document)
    # 公用经费 10.00 × 2 = 20.00, not 21: the rule fires, without a rule error.
    assert result.errors == []
    assert [f.stated for f in result.findings] == ["20.00"]


def test_id_clash_with_a_builtin_rule_is_a_validate_error(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(GOOD.replace("XX-T001", "BD-T001"), encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "validate", str(path)])
    assert result.exit_code == 2
    assert "BD-T001" in result.output and "编号重复" in result.output


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("rules:\n  - id: XX-T001\n    title: a: b\n", 3, "此处不能出现“键: 值”"),
        ("rules:\n  - id: XX-T001\n    title: [a\n", 4, "方括号列表没有闭合"),
        ("rules:\n  - id: XX-T001\n\ttitle: a\n", 3, "制表符"),
    ],
)
def test_yaml_syntax_errors_are_in_chinese_with_file_and_line(tmp_path, text, line, words):
    found = problems(tmp_path, text)
    assert found[0].startswith(f"{tmp_path / 'r.yaml'}:{line} ▸"), found
    assert words in found[0]
