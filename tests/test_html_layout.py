"""The HTML report in a real browser: rich's character grid holds, so every table lines up.

Headless Chromium lays out a copy of the report with a measuring script
appended (the report itself stays script-free); the script returns the x of
every ASCII character of every ``<pre>`` line. Rich placed each character at a
whole number of cells from the line start, so the browser must put it at
``left + cells * cell_width``. Chinese characters are two cells, box-drawing
characters one; a font that draws either otherwise moves everything after it.

Skips, saying why, without chromium or without a CJK font.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES
from rich.cells import cell_len

from auditor.cli import main

# Subpixel text positioning: Chromium places glyphs at 1/64 px and rounds glyph
# advances, so a correct grid can still be off by a few hundredths of a pixel
# after a hundred characters; a character pushed by a wrong width is off by at
# least 1 px (half an ASCII cell of a 14 px font is 4 px).
TOLERANCE_PX = 0.5

MEASURE = """
<script>
const out = [];
for (const pre of document.querySelectorAll('pre')) {
  const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
  const chars = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) chars.push([node, i]);
  }
  const range = document.createRange();
  const lines = [[]];
  let text = '';
  let column = 0;
  for (const [node, i] of chars) {
    const c = node.data[i];
    text += c;
    if (c === '\\n') { lines.push([]); column = 0; continue; }
    if (c.charCodeAt(0) < 128) {
      range.setStart(node, i); range.setEnd(node, i + 1);
      const r = range.getBoundingClientRect();
      lines[lines.length - 1].push([column, r.left, r.right]);
    }
    column++;
  }
  out.push({section: (pre.closest('section') || {}).className || '', text: text, points: lines});
}
const result = document.createElement('div');
result.id = 'measured';
result.textContent = JSON.stringify(out);
document.body.appendChild(result);
</script>
"""


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.skip("chromium 未安装（apt-get install chromium），无法在浏览器中检查对齐")
    return path


def _cjk_font() -> None:
    if not shutil.which("fc-list"):
        pytest.skip("没有 fc-list，无法确认是否安装了中文字体")
    families = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=30).stdout
    if "Mono CJK" not in families and "Sarasa Mono" not in families:
        pytest.skip("未安装中文等宽字体（apt-get install fonts-noto-cjk），无法检查中文表格对齐")


def _measure(page: Path, tmp_path: Path) -> list[dict]:
    copy = tmp_path / f"{page.stem}-measured.html"
    copy.write_text(page.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    done = subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
         "--window-size=1400,1000", "--dump-dom", copy.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    )
    found = re.search(r'<div id="measured">(.*?)</div>', done.stdout, re.S)
    assert found, done.stderr[-2000:]
    raw = found.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return json.loads(raw)


def _grid_errors(pres: list[dict]) -> tuple[float, int]:
    """Largest distance of an ASCII character from its cell's x, and how many characters were checked."""
    worst, checked = 0.0, 0
    for pre in pres:
        lines = pre["text"].split("\n")
        # One cell's width, from the widest line: its last ASCII character's right edge over its cells.
        samples = [(cell_len(lines[n][: i + 1]), right) for n, points in enumerate(pre["points"])
                   for i, _, right in points[-1:]]
        lefts = [left for points in pre["points"] for i, left, _ in points if i == 0]
        if not samples or not lefts:
            continue
        origin = min(lefts)
        cells, right = max(samples)
        width = (right - origin) / cells
        for n, points in enumerate(pre["points"]):
            for i, left, _ in points:
                worst = max(worst, abs(left - (origin + cell_len(lines[n][:i]) * width)))
                checked += 1
    return worst, checked


def _report(tmp_path: Path, *paths: Path) -> Path:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["audit", *map(str, paths), "--format", "html", "--output", str(out)],
                                catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return out


@pytest.fixture(scope="module")
def kizilsu_page(tmp_path_factory) -> Path:
    return _report(tmp_path_factory.mktemp("html"), SAMPLES["kizilsu"])


def test_every_character_sits_on_rich_grid_in_chromium(kizilsu_page, tmp_path):
    _cjk_font()
    pres = _measure(kizilsu_page, tmp_path)
    worst, checked = _grid_errors(pres)
    assert checked > 2000  # the page was laid out and measured, not an empty result
    assert worst < TOLERANCE_PX, f"a character is {worst:.2f}px off its cell"


def test_summary_columns_end_at_the_same_x_on_every_row(kizilsu_page, tmp_path):
    """The brief's check, on the 按规则统计 table: each column's right edge is one x on all rows.

    A column ends at the padding space before the next column's header word
    (and the last at the row's last cell); those spaces are ASCII, so measured.
    """
    _cjk_font()
    table = next(p for p in _measure(kizilsu_page, tmp_path) if p["section"] == "rules")
    lines = table["text"].split("\n")
    header = next(n for n, line in enumerate(lines) if "规则" in line and "数量" in line)
    rows = [n for n, line in enumerate(lines) if re.match(r"\s*BD-[A-Z]\d{3}\s", line)]
    # Kizilsu has findings of at least seven rules (BD-F003 BD-Y001 BD-D006 BD-D007 BD-P003 BD-U001
    # BD-Y002, and the prose checks add more): enough rows to compare edges on.
    assert len(rows) >= 7
    starts = [cell_len(lines[header][: m.start()]) for m in re.finditer(r"\S+", lines[header])]
    ends = [start - 1 for start in starts[1:]] + [cell_len(lines[rows[0]]) - 1]
    assert len(ends) == 4  # 规则, 错误/警告/提示, 名称, 数量
    for end in ends:
        edges = []
        for n in rows:
            cells = [cell_len(lines[n][:i]) for i, _, _ in table["points"][n]]
            edges.append(next(right for (_, _, right), at in zip(table["points"][n], cells, strict=True)
                              if at == end))
        assert max(edges) - min(edges) < TOLERANCE_PX, (end, edges)


def test_the_grid_holds_without_a_cjk_monospace(kizilsu_page, tmp_path):
    """A reader without Sarasa/Noto Mono CJK: Latin monospace (0.6 em) plus a proportional CJK font."""
    _cjk_font()
    page = kizilsu_page.read_text(encoding="utf-8")
    from auditor.report.cjk_html import MONO

    fallback = tmp_path / "fallback.html"
    fallback.write_text(page.replace(MONO, '"DejaVu Sans Mono", "Noto Sans CJK SC", monospace'), encoding="utf-8")
    worst, checked = _grid_errors(_measure(fallback, tmp_path))
    assert checked > 2000
    assert worst < TOLERANCE_PX, f"a character is {worst:.2f}px off its cell"


def test_the_measurement_sees_a_broken_grid(kizilsu_page, tmp_path):
    """Without the cell boxes and with a Latin-first font, the same measurement finds the drift."""
    _cjk_font()
    from auditor.report.cjk_html import MONO

    page = kizilsu_page.read_text(encoding="utf-8").replace(MONO, '"DejaVu Sans Mono", "Noto Sans CJK SC", monospace')
    page = page.replace("</style>", "pre .cw, pre .cn { display: inline; letter-spacing: 0; }</style>")
    broken = tmp_path / "broken.html"
    broken.write_text(page, encoding="utf-8")
    worst, _ = _grid_errors(_measure(broken, tmp_path))
    assert worst > 5 * TOLERANCE_PX
