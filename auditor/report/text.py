"""The terminal report (rich); the HTML report records the same renderables."""

from __future__ import annotations

from collections import Counter

from rich import box
from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.style import Style
from rich.table import Table
from rich.text import Text

from auditor.audit import AuditReport, DocumentResult
from auditor.model.findings import Finding, Severity
from auditor.model.outline import OutlineEntry, place
from auditor.report.labels import arithmetic as in_language
from auditor.report.labels import colon, kind_label, labels
from auditor.report.links import Linker, absolute_linker
from auditor.report.overview import DocumentLink, charts, files_table

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def renderables(report: AuditReport, lang: str = "zh", *, fancy: bool = True,
                link: Linker | None = None) -> list[RenderableType]:
    """The whole report; ``link`` turns each finding's location into a hyperlink (None: plain text)."""
    words = labels(lang)
    items: list[RenderableType] = []
    for result in report.results:
        items.extend(document_header(result, words))
        for entry, findings in finding_groups(result):
            items.append(group_heading(entry, words, fancy))
            items.extend(finding_item(f, result, words, link) for f in findings)
    if len(report.results) > 1:
        items.extend(folder_overview(report, words, fancy))
    items.append(summary_line(report, words))
    return items


def folder_overview(report: AuditReport, words: dict[str, str], fancy: bool,
                    document_link: DocumentLink | None = None) -> list[RenderableType]:
    items: list[RenderableType] = [Text(""), files_table(report, words, fancy, document_link)]
    chart = charts(report, words, fancy)
    if chart is not None:
        items.append(chart)
    return items


