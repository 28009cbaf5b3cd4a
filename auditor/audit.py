"""The audit pipeline: find the files, parse each, run the rules, collect results.

Results carry plain data only (no Document), so files can be audited in
worker processes and the reports still show excerpts of the source lines.
"""

from __future__ import annotations

import contextlib
import gc
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from auditor.engine import Config, RuleSet, load_rules, run_rules
from auditor.errors import AuditorError, InputError
from auditor.model import Stage
from auditor.model.findings import Finding, Severity
from auditor.model.outline import OutlineEntry, outline_of
from auditor.reading.source import DEFAULT_MAX_BYTES
from auditor.sanitize import clean_text, clean_value, sanitize_result

SUFFIXES = (".txt", ".pdf")


@dataclass
class DocumentResult:
    path: str
    unit: str | None = None
    year: int | None = None
    kind: str | None = None
    template: str | None = None  # the template the document was read with (None: none matched)
    stage: str | None = None  # 预算 | 决算
    previous: str | None = None  # last year's document this one was checked against
    rendering: str | None = None
    findings: list[Finding] = field(default_factory=list)
    excerpts: dict[int, str] = field(default_factory=dict)  # line -> original text
    locations: dict[int, str] = field(default_factory=dict)  # line -> "p3:L5" for PDFs
    tables: int = 0
    rows: int = 0
    ambiguous_rows: int = 0
    diagnostics: list[str] = field(default_factory=list)
    rules_run: int = 0
    not_evaluable: int = 0
    claims_checked: int = 0
    rule_errors: list[str] = field(default_factory=list)
    error: str | None = None
    elapsed: float = 0.0
    outline: list[OutlineEntry] = field(default_factory=list)  # parts and tables, for grouping and navigation

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def location(self, line: int) -> str:
        where = self.locations.get(line)
        return f"{self.path}:{where}" if where else f"{self.path}:{line}"


@dataclass
class AuditOptions:
    rule_paths: list[str] = field(default_factory=list)
    config: Config = field(default_factory=Config)
    max_bytes: int = DEFAULT_MAX_BYTES
    jobs: int = 1


@dataclass
class AuditReport:
    results: list[DocumentResult]
    ruleset: RuleSet
    elapsed: float = 0.0
    hidden_by_baseline: int = 0
    pairs: list = field(default_factory=list)  # auditor.previous.Pair
    pairing_notes: list[str] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]


