"""Each difficulty real PDF exports pose (templates.md §13), drawn one at a time.

Every PDF here is drawn by the test with figures chosen for it; the expected
lines are what a person reads on the drawn page.
"""

from __future__ import annotations

import pytest

pytest.importorskip("reportlab")

from pdf_draw import draw  # noqa: E402

from auditor.parsing.tables.rows import read_tabbed_row  # noqa: E402
from auditor.pdf import read_pdf  # noqa: E402


def read(path) -> list[str]:
    return list(read_pdf(path).raw)


def test_figures_on_a_lower_baseline_stay_with_their_words(tmp_path):
    # An ONLYOFFICE export prints figures 5 pt below the Chinese text around them.
    def page(p):
        p.text(60, 100, "年初预算为")
        p.text(60 + p.width("年初预算为"), 105, "1560.05")
        p.text(60 + p.width("年初预算为1560.05"), 100, "万元。")
        p.text(60, 115, "下一行文字。")

    assert read(draw(tmp_path / "low.pdf", page)) == ["年初预算为1560.05万元。", "下一行文字。"]


def test_a_figure_reaching_into_the_line_above_goes_to_its_own_line(tmp_path):
    # The figure fills the gap of the second line; its box also touches the first.
    def page(p):
        p.text(60, 100, "第一行说明文字到此为止。")
        p.text(60, 112, "支出决算为")
        p.text(60 + p.width("支出决算为"), 109, "84.65", size=12)
        p.text(60 + p.width("支出决算为") + p.width("84.65", 12), 112, "万元。")

    assert read(draw(tmp_path / "reach.pdf", page)) == ["第一行说明文字到此为止。", "支出决算为84.65万元。"]


def test_quotes_on_their_own_baseline_stay_in_the_line(tmp_path):
    def page(p):
        x = 60
        p.text(x, 100, "1.")
        x += p.width("1.")
        p.text(x, 98, "“")  # the quote mark sits 2 pt higher
        x += p.width("“")
        p.text(x, 100, "一般公共服务支出")
        x += p.width("一般公共服务支出")
        p.text(x, 98, "”")
        x += p.width("”")
        p.text(x, 100, "科目43.83万元")

    assert read(draw(tmp_path / "quotes.pdf", page)) == ["1.“一般公共服务支出”科目43.83万元"]


def test_text_outside_the_crop_box_and_text_stored_twice_are_not_read(tmp_path):
    # Overflow text stored again below the visible box, and a line stored twice
    # at the same place (what a reader sees once).
    def page(p):
        p.text(60, 100, "看得见的一行。")
        p.text(60, 120, "重复存放的一行。")
        p.text(60, 120, "重复存放的一行。")
        p.text(60, 830, "溢出到页面外的文字。")  # below the crop box

    path = draw(tmp_path / "hidden.pdf", page, crop=(0, 100, 595, 842))
    assert read(path) == ["看得见的一行。", "重复存放的一行。"]


def test_letter_spaced_titles_are_one_word(tmp_path):
    def page(p):
        p.spaced(200, 100, "部门预算", gap=10)  # justified: one em between letters
        p.spaced(250, 130, "目录", gap=30)
        p.text(60, 160, "收入预算 18,976.76 万元")

    assert read(draw(tmp_path / "spaced.pdf", page)) == ["部门预算", "目录", "收入预算 18,976.76 万元"]


