"""The HTML report: the terminal renderables recorded by rich, one piece at a time, in a page with navigation.

Each piece (a document's title, a group heading, a finding, a table) is
printed to a recording console and exported as HTML; rich escapes every piece
of text it exports, so document text (which may hold ``<script>``) never
reaches the page as markup. The pieces are wrapped in elements with anchors,
and the page opens with a list of documents and, per document, its parts and
tables with their finding counts, each linking to its findings. One file,
inline CSS, no script.
"""

from __future__ import annotations

import io
from collections import Counter
from html import escape
from pathlib import Path

from rich.console import Console, RenderableType
from rich.terminal_theme import DEFAULT_TERMINAL_THEME

from auditor.audit import AuditReport, DocumentResult
from auditor.model.findings import Finding, Severity
from auditor.model.outline import OutlineEntry, parent_part
from auditor.report.cjk_html import CSS as CELL_CSS
from auditor.report.cjk_html import fix_cell_widths
from auditor.report.labels import kind_label, labels
from auditor.report.links import Linker, relative_linker
from auditor.report.text import (
    document_header,
    finding_groups,
    finding_item,
    folder_overview,
    group_heading,
    summary_by_rule,
    summary_line,
)

PAGE_CSS = """
body { margin: 1.5em; color: #1e1e1e; background: #ffffff;
       font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
h1 { font-size: 1.4em; }
nav { border: 1px solid #ccc; padding: 0.5em 1em; margin-bottom: 1.5em; background: #fafafa; }
nav ul { list-style: none; padding-left: 1.2em; margin: 0.2em 0; }
nav > ul { padding-left: 0; }
nav .doc { margin-top: 0.6em; }
nav .doc > a { font-weight: bold; }
nav ul.tables li { display: inline-block; margin-right: 1.2em; }
nav .none { color: #888; }
nav .n { display: inline-block; min-width: 1.8em; text-align: right; margin-right: 0.4em;
         font-variant-numeric: tabular-nums; }
nav .e { color: #c00; font-weight: bold; }
nav .w { color: #a07000; }
nav .i { color: #077; }
section.document { border-top: 2px solid #999; margin-top: 1em; }
:target { background: #fff8d0; }
"""


