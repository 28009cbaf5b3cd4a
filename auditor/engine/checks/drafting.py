"""Drafting quality: what shows when last year's file was edited into this year's.

Python kinds where an algorithm is needed: doubled words need a backreference (refused in rule
patterns), placeholders a pattern too costly for the pattern limits, repeated reasons a grouping
of claims by section, years a scan that masks document numbers, the table of contents a matching
of entries to headings, “均增加” a comparison with the claims of its section. 增加持平, reasons
against the direction and unit names in headings are expression rules (rules/drafting.yaml).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from auditor.engine.checks import Context, ParamSpec, register
from auditor.engine.checks._common import compact, paragraphs, span_of
from auditor.engine.rule import Draft
from auditor.model import Span
from auditor.reading.normalize import HAN_CHARACTER

# (?=[…]) first: every match starts with one of these characters, and re tries the alternatives
# only where one of them stands (the same matches, twice as fast).
PLACEHOLDER_RE = re.compile(
    rf"(?=[Xx×待T{{…主])(?:XX+|xx+|××+|待填写|待补充|TBD|\{{[^{{}}]{{0,20}}\}}|(?<!{HAN_CHARACTER})……(?!{HAN_CHARACTER})"
    r"|主要原因(?:是|为)?\s*[:：]?\s*[。;])"
)
# Three or more characters repeated, or a two-character budget word: "单位单位资金"
# (我单位 + 单位资金) is ordinary prose, "预算预算" is not.
# The block itself, not HAN_CHARACTER: this pattern is tried at every character of the
# narrative, where a range test is twice as fast as a category test (0.5 ms per document),
# which is worth its 0.5 ms to compile.
DOUBLED_RE = re.compile(r"([\u4e00-\u9fff]{3,8})\1|(预算|经费|支出|拨款|万元|增加|减少|资金)\2")
DOUBLED_CHAR_RE = re.compile(r"([费额款元])\1")
YEAR_RE = re.compile(r"(?=20)(?<![\d〔【\[(（])(20\d{2})\s*(?:年|年度)(?![^《]*》)")
DOCUMENT_NUMBER_RE = re.compile(r"[〔【\[(（]\s*20\d{2}\s*[〕】\])）]\s*\d*\s*号?")
COMMON_DOUBLES = {"天天", "人人", "常常", "年年", "渐渐", "一一"}


@register("placeholders", {})
def placeholders(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """未替换的占位符与未写完的句子：XX、××、待填写、{单位}、空的“主要原因是。”。"""
    for _, paragraph in paragraphs(context.document, headings=True):
        for match in PLACEHOLDER_RE.finditer(paragraph.text):
            yield Draft(span_of(paragraph, match), match.group(0).strip(), None, None,
                        f"“…{paragraph.text[max(0, match.start() - 10):match.end() + 5]}…”",
                        values={"text": match.group(0).strip()}, figures=(match.group(0).strip(),))


@register("doubled_words", {})
def doubled_words(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """重复的词语或字（“预算预算”“财政拨款财政拨款”“经费费”）。"""
    for _, paragraph in paragraphs(context.document, headings=True):
        for regex in (DOUBLED_RE, DOUBLED_CHAR_RE):
            for match in regex.finditer(paragraph.text):
                if match.group(0) in COMMON_DOUBLES:
                    continue
                yield Draft(span_of(paragraph, match), match.group(0), None, None,
                            f"“…{paragraph.text[max(0, match.start() - 8):match.end() + 8]}…”",
                            values={"text": match.group(0)}, figures=(match.group(0),))


@register("repeated_reason", {"minimum": ParamSpec(int, "同一原因至少出现几次才提示", default=3)})
def repeated_reason(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """同一节中逐项照抄同一段原因（每节只提示一次）。"""
    by_section: dict[str, list] = defaultdict(list)
    for claim in context.claims.claims:
        if claim.reason and len(compact(claim.reason)) >= 8:
            by_section[claim.section.split(".")[0]].append(claim)
    for section, claims in sorted(by_section.items()):
        counts: dict[str, list] = defaultdict(list)
        for claim in claims:
            counts[compact(claim.reason)].append(claim)
        for reason, same in counts.items():
            distinct_subjects = {c.label for c in same}
            # Only when every item of the section gives it: items that share a cause may say so.
            every = len(same) == len(claims)
            if every and len(same) >= params["minimum"] and len(distinct_subjects) >= params["minimum"]:
                yield Draft(Span(same[0].span.line, same[-1].span.end_line), str(len(same)), None, None,
                            f"原因：{same[0].reason}", section=section,
                            values={"count": len(same), "section": section, "reason": same[0].reason[:30]},
                            figures=(reason[:20],))


@register("years_in_text", {})
def years_in_text(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """第三部分中的年份应为本年（Y）或上年（Y-1）；文件编号、书名号内的年份除外。"""
    year = context.document.year
    if year is None:
        return
    for _, paragraph in paragraphs(context.document, part=3):
        if paragraph.text.startswith(("设立的政策依据", "政策依据")):
            continue  # a project's legal basis cites earlier years on purpose
        text = DOCUMENT_NUMBER_RE.sub(lambda m: " " * len(m.group(0)), paragraph.text)
        reported: set[int] = set()  # one finding per year per paragraph, however the lines wrap
        for match in YEAR_RE.finditer(text):
            stated = int(match.group(1))
            if stated in (year - 1, year) or stated in reported:
                continue
            if "截至" in text[max(0, match.start() - 4):match.start()]:
                continue  # the asset date has its own rule
            if re.search(r"均未安排", text[match.end():match.end() + 12]):
                continue  # "YYYY 年与 YYYY 年均未安排" has its own rule
            reported.add(stated)
            yield Draft(span_of(paragraph, match), str(stated), f"{year - 1} 或 {year}", None,
                        f"“…{paragraph.text[max(0, match.start() - 6):match.end() + 12]}…”",
                        values={"stated": stated, "year": year}, figures=(str(stated),))


def _heading_words(text: str) -> str:
    text = re.sub(r"^[一二三四五六七八九十]+、|^\(?[一二三四五六七八九十]+\)|^\d+[、.]", "", compact(text))
    return text


@register("toc_matches_body", {})
def toc_matches_body(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """目录所列的每个标题都在正文中，顺序相同、文字相同（编号可以不同）。"""
    document = context.document
    part = document.part(3)
    if not document.toc or part is None:
        return
    body = [(s, _heading_words(s.title)) for s in part.sections]
    entries = [e for e in document.toc if re.match(r"^\s*[一二三四五六七八九十]+、", e.text)]
    in_part3 = [e for e in entries if "关于" in e.text or "其他重要事项" in e.text]
    for entry in in_part3:
        words = _heading_words(entry.text)
        if any(words == b for _, b in body):
            continue
        close = next((s for s, b in body if b and (b[:8] == words[:8])), None)
        where = f"正文第 {close.heading_span.line} 行为“{close.title}”" if close else "正文中没有这个标题"
        yield Draft(Span.at(entry.line), entry.text.strip(), close.title if close else None, None, where,
                    values={"entry": entry.text.strip(), "where": where}, figures=(words[:20],))




TOGETHER_RE = re.compile(r"(收入|收支|支出)[^。;]{0,12}均(?:有所)?(增加|减少|增长|下降)")


@register("together_direction", {})
def together_direction(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """“收入支出均增加（减少）”与同一节逐项说明的增减方向相反。"""
    claims = context.claims.claims
    for section, paragraph in paragraphs(context.document, part=3):
        for match in TOGETHER_RE.finditer(paragraph.text):
            up = match.group(2) in ("增加", "增长")
            top = section.dotted.split(".")[0] if section else ""
            against = [
                c for c in claims
                if c.section.split(".")[0] == top and c.direction and c.change is not None
                and c.change.quantity.value != 0 and (c.direction == "增加") != up
            ]
            if against:
                said = match.group(0)
                first = against[0]
                yield Draft(span_of(paragraph, match), said, f"{first.label}{first.direction}", None,
                            f"第 {first.span.line} 行：{first.label}{first.direction} {first.change.text}",
                            values={"said": said, "other": f"{first.label}{first.direction} {first.change.text}"},
                            figures=(said,))
