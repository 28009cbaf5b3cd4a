"""Findings do not depend on how the text is laid out, only on what it says."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from conftest import SAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.engine import load_rules, run_rules
from auditor.parsing import parse_text

RULES = load_rules()
SLOW = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def verdicts(text: str) -> list[tuple]:
    """What was found, without line numbers (insertions move lines)."""
    findings = run_rules(RULES, parse_text(text, path="x.txt")).findings
    return sorted((f.rule_id, f.stated or "", f.expected or "", f.table or 0) for f in findings)


TEXTS = {name: SAMPLES[name].read_text(encoding="utf-8") for name in ("jiashi", "kizilsu", "kashgar")}
BASE = {name: verdicts(text) for name, text in TEXTS.items()}
FIGURE = re.compile(r"(?<![\d.])(\d+\.\d{2})(?![\d.%])")


@SLOW
@given(st.sampled_from(sorted(TEXTS)), st.lists(st.floats(0, 1), min_size=1, max_size=5))
def test_page_footers_anywhere_change_nothing(name, places):
    lines = TEXTS[name].split("\n")
    for where in places:
        index = int(where * (len(lines) - 1))
        lines.insert(index, f"- {10 + index % 50} -")
    assert verdicts("\n".join(lines)) == BASE[name]


@SLOW
@given(st.sampled_from(sorted(TEXTS)))
def test_full_width_and_half_width_punctuation_are_the_same(name):
    text = TEXTS[name]
    swapped = text.translate(str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")"}))
    widened = swapped.translate(str.maketrans({",": "，", ":": "：", ";": "；"}))
    assert verdicts(swapped) == BASE[name]
    assert verdicts(widened) == BASE[name]


def _table_figures(text: str, start: str, stop: str) -> list[tuple[int, re.Match]]:
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.strip() == start)
    last = next(i for i, line in enumerate(lines) if i > first and stop in line)
    return [(i, m) for i in range(first, last) for m in FIGURE.finditer(lines[i])]


KIZILSU_FIGURES = _table_figures(TEXTS["kizilsu"], "表 3", "第三部分")


def _table3(exact: list[int]) -> str:
    """A 表3 whose figures are exact values (in thousandths of 万元) printed to two decimals."""

    def shown(thousandths: int) -> str:
        return str((Decimal(thousandths) / 1000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))

    rows = [f"210\t\t\t卫生健康支出\t{shown(sum(exact))}\t{shown(sum(exact))}\t",
            f"210\t11\t\t行政事业单位医疗\t{shown(sum(exact))}\t{shown(sum(exact))}\t"]
    rows += [f"210\t11\t{i + 1:02d}\t项{i + 1}\t{shown(v)}\t{shown(v)}\t" for i, v in enumerate(exact)]
    total = shown(sum(exact))
    header = "第二部分 公开表\n表 3\n部门支出总体情况表\n编制部门：某局\t单位：万元\n类\t款\t项\t名称\t合计\t基本支出\t项目支出\n"
    return header + f"\t\t\t总计\t{total}\t{total}\t\n" + "\n".join(rows) + "\n"


TABLE_RULES = ("BD-T001", "BD-T002")


def _table_findings(text: str) -> list[str]:
    return [f.rule_id for f in run_rules(RULES, parse_text(text)).findings if f.rule_id in TABLE_RULES]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=5_000_000), min_size=1, max_size=8),
    st.lists(st.integers(min_value=-4, max_value=4), min_size=8, max_size=8),
)
def test_moving_amounts_inside_their_rounding_interval_changes_nothing(exact, moves):
    # Every printed figure is the rounding of an exact value; moving the exact values by less
    # than half a cent moves nothing the reader can see beyond rounding, so nothing is reported.
    moved = [max(0, v + m) for v, m in zip(exact, moves, strict=False)]
    assert _table_findings(_table3(exact)) == []
    assert _table_findings(_table3(moved)) == []


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=5_000_000), min_size=2, max_size=8),
       st.integers(min_value=0, max_value=7), st.integers(min_value=100, max_value=100_000))
def test_moving_one_printed_amount_well_outside_is_found(exact, which, jump):
    # 0.10 or more: beyond what rounding of up to eight 项 and their total can explain (8 × 0.005 twice).
    text = _table3(exact)
    lines = text.split("\n")
    index = 8 + which % len(exact)  # one of the 项 rows
    cells = lines[index].split("\t")
    bumped = str(Decimal(cells[4]) + Decimal(jump) / 1000)
    cells[4] = cells[5] = f"{Decimal(bumped):.2f}"
    lines[index] = "\t".join(cells)
    assert _table_findings("\n".join(lines))


@SLOW
@given(st.sampled_from(range(len(KIZILSU_FIGURES))), st.sampled_from(["1.00", "-0.50", "12.34"]))
def test_moving_a_figure_well_outside_changes_something(pick, delta):
    index, match = KIZILSU_FIGURES[pick]
    if Decimal(match.group(1)) + Decimal(delta) < 0:
        return
    lines = TEXTS["kizilsu"].split("\n")
    moved = f"{Decimal(match.group(1)) + Decimal(delta):.2f}"
    lines[index] = lines[index][: match.start(1)] + moved + lines[index][match.end(1):]
    assert verdicts("\n".join(lines)) != BASE["kizilsu"]
