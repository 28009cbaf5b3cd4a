"""A folder at a glance: one row per file, and bar charts of findings by rule family and by file.

Bars are drawn with rich text (one cell per finding, scaled down only when the
largest count would not fit), stacked by severity so errors stand out.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from rich import box
from rich.console import Group, RenderableType
from rich.markup import escape
from rich.style import Style
from rich.table import Table
from rich.text import Text

from auditor.audit import AuditReport, DocumentResult
from auditor.model.findings import Severity
from auditor.report.labels import kind_label

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
BAR_WIDTH = 40

_FAMILY = re.compile(r"^(.*?)\d+$")

DocumentLink = Callable[[int], str | None]


def rule_family(rule_id: str) -> str:
    """``BD-X003`` -> ``BD-X``: the id without its trailing number."""
    match = _FAMILY.match(rule_id)
    return match.group(1) if match and match.group(1) else rule_id


def template_of(result: DocumentResult) -> str | None:
    # DocumentResult.template is added by the template work; show it once it exists.
    value = getattr(result, "template", None)
    return str(value) if value else None


def bar(counts: Counter, largest: int, fancy: bool) -> Text:
    """Stacked bar: each severity's count in cells, all scaled by the same ratio.

    Each segment is rounded up so that one finding still shows; a bar may
    therefore run up to two cells past BAR_WIDTH, which keeps it honest.
    """
    text = Text()
    for severity in ORDER:
        count = counts.get(severity, 0)
        if not count:
            continue
        # Integer ceiling division keeps a single finding visible as one cell.
        cells = count if largest <= BAR_WIDTH else -(-count * BAR_WIDTH // largest)
        text.append(_mark(severity, fancy) * cells, style=STYLE[severity].replace("bold ", ""))
    return text


def short_names(results: list[DocumentResult]) -> list[str]:
    """Each file's name, or when two share a name, its path below the folder all of them share."""
    paths = [Path(os.path.abspath(r.path)) for r in results]
    if len({p.name for p in paths}) == len(paths):
        return [p.name for p in paths]
    try:
        common = Path(os.path.commonpath([p.parent for p in paths])) if paths else Path()
    except ValueError:  # different drives on Windows
        return [r.path for r in results]
    return [p.relative_to(common).as_posix() for p in paths]


def _mark(severity: Severity, fancy: bool) -> str:
    # Without colour the severities must differ by shape.
    return "█" if fancy else {Severity.ERROR: "#", Severity.WARNING: "=", Severity.INFO: "-"}[severity]


def files_table(report: AuditReport, words: dict[str, str], fancy: bool,
                document_link: DocumentLink | None = None) -> Table:
    table = Table(title=words["files"], box=box.SIMPLE if fancy else box.ASCII, show_edge=False)
    columns = ["file", "unit", "year", "kind"]
    show_template = any(template_of(r) for r in report.results)
    if show_template:
        columns.append("template")
    columns += ["errors", "warnings", "status"]
    for column in columns:
        table.add_column(words[column], justify="right" if column in ("errors", "warnings") else "left")
    names = short_names(report.results)
    for index, result in enumerate(report.results, 1):
        if result.error:  # the reason is printed with the document; the row only says so
            status = Text(words["unreadable"], style="red")
        elif result.count(Severity.ERROR) or result.count(Severity.WARNING):
            status = Text(words["failed"], style="yellow")
        else:
            status = Text(words["ok"], style="green")
        name = Text(names[index - 1])
        link = document_link(index) if document_link else None
        if link:
            name.stylize(Style(link=link))
        cells: list[RenderableType] = [
            name,
            escape(result.unit or ""),
            str(result.year or ""),
            kind_label(result.kind, words) if not result.error else "",
        ]
        if show_template:
            cells.append(escape(template_of(result) or ""))
        cells += [str(result.count(Severity.ERROR)), str(result.count(Severity.WARNING)), status]
        table.add_row(*cells)
    return table


def charts(report: AuditReport, words: dict[str, str], fancy: bool) -> RenderableType | None:
    """Findings by rule family and by file, or None when there are none."""
    if not report.findings:
        return None
    by_family: dict[str, Counter] = {}
    for finding in report.findings:
        by_family.setdefault(rule_family(finding.rule_id), Counter())[finding.severity] += 1
    by_file = [(r, Counter(f.severity for f in r.findings)) for r in report.results]
    legend = Text()
    for severity in ORDER:
        legend.append(_mark(severity, fancy), style=STYLE[severity].replace("bold ", ""))
        legend.append(f" {words[severity.value]}  ")
    family_table = _chart(
        words["by_family"], words["family"],
        [(family, counts) for family, counts in sorted(by_family.items(), key=lambda kv: (-kv[1].total(), kv[0]))],
        words, fancy,
    )
    file_table = _chart(
        words["by_file"], words["file"],
        [(name, counts) for name, (_, counts) in
         sorted(zip(short_names(report.results), by_file, strict=True), key=lambda nc: _weight(nc[1][1]), reverse=True)],
        words, fancy,
    )
    return Group(legend, family_table, file_table)


def _weight(counts: Counter) -> tuple[int, int, int]:
    return (counts.get(Severity.ERROR, 0), counts.get(Severity.WARNING, 0), counts.get(Severity.INFO, 0))


def _chart(title: str, label: str, rows: list[tuple[str, Counter]], words: dict[str, str], fancy: bool) -> Table:
    table = Table(title=title, box=box.SIMPLE if fancy else box.ASCII, show_edge=False)
    table.add_column(label, no_wrap=True, max_width=44, overflow="ellipsis")
    table.add_column(words["count"], justify="right")
    table.add_column("", no_wrap=True)
    largest = max((counts.total() for _, counts in rows), default=0)
    for name, counts in rows:
        table.add_row(escape(name), str(counts.total()), bar(counts, largest, fancy))
    return table
