"""Measure what a user waits for and write the figures into docs/performance.md.

    python benchmarks/run.py            # full run (a few minutes on 2 cores)
    python benchmarks/run.py --quick    # fewer repetitions, smaller folder

Figures (medians; the machine may be shared, so each pair of figures that is
compared is measured side by side in the same loop):

- a fresh parse + audit per sample: every repetition parses the text anew,
  so no cache a document keeps (claims, views) is filled beforehand; the
  rule set and the grammars are ready, as in a folder run's worker. The
  first document of a new process is measured separately (in a subprocess).
- end to end: ``auditor audit <Kizilsu> --format json`` against
  ``python -c "import lark, rich, click, yaml"``, alternating, in one loop;
  once with the private cache filled, once with AUDITOR_NO_CACHE set.
- a folder of sample copies with ``--jobs 1`` and ``--jobs 2``: files per
  second and the peak memory of the largest process.
- how parse time grows when a sample's body is repeated 1x, 4x, 16x.

Interpreter byte-code caching is left on (PYTHONDONTWRITEBYTECODE removed from
the children's environment), as it is for an installed package.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
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
KIZILSU = next(p for p in EXAMPLES if p.name.startswith("kizilsu"))
CORES = os.cpu_count() or 1

TARGETS = {
    "audit_ms": 30.0,  # fresh parse + audit, slowest sample
    "cli_ratio": 2.5,  # end to end ÷ bare imports
    "folder_fps": 40.0,  # --jobs 2, 200 files
}

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["PYTHONPATH"] = str(ROOT) + (os.pathsep + ENV["PYTHONPATH"] if ENV.get("PYTHONPATH") else "")
COMMAND = [sys.executable, "-m", "auditor"]


# ---------------------------------------------------------------- per document
def fresh_documents(repeat: int) -> list[tuple[str, float, float, float, float]]:
    """(name, parse ms, audit ms, total ms, total CPU ms): medians over fresh parses of each sample."""
    sys.path.insert(0, str(ROOT))
    from auditor.audit import keep_loaded
    from auditor.engine import load_rules, run_rules
    from auditor.parsing import parse_source
    from auditor.reading import read_source

    ruleset = load_rules(examples=False)  # as an audit loads them
    sources = [(path.name, read_source(path)) for path in EXAMPLES]
    for _, source in sources:  # grammars and compiled patterns ready, as in a worker
        run_rules(ruleset, parse_source(source))
    keep_loaded()  # as a worker does once it is ready
    rows = []
    for name, source in sources:
        parses, audits, totals, cpus = [], [], [], []
        for _ in range(repeat):
            cpu = time.process_time()
            start = time.perf_counter()
            document = parse_source(source)
            middle = time.perf_counter()
            run_rules(ruleset, document)
            end = time.perf_counter()
            cpus.append((time.process_time() - cpu) * 1000)
            parses.append((middle - start) * 1000)
            audits.append((end - middle) * 1000)
            totals.append((end - start) * 1000)
        rows.append((name, statistics.median(parses), statistics.median(audits), statistics.median(totals),
                     statistics.median(cpus)))
    return rows


FIRST_DOCUMENT = """
import json, sys, time
from auditor.audit import keep_loaded
from auditor.engine import load_rules, run_rules
from auditor.parsing import parse_source
from auditor.reading import read_source
ruleset = load_rules(examples=False)
keep_loaded()  # as the command does once the rules are loaded
source = read_source(sys.argv[1])
start = time.perf_counter()
run_rules(ruleset, parse_source(source))
print(json.dumps((time.perf_counter() - start) * 1000))
"""


def first_document(repeat: int) -> float:
    """Parse + audit of the first document in a new process (rules loaded, nothing else warmed)."""
    times = []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", FIRST_DOCUMENT, str(KIZILSU)], env=ENV,
                              capture_output=True, text=True, check=True)
        times.append(json.loads(done.stdout))
    return statistics.median(times)


# ---------------------------------------------------------------- end to end
def _wall(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def side_by_side(repeat: int, *, cache: bool) -> tuple[float, float, float, float]:
    """Medians (s) of the bare imports and of the JSON audit of Kizilsu, run alternately: wall, wall, CPU, CPU."""
    env = dict(ENV)
    if not cache:
        env["AUDITOR_NO_CACHE"] = "1"
    bare_command = [sys.executable, "-c", "import lark, rich, click, yaml"]
    audit_command = [*COMMAND, "audit", str(KIZILSU), "--format", "json"]
    _wall(audit_command, env)  # fills the private cache (or byte code) once
    bare, audit = [], []
    for _ in range(repeat):
        bare.append(_wall(bare_command, env))
        audit.append(_wall(audit_command, env))
    return (statistics.median(w for w, _ in bare), statistics.median(w for w, _ in audit),
            statistics.median(c for _, c in bare), statistics.median(c for _, c in audit))


# ---------------------------------------------------------------- folders
def folder_run(copies: int, jobs: int) -> tuple[float, float]:
    """Files per second and peak memory (MB, largest process) of `auditor audit DIR --jobs N`."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for index in range(copies):
            source = EXAMPLES[index % len(EXAMPLES)]
            shutil.copy(source, folder / f"{index:03d}-{source.name}")
        script = (
            "import resource, subprocess, sys, json\n"
            "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
            "print(json.dumps(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
        )
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", script, *COMMAND, "audit", str(folder), "--jobs", str(jobs),
             "--format", "json", "--output", str(Path(tmp) / "report.json")],
            env=ENV, capture_output=True, text=True, check=True,
        )
        elapsed = time.perf_counter() - start
        report = json.loads((Path(tmp) / "report.json").read_text(encoding="utf-8"))
        audited = report["summary"]["documents"] - report["summary"]["unreadable"]
        if audited != copies:
            raise SystemExit(f"folder run audited {audited} of {copies} files")
    # ru_maxrss of RUSAGE_CHILDREN is the largest single descendant, in KiB on Linux.
    return copies / elapsed, json.loads(done.stdout) / 1024


