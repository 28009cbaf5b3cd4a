"""Completeness against the profile: parts, tables, sections, glossary.

Python kinds because they read the template profile (rules/profiles/*.yaml) and match section
titles by keywords, with fallbacks for misnumbered headings. Table metadata and the 三公 items
are expression rules (rules/completeness.yaml).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.engine.checks import Context, register
from auditor.engine.checks._common import compact
from auditor.engine.rule import Draft
from auditor.model import Span

CN = "零一二三四五六七八九十"


def _anchor(context: Context, part: int | None = None) -> Span:
    document = context.document
    if part is not None:
        found = document.part(part)
        if found:
            return found.heading_span
    if document.title_span:
        return document.title_span
    return Span(1, 1)


def _not_here(context: Context) -> str:
    return "（文件说明预算公开表见附件：本文件中没有）" if context.document.attachments_elsewhere else ""


@register("completeness_not_checked", {})
def completeness_not_checked(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """文件不以完整公开文件的面目出现（没有封面、目录，部分标题不足两个）时，说明未检查完整性。"""
    document = context.document
    if not document.presents_as_complete:
        yield Draft(_anchor(context), values={"found": document.found_summary()},
                    evidence=f"文件中有：{document.found_summary()}")


@register("template_recognised", {})
def template_recognised(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """文件与任何模板都对不上时提示一次：完整性未按模板检查（不逐表报告缺失）。"""
    # A fragment is told once by completeness_not_checked; this note is for a
    # document that presents itself as complete but matches no template.
    if context.document.template is None and context.document.presents_as_complete:
        yield Draft(_anchor(context), evidence="没有与文件的标题、部分标题和表名相符的内置模板")


@register("required_parts", {})
def required_parts(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """模板规定的四个部分（概况、预算公开表、情况说明、名词解释）都在文件中。"""
    if not context.document.presents_as_complete:
        return  # a fragment: completeness_not_checked says so once
    present = {part.number for part in context.document.parts}
    for number, name in sorted(context.profile.get("parts", {}).items()):
        if int(number) not in present:
            label = f"第{CN[int(number)]}部分（{name}）"
            yield Draft(_anchor(context), values={"part": label, "where": ""}, evidence=f"缺少 {label}")


@register("required_tables", {})
def required_tables(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """模板规定的每张表都在，且表号与表的种类一致、顺序正确。"""
    document = context.document
    if not document.presents_as_complete:
        return
    by_kind = {table.kind: table for table in document.tables}
    for entry in context.profile.get("tables", []):
        table = by_kind.get(entry["kind"])
        if table is None:
            yield Draft(
                _anchor(context, 2),
                values={"number": entry["number"], "title": entry["title"], "where": _not_here(context)},
                evidence=f"未找到表{entry['number']} {entry['title']}",
            )
        elif table.number != entry["number"]:
            yield Draft(
                table.span,
                values={"number": entry["number"], "title": entry["title"],
                        "where": f"（该表编为表{table.number}）"},
                table=table.number,
                evidence=f"{entry['title']} 应为表{entry['number']}，文件中为表{table.number}",
            )


@register("required_sections", {})
def required_sections(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """第三部分的十二项说明（及 十二 下的运行经费、政府采购、国有资产、绩效）都在。"""
    document = context.document
    where = int(context.profile.get("sections_part", 3))
    part = document.part(where)
    if part is None or not document.presents_as_complete:
        return
    for entry in context.profile.get("sections", []):
        section = document.section(entry["number"], part=where)
        if section is None or not any(compact(k) in compact(section.title) for k in entry["keywords"]):
            found = next(
                (s for s in part.sections if any(compact(k) in compact(s.title) for k in entry["keywords"])), None
            )
            if found is None:
                yield Draft(part.heading_span, values={"title": entry["title"], "number": CN[entry["number"]] if entry["number"] <= 10 else ("十" + CN[entry["number"] - 10])},
                            evidence=f"第三部分中没有“{entry['title']}”")
    for entry in context.profile.get("subsections", []):
        parent = document.section(entry["number"][0])
        if parent is None:
            continue
        if not any(any(compact(k) in compact(s.title) for k in entry["keywords"]) for s in parent.walk()):
            yield Draft(parent.heading_span, values={"title": entry["title"], "number": "十二"},
                        evidence=f"“其他重要事项”中没有“{entry['title']}”")


@register("glossary_present", {})
def glossary_present(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """第四部分名词解释不为空。"""
    part = context.document.part(4)
    if not context.document.presents_as_complete:
        return
    if part is not None and not part.sections and not part.paragraphs:
        yield Draft(part.heading_span, evidence="第四部分没有内容")
