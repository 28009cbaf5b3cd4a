"""A placeholder or a doubled word inserted anywhere in 第三部分 is found at that line."""

from __future__ import annotations

from conftest import SAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.engine import Config, load_rules, run_rules
from auditor.parsing import parse_text

RULES = load_rules()
CONFIG = Config(select=["BD-D001", "BD-D002"])
LINES = SAMPLES["kizilsu"].read_text(encoding="utf-8").split("\n")
# Narrative lines of 第三部分 (lines 397-609 hold its paragraphs), long enough to insert into.
CANDIDATES = [i for i in range(396, 609) if len(LINES[i]) > 30 and "\t" not in LINES[i]]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(CANDIDATES), st.floats(0.2, 0.8), st.sampled_from(["XX", "××", "待填写", "预算预算", "财政拨款财政拨款"]))
def test_inserted_defect_is_found_at_its_line(index, where, defect):
    lines = list(LINES)
    text = lines[index]
    cut = int(len(text) * where)
    lines[index] = text[:cut] + defect + text[cut:]
    findings = run_rules(RULES, parse_text("\n".join(lines)), CONFIG).findings
    assert any(f.line <= index + 1 <= f.end_line for f in findings), (index + 1, defect)


def test_han_character_is_a_chinese_character_and_nothing_of_ascii_or_punctuation() -> None:
    """HAN_CHARACTER stands in for [\\u4e00-\\u9fff] in the patterns (it compiles ~50× faster):
    every character of that block matches, no ASCII character and no Chinese punctuation does."""
    import re

    from auditor.reading.normalize import HAN_CHARACTER

    han = re.compile(HAN_CHARACTER)
    assert all(han.fullmatch(chr(code)) for code in range(0x4E00, 0xA000))
    assert not any(han.fullmatch(chr(code)) for code in range(0x80))
    assert not any(han.fullmatch(c) for c in "。，、；：？！“”‘’（）【】《》〔〕…—·％　")
