"""The performance-table reader never raises, whatever lines it is given."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.model import PerformanceTable
from auditor.parsing.performance import parse_performance_table

# Words the reader reacts to, so that random lines reach its row logic and do
# not all fall through as unreadable text.
WORDS = [
    "部门整体绩效目标表", "项目支出绩效目标表", "项目名称", "项目负责人", "年度预算总额:", "其中:财政拨款",
    "其他资金", "项目总体目标", "部门名称(盖章)", "部门联系人", "年度绩效目标", "上级安排", "本级安排", "其他",
    "一级指标", "二级指标", "三级指标", "指标值", "指标分值权重", "分值权重", "佐证资料", "一级", "指标",
    "产出指标", "数量指标", "满意度指", "标", "经济成本", "计划标准", "预算支出", "标准", "按照完成", "比例赋分",
    "按评判等", "级赋分", "满意度赋分", "直接赋分", "工作资料", "原始凭证,", "说明材料", ">=95%", "<=10.7",
    "2 万元", "=0 人", "有效减", "轻", "30", "10", "5", "100", "0", "- 16 -", "(2025 年)", "\t", "", " ",
]

line_text = st.lists(st.sampled_from(WORDS) | st.text(max_size=8), max_size=8).map(
    lambda parts: " ".join(parts)
)


@st.composite
def regions(draw) -> list[tuple[int, str]]:
    texts = draw(st.lists(line_text, max_size=40))
    gaps = draw(st.lists(st.integers(1, 4), min_size=len(texts), max_size=len(texts)))
    number, lines = 0, []
    for gap, text in zip(gaps, texts, strict=True):
        number += gap
        lines.append((number, text))
    return lines


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(regions(), st.sampled_from(["tabbed", "flattened", "pdf"]))
def test_never_raises_on_well_numbered_lines(lines, rendering) -> None:
    table, notes = parse_performance_table(lines, rendering)
    assert isinstance(table, PerformanceTable)
    # The internal-error fallback must not be what kept it from raising.
    assert not [n for n in notes if n.code == "performance-parse-failed"]
    for indicator in table.indicators:
        assert table.span.line <= indicator.span.line <= indicator.span.end_line <= table.span.end_line
        assert indicator.weight is None or 0 < indicator.weight.value <= 100


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(-5, 10**6), st.text(max_size=30)), max_size=30), st.text(max_size=10))
def test_never_raises_on_arbitrary_lines(lines, rendering) -> None:
    table, notes = parse_performance_table(lines, rendering)
    assert isinstance(table, PerformanceTable)
    assert all(n.message for n in notes)
