"""Reports a reviewer can move around in: anchors, navigation, links to the file and PDF page, folder overview."""

from __future__ import annotations

import io
import json
import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner
from conftest import SAMPLES
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from auditor.audit import AuditReport, DocumentResult
from auditor.cli import main
from auditor.engine import load_rules
from auditor.model.findings import Finding, Severity
from auditor.model.outline import OutlineEntry, place
from auditor.report.labels import labels
from auditor.report.overview import BAR_WIDTH, bar, files_table, rule_family
from auditor.report.text import print_report


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


class _Page(HTMLParser):
    """Ids, the finding blocks with the links inside them, nav links, and any script tag."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.findings: dict[str, list[str]] = {}
        self.nav_links: list[str] = []
        self.tags: set[str] = set()
        self._finding: str | None = None
        self._depth = 0
        self._in_nav = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.add(tag)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "nav":
            self._in_nav = True
        if tag == "div":
            if self._finding is not None:
                self._depth += 1
            elif attrs.get("class") == "finding":
                self._finding, self._depth = attrs["id"], 0
                self.findings[self._finding] = []
        if tag == "a" and "href" in attrs:
            if self._finding is not None:
                self.findings[self._finding].append(attrs["href"])
            if self._in_nav:
                self.nav_links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_nav = False
        if tag == "div" and self._finding is not None:
            if self._depth == 0:
                self._finding = None
            else:
                self._depth -= 1


def _page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _json(*args: str) -> dict:
    return json.loads(run("audit", *args, "--format", "json").output)


def test_every_finding_has_its_anchor_and_a_link_to_the_file(tmp_path):
    out = tmp_path / "reports" / "kizilsu.html"
    out.parent.mkdir()
    assert run("audit", str(SAMPLES["kizilsu"]), "--format", "html", "--output", str(out)).exit_code == 1
    page = _page(out)
    findings = _json(str(SAMPLES["kizilsu"]))["documents"][0]["findings"]
    assert len(page.findings) == len(findings) == 14
    assert len(set(page.ids)) == len(page.ids)  # anchors are unique
    for anchor, hrefs in page.findings.items():
        assert re.fullmatch(r"d1-f\d+", anchor)
        assert len(hrefs) == 1, anchor
        # Relative to the report's folder, and it resolves to the audited file.
        assert not hrefs[0].startswith(("/", "file:"))
        assert (out.parent / unquote(hrefs[0])).resolve() == SAMPLES["kizilsu"].resolve()
    # Every navigation link lands on an anchor of the page.
    assert page.nav_links and all(h.startswith("#") and h[1:] in page.ids for h in page.nav_links)


def test_navigation_counts_per_part_and_table(tmp_path):
    out = tmp_path / "k.html"
    run("audit", str(SAMPLES["kizilsu"]), "--format", "html", "--output", str(out))
    nav = out.read_text(encoding="utf-8").split("<nav>")[1].split("</nav>")[0]
    text = re.sub(r"<[^>]+>", " ", nav)
    text = re.sub(r"\s+", " ", text)
    # Kizilsu's 14 findings: BD-D007 at line 30 is in the table of contents, before 第一部分 (line 54);
    # BD-P003 is about 表7 (its row at line 326); the other twelve are in 第三部分 (lines 393-766):
    # BD-D006 at 419/421/467/475, BD-P010 549 (稽核差费 7 万元 over its cap of 4, l.647), BD-Y002 577,
    # BD-F003 593, BD-Y001 597, BD-U001 601/603/605, BD-Y004 730 (a 上年完成值 dated 2024 in a 2026 budget).
    assert "1 其他（封面、目录等）" in text
    assert "0 第一部分 2026年部门概况" in text
    assert "1 第二部分 2026 年部门预算公开表" in text
    assert "1 表7 一般公共预算项目支出情况表" in text and "0 表6 一般公共预算基本支出情况表" in text
    assert "12 第三部分 2026 年部门预算情况说明" in text
    assert "0 第四部分 名词解释" in text
    assert 'href="#d1-t7"' in nav and 'href="#d1-p3"' in nav and 'href="#d1-p4"' not in nav


@pytest.fixture(scope="module")
def kizilsu_pdf(tmp_path_factory):
    pytest.importorskip("reportlab")
    from pdf_builder import build_pdf

    folder = tmp_path_factory.mktemp("pdf") / "docs"
    folder.mkdir()
    return build_pdf(SAMPLES["kizilsu"], folder / "kizilsu.pdf")


def test_a_pdf_finding_links_to_its_page(kizilsu_pdf, tmp_path):
    pdfplumber = pytest.importorskip("pdfplumber")
    out = tmp_path / "out" / "r.html"
    out.parent.mkdir()
    run("audit", str(kizilsu_pdf), "--format", "html", "--output", str(out))
    page = _page(out)
    findings = _json(str(kizilsu_pdf))["documents"][0]["findings"]
    assert len(page.findings) == len(findings) > 0
    pages = set()
    for hrefs in page.findings.values():
        target, _, fragment = hrefs[0].partition("#")
        assert (out.parent / unquote(target)).resolve() == kizilsu_pdf.resolve()
        assert re.fullmatch(r"page=\d+", fragment)
        pages.add(int(fragment[5:]))
    # The page in the link is the page in the location (p<N>:L<M>), finding by finding, in order.
    located = [int(re.search(r":p(\d+):L", f["location"]).group(1)) for f in findings]
    assert sorted(pages) == sorted(set(located))
    # And it is the page where the figure is printed: BD-F003 states 86.43 (小微企业预留, Kizilsu line 593).
    f003 = next(f for f in findings if f["rule_id"] == "BD-F003")
    number = int(re.search(r":p(\d+):L", f003["location"]).group(1))
    with pdfplumber.open(kizilsu_pdf) as pdf:
        assert "86.43" in (pdf.pages[number - 1].extract_text() or "")


def test_a_file_name_cannot_inject_markup_or_a_scheme(tmp_path):
    name = 'x"><img src=x onerror=alert(1)>javascript:.txt'
    planted = tmp_path / name
    text = SAMPLES["kizilsu"].read_text(encoding="utf-8")
    assert "2. 车辆" in text  # line 601, where BD-U001 reports, so the excerpt shows the planted tag
    planted.write_text(text.replace("2. 车辆", "2. <script>alert(2)</script>车辆", 1), encoding="utf-8")
    out = tmp_path / "r.html"
    run("audit", str(planted), "--format", "html", "--output", str(out))
    page = _page(out)
    assert "script" not in page.tags and "img" not in page.tags
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html and "&lt;script&gt;alert(2)" in html
    for hrefs in page.findings.values():
        assert hrefs[0].startswith("x%22%3E%3Cimg%20")  # percent-encoded, ':' too: no scheme
        assert unquote(hrefs[0]) == name


def _terminal(report: AuditReport, **options) -> str:
    buffer = io.StringIO()
    print_report(report, Console(file=buffer, width=120, **options))
    return buffer.getvalue()


@pytest.fixture(scope="module")
def kizilsu_report() -> AuditReport:
    from auditor.audit import AuditOptions, audit_paths

    return audit_paths([SAMPLES["kizilsu"]], load_rules(), AuditOptions())


def test_terminal_links_only_where_escape_codes_are_wanted(kizilsu_report, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    uri = SAMPLES["kizilsu"].resolve().as_uri()
    linked = _terminal(kizilsu_report, force_terminal=True, color_system="truecolor")
    # OSC 8: ESC ] 8 ; params ; URI ESC \ — one per finding.
    assert linked.count(f";{uri}\x1b\\") == len(kizilsu_report.findings) == 14
    assert "\x1b]8;" not in _terminal(kizilsu_report)  # a pipe
    assert "\x1b]8;" not in _terminal(kizilsu_report, force_terminal=True, no_color=True)  # NO_COLOR
    monkeypatch.setenv("TERM", "dumb")
    assert "\x1b]8;" not in _terminal(kizilsu_report, force_terminal=True)
    assert "\x1b]8;" not in run("audit", str(SAMPLES["kizilsu"])).output


def test_folder_overview_in_the_terminal_and_html(tmp_path):
    for name in ("kizilsu", "akto", "jiashi"):
        shutil.copy(SAMPLES[name], tmp_path / SAMPLES[name].name)
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage")
    data = _json(str(tmp_path))
    # The chart is the findings counted, by family and by file: check it against the JSON report.
    families = Counter(rule_family(f["rule_id"]) for d in data["documents"] for f in d["findings"])
    output = run("audit", str(tmp_path)).output
    assert "按规则类别统计" in output and "按文件统计" in output
    for family, count in families.items():
        assert re.search(rf"{re.escape(family)}\s*\|\s*{count}\s*\|", output), family
    for document in data["documents"]:
        name = Path(document["path"]).name
        assert re.search(rf"{re.escape(name)}\s*\|\s*{len(document['findings'])}\s*\|", output), name
    # The unreadable PDF is a row of the file table, not a missing line.
    assert re.search(r"broken\.pdf.*无法读取", output)
    out = tmp_path / "r.html"
    run("audit", str(tmp_path), "--format", "html", "--output", str(out))
    page = out.read_text(encoding="utf-8")
    assert '<section class="overview">' in page and "按规则类别统计" in page
    assert page.index("<nav>") < page.index('<section class="overview">') < page.index('id="d1"')
    assert page.count('<li class="doc">') == 4


def test_bars_count_one_cell_per_finding_until_they_must_scale():
    counts = Counter({Severity.ERROR: 3, Severity.WARNING: 5})
    assert bar(counts, 8, fancy=False).plain == "###====="
    assert len(bar(counts, 8, fancy=True).plain) == 8
    big = Counter({Severity.ERROR: 1, Severity.WARNING: 4 * BAR_WIDTH})
    # Scaled to the width, and the single error still shows as one cell.
    assert bar(big, 4 * BAR_WIDTH + 1, fancy=False).plain == "#" + "=" * BAR_WIDTH


def test_template_column_appears_when_results_carry_one():
    result = DocumentResult("a.txt", unit="某局", year=2025, kind="department")
    report = AuditReport([result, DocumentResult("b.txt")], load_rules())
    console = Console(file=io.StringIO(), width=150)
    console.print(files_table(report, labels("zh"), fancy=False))
    assert "模板" not in console.file.getvalue()
    result.template = "shanghai-final"  # what DocumentResult.template will carry
    console = Console(file=io.StringIO(), width=150)
    console.print(files_table(report, labels("zh"), fancy=False))
    assert "模板" in console.file.getvalue() and "shanghai-final" in console.file.getvalue()


def _finding(line: int, table: int | None = None) -> Finding:
    return Finding("BD-X001", Severity.ERROR, "t", "m", "a.txt", line, line, table=table)


def test_a_finding_is_placed_in_its_table_else_the_innermost_entry_holding_its_line():
    outline = [
        OutlineEntry("part", 2, "公开表", 10, 50),
        OutlineEntry("table", 1, "收支总表", 12, 20),
        OutlineEntry("table", 5, "支出表", 30, 40),
        OutlineEntry("part", 3, "说明", 52, 90),
    ]
    assert place(_finding(15), outline).key == "t1"
    assert place(_finding(25), outline).key == "p2"  # between tables, inside the part
    assert place(_finding(60), outline).key == "p3"
    assert place(_finding(60, table=5), outline).key == "t5"  # a claim about 表5 is about 表5
    assert place(_finding(60, table=9), outline).key == "p3"  # a table the outline lacks: by line
    assert place(_finding(5), outline) is None  # the cover


@given(st.text(alphabet=st.sampled_from(list("ab <>&\"'中文：（）─│█·“”…é\u0301")), max_size=60))
def test_cell_boxes_keep_the_text_and_measure_it_in_cells(text):
    from html import escape as html_escape
    from html import unescape

    from rich.cells import cell_len

    from auditor.report.cjk_html import fix_cell_widths

    fragment = f'<span style="color:#000">{html_escape(text, quote=False)}</span>'
    boxed = fix_cell_widths(fragment)
    assert unescape(re.sub(r"<[^>]+>", "", boxed)) == text  # nothing added, nothing lost
    for width, inner in re.findall(r'style="width:(\d+)ch">(?:<span>)?([^<]*)<', boxed):
        assert int(width) == cell_len(unescape(inner)) > 0
        assert not any(ord(c) < 128 for c in inner)  # ASCII keeps the page's own grid


def test_html_to_stdout_links_relative_to_the_current_folder(monkeypatch):
    monkeypatch.chdir(SAMPLES["kizilsu"].parent.parent)
    page = _Page()
    page.feed(run("audit", "examples/kizilsu-prefecture-2026-dept-tabbed.txt", "--format", "html").output)
    assert {h for hrefs in page.findings.values() for h in hrefs} == {"examples/kizilsu-prefecture-2026-dept-tabbed.txt"}


CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def test_shanghai_pdfs_are_rows_of_the_folder_overview(tmp_path):
    shanghai = CORPUS / "shanghai"
    if not shanghai.is_dir():
        pytest.skip(f"语料不在 {shanghai}，跳过上海 PDF 的文件夹报告检查")
    # The two smallest PDFs keep the test quick; whether they parse or not, each must be a row.
    pdfs = sorted(shanghai.glob("*.pdf"), key=lambda p: p.stat().st_size)[:2]
    out = tmp_path / "r.html"
    result = run("audit", str(SAMPLES["kizilsu"]), *map(str, pdfs), "--format", "html", "--output", str(out))
    # 1: Kizilsu's errors (BD-F003, BD-Y001); 2 while a Shanghai PDF cannot be audited yet.
    assert result.exit_code in (1, 2), result.output
    page = out.read_text(encoding="utf-8")
    overview = page.split('<section class="overview">')[1].split("</section>")[0]
    text = re.sub(r"<[^>]+>", "", overview)
    for pdf in pdfs:
        assert pdf.name in text
    assert page.count('<li class="doc">') == 3
    assert "按文件统计" in text


def test_a_control_sequence_in_a_part_title_reaches_no_report_raw(tmp_path):
    text = SAMPLES["kizilsu"].read_text(encoding="utf-8").splitlines(keepends=True)
    assert text[392].startswith("### 第三部分")  # line 393, the heading (line 28 is its TOC entry)
    text[392] = text[392].replace("情况说明", "情况说明\x1b]0;pwned\x07\u202e", 1)
    planted = tmp_path / "k.txt"
    planted.write_text("".join(text), encoding="utf-8")
    out = tmp_path / "r.html"
    run("audit", str(planted), "--format", "html", "--output", str(out))
    page = out.read_text(encoding="utf-8")
    assert not set("\x1b\x07\u202e") & set(page)
    assert "pwned" in page.split("<nav>")[1].split("</nav>")[0]  # the title is there, made harmless
    assert not set("\x1b\x07\u202e") & set(run("audit", str(planted)).output)


def test_outline_titles_go_through_the_sanitiser():
    """The reader already drops such characters; the outline does not rely on it."""
    from types import SimpleNamespace

    from auditor.model.outline import outline_of
    from auditor.model.span import Span

    document = SimpleNamespace(
        parts=[SimpleNamespace(number=3, title="说明\x1b[2J", span=Span(10, 20))],
        tables=[SimpleNamespace(number=1, title="表\u202e", span=Span(12, 14))],
    )
    assert [e.title for e in outline_of(document)] == ["说明\\x1b[2J", "表\\u202e"]
