"""The document structure of the five samples, checked against the files.

Line numbers below were read off the sample files (grep -n), not taken from
the parser's output.
"""

from __future__ import annotations

import pytest
from conftest import SAMPLES

# (part heading lines 1..4, first lines of the twelve 第三部分 headings)
EXPECTED = {
    "akto": ((50, 84, 384, 635), (386, 394, 414, 422, 432, 473, 481, 521, 525, 529, 535, 539)),
    "jiashi": ((1, 84, 878, 1653), (880, 896, 921, 939, 963, 1053, 1074, 1094, 1101, 1109, 1139, 1146)),
    "kashgar": ((1, 69, 1222, 2486), (1226, 1242, 1271, 1291, 1311, 1404, 1424, 1497, 1506, 1516, 1540, 1557)),
    "kizilsu": ((54, 88, 393, 768), (395, 403, 423, 429, 439, 479, 487, 565, 569, 573, 579, 583)),
    "shanshan": ((1, 104, 1001, 2537), (1003, 1019, 1052, 1072, 1093, 1219, 1238, 1368, 1375, 1383, 1417, 1424)),
}

UNITS = {
    "akto": ("阿克陶县医疗保障局", 2025, "department"),
    "jiashi": ("伽师县医疗保障局", 2025, "unit"),
    "kashgar": ("新疆维吾尔自治区喀什地区喀什市医疗保障局", 2025, "department"),
    "kizilsu": ("克孜勒苏柯尔克孜自治州医疗保障局", 2026, "department"),
    "shanshan": ("鄯善县医疗保障局", 2024, "unit"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_four_parts_at_their_lines(parsed, name):
    document = parsed(name)
    parts, _ = EXPECTED[name]
    assert [p.number for p in document.parts] == [1, 2, 3, 4]
    assert tuple(p.heading_span.line for p in document.parts) == parts
    # Each part ends where the next begins.
    for before, after in zip(document.parts, document.parts[1:], strict=False):
        assert before.span.end_line < after.span.line


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_twelve_explanations_of_part_three(parsed, name):
    document = parsed(name)
    _, headings = EXPECTED[name]
    sections = document.part(3).sections
    assert [s.number for s in sections] == [(n,) for n in range(1, 13)]
    assert tuple(s.heading_span.line for s in sections) == headings
    assert sections[-1].title.startswith("其他重要事项")
    for section in sections[:11]:
        assert section.title.startswith("关于") and section.title.endswith("说明"), section.title


@pytest.mark.parametrize("name", sorted(UNITS))
def test_unit_year_and_kind(parsed, name):
    document = parsed(name)
    unit, year, kind = UNITS[name]
    assert (document.unit, document.year, document.kind.value) == (unit, year, kind)


def test_section_twelve_has_its_five_subsections(parsed):
    twelve = parsed("akto").section(12)
    titles = [s.title for s in twelve.subsections]
    assert [s.number for s in twelve.subsections] == [(12, n) for n in range(1, 6)]
    assert titles[:4] == ["单位运行经费情况", "政府采购情况", "国有资产占用使用情况", "预算绩效情况"]


def test_wrapped_heading_is_joined(parsed):
    # jiashi lines 880/882: "一、关于伽师县医疗保障局 2025 年收支预算情况的总" + "体说明"
    first = parsed("jiashi").section(1)
    assert first.title == "关于伽师县医疗保障局 2025 年收支预算情况的总体说明"
    assert first.heading_span.end_line == 882


def test_paragraph_joins_hard_wraps_and_keeps_lines(parsed):
    # jiashi 900-906: 一般公共预算 277.30 万元 … 增长\n15.97% … split over four lines.
    section = parsed("jiashi").section(2)
    paragraph = next(p for p in section.paragraphs if p.text.startswith("一般公共预算 277.30"))
    assert "增长 15.97%" in paragraph.text or "增长15.97%" in paragraph.text
    assert (paragraph.span.line, paragraph.span.end_line) == (900, 906)
    assert paragraph.line_at(paragraph.text.index("15.97%")) == 902


def test_toc_is_not_the_body(parsed):
    document = parsed("akto")
    assert document.toc and document.toc[0].line < 50
    # The 目录 lists every heading; none of them becomes a section of the body.
    assert all(s.span.line >= 50 for s in document.sections())


def test_gb18030_copy_parses_to_the_same_tree(tmp_path, parsed):
    from auditor.parsing import parse_file
    from auditor.parsing.ast_json import document_to_json

    original = SAMPLES["shanshan"]
    copy = tmp_path / "gb.txt"
    copy.write_bytes(original.read_text(encoding="utf-8").encode("gb18030"))
    ours = document_to_json(parse_file(copy))
    theirs = document_to_json(parsed("shanshan"))
    assert ours["document"]["encoding"] == "gb18030"
    for key in ("parts", "sections", "tables", "performance_tables"):
        assert ours[key] == theirs[key]
