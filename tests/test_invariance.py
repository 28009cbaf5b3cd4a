"""Findings do not depend on how the text is laid out, only on what it says."""

from __future__ import annotations

import re
from decimal import Decimal

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


@SLOW
@given(st.sampled_from(range(len(KIZILSU_FIGURES))), st.sampled_from(["-0.004", "0.004", "0.0049", "-0.005"]))
def test_moving_a_figure_inside_its_rounding_interval_changes_nothing(pick, delta):
    index, match = KIZILSU_FIGURES[pick]
    lines = TEXTS["kizilsu"].split("\n")
    moved = f"{Decimal(match.group(1)) + Decimal(delta):.4f}"
    lines[index] = lines[index][: match.start(1)] + moved + lines[index][match.end(1):]
    assert verdicts("\n".join(lines)) == BASE["kizilsu"]


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
