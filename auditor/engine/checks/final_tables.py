"""决算 tables: completeness against the 决算 template (the identities are expression rules, BD-JS001–JS004)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.engine.checks import Context, register
from auditor.engine.rule import Draft
from auditor.final.tables import plain
from auditor.final.view import final_view
from auditor.model import Span


@register("final_tables_listed", {})
def final_tables_listed(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """目录列出的决算表都在第二部分。"""
    document = context.document
    view = final_view(document)
    if view is None or document.part(2) is None:
        return
    present = {table.spec.key for table in view.tables}
    reported: set[str] = set()
    variants = sorted(((plain(t), spec) for spec in view.template.tables for t in spec.titles), key=lambda p: -len(p[0]))
    for entry in document.toc:
        text = plain(entry.text)
        spec = next((s for v, s in variants if text.endswith(v)), None)
        if spec is not None and spec.key not in present and spec.key not in reported:
            reported.add(spec.key)
            yield Draft(Span(entry.line, entry.line), values={"title": spec.title, "where": "目录中列出了此表"},
                        evidence=f"目录列出“{spec.title}”，第二部分中没有这张表")


@register("final_tables_required", {})
def final_tables_required(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """决算模板规定的九张表都在第二部分（目录已列出的由 final_tables_listed 报告）。"""
    document = context.document
    view = final_view(document)
    part = document.part(2)
    if view is None or part is None:
        return
    present = {table.spec.key for table in view.tables}
    listed = {plain(entry.text) for entry in document.toc}
    for spec in view.template.ordered:
        in_toc = any(text.endswith(plain(t)) for text in listed for t in spec.titles)
        if spec.key not in present and not in_toc:
            yield Draft(part.heading_span, values={"title": spec.title, "where": f"{view.template.description}第{spec.number}张表"},
                        evidence=f"第二部分中没有“{spec.title}”")


@register("final_empty_note", {})
def final_empty_note(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """模板允许为空的决算表（政府性基金、国有资本经营）没有数字时，表下须说明“本表无数据”及原因。"""
    view = final_view(context.document)
    if view is None:
        return
    for table in view.tables:
        # Only tables the template lets be empty: an empty 收入支出决算总表 is not a
        # table to explain but a document not yet filled in (the template itself).
        if not table.spec.may_be_empty or not table.is_empty:
            continue
        notes = "".join(text for _, text in table.notes)
        if not any(plain(word) in plain(notes) for word in view.template.empty_note):
            yield Draft(Span(table.span.line, table.span.line), values={"title": table.spec.title},
                        evidence=f"“{table.spec.title}”没有数字，表下也没有“故本表无数据”的说明")
