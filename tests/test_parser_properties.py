"""The parser is total: it returns a Document for any text."""

from __future__ import annotations

from conftest import SAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.parsing import parse_text

SAMPLE_LINES = {name: path.read_text(encoding="utf-8").split("\n") for name, path in SAMPLES.items()}
FRAGMENTS = st.sampled_from(
    ["第一部分 概况", "第三部分", "表 3", "一、", "(一)", "1、", "(1)", "合计 1.00 2.00", "目 录",
     "210 15 01 行政运行 1.00", "项目支出绩效目标表", "备注:", "\t", "  ", "万元", "%", "编制部门:某局 单位:万元"]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(max_size=40), FRAGMENTS), max_size=40))
def test_arbitrary_text_never_raises(pieces):
    document = parse_text("\n".join(pieces))
    assert document.source.line_count >= 1


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(SAMPLE_LINES)),
    st.lists(st.tuples(st.sampled_from(["delete", "duplicate", "wrap"]), st.floats(0, 1)), max_size=12),
)
def test_mangled_samples_never_raise(name, edits):
    lines = list(SAMPLE_LINES[name])
    for action, where in edits:
        index = int(where * (len(lines) - 1))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        else:
            text = lines[index]
            lines[index : index + 1] = [text[: len(text) // 2], text[len(text) // 2 :]]
    document = parse_text("\n".join(lines))
    # A final line break does not start another line.
    assert document.source.line_count in (len(lines), len(lines) - 1)