def result_transfer(repeat: int) -> tuple[float, float]:
    """What a worker sends back per file: median pickle + unpickle time (ms) and size (KB) of a result."""
    import pickle

    from auditor.audit import AuditOptions, audit_file
    from auditor.engine import load_rules

    ruleset = load_rules(examples=False)  # as an audit loads them
    results = [audit_file(path, ruleset, AuditOptions()) for path in EXAMPLES]
    times, sizes = [], []
    for _ in range(repeat):
        for result in results:
            start = time.perf_counter()
            data = pickle.dumps(result)
            pickle.loads(data)
            times.append((time.perf_counter() - start) * 1000)
            sizes.append(len(data) / 1024)
    return statistics.median(times), statistics.median(sizes)


# ---------------------------------------------------------------- growth
def scaling(repeat: int) -> list[tuple[int, int, float]]:
    from auditor.parsing import parse_text

    text = KIZILSU.read_text(encoding="utf-8")
    head, marker, body = text.partition("第一部分")
    rows = []
    for factor in (1, 4, 16):
        document = head + (marker + body) * factor
        lines = document.count("\n") + 1
        times = []
        for _ in range(max(3, repeat // factor)):
            start = time.perf_counter()
            parse_text(document)
            times.append((time.perf_counter() - start) * 1000)
        rows.append((factor, lines, statistics.median(times)))
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
    return f"{cpu}, {CORES} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def _load() -> str:
    try:
        return "/".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover - not on Linux
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--output", default=str(ROOT / "docs" / "performance.md"))
    args = parser.parse_args()
    repeat = 7 if args.quick else 21
    copies = 60 if args.quick else 200

    load_before = _load()
    documents = fresh_documents(repeat)
    first = first_document(5 if args.quick else 9)
    bare, audit, bare_cpu, audit_cpu = side_by_side(repeat, cache=True)
    bare_nc, audit_nc, bare_nc_cpu, audit_nc_cpu = side_by_side(max(5, repeat // 3), cache=False)
    folder1, mem1 = folder_run(copies, 1)
    folder2, mem2 = folder_run(copies, 2)
    growth = scaling(repeat)
    transfer_ms, transfer_kb = result_transfer(repeat)
    load_after = _load()

    mean_total = statistics.mean(row[3] for row in documents)
    worst_total = max(row[3] for row in documents)
    mean_cpu = statistics.mean(row[4] for row in documents)
    worst_cpu = max(row[4] for row in documents)
    floor1 = 1000 / mean_total
    floor2 = min(CORES, 2) * 1000 / mean_total
    lines = [
        "# 性能测量",
        "",
        f"由 `benchmarks/run.py{' --quick' if args.quick else ''}` 于 {dt.date.today().isoformat()} 测得。"
        f"机器：{machine()}。",
        f"测量期间机器同时运行着其他工作（1/5/15 分钟平均负载：开始 {load_before}，结束 {load_after}），"
        "数字取中位数，相互比较的两项在同一循环中交替测量。",
        "",
        f"## 单份文件：全新解析 + 审核（进程内，{repeat} 次的中位数）",
        "",
        "每次重新解析文本，文件级缓存（文字说明、视图）都是空的；规则与语法已就绪（同文件夹运行的工作进程）。",
        "",
        "| 文件 | 解析 ms | 审核 ms | 合计 ms | 合计 CPU ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, parse, audit_ms, total, cpu in documents:
        lines.append(f"| {name} | {parse:.1f} | {audit_ms:.1f} | {total:.1f} | {cpu:.1f} |")
    lines += [
        "",
        f"新进程中的第一份文件（{KIZILSU.name}，规则已载入，其余未预热）：{first:.1f} ms。",
        "",
        "## 目标与下限",
        "",
        "| 指标 | 测得 | 下限（不可能更好） | 目标 | 结论 |",
        "|---|---:|---:|---:|---|",
        _row("单份解析+审核（最慢的样例）", f"{worst_total:.1f} ms（CPU {worst_cpu:.1f} ms）", "—",
             f"≤ {TARGETS['audit_ms']:g} ms", worst_total <= TARGETS["audit_ms"]),
        _row(f"端到端 `auditor audit {KIZILSU.name} --format json`（缓存已建）",
             f"{audit * 1000:.0f} ms = {audit / bare:.2f}× 裸导入（CPU {audit_cpu / bare_cpu:.2f}×）",
             f"{bare * 1000:.0f} ms（`import lark, rich, click, yaml`）",
             f"≤ {TARGETS['cli_ratio']:g}×", audit / bare <= TARGETS["cli_ratio"]),
        _row("端到端，无缓存（AUDITOR_NO_CACHE=1，首次运行或缓存目录不可写）",
             f"{audit_nc * 1000:.0f} ms = {audit_nc / bare_nc:.2f}× 裸导入（CPU {audit_nc_cpu / bare_nc_cpu:.2f}×）",
             f"{bare_nc * 1000:.0f} ms", "—", None),
        _row(f"文件夹 {copies} 份 --jobs 1", f"{folder1:.1f} 个/秒（{folder1 / floor1:.0%} 下限）",
             f"{floor1:.1f} 个/秒（1 ÷ 平均单份时间）", "—", None),
        _row(f"文件夹 {copies} 份 --jobs 2", f"{folder2:.1f} 个/秒（{folder2 / floor2:.0%} 下限）",
             f"{floor2:.1f} 个/秒（2 核 ÷ 平均单份时间）", f"≥ {TARGETS['folder_fps']:g} 个/秒",
             folder2 >= TARGETS["folder_fps"]),
        _row("文件夹运行峰值内存（最大的单个进程）", f"{max(mem1, mem2):.0f} MB", "—", "—", None),
        "",
        f"平均单份时间 {mean_total:.1f} ms（五个样例的中位数之平均；CPU {mean_cpu:.1f} ms，"
        f"按 CPU 时间的两核下限为 {2000 / mean_cpu:.1f} 个/秒）。"
        f"工作进程传回一份结果：序列化加反序列化 {transfer_ms:.2f} ms，{transfer_kb:.1f} KB（中位数）。",
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


def _row(label: str, value: str, floor: str, target: str, met: bool | None) -> str:
    verdict = "—" if met is None else ("达到" if met else "未达到")
    return f"| {label} | {value} | {floor} | {target} | {verdict} |"


if __name__ == "__main__":
    main()
