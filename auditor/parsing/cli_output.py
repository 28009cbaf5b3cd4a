"""What ``auditor parse`` prints: a rich tree or the JSON contract."""

from __future__ import annotations

import io
import json

from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

from auditor.model import Document, Section
from auditor.parsing.ast_json import document_to_json


def render_parse(document: Document, fmt: str = "tree", *, color: bool = False, width: int = 100) -> str:
    if fmt == "json":
        return json.dumps(document_to_json(document), ensure_ascii=False, indent=2)
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width, highlight=False)
    console.print(document_tree(document))
    return buffer.getvalue()


def document_tree(document: Document) -> Tree:
    kind = document.kind.label
    root = Tree(
        f"[bold]{escape(document.unit or '（未识别单位）')}[/] {document.year or '？'} 年{kind}"
        f"  [dim]{escape(document.source.path)} · {document.source.encoding} · {document.source.rendering}[/]"
    )
    if document.toc:
        root.add(f"目录 [dim]{len(document.toc)} 条 · 第 {document.toc[0].line} 行起[/]")
    tables = {table.span.line: table for table in document.tables}
    for part in document.parts:
        branch = root.add(f"[bold]第{'一二三四'[part.number - 1] if 1 <= part.number <= 4 else part.number}部分[/] "
                          f"{escape(part.title)} [dim]L{part.span}[/]")
        for section in part.sections:
            _add_section(branch, section)
        for line, table in sorted(tables.items()):
            if part.span.line <= line <= part.span.end_line:
                ambiguous = sum(1 for row in table.rows if row.ambiguous)
                note = f"，{ambiguous} 行待定" if ambiguous else ""
                empty = "，空表" if table.is_empty else ""
                table_branch = branch.add(
                    f"表{table.number} {escape(table.title)} [dim]L{table.span} · {table.kind} · "
                    f"{len(table.rows)} 行{note}{empty}[/]"
                )
                if table.remark:
                    table_branch.add(f"备注 [dim]L{table.remark.span}[/] {escape(table.remark.text[:40])}")
        for perf in document.performance_tables:
            if part.span.line <= perf.span.line <= part.span.end_line:
                weights = [i.weight for i in perf.indicators if i.weight is not None]
                total = sum((w.value for w in weights), start=0)
                branch.add(
                    f"绩效目标表（{'整体' if perf.kind == 'unit' else '项目'}）{escape(perf.name)} "
                    f"[dim]L{perf.span} · {len(perf.indicators)} 个指标 · 权重合计 {total}[/]"
                )
    if document.diagnostics:
        diag = root.add(f"[yellow]诊断 {len(document.diagnostics)} 条[/]")
        for item in document.diagnostics:
            where = f"L{item.span} " if item.span else ""
            diag.add(f"{where}{escape(item.message)} [dim]({item.code})[/]")
    return root


def _add_section(branch: Tree, section: Section) -> None:
    node = branch.add(f"{escape(section.label + section.title)} [dim]L{section.span} · {len(section.paragraphs)} 段[/]")
    for sub in section.subsections:
        _add_section(node, sub)
