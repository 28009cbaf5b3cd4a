"""部门决算: the Shanghai-template fixture is silent, and each planted defect is found where it was planted.

Run twice: with no template named (the 决算 is recognised by its title) and
with ``shanghai-final`` named, as a user would with --template.
"""

from __future__ import annotations

import pytest
from fixtures_final import DEFECTS, final_text

from auditor.engine.config import Config
from auditor.engine.loader import load_rules
from auditor.engine.runner import run_rules
from auditor.final.template import load_final_template
from auditor.parsing import parse_text
from auditor.template.load import load_template

RULES = load_rules()
TEMPLATES = [None, "shanghai-final"]


def audit(text: str, template: str | None = None):
    return run_rules(RULES, parse_text(text, "示例局2024年度部门决算.txt", template), Config()).findings


@pytest.mark.parametrize("template", TEMPLATES)
def test_clean_fixture_is_silent(template):
    # Every identity of the template holds in the fixture and every sentence agrees with the tables
    # (the arithmetic is written next to each figure in tests/fixtures_final.py).
    assert [(f.rule_id, f.line, f.message) for f in audit(final_text(), template)] == []


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("name", sorted(DEFECTS))
def test_planted_defect_is_found_where_it_was_planted(name, template):
    planted = DEFECTS[name]()
    findings = audit(planted.text, template)
    hits = [f for f in findings if f.rule_id == planted.rule and f.line <= planted.end_line and f.end_line >= planted.line]
    assert hits, (name, planted.line, [(f.rule_id, f.line, f.message) for f in findings])


def test_planted_defects_are_reported_with_their_figures():
    # The 占比 defect: 350.00 ÷ 440.00 = 79.55%, the text says 75.95%.
    planted = DEFECTS["share"]()
    (finding,) = [f for f in audit(planted.text) if f.rule_id == "BD-JS011"]
    assert (finding.stated, finding.expected) == ("75.95%", "79.55%")
    # The 完成年初预算 defect: 440.00 ÷ 450.00 = 97.78%.
    planted = DEFECTS["completion_total"]()
    (finding,) = [f for f in audit(planted.text) if f.rule_id == "BD-JS010"]
    assert (finding.stated, finding.expected) == ("97.87%", "97.78%")


def test_rounded_shares_are_intervals_not_tolerances():
    # 1.00 and 3.00 are themselves rounded: the true share lies in [0.995/3.005, 1.005/2.995]
    # = [33.11%, 33.56%]. A stated share is right when its own rounding interval meets that one:
    # 33.33% and 33.5% and 33% ([32.5%, 33.5%]) are; 33.7% and 30% are not.
    head = "某局2024年度部门决算\n第三部分 2024年度部门决算情况说明\n二、收入决算情况说明\n"
    for share, wrong in (("33.33", False), ("33.5", False), ("33", False), ("33.7", True), ("30", True)):
        text = head + f"本年收入合计3.00万元，其中：财政拨款收入1.00万元，占{share}%；其他收入2.00万元，占66.67%。\n"
        found = [f for f in audit(text) if f.rule_id == "BD-JS011"]
        assert bool(found) is wrong, share


def test_final_templates_load_in_both_formats():
    for name in ("shanghai-final", "national-final"):
        shared = load_template(name)  # the template mechanism's file (rules/templates/NAME.yaml)
        data = load_final_template(name)  # the 决算 check data (rules/templates/final/NAME.yaml)
        assert [t.number for t in shared.tables] == list(range(1, 10))
        assert {t.title for t in data.tables} <= {t.title for t in shared.tables} | {t.title for t in data.tables}
        three = next(t for t in data.tables if t.key == "three_public")
        assert three.number == (7 if name == "shanghai-final" else 9)
        assert next(t for t in shared.tables if t.kind == "final_three_public").number == three.number


def test_central_order_is_read_with_national_final_and_is_silent():
    from fixtures_final import national_lines

    from auditor.final.view import final_view

    document = parse_text("\n".join(national_lines()) + "\n", "某某部2024年度部门决算.txt")
    assert document.template.name == "national-final"
    view = final_view(document)
    # The 三公 table is the ninth, after 政府性基金 and 国有资本经营 (docs/templates.md §2.1).
    assert [t.spec.key for t in view.tables][-3:] == ["fund", "state_capital", "three_public"]
    assert view.by_key["three_public"].spec.number == 9
    assert [(f.rule_id, f.line, f.message) for f in run_rules(RULES, document, Config()).findings] == []


# -- properties: a correctly rounded rate is never reported --------------------------
from decimal import ROUND_HALF_UP, Decimal  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

cents = st.integers(min_value=1, max_value=10_000_000)
HEAD = "某局2024年度部门决算\n第三部分 2024年度部门决算情况说明\n五、一般公共预算财政拨款支出决算情况说明\n"


def _pct(part: int, base: int, places: str) -> str:
    return str((Decimal(part) / Decimal(base) * 100).quantize(Decimal(places), rounding=ROUND_HALF_UP))


@settings(max_examples=60, deadline=None)
@given(cents, cents, st.sampled_from(["0.01", "0.1"]))
def test_a_correct_completion_rate_is_silent_and_a_far_one_is_found(budget, spent, places):
    rate = _pct(spent, budget, places)
    sentence = f"年初预算为{Decimal(budget) / 100:.2f}万元，支出决算为{Decimal(spent) / 100:.2f}万元，完成年初预算的{rate}%。\n"
    assert [f for f in audit(HEAD + sentence) if f.rule_id == "BD-JS010"] == []
    # Ten points off: the rounding of the two amounts (±0.005 万元 each) moves the ratio by at most
    # rate × (0.005/budget + 0.005/spent), under 0.01 × rate when both are at least 1 万元 — and under
    # five points when, besides, the rate is below 500%. Small amounts can legitimately hide more.
    if budget >= 100 and spent >= 100 and spent < 5 * budget:
        wrong = str(Decimal(rate) + 10)
        text = HEAD + sentence.replace(f"的{rate}%", f"的{wrong}%")
        assert [f.rule_id for f in audit(text) if f.rule_id == "BD-JS010"] == ["BD-JS010"]
