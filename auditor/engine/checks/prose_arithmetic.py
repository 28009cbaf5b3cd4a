"""Check kinds for the arithmetic inside the prose (auditor/claims/internal.py).

Python kinds: they group claims by name across sentences (which figure is a part of which total,
which two sentences state the same quantity). Rates, changes, 持平 and reasons are expression rules
over claims() (BD-S004–S006, BD-S008).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.claims import internal
from auditor.engine.checks import Context, ParamSpec, register
from auditor.engine.rule import Draft
from auditor.model import Document, Paragraph, Span
from auditor.reading.normalize import compact

GROUPS = ParamSpec(list, "各组：total（总额的名称）与 parts（各部分的名称，每部分一组同义词）", required=True)


def _draft(issue: internal.Issue) -> Draft:
    claim = issue.claim
    lines = issue.lines or (claim.span.line,)
    return Draft(
        Span(claim.span.line, claim.span.end_line), issue.stated, issue.expected, None, issue.evidence, None,
        claim.section,
        values={"subject": claim.label, "stated": issue.stated, "expected": issue.expected,
                "lines": "、".join(str(n) for n in sorted(set(lines))), **issue.values},
        figures=(claim.label, issue.stated, issue.expected),
    )


def _groups(params: dict[str, Any]) -> list[dict]:
    return [{"total": list(g.get("total", [])), "parts": [list(p) for p in g.get("parts", [])]}
            for g in params["groups"] if isinstance(g, dict)]


@register("prose_parts_sum", {"groups": GROUPS})
def prose_parts_sum(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """说明中“其中”各部分之和等于总额（如 人员经费 + 公用经费 = 基本支出）。"""
    for issue in internal.parts_sum(context.claims.claims, _groups(params)):
        yield _draft(issue)


@register("prose_share_siblings", {"groups": GROUPS})
def prose_share_siblings(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """同一总额的各项占比之和不超过 100%；构成全部的各部分占比之和为 100%。"""
    for issue in internal.share_siblings(context.claims.claims, _groups(params)):
        yield _draft(issue)


@register("prose_same_quantity", {"quantities": ParamSpec(list, "只出现一个值的汇总数（基本支出、人员经费…）",
                                                          required=True)})
def prose_same_quantity(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """同一个数在说明中写了两次，两处应一致。"""
    for issue in internal.same_quantity(context.claims.claims, params["quantities"]):
        yield _draft(issue)


def _paragraphs(document: Document) -> Iterator[Paragraph]:
    for part in document.parts:
        yield from part.paragraphs
        for top in part.sections:
            for section in top.walk():
                yield from section.paragraphs


@register("prose_three_public_items", {"items": ParamSpec(list, "“三公”经费的各项（每项一组同义词）", required=True)})
def prose_three_public_items(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """单独的“三公”经费说明（无第三部分“十”）须分项说明四项。"""
    document = context.document
    if document.section(10) is not None:
        return  # the template's 十、“三公” section is checked by BD-C005
    claims = [c for c in context.claims.claims if "三公" in compact(c.subject) and c.amount is not None]
    if not claims:
        return
    head = claims[0]
    scope = [c for c in context.claims.claims if c.section.split(".")[0] == head.section.split(".")[0]]
    text = "".join(compact(c.subject) for c in scope) + "".join(compact(p.text) for p in _paragraphs(document)
                                                                if p.span.line >= head.span.line)
    missing = [words[0] for words in params["items"] if not any(compact(w) in text for w in words)]
    if missing:
        yield Draft(Span(head.span.line, head.span.end_line), evidence=f"“三公”经费说明中没有提到：{'、'.join(missing)}",
                    values={"missing": "、".join(missing), "subject": head.label})
