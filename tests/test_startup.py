"""A run imports what it uses: no rich console, progress bar or process pool for JSON on one file.

Not a timing test: it checks which modules a fresh process has loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import SAMPLES

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, sys
from auditor.cli import main
try:
    main(sys.argv[1:])
except SystemExit as done:
    code = done.code
sys.stderr.write("\\nMODULES " + json.dumps({"code": code, "modules": sorted(sys.modules)}) + "\\n")
"""


def _modules(*args: str, env: dict[str, str] | None = None) -> tuple[int, set[str], str]:
    env = {**(os.environ if env is None else env), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)
    line = next(ln for ln in done.stderr.splitlines() if ln.startswith("MODULES "))
    data = json.loads(line.removeprefix("MODULES "))
    return data["code"], set(data["modules"]), done.stdout


def test_json_run_of_one_file_loads_no_console_and_no_pool() -> None:
    code, modules, out = _modules("audit", str(SAMPLES["kizilsu"]), "--format", "json")
    assert code == 1  # the Kizilsu sample has findings (see test_cli)
    assert json.loads(out)["summary"]
    assert "rich.console" not in modules
    assert "rich.progress" not in modules
    assert "concurrent.futures.process" not in modules
    assert "auditor.report.text" not in modules
    assert "importlib.resources" not in modules  # data found as folders on disk
    assert "tomllib" not in modules  # no configuration file above the samples


def test_cached_json_run_reads_no_yaml_no_lark_and_no_final_accounts_code(tmp_path) -> None:
    # Rules and templates come from the private cache once it is filled; a 预算
    # document does not need the 决算 code (auditor.final) either.
    env = {k: v for k, v in os.environ.items() if k != "AUDITOR_NO_CACHE"}
    env["XDG_CACHE_HOME"] = str(tmp_path / "xdg")
    for _ in range(2):  # the first run fills the cache
        code, modules, _ = _modules("audit", str(SAMPLES["kizilsu"]), "--format", "json", env=env)
    assert code == 1
    assert "yaml" not in modules
    assert "lark" not in modules  # the grammars' tables come from the cache too
    assert not [name for name in modules if name.startswith("auditor.final")]


def test_text_run_still_uses_rich() -> None:
    code, modules, out = _modules("audit", str(SAMPLES["kizilsu"]))
    assert code == 1
    assert "BD-F003" in out
    assert "rich.console" in modules


def test_progress_bar_works_with_the_stand_in_console(tmp_path) -> None:
    # A folder written as JSON to a file shows a progress bar on a terminal; the
    # lazily made console must then be a real one for rich's Progress.
    import io

    from auditor.commands import AuditRequest, run_audit
    from auditor.lazy_console import LazyConsole

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("kizilsu", "jiashi"):
        (folder / SAMPLES[name].name).write_bytes(SAMPLES[name].read_bytes())
    screen = io.StringIO()
    console = LazyConsole(file=screen, force_terminal=True)
    output = tmp_path / "report.json"
    code = run_audit(AuditRequest(paths=[str(folder)], fmt="json", output=str(output), jobs=1), console)
    assert code == 1  # Kizilsu has findings (see test_cli)
    assert json.loads(output.read_text(encoding="utf-8"))["summary"]["documents"] == 2


def test_loaded_objects_are_frozen_once_per_process(monkeypatch) -> None:
    """keep_loaded() exempts what is loaded from collection, but only the first time in a process:
    a program running several audits must not freeze the garbage of the earlier ones."""
    import gc

    from auditor import audit

    monkeypatch.setattr(audit, "_FROZEN_IN", None)
    try:
        audit.keep_loaded()
        frozen = gc.get_freeze_count()
        assert frozen > 0
        garbage = [[] for _ in range(1000)]
        for item in garbage:
            item.append(item)  # cycles: only the collector can free them
        audit.keep_loaded()
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
