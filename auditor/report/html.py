"""The HTML report: the terminal renderables recorded by rich and exported.

rich escapes every piece of text it exports, so document text (which may
hold ``<script>``) never reaches the page as markup; the page is one file
with inline styles and no script.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.terminal_theme import DEFAULT_TERMINAL_THEME

from auditor.audit import AuditReport
from auditor.report.labels import labels
from auditor.report.text import renderables, summary_by_rule


def render_html(report: AuditReport, lang: str = "zh", width: int = 110) -> str:
    console = Console(record=True, file=io.StringIO(), width=width, force_terminal=True, color_system="truecolor")
    console.print(f"[bold]{labels(lang)['report_title']}[/]")
    console.print(summary_by_rule(report, lang))
    for item in renderables(report, lang):
        console.print(item)
    page = console.export_html(theme=DEFAULT_TERMINAL_THEME, inline_styles=True)
    # Declare the language and encoding so browsers pick CJK fonts and never guess.
    page = page.replace("<html>", f'<html lang="{"zh-CN" if lang == "zh" else "en"}">', 1)
    page = page.replace("<head>", f"<head>\n<title>{labels(lang)['report_title']}</title>", 1)
    return page.replace("<head>", '<head>\n<meta charset="utf-8">', 1) if 'charset' not in page else page
