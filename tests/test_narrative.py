"""claims(), paragraphs() and matches() in expressions, on the Xinjiang base fixture.

The base document (tests/fixtures/xinjiang/base.txt) has figures chosen so that every
relation holds: 表3 合计 100.00 = 基本支出 80.00 + 项目支出 20.00; section 三 says
基本支出 80.00 万元 占 80.00%; section 十 says 三公 2.00 万元, 比上年减少 0.50 万元, 下降 20.00%
(0.50 ÷ 2.50); the unit performance table's weights are 45 + 45 = 90.
"""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.engine.evaluate import Evaluator
from auditor.engine.expression import compile_expression
from auditor.engine.narrative import pattern_problem
from auditor.engine.views import ExpressionError
from auditor.parsing import parse_file, parse_text
from auditor.quantity import Truth

BASE = Path(__file__).resolve().parent / "fixtures" / "xinjiang" / "base.txt"


@pytest.fixture(scope="module")
def base():
    return parse_file(BASE)


def value(document, source: str):
    return Evaluator(document).evaluate(compile_expression(source).tree)


def test_claims_by_kind_and_section(base):
    shares = value(base, 'claims(section=3, kind="share")')
    assert [c.attribute("subject") for c in shares] == ["基本支出", "项目支出"]
    first = shares[0]
    assert first.attribute("value").value == Decimal("0.8")
    assert first.attribute("of").value == Decimal("100")  # the 支出预算 that opens the list
    assert first.attribute("table_value").value == Decimal("80")  # 表3 总计〔基本支出〕
    assert first.attribute("line").value == 40
    assert "基本支出 80.00 万元" in first.attribute("text")


def test_change_and_rate_are_signed_and_previous_is_last_year(base):
    (rate,) = value(base, 'claims(section=10, kind="rate")')
    assert rate.attribute("value").value == Decimal("-0.2")  # 下降
    assert rate.attribute("change").value == Decimal("-0.5")  # 减少
    assert rate.attribute("of").value == Decimal("2.5")  # 2.00 + 0.50
    assert value(base, 'count(claims(section=10, kind="amount"))').value == 5  # total + four items


def test_paragraphs_and_matches_with_named_groups_and_lines(base):
    assert value(base, 'count(paragraphs(section=10))').value == 1
    found = value(base, 'matches(paragraphs(section=3)[0].text, "占\\s*(?P<share>[0-9.]+%)")')
    assert [m.group("share").format() for m in found] == ["80.00%", "20.00%"]
    assert found[0].attribute("line").value == 40
    second = 'matches(paragraphs(section=3)[0].text, "占\\s*(?P<share>[0-9.]+%)")[1]["share"]'
    assert value(base, second + " == 20%") is not Truth.FALSE  # 20.00% stands for [19.995%, 20.005%]
    assert value(base, second + " == 25%") is Truth.FALSE


def test_a_group_that_is_not_a_number_is_text(base):
    found = value(base, 'matches(paragraphs(section=10)[0].text, "(?P<who>公务接待费)")')
    assert found[0].group("who") == "公务接待费"
    with pytest.raises(ExpressionError):
        found[0].group("missing")


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("(a+)+b", "长度可变"),
        ("(a|ab)*c", "长度可变"),
        ("(xy|yx)+z", "长度可变"),  # alternation under + is refused even when widths agree
        ("a*a*a*b", "太多"),
        ("a*b*c*d", None),  # each repeat stops where the next letter starts: accepted
        ("a?" * 20 + "a" * 20, "太多"),  # 2^20 ways to place 20 optional a's: exponential
        (r"(\d{1,3}){1,5}", "长度可变"),
        ("x" * 201, "模式过长"),
        (r"(a)\1", "反向引用"),
        ("(?=a*a*a*c)x", "太多"),  # a lookahead's repeats count too
        ("[unclosed", "写法有误"),
    ],
)
def test_patterns_that_could_hang_are_refused(pattern, words):
    problem = pattern_problem(pattern)
    if words is None:
        assert problem is None
    else:
        assert problem is not None and words in problem


def test_allowed_patterns_on_hostile_text_finish_quickly():
    # Two unbounded repeats are allowed; the text is cut into 200-character sentences, so the
    # quadratic backtracking of a*a*b over 20,000 a's stays bounded.
    document = parse_text("第三部分 说明\n十、说明\n" + "a" * 20_000 + "\n", path="h.txt")
    started = time.perf_counter()
    found = value(document, 'matches(paragraphs()[0].text, "a*a*b")')
    assert found == []
    assert time.perf_counter() - started < 5


def test_pattern_problems_are_load_errors(tmp_path):
    rules = tmp_path / "r.yaml"
    rules.write_text(
        "rules:\n  - id: MY-M001\n    title: t\n    severity: error\n    message: m\n    rationale: 测试用的规则。\n"
        "    for_each: 'paragraphs()'\n    assert: 'count(matches(it.text, \"(a+)+\")) == 0'\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["rules", "validate", str(rules)])
    assert result.exit_code == 2 and "长度可变" in result.output and "r.yaml:8" in result.output


def test_weights_total_comes_from_the_config(tmp_path):
    from test_rule_fixtures import guide_rules

    (tmp_path / "guide.yaml").write_text(next(b for b in guide_rules() if "MY-N003" in b), encoding="utf-8")
    config = tmp_path / "auditor.toml"
    config.write_text('select = ["MY-N003"]\n\n[params.MY-N003]\ntotals = [100]\n', encoding="utf-8")
    args = ["audit", str(BASE), "--rules", str(tmp_path / "guide.yaml"), "--config", str(config)]
    result = CliRunner().invoke(main, args)
    # 45 + 45 = 90 is not the configured total 100.
    assert result.exit_code == 1, result.output
    assert "MY-N003" in result.output and "应为 100" in result.output
    config.write_text('select = ["MY-N003"]\n\n[params.MY-N003]\ntotal = [100]\n', encoding="utf-8")
    misspelt = CliRunner().invoke(main, args)
    assert misspelt.exit_code == 2 and f"{config}:4" in misspelt.output and "是否应为 totals" in misspelt.output


@pytest.mark.parametrize(
    "pattern",
    ["a*a*b", r"\s*\s*x", r".*.*x", r"\d*\d*x", r"\s*(?:年)?\s*与", r"[a-z]*a*b", "(?:a|b)?a*a*c", r"a*.*x",
     r"截至\s*(20\d{2})\s*年\s*(?:底|末|12\s*月\s*31\s*日)", r"资金执行时间\s*:\s*([^。]*)"],
)
def test_every_accepted_pattern_is_fast_on_hostile_sentences(pattern):
    # The worst texts for backtracking: one character repeated, or two alternating, with no match
    # at the end; a sentence is at most CHUNK characters.
    import re

    from auditor.engine.narrative import CHUNK

    assert pattern_problem(pattern) is None
    compiled = re.compile(pattern)
    for text in ("a" * CHUNK, "1" * CHUNK, " " * CHUNK, "ab" * (CHUNK // 2), "." * CHUNK, "截至 " * (CHUNK // 3)):
        started = time.perf_counter()
        compiled.search(text)
        assert time.perf_counter() - started < 0.5, (pattern, text[:10])


@pytest.mark.parametrize("pattern", [r".*.*.*x", r"\d*\d*\d*x", "a*a*a?b"])
def test_three_ambiguous_repeats_are_refused(pattern):
    assert "太多" in pattern_problem(pattern)
