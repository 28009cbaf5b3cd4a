"""Bounded fuzzing (hypothesis, deterministic profile): templates, expressions, documents.

The properties are the tool's promises on any input: only its own errors
(Chinese messages) come out, never another exception; rendered messages stay
bounded; a document never causes an internal error.
"""

from __future__ import annotations

import contextlib
import json
import os
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.engine.evaluate import Budget, Evaluator
from auditor.engine.expression import ExpressionSyntaxError, compile_expression
from auditor.engine.message_format import MAX_MESSAGE, check_template, render
from auditor.engine.static import check_names
from auditor.engine.views import ExpressionError, NotEvaluable
from auditor.quantity import Quantity
from tests.hostile.harness import CANARY, JIASHI

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TEMPLATE_PIECES = st.sampled_from(
    ["{", "}", "{{", "}}", "line", "stated", "x", "rows", "environ", ":", ".", "[0]", "!r", ">", "<", "^",
     "40", "41", "1000000000", ".2f", ".1%", ".500f", "__class__", "文字", " ", "f", "%", ",", "_"]
)


@FAST
@given(st.lists(TEMPLATE_PIECES, max_size=16).map("".join))
def test_any_template_is_either_refused_or_rendered_bounded(template):
    os.environ["AUDITOR_CANARY_SECRET"] = CANARY
    problem = check_template(template, {"x", "rows", "environ"})
    assert problem is None or isinstance(problem, str)
    values = {
        "line": 12,
        "stated": Quantity.parse("625.99"),
        "x": Quantity.parse("9" * 40 + ".5"),
        "rows": [Quantity.parse("1.00")] * 100_000,
        "environ": os.environ,  # an object that must never be walked or printed
    }
    shown = render(template, values)
    assert len(shown) <= MAX_MESSAGE
    assert CANARY not in shown


EXPRESSION_PIECES = st.sampled_from(
    ["table(1)", "table(3)", "table()", ".rows", ".total", ".children", '["合计"]', "[0]", "count(", "sum(",
     "contains(", ")", "(", "[", "]", ",", "+", "-", "*", "/", "<", "==", "and", "or", "not", "it", "1",
     "0", "12345678901234567890123456789012", "5%", '"208"', "x=1", "true", "section(3)", ".paragraphs"]
)


@pytest.fixture(scope="module")
def document():
    from auditor.parsing import parse_file

    return parse_file(JIASHI)


@FAST
@given(st.lists(EXPRESSION_PIECES, min_size=1, max_size=14).map(" ".join))
def test_any_expression_fails_only_with_the_tools_own_errors(document, source):
    try:
        expression = compile_expression(source)
    except ExpressionSyntaxError:
        return
    if check_names(expression.tree, {"it"}):
        return
    with contextlib.suppress(ExpressionError, NotEvaluable):
        Evaluator(document, {"it": Quantity.exact(Decimal(1))}, Budget()).evaluate(expression.tree)


HOSTILE_LINES = st.sampled_from(
    ["第三部分 说明", "一、", "(一)", "表3", "合计\t1.00\t2.00", "208\t05\t01\t名\t1" + "0" * 30 + ".00\t1.00",
     "\x1b[2J\x1b]0;t\x07", "\u202e\u2066\u200b\ufeff", "收入预算 99999999999999999999999999999999.43 万元。",
     "比上年预算增加 1e999 万元", "社会保障和就业支出(类)" * 20, "占 621%", "\x00", "—" * 300, "（" * 200,
     "主要原因是" + "，" * 300]
)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 10_000), HOSTILE_LINES), min_size=1, max_size=6))
def test_any_document_is_audited_without_internal_error(tmp_path, insertions):
    from auditor.audit import AuditOptions, audit_file
    from auditor.report.json_report import render_json

    lines = JIASHI.read_text(encoding="utf-8").split("\n")
    for at, text in insertions:
        lines.insert(at % (len(lines) + 1), text)
    path = tmp_path / "fuzz.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = audit_file(Path(path), _rules(), AuditOptions())
    assert result.error is None or "内部错误" not in result.error, result.error
    from auditor.audit import AuditReport

    text = render_json(AuditReport([result], _rules()))
    assert "\x1b" not in text and "\u202e" not in text
    json.loads(text)


_RULES: list = []


def _rules():
    from auditor.engine import load_rules

    if not _RULES:
        _RULES.append(load_rules())
    return _RULES[0]