def test_a_ruled_table_with_merged_header_cells_keeps_its_columns(tmp_path):
    xs = [40, 80, 120, 160, 300, 380, 460, 540]
    ys = [100, 120, 140, 160, 180]

    def page(p):
        p.text(40, 90, "表2 收入预算表")
        # Outer box and the row lines; the header's first row merges
        # 科目编码 over three columns and 收入预算 over the four figures.
        for y in ys:
            p.line(xs[0], y, xs[-1], y)
        for x in xs:
            top = 100 if x in (40, 160, 300, 540) else 120
            p.line(x, top, x, 180)
        p.text(60, 114, "科目编码")
        p.text(200, 114, "科目名称")
        p.text(400, 114, "收入预算")
        for x, word in zip(xs, ["类", "款", "项"], strict=False):
            p.text(x + 15, 134, word)
        for x, word in zip(xs[4:], ["合计", "财政拨款", "事业收入"], strict=False):
            p.text(x + 5, 134, word)
        for x, word in zip(xs, ["201", "01", "01"], strict=False):
            p.text(x + 5, 154, word)
        p.text(165, 154, "行政运行")
        p.right(375, 154, "120.00")
        p.right(455, 154, "120.00")
        p.text(165, 174, "合计")
        p.right(375, 174, "120.00")
        p.right(455, 174, "120.00")

    lines = read(draw(tmp_path / "merged.pdf", page))
    assert lines == [
        "表2 收入预算表",
        "科目编码\t\t\t科目名称\t收入预算\t\t",
        "类\t款\t项\t\t合计\t财政拨款\t事业收入",
        "201\t01\t01\t行政运行\t120.00\t120.00\t",
        "\t\t\t合计\t120.00\t120.00\t",
    ]
    # The split 类/款/项 cells join into one code the way the table reader reads them.
    row = read_tabbed_row(4, lines[3], 4, project_cell=False)
    assert row.code == "2010101"
    assert row.name == "行政运行"
    assert [f.text for f in row.figures] == ["120.00", "120.00"]


def test_a_wrapped_name_in_a_ruled_cell_joins_its_row(tmp_path):
    xs = [40, 140, 240]
    ys = [100, 120, 150, 170]

    def page(p):
        p.grid(xs, ys)
        p.text(45, 114, "科目名称")
        p.text(145, 114, "合计")
        p.text(45, 133, "机关事业单位基本")
        p.text(45, 145, "养老保险缴费支出")
        p.right(235, 139, "160.75")
        p.text(45, 164, "住房公积金")
        p.right(235, 164, "187.19")

    assert read(draw(tmp_path / "wrapped.pdf", page)) == [
        "科目名称\t合计",
        "机关事业单位基本养老保险缴费支出\t160.75",
        "住房公积金\t187.19",
    ]


def test_a_table_across_pages_drops_its_repeated_header(tmp_path):
    xs = [40, 200, 300]

    def first(p):
        p.text(40, 80, "表3 支出预算表")
        p.grid(xs, [100, 120, 140, 160])
        p.text(45, 114, "科目名称")
        p.text(205, 114, "合计")
        p.text(45, 134, "一般公共服务支出")
        p.right(295, 134, "10.00")
        p.text(45, 154, "教育支出")
        p.right(295, 154, "20.00")

    def second(p):
        p.grid(xs, [60, 80, 100])
        p.text(45, 74, "科目名称")
        p.text(205, 74, "合计")
        p.text(45, 94, "卫生健康支出")
        p.right(295, 94, "30.00")

    source = read_pdf(draw(tmp_path / "across.pdf", first, second))
    assert list(source.raw) == [
        "表3 支出预算表",
        "科目名称\t合计",
        "一般公共服务支出\t10.00",
        "教育支出\t20.00",
        "卫生健康支出\t30.00",
    ]
    # The continued row is on page 2, its first line there.
    assert source.locations[-1] == "p2:L1"
    assert source.locations[:2] == ("p1:L1", "p1:L2")


def test_a_borderless_table_gets_its_columns_from_the_header(tmp_path):
    # Columns: 科目名称 | 合计 | 基本支出 | 项目支出, figures right-aligned under them;
    # the 教育支出 row has no 基本支出 figure, so its cell stays empty.
    def page(p):
        p.text(40, 80, "表3 支出预算表")
        p.text(40, 100, "科目名称")
        p.text(230, 100, "合计")
        p.text(320, 100, "基本支出")
        p.text(420, 100, "项目支出")
        rows = [("一般公共服务支出", "30.00", "10.00", "20.00"), ("教育支出", "5.00", "", "5.00")]
        for top, (name, total, basic, project) in zip((120, 140), rows, strict=True):
            p.text(40, top, name)
            p.right(260, top, total)
            if basic:
                p.right(360, top, basic)
            p.right(460, top, project)
        p.text(40, 170, "注：本表为示例。")

    assert read(draw(tmp_path / "borderless.pdf", page)) == [
        "表3 支出预算表",
        "科目名称\t合计\t基本支出\t项目支出",
        "一般公共服务支出\t30.00\t10.00\t20.00",
        "教育支出\t5.00\t\t5.00",
        "注：本表为示例。",
    ]


