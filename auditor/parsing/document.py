"""From a source text to a Document: classify, parse, read tables, find the title."""

from __future__ import annotations

import re
from collections import Counter

from auditor.model import (
    UNKNOWN_KIND,
    Diagnostic,
    Document,
    DocumentKind,
    PerformanceTable,
    SourceInfo,
    Span,
    Stage,
    Table,
    TocEntry,
)
from auditor.parsing.classify import Classifier, Line, Logical
from auditor.parsing.structure import Skeleton, parse_structure
from auditor.parsing.tables import parse_table
from auditor.parsing.tables.coded import spaced
from auditor.reading import SourceText
from auditor.template.detect import choose_template
from auditor.template.model import Template

YEAR_RE = re.compile(r"(20\d{2})\s*年")
TITLE_RE = re.compile(r"(20\d{2})\s*年\s*(?:度\s*)?(?:区级|市级|县级)?\s*(部门|单位)(预算|决算)(?:公开)?")
# A title whose year the PDF extractor set apart ("上海市XX局" / "年度部门决算").
YEARLESS_TITLE_RE = re.compile(r"年\s*度?\s*(部门|单位)(预算|决算)(?:公开)?\s*$")
COMPILER_RE = re.compile(r"编制(?:部门|单位)\s*:\s*(.+?)(?:\s+单位\s*:.*)?$")
OWNER_RE = re.compile(r"^\s*预算(?:主管部门|单位)\s*:\s*(\S.*?)\s*$")  # 上海: "预算主管部门:XX局"
UNIT_IN_TEXT_RE = re.compile(r"^(.{4,40}?)(?:部门|单位)?(?:无|有)下属预算单位")
ATTACHMENT_RE = re.compile(r"(?:详见|见)附件|附件\s*\d*\s*[:(（]?.*预算公开表")



def parse_source(source: SourceText, template: str | Template | None = None) -> Document:
    """Parse a source text with a template (a name, or None to detect it).

    Never raises on the text: what is not recognised becomes diagnostics.
    An unknown template name is a UsageError.
    """
    if not isinstance(template, Template):
        template = choose_template(source, template)
    # Blank lines are no logical line (the classifier drops them): no Line for them.
    lines = [Line(i + 1, text) for i, text in enumerate(source.lines) if text.strip()]
    logicals = Classifier(lines, source.rendering, template).run()
    skeleton = parse_structure(logicals)
    diagnostics = list(skeleton.diagnostics)

    tables = _read_tables(skeleton, source.rendering, diagnostics, template)
    performance = _read_performance(skeleton, source.rendering, diagnostics)
    year, kind, unit, title_span = _title(skeleton, tables, diagnostics)
    stage = _stage(skeleton, tables)
    diagnostics.extend(_completeness(skeleton, tables, template))
    # (Both branches of ATTACHMENT_RE name 附件: other lines are not searched.)
    attachments = any("附件" in text and ATTACHMENT_RE.search(text) for text in source.lines)

    return Document(
        source=SourceInfo(source.path, source.encoding, source.rendering, len(source.raw)),
        lines=source.raw,
        unit=unit,
        year=year,
        kind=kind,
        stage=stage,
        title_span=title_span,
        toc=tuple(TocEntry(entry.text, entry.first) for entry in skeleton.toc),
        parts=tuple(sorted(skeleton.parts, key=lambda p: p.span.line)),
        tables=tuple(tables),
        performance_tables=tuple(performance),
        diagnostics=tuple(sorted(diagnostics, key=_diagnostic_key)),
        attachments_elsewhere=attachments,
        locations=source.locations,
        template=template,
    )


def _diagnostic_key(diagnostic: Diagnostic) -> tuple[int, str]:
    return (diagnostic.span.line if diagnostic.span else 0, diagnostic.code)


def _region(head: Logical, rows: list[Logical]) -> list[tuple[int, str]]:
    return [(line.number, line.text) for logical in rows for line in logical.lines]


def _read_tables(
    skeleton: Skeleton, rendering: str, diagnostics: list[Diagnostic], template: Template | None
) -> list[Table]:
    tables: list[Table] = []
    if rendering == "flattened" and any(
        spaced(line.text) for _, rows, _ in skeleton.tables for logical in rows for line in logical.lines
    ):
        rendering = "flattened+spacing"
    for head, rows, _ in skeleton.tables:
        region = _region(head, rows)
        if head.extra.get("titled"):  # the table's title line opened it: read it with the rows
            region = [(line.number, line.text) for line in head.lines] + region
        try:
            table, notes = parse_table(head.number, region, rendering, template)
        except Exception as exc:  # noqa: BLE001 - a table bug must not lose the document
            diagnostics.append(
                Diagnostic("table-parse-failed", f"表{head.number} 无法解析（内部错误：{exc!r}）。",
                           Span.at(head.first), "error")
            )
            continue
        # The table's span starts at its "表 N" label.
        table = _with_start(table, head.first)
        tables.append(table)
        diagnostics.extend(notes)
    return tables


def _with_start(table: Table, line: int) -> Table:
    from dataclasses import replace

    return replace(table, span=Span(min(line, table.span.line), max(table.span.end_line, line)))


