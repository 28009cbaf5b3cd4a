"""决算 tables: the template's identities within and between tables, and completeness."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from auditor.engine.checks import Context, ParamSpec, register
from auditor.engine.rule import Draft
from auditor.model import Span

if TYPE_CHECKING:
    from auditor.final.identities import Mismatch

# auditor.final (决算 templates, identities, narrative finders) is imported by the
# checks that run, so that a 预算 document does not pay for it at start-up.


def _draft(found: Mismatch) -> Draft:
    return Draft(
        Span(found.line, found.line),
        found.stated.format(),
        found.expected.format(),
        found.difference,
        f"{found.stated.format()} ≠ {found.formula} = {found.expected.format()}（按书写精度的取值区间不相交）",
        values={"table": found.table.spec.title, "what": found.what, "stated": found.stated.format(),
                "expected": found.expected.format(), "difference": found.difference},
        figures=(found.stated.format(),),
    )


@register("final_identities", {"tables": ParamSpec(list, "表键（见 rules/templates/final/*-final.yaml）", required=True)})
def final_identities(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """决算表的表内等式（模板 identities）：平衡关系、行内各列、科目层级、“三公”预算数/决算数。"""
    from auditor.final.identities import table_mismatches
    from auditor.final.view import final_view

    view = final_view(context.document)
    if view is None:
        return
    wanted = set(params["tables"])
    for table in view.tables:
        if table.spec.key in wanted:
            for found in table_mismatches(table):
                yield _draft(found)


@register("final_cross", {})
def final_cross(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """决算表之间的等式（模板 cross）：总表与收入、支出决算表，财政拨款总表与表五、八、九，表五与表六。"""
    from auditor.final.identities import cross_mismatches
    from auditor.final.view import final_view

    view = final_view(context.document)
    if view is None:
        return
    for found in cross_mismatches(view.template, view.by_key):
        yield _draft(found)


@register("final_tables_listed", {})
def final_tables_listed(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """目录列出的决算表都在第二部分。"""
    from auditor.final.tables import plain
    from auditor.final.view import final_view

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
    from auditor.final.tables import plain
    from auditor.final.view import final_view

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
    from auditor.final.tables import plain
    from auditor.final.view import final_view

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
