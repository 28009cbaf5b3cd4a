"""Shared by the hostile-input tests: run the CLI as a stranger's input would, and check the promises.

Every case runs ``auditor`` in a subprocess (tests/hostile/driver.py) with a
canary secret in its environment, and asserts: the expected exit code, a
Chinese message, no traceback, the canary in no output (stdout, stderr, any
report file), peak memory under 500 MB and at most 5 s of CPU time for the
audit itself. The subprocess has a generous wall-clock timeout as the hang
guard: CPU seconds, not wall seconds, are asserted, so a loaded machine does
not make the tests flaky.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
KIZILSU = EXAMPLES / "kizilsu-prefecture-2026-dept-tabbed.txt"
JIASHI = EXAMPLES / "jiashi-county-2025-unit-flattened.txt"
CANARY = "canary-5ecret-9f31c0de"
CPU_LIMIT = 5.0  # seconds of CPU per case, startup included
MEMORY_LIMIT_MB = 500
HANG_GUARD = 120  # wall seconds before a case counts as hung (the machine may be busy)
CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Run:
    rc: int
    stdout: str
    stderr: str
    maxrss_mb: float
    cpu: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def audit_text(base: Path = KIZILSU) -> str:
    return base.read_text(encoding="utf-8")


def run_cli(*args: str | Path, cwd: Path | None = None, files: tuple[Path, ...] = ()) -> Run:
    """Run ``auditor args…`` and check the promises every case shares; ``files`` are outputs to scan too."""
    stats = Path(os.environ.get("TMPDIR", "/tmp")) / f"auditor-stats-{os.getpid()}-{id(args)}.json"
    env = {**os.environ, "AUDITOR_CANARY_SECRET": CANARY, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    env.pop("AUDITOR_DEBUG", None)
    try:
        done = subprocess.run(
            [sys.executable, str(Path(__file__).with_name("driver.py")), str(stats), *map(str, args)],
            cwd=cwd or ROOT, env=env, capture_output=True, timeout=HANG_GUARD,
        )
        measured = json.loads(stats.read_text(encoding="utf-8"))
    finally:
        stats.unlink(missing_ok=True)
    run = Run(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"),
              measured["maxrss_mb"], measured["cpu"])
    assert "Traceback" not in run.output, run.output[-3000:]
    assert CANARY not in run.output
    for file in files:
        if file.exists():
            assert CANARY not in file.read_text(encoding="utf-8", errors="replace")
    assert run.maxrss_mb < MEMORY_LIMIT_MB, f"peak memory {run.maxrss_mb:.0f} MB"
    assert run.cpu < CPU_LIMIT, f"{run.cpu:.1f} s of CPU"
    return run


def assert_chinese_error(run: Run, *words: str) -> None:
    """Exit 2 with a Chinese message holding ``words``."""
    assert run.rc == 2, (run.rc, run.output[-2000:])
    assert CJK.search(run.stderr or run.stdout), run.output[-2000:]
    for word in words:
        assert word in run.output, (word, run.output[-2000:])


def rule_file(folder: Path, body: str, name: str = "rules.yaml") -> Path:
    """A rule file with one rule whose keys are ``body`` (indented YAML lines)."""
    path = folder / name
    path.write_text(
        "rules:\n  - id: MY-H001\n    title: 测试规则\n    severity: error\n    rationale: 测试\n" + body,
        encoding="utf-8",
    )
    return path