def test_a_borderless_table_with_split_codes_and_a_wrapped_name(tmp_path):
    def page(p):
        p.text(70, 80, "科目编码")  # centred over the three code columns
        p.text(160, 80, "科目名称")
        p.text(330, 80, "合计")
        for x, word in ((40, "类"), (80, "款"), (120, "项")):
            p.text(x, 95, word)
        p.text(40, 115, "208")
        p.text(80, 115, "05")
        p.text(120, 115, "05")
        p.text(160, 115, "机关事业单位基本养老")
        p.right(350, 115, "160.75")
        p.text(160, 125, "保险缴费支出")  # wrapped, set tight under its row
        p.text(40, 145, "221")
        p.text(80, 145, "02")
        p.text(120, 145, "01")
        p.text(160, 145, "住房公积金")
        p.right(350, 145, "187.19")

    lines = read(draw(tmp_path / "codes.pdf", page))
    assert lines[2:] == ["208\t05\t05\t机关事业单位基本养老保险缴费支出\t160.75", "221\t02\t01\t住房公积金\t187.19"]
    assert read_tabbed_row(3, lines[2], 4, project_cell=False).code == "2080505"


def test_a_two_sided_table_whose_left_amount_touches_the_right_label(tmp_path):
    # 表1: 收入 label | amount | 支出 label | amount. The left amount ends exactly
    # where the right label begins, so the two print as one run of characters.
    def page(p):
        p.text(40, 80, "项目")
        p.text(190, 80, "预算数")
        p.text(260, 80, "项目")
        p.text(420, 80, "预算数")
        p.text(40, 100, "一、财政拨款收入")
        p.right(260, 100, "189,767,551")
        p.text(260, 100, "一、一般公共服务支出")
        p.right(460, 100, "3,296,600")
        p.text(40, 120, "二、事业收入")
        p.text(260, 120, "二、公共安全支出")
        p.right(460, 120, "2,878,025")

    assert read(draw(tmp_path / "sided.pdf", page)) == [
        "项目\t预算数\t项目\t预算数",
        "一、财政拨款收入\t189,767,551\t一、一般公共服务支出\t3,296,600",
        "二、事业收入\t\t二、公共安全支出\t2,878,025",
    ]


def test_every_line_knows_its_page_and_line_on_the_page(tmp_path):
    def one(p):
        p.text(60, 100, "第一页第一行")
        p.text(60, 120, "第一页第二行")
        p.text(290, 800, "- 1 -")  # a page number is not a line

    def two(p):
        p.text(60, 100, "第二页第一行")

    source = read_pdf(draw(tmp_path / "pages.pdf", one, two))
    assert list(zip(source.locations, source.raw, strict=True)) == [
        ("p1:L1", "第一页第一行"),
        ("p1:L2", "第一页第二行"),
        ("p2:L1", "第二页第一行"),
    ]


def test_a_title_wrapped_onto_two_lines_is_one_line(tmp_path):
    # A long table title, centred and larger than the body, wraps at a tight
    # leading; the cover's two lines, set far apart, stay two lines.
    def page(p):
        first, second = "2025年部门一般公共预算基本支出", "部门预算经济分类预算表"
        p.text((595 - p.width(first, 16)) / 2, 100, first, size=16)
        p.text((595 - p.width(second, 16)) / 2, 118, second, size=16)
        p.text(60, 150, "编制部门：某某局")
        p.text(60, 165, "正文第一行，说明本部门的主要职能和机构设置情况。")
        p.text(60, 180, "正文第二行，说明本部门的预算收入和预算支出情况。")
        p.text((595 - p.width("上海市某某局", 20)) / 2, 400, "上海市某某局", size=20)
        p.text((595 - p.width("2024年度部门决算", 20)) / 2, 460, "2024年度部门决算", size=20)

    assert read(draw(tmp_path / "title.pdf", page)) == [
        "2025年部门一般公共预算基本支出部门预算经济分类预算表",
        "编制部门：某某局",
        "正文第一行，说明本部门的主要职能和机构设置情况。",
        "正文第二行，说明本部门的预算收入和预算支出情况。",
        "上海市某某局",
        "2024年度部门决算",
    ]
