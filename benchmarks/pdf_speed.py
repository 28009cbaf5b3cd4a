"""Measure how fast PDFs are read and write the PDF section of docs/performance.md.

    python benchmarks/pdf_speed.py                      # ../shared/corpus/shanghai
    python benchmarks/pdf_speed.py some/folder --repeat 5 --no-write

For each PDF: pages, the median time (of --repeat runs, one process, one core)
to read it into lines (auditor.pdf.read_pdf) and to read and parse it, pages
per second, and for comparison the time pdfminer (pdfplumber) takes only to
list the characters of every page. The peak memory is that of a separate
process reading every PDF once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "shanghai"
HEADING = "## PDF 读取速度"


def pages_of(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def timed(function, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def pdfminer_chars(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            len(page.chars)
            page.close()


def peak_memory(paths: list[Path]) -> float:
    code = (
        "import resource, sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from auditor.parsing import parse_file\n"
        f"for p in {[str(p) for p in paths]!r}:\n"
        "    parse_file(p)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(done.stdout.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(CORPUS))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--output", default=str(ROOT / "docs" / "performance.md"))
    args = parser.parse_args()
    paths = sorted(Path(args.folder).glob("*.pdf"))
    if not paths:
        sys.exit(f"{args.folder}: 没有 PDF 文件")

    from auditor.parsing import parse_source
    from auditor.pdf import read_pdf

    load = os.getloadavg()[0]
    rows = []
    for path in paths:
        pages = pages_of(path)
        read = timed(lambda p=path: read_pdf(p), args.repeat)
        both = timed(lambda p=path: parse_source(read_pdf(p)), args.repeat)
        old = timed(lambda p=path: pdfminer_chars(p), 1)
        rows.append((path.name, pages, read, both, old))
    memory = peak_memory(paths)

    read_rates = [pages / read for _, pages, read, _, _ in rows]
    both_rates = [pages / both for _, pages, _, both, _ in rows]
    lines = [
        HEADING,
        "",
        f"由 `benchmarks/pdf_speed.py` 于 {dt.date.today().isoformat()} 测得（单进程、单核，每份取 {args.repeat} 次的中位数；"
        f"开始时系统 1 分钟负载 {load:.1f}（{os.cpu_count()} 核，与其他程序共用），数字有波动）。",
        "",
        "| 文件 | 页数 | 读取 s | 读取 页/秒 | 读取+解析 s | 读取+解析 页/秒 | pdfminer 仅取字符 s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for (name, pages, read, both, old), rate, rate2 in zip(rows, read_rates, both_rates, strict=True):
        lines.append(f"| {name} | {pages} | {read:.2f} | {rate:.1f} | {both:.2f} | {rate2:.1f} | {old:.2f} |")
    lines += [
        "",
        f"- 读取速度中位数 {statistics.median(read_rates):.1f} 页/秒，读取+解析 {statistics.median(both_rates):.1f} 页/秒"
        "（目标 ≥ 10 页/秒）。",
        f"- 依次读取并解析全部 {len(paths)} 份的进程峰值内存 {memory:.0f} MB；每页读完即关闭，内存与页数无关。",
        "- 页面由 pdfium（pypdfium2）读取；pdfminer 只列出字符就要上表最后一列的时间，因此不再用它读页面。",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if args.no_write:
        return
    output = Path(args.output)
    current = output.read_text(encoding="utf-8") if output.exists() else ""
    if HEADING in current:
        before, after = current.split(HEADING, 1)
        rest = after.split("\n## ", 1)
        current = before + text + ("\n## " + rest[1] if len(rest) > 1 else "")
    else:
        current = current.rstrip("\n") + "\n\n" + text
    output.write_text(current, encoding="utf-8")


if __name__ == "__main__":
    main()
