"""Measure auditor's speed on the samples and write docs/performance.md.

    python benchmarks/run.py            # full run (a few minutes)
    python benchmarks/run.py --quick    # fewer repetitions

Figures: parse and audit time per document (in-process, median of repeated
runs); the end-to-end command on one sample (wall time including interpreter
start); files per second for a folder of 200 sample copies with --jobs 1 and
--jobs 2; peak memory of that folder run; and how time grows when a sample's
body is repeated 1x, 4x and 16x.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))
TARGETS = {
    "audit_ms": 50.0,
    "cli_s": 0.6,
    "folder_fps": 40.0,
    "memory_mb": 150.0,
}


def median_ms(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def in_process(repeat: int) -> list[tuple[str, float, float]]:
    from auditor.parsing import parse_source
    from auditor.reading import read_source

    try:
        from auditor.engine import load_rules, run_rules
    except ImportError:  # the engine is optional for a parse-only measurement
        load_rules = run_rules = None
    ruleset = load_rules() if load_rules else None
    rows = []
    for path in EXAMPLES:
        source = read_source(path)
        parse_source(source)  # warm the grammar caches
        parse = median_ms(lambda s=source: parse_source(s), repeat)
        if ruleset is not None:
            document = parse_source(source)
            audit = median_ms(lambda d=document: run_rules(ruleset, d), repeat)
        else:
            audit = float("nan")
        rows.append((path.name, parse, audit))
    return rows


def cli_wall(repeat: int) -> float:
    exe = shutil.which("auditor")
    command = [exe] if exe else [sys.executable, "-m", "auditor"]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([*command, "audit", str(EXAMPLES[1])], capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def folder_run(copies: int, jobs: int) -> tuple[float, float]:
    """Files per second and peak memory (MB) of `auditor audit DIR --jobs N`."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for index in range(copies):
            source = EXAMPLES[index % len(EXAMPLES)]
            shutil.copy(source, folder / f"{index:03d}-{source.name}")
        exe = shutil.which("auditor")
        command = [exe] if exe else [sys.executable, "-m", "auditor"]
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        subprocess.run(
            [*command, "audit", str(folder), "--jobs", str(jobs), "--format", "json", "--output", os.devnull],
            capture_output=True,
            check=False,
        )
        elapsed = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return copies / elapsed, max(peak, before) / 1024


def scaling(repeat: int) -> list[tuple[int, int, float]]:
    from auditor.parsing import parse_text

    text = EXAMPLES[1].read_text(encoding="utf-8")
    head, marker, body = text.partition("第一部分")
    rows = []
    for factor in (1, 4, 16):
        document = head + (marker + body) * factor
        lines = document.count("\n") + 1
        rows.append((factor, lines, median_ms(lambda d=document: parse_text(d), max(1, repeat // factor))))
    return rows


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--output", default=str(ROOT / "docs" / "performance.md"))
    args = parser.parse_args()
    repeat = 5 if args.quick else 21

    documents = in_process(repeat)
    wall = cli_wall(3 if args.quick else 7)
    folder1, mem1 = folder_run(40 if args.quick else 200, 1)
    folder2, mem2 = folder_run(40 if args.quick else 200, 2)
    growth = scaling(repeat)

    worst_total = max(p + (0 if a != a else a) for _, p, a in documents)
    lines = [
        "# 性能测量",
        "",
        f"由 `benchmarks/run.py` 于 {dt.date.today().isoformat()} 测得。机器：{machine()}。",
        "",
        "## 单份文件（进程内，中位数）",
        "",
        "| 文件 | 解析 ms | 审核 ms | 合计 ms |",
        "|---|---:|---:|---:|",
    ]
    for name, parse, audit in documents:
        total = parse + (0 if audit != audit else audit)
        lines.append(f"| {name} | {parse:.1f} | {audit:.1f} | {total:.1f} |")
    lines += [
        "",
        "## 目标",
        "",
        "| 指标 | 测得 | 目标 | 结论 |",
        "|---|---:|---:|---|",
        _target("单份解析+审核（最慢的样例）", worst_total, TARGETS["audit_ms"], "ms", lower=True),
        _target(f"命令行端到端 `auditor audit {EXAMPLES[1].name}`", wall, TARGETS["cli_s"], "s", lower=True),
        _target("文件夹吞吐 --jobs 1", folder1, TARGETS["folder_fps"], "个/秒", lower=False),
        _target("文件夹吞吐 --jobs 2", folder2, TARGETS["folder_fps"], "个/秒", lower=False),
        _target("文件夹运行峰值内存（最大的子进程）", max(mem1, mem2), TARGETS["memory_mb"], "MB", lower=True),
        "",
        "## 随文件长度的增长（正文重复 1×、4×、16×，仅解析）",
        "",
        "| 倍数 | 行数 | 解析 ms | 每千行 ms |",
        "|---:|---:|---:|---:|",
    ]
    for factor, count, ms in growth:
        lines.append(f"| {factor}× | {count} | {ms:.1f} | {ms / count * 1000:.2f} |")
    output = Path(args.output)
    notes = ""
    if output.exists() and "\n## 说明" in output.read_text(encoding="utf-8"):
        # The analysis below the figures is written by hand; keep it.
        notes = "\n## 说明" + output.read_text(encoding="utf-8").split("\n## 说明", 1)[1]
    output.write_text("\n".join(lines) + "\n" + notes, encoding="utf-8")
    print("\n".join(lines))


def _target(label: str, value: float, target: float, unit: str, *, lower: bool) -> str:
    met = value <= target if lower else value >= target
    sign = "≤" if lower else "≥"
    return f"| {label} | {value:.2f} {unit} | {sign} {target:g} {unit} | {'达到' if met else '未达到'} |"


if __name__ == "__main__":
    main()