def summary_by_rule(report: AuditReport, lang: str = "zh", *, fancy: bool = True) -> RenderableType:
    words = labels(lang)
    counts = Counter((f.rule_id, f.severity, f.title) for f in report.findings)
    table = Table(title=words["by_rule"], box=box.SIMPLE if fancy else box.ASCII, show_edge=False)
    table.add_column(words["rule"])
    table.add_column(words["error"] + "/" + words["warning"] + "/" + words["info"])
    table.add_column(words["title"])
    table.add_column(words["count"], justify="right")
    for (rule_id, severity, title), count in sorted(counts.items(), key=lambda kv: (-kv[0][1].rank, kv[0][0])):
        table.add_row(rule_id, Text(words[severity.value], style=STYLE[severity]), escape(title), str(count))
    by_severity = Counter(f.severity for f in report.findings)
    header = Text(
        "  ".join(f"{words[s.value]} {by_severity.get(s, 0)}" for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    )
    return Group(header, table)


def document_header(result: DocumentResult, words: dict[str, str]) -> list[RenderableType]:
    """Title line, and what stopped or limited the audit; "no findings" when there are none."""
    title = Text()
    title.append(f"{result.unit or '（未识别单位）'}", style="bold")
    title.append(f"  {result.year or '？'}  {kind_label(result.kind, words, result.stage)}  ")
    if not result.error:
        title.append(f"{words['template']} {result.template or words['no_template']}  ")
    title.append(result.path, style="dim")
    items: list[RenderableType] = [Text(""), title]
    if result.error:
        items.append(Text(f"{words['unreadable']}{colon(words['lang'])}{result.error}", style="bold red"))
        return items
    if result.ambiguous_rows:
        items.append(Text(words["ambiguous"].format(n=result.ambiguous_rows), style="dim"))
    if not result.findings:
        items.append(Text(words["no_findings"], style="green"))
    return items


def finding_groups(result: DocumentResult) -> list[tuple[OutlineEntry | None, list[Finding]]]:
    """Findings grouped by the table or part they are in, groups in the document's order."""
    groups: dict[OutlineEntry | None, list[Finding]] = {}
    for finding in sorted(result.findings, key=Finding.sort_key):
        groups.setdefault(place(finding, result.outline), []).append(finding)
    return sorted(groups.items(), key=lambda kv: kv[0].line if kv[0] else kv[1][0].line)


def group_heading(entry: OutlineEntry | None, words: dict[str, str], fancy: bool) -> Text:
    name = entry.label(words["table"]) if entry else words["other"]
    return Text(f"── {name} " + "─" * 20 if fancy else f"-- {name}", style="bold")


def finding_item(finding: Finding, result: DocumentResult, words: dict[str, str],
                 link: Linker | None = None) -> RenderableType:
    head = Text()
    head.append(f"[{words[finding.severity.value]}] ", style=STYLE[finding.severity])
    if finding.is_rule_error:
        head.append(f"[{words['rule_error']}] ", style=STYLE[finding.severity])
    head.append(f"{finding.rule_id} ", style="bold")
    head.append(finding.message)
    where = Text("  ")
    where.append(result.location(finding.line), style=Style(dim=True, link=link(result, finding.line) if link else None))
    if finding.end_line != finding.line:
        # On a PDF the end is a page and line too, never the parser's line number.
        where.append(f"-{result.locations.get(finding.end_line, finding.end_line)}", style="dim")
    lines: list[RenderableType] = [head, where]
    for number in range(finding.line, min(finding.end_line, finding.line + 4) + 1):
        source = result.excerpts.get(number)
        if source is None:
            continue
        excerpt = Text(f"  {result.locations.get(number, str(number)):>5} │ ", style="dim")
        body = Text(source.replace("\t", "  ").rstrip()[:160])
        if finding.stated:
            body.highlight_words([finding.stated], style="bold reverse")
        excerpt.append(body)
        lines.append(excerpt)
    if finding.stated or finding.expected:
        arithmetic = Text("  ")
        if finding.stated:
            arithmetic.append(f"{words['stated']} {finding.stated}")
        if finding.expected:
            arithmetic.append(f"  {words['expected']} {finding.expected}")
        if finding.difference:
            arithmetic.append(f"  {words['difference']} {finding.difference}")
        lines.append(arithmetic)
    if finding.evidence:
        evidence = in_language(finding.evidence, words["lang"])
        lines.append(Text(f"  {words['evidence']}{colon(words['lang'])}{evidence}", style="dim"))
    if finding.related:
        lines.append(Text(f"  {words['related']}{colon(words['lang'])}{finding.related}", style="dim"))
    return Group(*lines)


def summary_line(report: AuditReport, words: dict[str, str]) -> RenderableType:
    counts = Counter(f.severity for f in report.findings)
    rules_run = max((r.rules_run for r in report.results), default=0)
    claims = sum(r.claims_checked for r in report.results)
    skipped = sum(r.not_evaluable for r in report.results)
    text = Text()
    text.append(f"\n{words['summary']}{colon(words['lang'])}")
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        text.append(f"{words[severity.value]} {counts.get(severity, 0)}  ", style=STYLE[severity])
    text.append(
        f"· {words['rules_run']} {rules_run} · {words['claims']} {claims} · "
        f"{words['not_evaluable']} {skipped} · {words['time']} {report.elapsed:.2f}s"
    )
    if report.hidden_by_baseline:
        text.append("\n" + words["hidden"].format(n=report.hidden_by_baseline), style="dim")
    for pair in report.pairs:
        text.append(f"\n{words['paired']}{colon(words['lang'])}{pair.current} ← {pair.previous}", style="dim")
    for note in report.pairing_notes:
        text.append(f"\n{note}", style="dim")
    return text


def print_report(report: AuditReport, console: Console, lang: str = "zh") -> None:
    fancy = console.is_terminal and not console.no_color
    # OSC 8 hyperlinks only where escape codes are wanted: never on a pipe, under NO_COLOR or TERM=dumb
    # (rich gives a dumb terminal no colour system).
    links = fancy and console.color_system is not None and not console.is_dumb_terminal
    for item in renderables(report, lang, fancy=fancy, link=absolute_linker if links else None):
        console.print(item)
