"""Table reading in both renderings, checked against what the samples print."""

from __future__ import annotations

import pytest
from conftest import SAMPLES

from auditor.parsing import parse_text


def _values(row):
    return {k: v.text for k, v in row.values.items()}


@pytest.mark.parametrize("name", ["kizilsu", "akto"])
def test_tabs_turned_into_spaces_still_bind_or_are_marked_ambiguous(parsed, name):
    tabbed = parsed(name)
    text = SAMPLES[name].read_text(encoding="utf-8").replace("\t", " ")
    spaced = parse_text(text)
    assert spaced.source.rendering == "flattened"
    bound = ambiguous = 0
    for number in (3, 5):
        truth, guess = tabbed.table(number), spaced.table(number)
        assert [(r.code, r.name) for r in guess.rows] == [(r.code, r.name) for r in truth.rows]
        for expected, row in zip(truth.rows, guess.rows, strict=True):
            if row.ambiguous:
                ambiguous += 1
                assert any(
                    {k: v.text for k, v in c.values.items()} == _values(expected) for c in row.candidates
                ) or expected.ambiguous, (number, row.span)
            else:
                bound += 1
                if not expected.ambiguous:
                    assert _values(row) == _values(expected), (number, row.span)
    assert bound > 0
    if name == "kizilsu":
        # Every row of 表3 and 表5 is pinned down by 合计 = 基本支出 + 项目支出 and the hierarchy.
        assert ambiguous == 0


def test_kashgar_spacing_places_table7_figures(parsed):
    # Line 1049: "210   卫生健康支出  44.58  7.26 37.32" — one space per empty cell:
    # 项目支出合计 44.58, 工资福利支出 empty, 商品和服务支出 7.26, 对个人和家庭的补助 37.32.
    row = parsed("kashgar").table(7).rows[0]
    assert (row.code, row.span.line) == ("210", 1049)
    assert _values(row) == {"项目支出合计": "44.58", "商品和服务支出": "7.26", "对个人和家庭的补助": "37.32"}


def test_figures_broken_across_lines_are_joined(parsed):
    # Kashgar lines 708-714: "合计 489.12 489.12" / "483.8" / "6" / "5.26".
    total = parsed("kashgar").table(2).rows[-1]
    assert [a.text for a in total.figures] == ["489.12", "489.12", "483.86", "5.26"]
    assert total.span == type(total.span)(708, 714)


def test_flattened_table7_splits_name_and_project(parsed):
    rows = [r for r in parsed("shanshan").table(7).rows if r.project]
    assert [(r.code, r.project.replace(" ", "")) for r in rows][:3] == [
        ("2089999", "全民人身意外伤害保险"),
        ("2101202", "城乡居民基本医疗保险县财政补助资金(三保)"),
        ("2101501", "离休人员医疗费"),
    ]


def test_empty_tables_keep_columns_and_remark(parsed):
    for name in ("kashgar", "akto", "jiashi", "shanshan", "kizilsu"):
        for number in (8, 9):
            table = parsed(name).table(number)
            assert table.is_empty and table.remark and "为空表" in table.remark.text, (name, number)
            assert [c.key for c in table.columns] == ["合计", "人员经费", "公用经费", "项目支出"]


def test_page_number_is_not_a_class_code(parsed):
    # Kashgar line 253 is "201" alone with its name on the next line: a 类, not a page number.
    rows = parsed("kashgar").table(2).rows
    assert (rows[0].code, rows[0].name, rows[0].span.line) == ("201", "一般公共服务支出", 253)
