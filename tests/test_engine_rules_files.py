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
        "    check: indicator_weights\n    params: {totals: 90, colour: red}",
    )
    found = problems(tmp_path, text)
    assert any("params.colour" in p for p in found) and any("params.totals" in p and "类型错误" in p for p in found)


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