def discover(paths: Iterable[str]) -> list[Path]:
    """The disclosure files named by ``paths`` (folders are searched recursively)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError("路径不存在。", path=str(path))
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not files:
                raise InputError("文件夹中没有预算公开文件（*.txt 或 *.pdf）。", path=str(path))
            found.extend(files)
        else:
            found.append(path)
    return found


def audit_file(path: Path, ruleset: RuleSet, options: AuditOptions) -> DocumentResult:
    """One document's result; whatever goes wrong becomes that document's error row."""
    started = time.perf_counter()
    try:
        result = _audit_file(path, ruleset, options, started)
    except Exception as exc:  # noqa: BLE001 - one bad document never costs the others
        result = DocumentResult(str(path), error=crash_message(exc))
        result.elapsed = time.perf_counter() - started
    return sanitize_result(result)


def crash_message(exc: BaseException) -> str:
    """A short Chinese message for an unexpected exception (its text may hold document content)."""
    if isinstance(exc, RecursionError):
        return "文件结构过深，无法审核。"
    if isinstance(exc, MemoryError):
        return "审核本文件时内存不足，已跳过。"
    return f"审核本文件时出现内部错误（{type(exc).__name__}），已跳过；请把文件报告给维护者。"


def _audit_file(path: Path, ruleset: RuleSet, options: AuditOptions, started: float) -> DocumentResult:
    from auditor.parsing import parse_file

    result = DocumentResult(str(path))
    try:
        document = parse_file(path, options.max_bytes, options.config.template)
    except AuditorError as exc:
        result.error = exc.message
        result.elapsed = time.perf_counter() - started
        return result
    # the template read with, even when the document is then refused
    result.template = document.template.name if document.template is not None else None
    problem = unusable(document)
    if problem:
        result.error = problem
        result.elapsed = time.perf_counter() - started
        return result
    run = run_rules(ruleset, document, options.config)
    result.unit, result.year, result.kind = document.unit, document.year, document.kind.value
    result.stage = document_stage(document)
    result.rendering = document.source.rendering
    result.findings = run.findings
    result.rules_run, result.not_evaluable, result.claims_checked = run.rules_run, run.not_evaluable, run.claims_checked
    result.rule_errors = run.errors
    result.tables = len(document.tables)
    result.outline = outline_of(document)
    result.rows = sum(len(t.rows) for t in document.tables)
    result.ambiguous_rows = sum(1 for t in document.tables for r in t.rows if r.ambiguous)
    result.diagnostics = [
        f"{_where(document, d.span.line) if d.span else '-'}: {d.message}"
        for d in document.diagnostics
        if d.severity != "info"
    ]
    _add_excerpts(result, document, run.findings)
    result.elapsed = time.perf_counter() - started
    return result


def _where(document, line: int) -> str:
    """A line as a reader finds it: "p3:L5" on a PDF, the line number in a text."""
    if document.locations and 1 <= line <= len(document.locations):
        return document.locations[line - 1]
    return str(line)


def _add_excerpts(result: DocumentResult, document, findings: list[Finding]) -> None:
    """Keep the source lines around each finding, so reports need no Document."""
    wanted = {n for f in findings for n in range(max(1, f.line - 1), f.end_line + 2)}
    result.excerpts.update({n: document.line_text(n) for n in sorted(wanted) if n <= len(document.lines)})
    if document.locations:
        result.locations.update({n: document.locations[n - 1] for n in wanted if n <= len(document.locations)})


def document_stage(document) -> str:
    """预算 or 决算: the stage a document reports, read from its opening lines."""
    stage = getattr(document, "stage", None)
    if isinstance(stage, Stage):  # the parser's reading of the title (before the str check: Stage is a str)
        return stage.word
    if isinstance(stage, str) and stage:
        return stage
    opening = "".join(document.lines[:60])
    return "决算" if "决算" in opening else "预算"


def unusable(document) -> str | None:
    """Why a parsed text cannot be audited at all, or None.

    Only a text without any budget vocabulary is refused: a 说明 alone, one
    section or one note is audited for what it holds (issue 15).
    """
    if document.tables:
        return None  # (the vocabulary, read from YAML, is only needed for a text without tables)
    words = _budget_vocabulary()
    if any(word in line for line in document.lines for word in words):
        return None
    return "这不是预算公开文件：没有找到预算、决算、财政拨款等预算用语，也没有预算公开表。"


@cache
def _budget_vocabulary() -> tuple[str, ...]:
    import yaml

    from auditor.resources import data_text

    return tuple(yaml.safe_load(data_text("budget_text.yaml"))["vocabulary"])


_WORKER: tuple[RuleSet, AuditOptions] | None = None


def _init_worker(options: AuditOptions) -> None:
    global _WORKER
    _WORKER = (load_rules(options.rule_paths, examples=False), options)
    # Only a head start: each document loads what it needs and reports its own errors.
    with contextlib.suppress(Exception):
        _ready(options)
    keep_loaded()


def keep_loaded() -> None:
    """Exempt what is loaded so far (modules, rules, grammars) from garbage collection.

    It lives as long as the process. Python's cyclic collector runs every few hundred
    allocations while a document is read and audited, and each of its fuller passes
    scanned all of it again: about 10 ms of a 165 ms single-file run
    (docs/performance.md). Only objects that exist now are frozen; what documents
    allocate later is collected as usual. Once per process: a program that runs
    several audits must not freeze the garbage the earlier ones left.
    """
    global _FROZEN_IN
    if os.getpid() != _FROZEN_IN:
        _FROZEN_IN = os.getpid()
        gc.freeze()


_FROZEN_IN: int | None = None  # the process that froze what it had loaded


def _ready(options: AuditOptions) -> None:
    """Load what every document needs (grammars, check kinds, code lists, profile) before the first file."""
    from auditor.claims.reader import claims_machine
    from auditor.codes import economic_codes, function_codes
    from auditor.engine.checks import load_all
    from auditor.parsing.structure import _machine as structure_machine
    from auditor.template import load_template
    from auditor.template.detect import shipped_templates

    structure_machine()
    claims_machine()
    load_all()
    function_codes()
    economic_codes()
    # The template the user named, or all shipped ones (each document is matched against them).
    if options.config.template:
        load_template(options.config.template)
    else:
        shipped_templates()


def _audit_in_worker(path: Path) -> DocumentResult:
    assert _WORKER is not None
    ruleset, options = _WORKER
    return audit_file(path, ruleset, options)  # never raises: errors become the document's row


def audit_paths(
    paths: list[Path],
    ruleset: RuleSet,
    options: AuditOptions,
    progress: Callable[[DocumentResult], None] | None = None,
) -> AuditReport:
    started = time.perf_counter()
    results: list[DocumentResult] = []
    jobs = max(1, min(options.jobs, len(paths)))
    if jobs == 1:
        for path in paths:
            result = audit_file(path, ruleset, options)
            results.append(result)
            if progress:
                progress(result)
    else:
        # Imported here: a run of one file does not pay for the pool's imports.
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        try:
            with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(options,)) as pool:
                for result in pool.map(_audit_in_worker, paths, chunksize=max(1, len(paths) // (jobs * 8))):
                    results.append(result)
                    if progress:
                        progress(result)
        except BrokenProcessPool:
            # A worker was killed (out of memory, a signal): the files not yet reported get a row
            # saying so, and the report of the others is still written.
            for path in paths[len(results):]:
                results.append(DocumentResult(clean_text(str(path)), error="审核进程意外退出（可能内存不足），本文件未审核。"))
    return AuditReport(results, ruleset, time.perf_counter() - started)


def default_jobs() -> int:
    return os.cpu_count() or 1


def check_pairs(report: AuditReport, ruleset: RuleSet, options: AuditOptions, explicit: Path | None = None) -> None:
    """Run the 上年 rules on each (this year, last year) pair and add their findings.

    With ``explicit`` (``--previous``) the one audited document is paired with
    it; otherwise documents of one folder are paired by unit, stage, kind and
    consecutive years. Only the rules tagged ``previous`` run here, so a pair
    costs two parses and a few checks, and documents without a pair cost nothing.
    """
    from auditor.engine.loader import RuleSet as Rules
    from auditor.parsing import parse_file
    from auditor.previous import Identity, Pair, pair_documents

    rules = Rules([r for r in ruleset.rules if "previous" in r.tags])
    if not rules.rules:
        return
    readable = [r for r in report.results if not r.error]
    if explicit is not None:
        if len(readable) != 1:
            return
        this = readable[0]
        pairs = [Pair(this.path, str(explicit), this.unit or "", (0, this.year or 0))]
        notes: list[str] = []
    else:
        identities = [Identity(r.path, r.unit, r.year, r.stage or "预算", r.kind) for r in readable]
        pairs, notes = pair_documents(identities)
    by_path = {r.path: r for r in readable}
    for pair in pairs:
        result = by_path[pair.current]
        try:
            document = parse_file(Path(pair.current), options.max_bytes, options.config.template)
            previous = parse_file(Path(pair.previous), options.max_bytes, options.config.template)
        except AuditorError as exc:
            notes.append(f"{pair.previous} 无法读取，未与上年文件核对：{exc.message}")
            continue
        except Exception as exc:  # noqa: BLE001 - a bad pair never costs the report
            notes.append(f"{pair.previous} 未与上年文件核对：{crash_message(exc)}")
            continue
        if explicit is not None and previous.year and document.year and previous.year != document.year - 1:
            notes.append(f"上年文件 {pair.previous} 是 {previous.year} 年的，本年文件是 {document.year} 年的。")
        try:
            run = run_rules(rules, document, options.config, previous)
        except Exception as exc:  # noqa: BLE001
            notes.append(f"{pair.previous} 未与上年文件核对：{crash_message(exc)}")
            continue
        result.previous = pair.previous
        result.findings = sorted([*result.findings, *run.findings], key=Finding.sort_key)
        result.rule_errors.extend(run.errors)
        _add_excerpts(result, document, run.findings)
        sanitize_result(result)  # the new findings and excerpts hold document text too
        if explicit is not None:  # the years are known only now that both are read
            pair = Pair(pair.current, pair.previous, pair.unit, (previous.year or 0, document.year or 0))
        report.pairs.append(pair)
    report.pairing_notes.extend(clean_value(notes))