def render_html(report: AuditReport, lang: str = "zh", width: int = 120, report_dir: Path | None = None) -> str:
    """The page; links to the audited files are relative to ``report_dir`` (default: the current folder)."""
    words = labels(lang)
    recorder = _Recorder(width)
    link = relative_linker(report_dir if report_dir is not None else Path.cwd())
    title = escape(words["report_title"])
    body: list[str] = [f"<h1>{title}</h1>", _navigation(report, words)]
    if len(report.results) > 1:
        overview = folder_overview(report, words, True, document_link=lambda index: f"#{_doc_id(index)}")
        body.append(f'<section class="overview">{recorder.pieces(overview)}</section>')
    body.append(f'<section class="rules">{recorder.pieces([summary_by_rule(report, lang)])}</section>')
    for index, result in enumerate(report.results, 1):
        body.append(_document(index, result, words, recorder, link))
    body.append(recorder.pieces([summary_line(report, words)]))
    language = "zh-CN" if lang == "zh" else "en"
    return (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
        f"<style>{PAGE_CSS}{CELL_CSS}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


class _Recorder:
    """Turns renderables into HTML ``<pre>`` blocks through one recording console."""

    def __init__(self, width: int) -> None:
        self.console = Console(record=True, file=io.StringIO(), width=width, force_terminal=True,
                               color_system="truecolor", highlight=False)

    def pieces(self, items: list[RenderableType]) -> str:
        for item in items:
            self.console.print(item)
        code = self.console.export_html(theme=DEFAULT_TERMINAL_THEME, inline_styles=True, code_format="{code}")
        return f"<pre>{fix_cell_widths(code)}</pre>"


def _doc_id(index: int) -> str:
    return f"d{index}"


def _entry_id(index: int, entry: OutlineEntry | None) -> str:
    return f"d{index}-{entry.key if entry else 'other'}"


def _document(index: int, result: DocumentResult, words: dict[str, str], recorder: _Recorder, link: Linker) -> str:
    html = [f'<section class="document" id="{_doc_id(index)}">', recorder.pieces(document_header(result, words))]
    anchored: set[str] = set()
    number = 0
    for entry, findings in finding_groups(result):
        part = entry if entry is None or entry.kind == "part" else parent_part(entry, result.outline)
        if part is not None and part is not entry and _entry_id(index, part) not in anchored:
            # The part's findings are all in its tables: its anchor leads to the first of them.
            html.append(f'<div id="{_entry_id(index, part)}"></div>')
            anchored.add(_entry_id(index, part))
        group_id = _entry_id(index, entry)
        anchored.add(group_id)
        html.append(f'<div class="group" id="{group_id}">{recorder.pieces([group_heading(entry, words, True)])}')
        for finding in findings:
            number += 1
            html.append(f'<div class="finding" id="{_finding_id(index, number)}">'
                        f"{recorder.pieces([finding_item(finding, result, words, link)])}</div>")
        html.append("</div>")
    html.append("</section>")
    return "\n".join(html)


def _finding_id(index: int, number: int) -> str:
    return f"d{index}-f{number}"


def _navigation(report: AuditReport, words: dict[str, str]) -> str:
    items = []
    for index, result in enumerate(report.results, 1):
        name = f"{result.unit or '（未识别单位）'} {result.year or ''} {kind_label(result.kind, words)}"
        head = (f'<a href="#{_doc_id(index)}">{escape(name)}</a> <span class="none">{escape(result.path)}</span> '
                + (f'<span class="e">{escape(words["unreadable"])}</span>' if result.error
                   else _counts(Counter(f.severity for f in result.findings), words)))
        items.append(f'<li class="doc">{head}{_outline_list(index, result, words)}</li>')
    return f'<nav><b>{escape(words["contents"])}</b>\n<ul>\n' + "\n".join(items) + "\n</ul></nav>"


def _outline_list(index: int, result: DocumentResult, words: dict[str, str]) -> str:
    """Parts with their tables nested, each with its count and a link when it has findings."""
    placed: dict[OutlineEntry | None, list[Finding]] = dict(finding_groups(result))
    if not result.outline and not placed:
        return ""
    lines = []
    other = placed.get(None)
    if other:
        lines.append(_entry_line(index, None, other, words))
    tables_of: dict[OutlineEntry | None, list[OutlineEntry]] = {}
    for entry in result.outline:
        if entry.kind == "table":
            tables_of.setdefault(parent_part(entry, result.outline), []).append(entry)
    for entry in result.outline:
        if entry.kind == "part":
            tables = tables_of.get(entry, [])
            findings = placed.get(entry, []) + [f for t in tables for f in placed.get(t, [])]
            nested = "".join(f"<li>{_entry_line(index, t, placed.get(t, []), words)}</li>" for t in tables)
            lines.append(_entry_line(index, entry, findings, words)
                         + (f'<ul class="tables">{nested}</ul>' if nested else ""))
    lines += [_entry_line(index, t, placed.get(t, []), words) for t in tables_of.get(None, [])]
    return "<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>"


def _entry_line(index: int, entry: OutlineEntry | None, findings: list[Finding], words: dict[str, str]) -> str:
    name = escape(entry.label(words["table"]) if entry else words["other"])
    counts = Counter(f.severity for f in findings)
    if not findings:
        return f'<span class="none"><span class="n">0</span>{name}</span>'
    return f'{_counts(counts, words, compact=True)}<a href="#{_entry_id(index, entry)}">{name}</a>'


def _counts(counts: Counter, words: dict[str, str], compact: bool = False) -> str:
    css = {Severity.ERROR: "e", Severity.WARNING: "w", Severity.INFO: "i"}
    if compact:
        worst = next((s for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts.get(s)), Severity.INFO)
        return f'<span class="n {css[worst]}">{counts.total()}</span>'
    return " ".join(f'<span class="{css[s]}">{escape(words[s.value])} {counts.get(s, 0)}</span>'
                    for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
