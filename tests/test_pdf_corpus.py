"""The real Shanghai PDFs read into the lines and tables a person sees (optional).

The corpus lives outside the project (../shared/corpus/shanghai) and is never
copied into it; these tests skip when it is absent. Every expected line below
was checked by eye against the rendered page it comes from. The Shanghai
templates are not recognised as disclosures yet, so the reader's lines are
tested, not the findings.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor.pdf import read_pdf

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "shanghai"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/shanghai is not on this machine")

FIGURE = re.compile(r"^-?\d[\d,]*(?:\.\d+)?$")

# file -> (page, a line that page must show), checked on the rendered pages.
SEEN = {
    "普陀区万里街道2025年部门预算.pdf": [
        (9, "2025年部门财务收支预算总表"),
        (9, "一、财政拨款收入\t189,767,551\t一、一般公共服务支出\t3,296,600"),
        (9, "\t\t八、城乡社区支出\t154,369,326"),
        (9, "收入总计\t189,767,551\t支出总计\t189,767,551"),
        (10, "201\t05\t07\t专项普查活动\t438,300\t438,300\t0\t0\t0"),
    ],
    "普陀区万里街道2024年部门预算.pdf": [
        (10, "2024年部门财务收支预算总表"),
        (10, "收入总计\t156,211,123\t支出总计\t156,211,123"),
    ],
    "普陀区财政局2024年度部门决算.pdf": [
        (1, "2024年度部门决算"),
        # Merged header cells, a wrapped name, split 类/款/项 codes.
        (8, "项目\t\t\t\t本年收入合计\t财政拨款收入\t上级补助收入\t事业收入\t经营收入\t附属单位上缴收入\t其他收入"),
        (8, "208\t05\t05\t机关事业单位基本养老保险缴费支出\t160.75\t160.75\t\t\t\t\t"),
        # A title wrapped onto a second line ("…决算情况" / "说明") reads as one line: see
        # test_split_titles_and_lower_baselines (no prose of the PDFs is kept here, only figures).
    ],
    "上海市财政局2025年单位预算.pdf": [
        (7, "一、财政拨款收入\t171,915,169\t一、一般公共服务支出\t127,886,849\t60,330,260\t24,531,459\t43,025,130"),
        (7, "收入总计\t171,915,169\t支出总计\t171,915,169\t102,464,260\t25,177,779\t44,273,130"),
    ],
    "普陀区商务委员会2025年单位预算.pdf": [
        (9, "收入总计\t371,514,655.00\t支出总计\t371,514,655.00\t18,120,593.00\t1,710,062.00\t351,684,000.00"),
    ],
    "普陀区商务委员会2025年部门预算.pdf": [
        (21, "2025年部门“三公”经费和机关运行经费预算表"),
        (21, "1.00\t\t1.00\t\t\t\t171.01"),
    ],
    "上海市部门决算模板2024.pdf": [
        (11, "30108\t机关事业单位基本养老保险缴费\t\t30206\t电费\t"),
    ],
}


@pytest.mark.parametrize("name", sorted(SEEN))
def test_a_shanghai_pdf_reads_as_printed(name):
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{name} is not in the corpus")
    source = read_pdf(path)
    pages: dict[int, list[str]] = {}
    for location, line in zip(source.locations, source.raw, strict=True):
        pages.setdefault(int(location.split(":")[0][1:]), []).append(line)
    for page, line in SEEN[name]:
        assert line in pages.get(page, []), (page, line)
    # Tables come out as rows of cells: many rows with several figures.
    rows = [line for line in source.raw if sum(1 for c in line.split("\t") if FIGURE.match(c.strip())) >= 2]
    assert len(rows) >= 10


def test_split_titles_and_lower_baselines():
    """Checked on the rendered pages of the 普陀区财政局 决算: p21's 第三部分 title wraps onto a second
    line and reads as one; on p22 the figures 1560.05 and 1511.89 sit on a lower baseline, in the
    gaps of their line, and must come out on that one line. Only figures and the template's words
    are kept in this test, never a sentence of the PDF."""
    path = CORPUS / "普陀区财政局2024年度部门决算.pdf"
    if not path.exists():
        pytest.skip("普陀区财政局2024年度部门决算.pdf is not in the corpus")
    source = read_pdf(path)
    pages: dict[int, list[str]] = {}
    for location, line in zip(source.locations, source.raw, strict=True):
        pages.setdefault(int(location.split(":")[0][1:]), []).append(line)
    assert any(line.startswith("第三部分") and line.endswith("年度部门决算情况说明") for line in pages[21])
    assert any("1560.05" in line and "1511.89" in line for line in pages[22])
    template = read_pdf(CORPUS / "上海市部门决算模板2024.pdf") if (CORPUS / "上海市部门决算模板2024.pdf").exists() else None
    if template is not None:  # the template's title page: a placeholder unit name on one line
        first = [line for location, line in zip(template.locations, template.raw, strict=True)
                 if location.startswith("p1:")]
        assert any(line.startswith("上海市") and line.endswith("XX局") for line in first)