def _read_performance(
    skeleton: Skeleton, rendering: str, diagnostics: list[Diagnostic]
) -> list[PerformanceTable]:
    try:
        from auditor.parsing.performance import parse_performance_table
    except ImportError:  # pragma: no cover - while the module is being written
        return []
    found: list[PerformanceTable] = []
    for head, rows in skeleton.performance:
        region = [(line.number, line.text) for line in head.lines] + _region(head, rows)
        try:
            table, notes = parse_performance_table(region, rendering)
        except Exception as exc:  # noqa: BLE001 - keep the rest of the document
            diagnostics.append(
                Diagnostic("performance-parse-failed", f"绩效目标表无法解析（内部错误：{exc!r}）。",
                           Span.at(head.first), "error")
            )
            continue
        found.append(table)
        diagnostics.extend(notes)
    return found


def _title(
    skeleton: Skeleton, tables: list[Table], diagnostics: list[Diagnostic]
) -> tuple[int | None, DocumentKind, str | None, Span | None]:
    year: int | None = None
    kind = DocumentKind.UNKNOWN
    unit: str | None = None
    span: Span | None = None
    title_lines = [line for logical in skeleton.title for line in logical.lines]
    for index, line in enumerate(title_lines):
        match = TITLE_RE.search(line.text) or YEARLESS_TITLE_RE.search(line.text)
        if match:
            year = int(match.group(1)) if match.re is TITLE_RE else None
            kind = DocumentKind.DEPARTMENT if match.group(match.re.groups - 1) == "部门" else DocumentKind.UNIT
            before = [
                other.text.strip() for other in title_lines[:index] if other.text.strip()
            ]
            prefix = line.text[: match.start()].strip()
            unit = prefix or (before[-1] if before else None)
            span = Span(title_lines[max(0, index - 1)].number if before else line.number, line.number)
            break
    owner = next((m.group(1) for line in title_lines if (m := OWNER_RE.match(line.text))), None)
    if owner:
        unit = owner
    if year is None:
        for part in sorted(skeleton.parts, key=lambda p: p.span.line):
            found = YEAR_RE.search(part.title)
            if found:
                year = int(found.group(1))
                break
    if kind is DocumentKind.UNKNOWN:
        words = Counter()
        for part in skeleton.parts:
            for word in ("部门", "单位"):
                if word in part.title:
                    words[word] += 1
        for table in tables:
            if table.title.startswith(("部门", "单位")):
                words[table.title[:2]] += 1
        if words:
            kind = DocumentKind.DEPARTMENT if words.most_common(1)[0][0] == "部门" else DocumentKind.UNIT
    if not unit:
        compilers = Counter(t.compiler for t in tables if t.compiler)
        if compilers:
            unit = compilers.most_common(1)[0][0]
    if not unit:
        unit = _unit_from_overview(skeleton)
    if year is None:
        diagnostics.append(Diagnostic("missing-year", "未能从标题或各部分标题中识别预算年度。"))
    if not unit:
        diagnostics.append(Diagnostic("missing-unit", "未能识别编制部门（单位）名称。"))
    return year, kind, unit, span


def _stage(skeleton: Skeleton, tables: list[Table]) -> Stage:
    """决算 or 预算: the title decides; else the part and table titles vote."""
    title = "".join(line.text for logical in skeleton.title for line in logical.lines)
    if "决算" in title or "预算" in title:
        return Stage.FINAL if title.count("决算") > title.count("预算") else Stage.BUDGET
    texts = [part.title for part in skeleton.parts] + [table.title for table in tables]
    finals = sum("决算" in text for text in texts)
    budgets = sum("预算" in text and "决算" not in text for text in texts)
    return Stage.FINAL if finals > budgets else Stage.BUDGET


def _unit_from_overview(skeleton: Skeleton) -> str | None:
    """``XX医疗保障局无下属预算单位`` in 第一部分 names the unit."""
    for part in skeleton.parts:
        if part.number != 1:
            continue
        for section in part.sections:
            for paragraph in section.paragraphs:
                match = UNIT_IN_TEXT_RE.match(paragraph.text)
                if match:
                    return match.group(1)
    return None


def _completeness(skeleton: Skeleton, tables: list[Table], template: Template | None) -> list[Diagnostic]:
    notes: list[Diagnostic] = []
    numbers = {part.number for part in skeleton.parts}
    if template is None:
        return notes
    for number in template.parts:
        if number not in numbers and number not in template.optional_parts:
            notes.append(Diagnostic("missing-part", f"未找到{template.part_label(number)}。"))
    if not skeleton.parts:
        notes.append(Diagnostic("not-a-disclosure", "没有找到“第一部分”等部分标题，这可能不是预算公开文件。", None, "error"))
    seen = [t.number for t in tables if t.number is not None]
    if skeleton.parts and (template.tables_part or 2) in numbers:
        for expected in sorted(t.number for t in template.tables):
            if expected not in seen:
                notes.append(Diagnostic("missing-table", f"未找到表{expected}。"))
    for table in tables:
        if table.kind == UNKNOWN_KIND:
            notes.append(Diagnostic("unknown-table", f"表{table.number} 的标题“{table.title}”不是已知的标准表。",
                                    Span(table.span.line, table.span.line)))
    return notes
