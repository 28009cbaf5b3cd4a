"""Performance target tables (绩效目标表) of the five samples.

Every expectation below was taken by reading the sample files line by line:
names as printed (wrapped lines joined, the converter's spaces between digits
and Chinese dropped), 年度预算总额 as printed, and each indicator's 分值权重 in
printed order. In every table of these samples the weights add up to 90: the
remaining 10 of the 100 points go to the budget execution rate (预算执行率).
The sums are written out in the comments as checked by hand.

The tables are cut out of the files by line number (title line up to the line
before the next title / (五) heading), so these tests exercise the table
reader alone; ``test_documents_find_every_table`` checks the whole pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from conftest import SAMPLES

from auditor.parsing.performance import parse_performance_table
from auditor.quantity import Quantity
from auditor.reading import read_source


@dataclass(frozen=True)
class Expected:
    title: int  # line of the table's title
    stop: int  # first line after the table (next title or the (五) heading)
    kind: str
    name: str
    total: str  # project: 年度预算总额; unit: 上级安排 + 本级安排 + 其他
    weights: tuple[int, ...]


EXPECTED: dict[str, list[Expected]] = {
    "kashgar": [
        # 上级安排 5.26 + 本级安排 483.86 + 其他 0.00 (lines 1667-1671); 6 × 15 = 90.
        Expected(1623, 1751, "unit", "新疆维吾尔自治区喀什地区喀什市医疗保障局", "489.12", (15, 15, 15, 15, 15, 15)),
        # 4+3+3+4+3+3 (数量) + 5+5 (质量) + 5+5 (时效) + 11+9 (成本) + 6+6+8 (效益) + 10 = 90.
        Expected(1751, 2073, "project", "2025年全民参保及医疗服务经费项目", "5.26",
                 (4, 3, 3, 4, 3, 3, 5, 5, 5, 5, 11, 9, 6, 6, 8, 10)),
        # 10+10+5+5+10 + 8+12 + 5+10+5 + 10 = 90.
        Expected(2073, 2264, "project", "2025年人员补助项目", "37.32", (10, 10, 5, 5, 10, 8, 12, 5, 10, 5, 10)),
        # 6+8+6 + 5+10 + 5 + 5+5+10 + 7+7+6 + 10 = 90.
        Expected(2264, 2483, "project", "2025年单位运转项目", "2.00", (6, 8, 6, 5, 10, 5, 5, 5, 10, 7, 7, 6, 10)),
    ],
    "akto": [
        # 3.00 + 622.67 + 0.31 (lines 579-581); 15+20+25+17+13 = 90.
        Expected(571, 589, "unit", "阿克陶县医疗保障局", "625.98", (15, 20, 25, 17, 13)),
        # 10+10+10+5+5 + 6+7+7 + 10+10 + 10 = 90.
        Expected(589, 610, "project", "2025年访惠聚驻村工作队第一书记为民办实事经费", "2.00",
                 (10, 10, 10, 5, 5, 6, 7, 7, 10, 10, 10)),
        # Same weights; this table's header row has no 指标赋分规则 cell (line 618)
        # and each rule shares its cell with the 佐证资料 ("按照完成比例赋分 工作资料").
        Expected(610, 631, "project", "2025年自治区财政全民参保及医疗保障服务项目补助资金", "3.00",
                 (10, 10, 10, 5, 5, 6, 7, 7, 10, 10, 10)),
    ],
    "jiashi": [
        # 3.53 + 277.3 + 0.00 (lines 1244-1251); 20+10+20+20+10+10 = 90.
        Expected(1204, 1363, "unit", "伽师县医疗保障局", "280.83", (20, 10, 20, 20, 10, 10)),
        # 20+10+10 + 5+5+10 + 20 + 10 = 90; the lone "30" at line 1625 is a page number.
        Expected(1363, 1650, "project", "伽师县医疗保障局全民参保及医疗服务经费项目", "3.53",
                 (20, 10, 10, 5, 5, 10, 20, 10)),
    ],
    "shanshan": [
        # 18.12 + 1318.91 + 2.82 (lines 1518-1522); 10+10+15+15+10+10+10+10 = 90.
        Expected(1486, 1596, "unit", "鄯善县医疗保障局", "1339.85", (10, 10, 15, 15, 10, 10, 10, 10)),
        # 8×5 + 20 + 10+10 + 10 = 90.
        Expected(1596, 1803, "project", "全民人身意外伤害保险", "80.00", (8, 8, 8, 8, 8, 20, 10, 10, 10)),
        # 6+6+6+6 + 6 (直接赋分) + 5 + 10+10+10 + 10 + 15 = 90.
        Expected(1803, 1985, "project", "2024年医保综合业务经费", "10.00", (6, 6, 6, 6, 6, 5, 10, 10, 10, 10, 15)),
        # The name wraps over lines 1992 and 1994; 5+5 + 5+5+5 + 5+10 + 20 + 20 + 10 = 90.
        Expected(1985, 2196, "project", "城乡居民基本医疗保险县财政补助资金(三保)", "864.40",
                 (5, 5, 5, 5, 5, 5, 10, 20, 20, 10)),
        # 10 + 10+10 + 10 + 20 + 10 + 10 + 10 = 90.
        Expected(2196, 2375, "project", "离休人员医疗费", "40.00", (10, 10, 10, 10, 20, 10, 10, 10)),
        # 10+10 + 10 + 10 + 20 + 20 + 10 = 90; 其中财政拨款 0.00, 其他资金 2.82.
        Expected(2375, 2529, "project", "单位自有资金", "2.82", (10, 10, 10, 10, 20, 20, 10)),
    ],
    "kizilsu": [
        # 87.00 + 909.43 + 0.00 (lines 623-625); 25+25+25+15 = 90.
        Expected(615, 632, "unit", "克孜勒苏柯尔克孜自治州医疗保障局", "996.43", (25, 25, 25, 15)),
        # 8×5 + 5+7+8 + 10+10 + 10 = 90.
        Expected(632, 653, "project", "2026年度基金监管专项经费项目", "26.40", (8, 8, 8, 8, 8, 5, 7, 8, 10, 10, 10)),
        # 9 × 10 = 90.
        Expected(653, 672, "project", "2026年度线路租赁费项目", "2.00", (10,) * 9),
        # 6×5 + 5 + 5 + 10+10 + 20 + 5+5 = 90 (a blank line splits the table at 691).
        Expected(672, 695, "project", "2026年度医保业务经费", "11.00", (6, 6, 6, 6, 6, 5, 5, 10, 10, 20, 5, 5)),
        # 8×5 + 10+10 + 20 + 10 = 90.
        Expected(695, 714, "project", "2026年离休人员医疗费项目", "300.00", (8, 8, 8, 8, 8, 10, 10, 20, 10)),
        # 5×6 + 6 + 4 (时效, line 730) + 7+7+6 + 7+7+6 + 4+3+3 = 90.
        Expected(714, 743, "project", "2026年中央财政医疗服务与保障能力提升补助资金(医疗保障服务能力建设部分)项目", "68.00",
                 (5, 5, 5, 5, 5, 5, 6, 4, 7, 7, 6, 7, 7, 6, 4, 3, 3)),
        # 6+6+6 + 5+5 + 6+6 + 20 + 10+10 + 10 = 90.
        Expected(743, 764, "project", "2026年自治区财政全民参保及医疗保障服务项目", "19.00",
                 (6, 6, 6, 5, 5, 6, 6, 20, 10, 10, 10)),
    ],
}

CASES = [(sample, expected) for sample, tables in EXPECTED.items() for expected in tables]


_SOURCES: dict[str, object] = {}


def _region(sample: str, title: int, stop: int) -> tuple[list[tuple[int, str]], str]:
    if sample not in _SOURCES:
        _SOURCES[sample] = read_source(SAMPLES[sample])
    source = _SOURCES[sample]
    lines = [(number, source.lines[number - 1]) for number in range(title, stop) if source.lines[number - 1].strip()]
    return lines, source.rendering


def _table(sample: str, title: int, stop: int):
    lines, rendering = _region(sample, title, stop)
    return parse_performance_table(lines, rendering)


def _find(sample: str, title: int):
    expected = next(e for e in EXPECTED[sample] if e.title == title)
    return _table(sample, expected.title, expected.stop)


@pytest.mark.parametrize(("sample", "expected"), CASES, ids=[f"{s}-{e.title}" for s, e in CASES])
def test_table(sample: str, expected: Expected) -> None:
    table, notes = _table(sample, expected.title, expected.stop)
    assert table.kind == expected.kind
    assert table.name == expected.name
    assert table.total_budget is not None
    assert table.total_budget.consistent(Quantity.parse(expected.total))
    assert tuple(int(i.weight.value) for i in table.indicators if i.weight is not None) == expected.weights
    assert all(i.weight is not None for i in table.indicators)
    assert sum(expected.weights) == 90
    assert table.span.line == expected.title
    assert not [n for n in notes if n.severity == "error"]


@pytest.mark.parametrize(("sample", "expected"), CASES, ids=[f"{s}-{e.title}" for s, e in CASES])
def test_rows_lie_inside_their_table(sample: str, expected: Expected) -> None:
    table, _ = _table(sample, expected.title, expected.stop)
    spans = [i.span for i in table.indicators]
    assert all(expected.title < s.line <= s.end_line < expected.stop for s in spans)
    assert spans == sorted(spans)


def test_documents_find_every_table(parsed) -> None:
    for sample, tables in EXPECTED.items():
        found = parsed(sample).performance_tables
        assert [(t.name, t.span.line) for t in found] == [(e.name, e.title) for e in tables], sample
        for table, expected in zip(found, tables, strict=True):
            assert tuple(int(i.weight.value) for i in table.indicators if i.weight) == expected.weights


# -- header fields -----------------------------------------------------------------


def test_unit_funding_lines_and_contact() -> None:
    table, _ = _find("kashgar", 1623)
    assert [(f.label, f.text, f.line) for f in table.funding] == [
        ("上级安排", "5.26", 1667), ("本级安排", "483.86", 1669), ("其他", "0.00", 1671)
    ]
    assert table.owner == "祖丽皮亚"
    assert table.target is not None and table.target.startswith("1.持续扩大参保覆盖率")
    assert table.target.endswith("多跑一次”。")


def test_unit_table_without_contact_row() -> None:
    # Jiashi's 单位整体绩效目标表 goes from 单位名称 straight to 年度绩效目标 (1208-1210).
    table, _ = _find("jiashi", 1204)
    assert table.owner is None
    assert table.name == "伽师县医疗保障局"


def test_project_amounts_wrapped_over_lines() -> None:
    # 年度 / 预算 / 总额： / 3.53 / 其中： / 财政拨款 / 3.53 / 其他 / 资金： / 0.00 (1375-1390)
    table, _ = _find("jiashi", 1363)
    assert table.total_budget_text == "3.53"
    assert table.fiscal == Quantity.parse("3.53")
    assert table.other == Quantity.parse("0.00")
    assert table.owner is None  # this table has no 项目负责人 cell


def test_project_other_funds() -> None:
    table, _ = _find("shanshan", 2375)
    assert table.fiscal == Quantity.parse("0.00")
    assert table.other == Quantity.parse("2.82")
    assert table.owner == "申兵"


def test_tabbed_owner_and_empty_cell_before_amount() -> None:
    # Akto 595: "其他资金 ⟩ ⟩ 0.00": an empty cell sits between label and amount.
    table, _ = _find("akto", 589)
    assert table.owner == "西尔万姑·依斯拉木"
    assert table.other == Quantity.parse("0.00")
    assert table.total_budget_text == "2.00"


# -- indicator rows ------------------------------------------------------------------


def _at(table, line: int):
    return next(i for i in table.indicators if i.span.line <= line <= i.span.end_line)


def test_flattened_wrapped_cells() -> None:
    # Kashgar 1798-1819: 产出指标 / 数量指标 / 基本医疗保险参 / 保人数 / >=66 / 万人 /
    # 计划标准 / =65.42 / 万人 / 4 / 按照完成 / 比例赋分 / 工作资料
    table, _ = _find("kashgar", 1751)
    first = table.indicators[0]
    assert (first.level1, first.level2, first.level3) == ("产出指标", "数量指标", "基本医疗保险参保人数")
    assert (first.value, first.basis, first.previous) == (">=66万人", "计划标准", "=65.42万人")
    assert first.weight == Quantity.exact(4)
    assert (first.span.line, first.span.end_line) == (1798, 1819)


def test_flattened_levels_carried_down() -> None:
    # Kashgar 1821: "重复参保人数 =0 人 计划标准 =0 人 3": both level cells are merged above.
    table, _ = _find("kashgar", 1751)
    row = _at(table, 1821)
    assert (row.level1, row.level2, row.level3, row.value, row.previous) == (
        "产出指标", "数量指标", "重复参保人数", "=0人", "=0人"
    )
    # Kashgar 1965-1967: the level-2 name itself wraps (经济成本 / 指标).
    cost = _at(table, 1969)
    assert (cost.level1, cost.level2) == ("成本指标", "经济成本指标")
    # Kashgar 2056-2062: 满意度指 / 标 twice.
    last = table.indicators[-1]
    assert (last.level1, last.level2, last.level3) == ("满意度指标", "满意度指标", "基本医疗保险参保群众满意度")


def test_flattened_amount_wrapped_inside_figure() -> None:
    # Kashgar 2183-2185: "<=10.7" / "2 万元" is <=10.72 万元.
    table, _ = _find("kashgar", 2073)
    assert _at(table, 2183).value == "<=10.72万元"


def test_flattened_qualitative_value() -> None:
    # Shanshan 1742-1756: 减轻全县居民 / 患病医疗费用 / 负担 / 有效减 / 轻 / 历史标准 / 基本达成 / 目标 / 10
    table, _ = _find("shanshan", 1596)
    row = _at(table, 1742)
    assert (row.level3, row.value, row.basis, row.previous) == (
        "减轻全县居民患病医疗费用负担", "有效减轻", "历史标准", "基本达成目标"
    )
    assert row.weight == Quantity.exact(10)


def test_page_number_inside_wrapped_cell() -> None:
    # Jiashi 1607-1627: 减轻参 / 保人员 / 就医经 / (the row's other cells) / [page 30] / 济负担.
    table, notes = _find("jiashi", 1363)
    row = _at(table, 1607)
    assert row.level3 == "减轻参保人员就医经济负担"
    assert row.weight == Quantity.exact(20)
    assert row.span.end_line == 1627
    assert all(i.weight != Quantity.exact(30) for i in table.indicators)
    assert any(n.code == "performance-page-number" and n.span.line == 1625 for n in notes)
    satisfaction = table.indicators[-1]
    assert (satisfaction.level1, satisfaction.level3) == ("满意度指标", "医疗保险参保人员满意度")


def test_unit_table_flattened_columns() -> None:
    # Shanshan 1569-1572: ">=95%" / 上级医保部门要 / 求、考核达标要求 / 10
    table, _ = _find("shanshan", 1486)
    row = _at(table, 1569)
    assert (row.level1, row.level2) == ("履职效能", "质量指标")
    assert row.value == ">=95%"
    assert row.basis == "上级医保部门要求、考核达标要求"
    first = table.indicators[0]
    assert (first.level1, first.level2, first.level3, first.value, first.basis) == (
        "运行成本", "成本指标", "项目支出预算执行率", "=100%", "政策制度"
    )
    assert first.previous is None


def test_tabbed_merged_level_cells() -> None:
    table, _ = _find("akto", 589)
    row = _at(table, 604)  # " ⟩ ⟩ 其他商品与服务支出（万元） ⟩ ≤1.50万元 ⟩ 预算支出标准 ⟩ 无 ⟩ 7 …"
    assert (row.level1, row.level2, row.level3, row.value, row.basis, row.previous) == (
        "成本指标", "经济成本指标", "其他商品与服务支出(万元)", "≤1.50万元", "预算支出标准", "无"
    )


def test_tabbed_row_that_lost_its_empty_cells() -> None:
    # Kizilsu 730: "时效指标 ⟩ 完成年度各类数量指标时间 ⟩ 2026 年 12 月 25 日前 ⟩ 预算支出标准 ⟩ …"
    # starts with its 二级指标: the empty 一级指标 cell is missing.
    table, _ = _find("kizilsu", 714)
    row = _at(table, 730)
    assert (row.level1, row.level2, row.level3) == ("产出指标", "时效指标", "完成年度各类数量指标时间")
    assert (row.value, row.basis, row.previous) == ("2026年12月25日前", "预算支出标准", "2024年12月25日前")
    assert row.weight == Quantity.exact(4)
    # Kizilsu 758 lost the 二级指标 cell as well.
    table, _ = _find("kizilsu", 743)
    row = _at(table, 758)
    assert (row.level1, row.level2, row.level3) == ("产出指标", "时效指标", "及时报送各项社会保险基金决算数据及分析(%)")
    assert row.weight == Quantity.exact(6)


def test_tabbed_continuation_row() -> None:
    # Kizilsu 735 " ⟩ ⟩ 集采)(万元) ⟩ 万元 ⟩ ⟩ ⟩ ⟩ 分" continues line 733's wrapped cells.
    table, notes = _find("kizilsu", 714)
    row = _at(table, 733)
    assert (row.span.line, row.span.end_line) == (733, 735)
    assert row.level3 == "医保能力提升经费(药品)集采)(万元)"
    assert row.value == "<=5万元"
    assert row.weight == Quantity.exact(6)
    assert not [n for n in notes if n.code == "performance-unparsed-text"]


def test_tabbed_level_names_lose_converter_spaces() -> None:
    # Kizilsu 736: "效益 指标 ⟩ 社会 效益 指标 ⟩ …" and 739: "满意 度指 标".
    table, _ = _find("kizilsu", 714)
    assert (_at(table, 736).level1, _at(table, 736).level2) == ("效益指标", "社会效益指标")
    assert _at(table, 739).level1 == "满意度指标"


def test_weights_are_exact_quantities() -> None:
    table, _ = _find("akto", 571)
    assert all(i.weight is not None and i.weight.is_exact for i in table.indicators)
    assert sum((i.weight.value for i in table.indicators if i.weight), Decimal(0)) == 90


def test_tabbed_weight_found_by_header_when_rule_column_is_missing() -> None:
    # A made-up table whose rows carry no 赋分规则 cell: the header row says
    # which column holds the weight.
    lines = [
        (1, "项目支出绩效目标表"),
        (3, "项目名称\t\t测试项目\t\t项目负责人\t张三"),
        (4, "项目资金(万元)\t\t年度预算总额\t1.00\t其中:财政拨款\t1.00\t其他资金\t0.00"),
        (5, "一级指标\t二级指标\t三级指标\t指标值\t指标值设置依据\t上年完成值\t指标分值权重\t佐证资料"),
        (6, "产出指标\t数量指标\t次数\t>=3次\t计划标准\t3次\t50\t工作资料"),
        (7, "\t\t人数\t>=2人\t计划标准\t2人\t40\t工作资料"),
    ]
    table, _ = parse_performance_table(lines, "tabbed")
    assert (table.name, table.owner, table.total_budget_text) == ("测试项目", "张三", "1.00")
    assert [(i.level1, i.level3, i.previous, int(i.weight.value)) for i in table.indicators if i.weight] == [
        ("产出指标", "次数", "3次", 50), ("产出指标", "人数", "2人", 40)
    ]


def test_empty_and_headerless_regions_become_diagnostics() -> None:
    table, notes = parse_performance_table([], "flattened")
    assert table.indicators == () and notes
    table, notes = parse_performance_table([(10, "项目支出绩效目标表"), (12, "项目名称 某项目")], "flattened")
    assert table.name == "某项目"
    assert {n.code for n in notes} >= {"performance-no-indicators", "performance-no-budget"}
    assert all(n.message and not n.message.isascii() for n in notes)
