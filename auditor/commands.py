"""What ``auditor audit`` does, given options already parsed by the CLI."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.audit import (
    AuditOptions,
    AuditReport,
    audit_paths,
    check_pairs,
    default_jobs,
    discover,
    keep_loaded,
)
from auditor.baseline import apply_baseline, write_baseline
from auditor.engine import load_config, load_rules
from auditor.engine.config_check import raise_config_problems
from auditor.errors import InputError, UsageError
from auditor.model.findings import Severity
from auditor.report import FILE_FORMATS

if TYPE_CHECKING:
    from rich.console import Console


@dataclass
class AuditRequest:
    paths: list[str]
    rule_paths: list[str] = field(default_factory=list)
    config_path: str | None = None
    profile: str | None = None
    fmt: str = "text"
    output: str | None = None
    select: str | None = None
    ignore: str | None = None
    fail_on: str | None = None
    lang: str = "zh"
    jobs: int | None = None
    max_bytes: int = 50 * 1024 * 1024
    baseline: str | None = None
    write_baseline: str | None = None
    previous: str | None = None  # --previous: last year's document of the one audited
    pairing: bool = True  # pair a folder's documents with last year's automatically
    keep_going: bool = False  # a rule that fails is reported but does not force exit code 2


def run_audit(request: AuditRequest, console: Console) -> int:
    # Where the report and baseline go is checked before any work is done.
    for target, option in ((request.output, "--output"), (request.write_baseline, "--write-baseline")):
        if target:
            check_writable(target, option)
    files = discover(request.paths)
    previous = _previous(request, files)
    # The reviewer's configuration: from --config or the current directory upward,
    # never from the audited documents' folders (they may come from anyone).
    config = load_config(Path(request.config_path) if request.config_path else None, start=Path.cwd())
    if request.profile:
        config.profile = request.profile
    if config.template:
        from auditor.template import load_template

        load_template(config.template)  # an unknown template is a usage error before any work
    from_toml = replace(config, select=list(config.select), ignore=list(config.ignore))
    if request.select:
        config.select = [s.strip() for s in request.select.split(",") if s.strip()]
    if request.ignore:
        config.ignore.extend(s.strip() for s in request.ignore.split(",") if s.strip())
    rule_paths = [*map(str, config.rules), *request.rule_paths]
    ruleset = load_rules(rule_paths, examples=False)
    # Nothing in the config or on the command line may be silently ignored (exit 2).
    raise_config_problems(from_toml, ruleset, select=_patterns(request.select), ignore=_patterns(request.ignore))
    keep_loaded()  # the rules and everything imported stay for the whole run
    options = AuditOptions(
        rule_paths=rule_paths,
        config=config,
        max_bytes=request.max_bytes,
        jobs=request.jobs or (default_jobs() if len(files) > 1 else 1),
    )
    report = _run(files, ruleset, options, console, show_progress=request.fmt == "text" or bool(request.output))
    if previous is not None or (request.pairing and len(files) > 1):
        check_pairs(report, ruleset, options, previous)
    if request.baseline:
        apply_baseline(report, request.baseline)
    if request.write_baseline:
        write_baseline(report, request.write_baseline)
    _emit(report, request, console)
    return exit_code(report, request.fail_on or config.fail_on or "error", keep_going=request.keep_going)


def _patterns(text: str | None) -> list[str]:
    return [s.strip() for s in (text or "").split(",") if s.strip()]


def _previous(request: AuditRequest, files: list[Path]) -> Path | None:
    """The --previous document, checked before any work."""
    if not request.previous:
        return None
    if len(files) != 1:
        raise UsageError("--previous 只能与一个被审文件一起使用；审核文件夹时会按单位和年度自动配对。")
    path = Path(request.previous)
    if not path.is_file():
        raise InputError("上年文件不存在。", path=str(path))
    if path.resolve() == files[0].resolve():
        raise UsageError("--previous 指向的就是被审文件本身。")
    return path


def _run(files, ruleset, options: AuditOptions, console: Console, show_progress: bool) -> AuditReport:
    if len(files) > 1 and show_progress and console.is_terminal:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        real = getattr(type(console), "real", None)  # a LazyConsole: rich needs the console itself
        console = real(console) if real else console

        with Progress(TextColumn("审核中"), BarColumn(), MofNCompleteColumn(), console=console, transient=True) as bar:
            task = bar.add_task("audit", total=len(files))
            return audit_paths(files, ruleset, options, progress=lambda _: bar.advance(task))
    return audit_paths(files, ruleset, options)


def check_writable(target: str, option: str) -> None:
    """A UsageError (Chinese) unless ``target`` can be written: its folder exists, it is no folder."""
    path = Path(target)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"{option} 所在的文件夹不存在：{folder}", path=target)
    if path.is_dir():
        raise UsageError(f"{option} 应为文件，这是一个文件夹。", path=target)
    if path.exists() and not os.access(path, os.W_OK) or not path.exists() and not os.access(folder, os.W_OK):
        raise UsageError(f"{option} 无法写入（没有写权限）。", path=target)


def _emit(report: AuditReport, request: AuditRequest, console: Console) -> None:
    try:
        if request.fmt == "text":
            from rich.console import Console

            from auditor.report.text import print_report

            if request.output:
                with open(request.output, "w", encoding="utf-8") as handle:
                    print_report(report, Console(file=handle, no_color=True, width=100), request.lang)
            else:
                print_report(report, console, request.lang)
            return
        text = FILE_FORMATS[request.fmt](report, request.lang, Path(request.output).parent if request.output else None)
        if request.output:
            Path(request.output).write_text(text, encoding="utf-8")
        else:
            console.file.write(text + "\n")
    except OSError as exc:
        raise UsageError(f"无法写入报告：{exc.strerror or type(exc).__name__}", path=request.output) from None


def exit_code(report: AuditReport, fail_on: str, *, keep_going: bool = False) -> int:
    """2 when any document could not be audited (its row says why) or a rule failed (unless
    keep_going), else 1 for findings, else 0."""
    if any(r.error for r in report.results):
        return 2
    # A broken rule is the rule writer's error: exit 2 unless told to keep going, and
    # then the other findings alone decide.
    if any(f.is_rule_error for f in report.findings) and not keep_going:
        return 2
    if fail_on != "never":
        threshold = Severity(fail_on).rank
        if any(f.severity.rank >= threshold for f in report.findings if not f.is_rule_error):
            return 1
    return 0
