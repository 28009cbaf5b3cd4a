"""Split a table's lines into title, 编制部门, remark and body; undo PDF damage.

The flattened renderings scatter noise through a table: page footers,
bare page numbers, the 编制部门/单位 line repeated after a page break (or printed
below the rows), and figures broken across lines (``483.8`` / ``6``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from auditor.model import UNKNOWN_KIND, Remark, Span
from auditor.template.model import Template

COMPILER_RE = re.compile(r"编制(部门|单位)\s*:\s*(.*?)\s*(?:单位\s*:\s*(\S+)\s*)?$")
MONEY_UNIT_RE = re.compile(r"^\s*单位\s*:\s*(\S+)\s*$")
FOOTER_RE = re.compile(r"^\s*[-—–]?\s*\d{1,3}\s*[-—–]?\s*$")
REMARK_START_RE = re.compile(r"^\s*备\s*注\s*:|为空表|没有(?:使用)?.{0,30}安排的支出|无上年结转结余")
ONE_DECIMAL_END_RE = re.compile(r"(?:^|\s)\d+\.\d$")
SINGLE_DIGIT_START_RE = re.compile(r"^\s*(\d)(?:\s+|$)")


@dataclass
class Region:
    title: str = ""
    title_line: int | None = None
    kind: str = UNKNOWN_KIND
    compiler: str | None = None
    compiler_label: str | None = None
    money_unit: str | None = None
    remark: Remark | None = None
    body: list[tuple[int, str]] = field(default_factory=list)


def split_region(lines: list[tuple[int, str]], rendering: str, template: Template | None = None) -> Region:
    region = Region()
    lines = _split_titles(lines)
    tabbed = rendering != "flattened"
    if not tabbed:
        lines = join_broken_figures(lines)
    remark_lines: list[tuple[int, str]] = []
    in_remark = False
    for position, (number, text) in enumerate(lines):
        stripped = text.strip()
        if not stripped:
            continue
        if in_remark and not tabbed:
            remark_lines.append((number, stripped))
            if stripped.endswith("。"):
                in_remark = False
            continue
        if region.title_line is None and _is_title(stripped, template):
            region.title, region.title_line = stripped.replace("\t", ""), number
            region.kind = template.kind_of_title(stripped) if template else UNKNOWN_KIND
            continue
        compiler = COMPILER_RE.search(stripped.replace("\t", " ")) if "编制" in stripped else None
        if compiler:
            region.compiler_label = "编制" + compiler.group(1)
            region.compiler = region.compiler or compiler.group(2).strip() or None
            region.money_unit = region.money_unit or compiler.group(3)
            continue
        money = MONEY_UNIT_RE.match(stripped.replace("\t", " ")) if "单位" in stripped else None
        if money:
            region.money_unit = region.money_unit or money.group(1)
            continue
        footer = _is_footer(stripped)
        if not tabbed and footer and not _opens_coded_row(stripped, lines, position):
            continue
        if tabbed and footer and "\t" not in text:
            continue
        # A row of figures is never a remark: most lines are settled by that one search.
        if not _has_figures(stripped) and (
            REMARK_START_RE.search(stripped) or (template is not None and _names_empty(stripped, template))
        ):
            remark_lines.append((number, stripped))
            in_remark = not stripped.endswith("。")
            continue
        region.body.append((number, text))
    if remark_lines:
        text = "".join(t for _, t in remark_lines)
        region.remark = Remark(text, Span(remark_lines[0][0], remark_lines[-1][0]))
    return region


TITLE_THEN_COMPILER_RE = re.compile(r"^(\s*\S.*?表)\s*(编制(?:部门|单位)\s*:.*)$")


def _split_titles(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A title and its 编制部门 line printed as one line become two (same line number)."""
    result = []
    for number, text in lines:
        match = TITLE_THEN_COMPILER_RE.match(text) if "编制" in text and "\t" not in text else None
        if match and len(match.group(1).strip()) <= 45:
            result.extend([(number, match.group(1)), (number, match.group(2))])
        else:
            result.append((number, text))
    return result


def _opens_coded_row(text: str, lines: list[tuple[int, str]], position: int) -> bool:
    """``201`` alone on a line, its name on the next: a 类 code, not a page number."""
    if not re.fullmatch(r"[23]\d{2}", text):
        return False
    following = next(
        (t.strip() for _, t in lines[position + 1 :] if t.strip() and not re.fullmatch(r"[-—–]\s*\d{1,4}\s*[-—–]", t.strip())),
        "",
    )
    return bool(following) and "\u4e00" <= following[0] <= "\u9fff"


def _names_empty(text: str, template: Template) -> bool:
    """The line holds one of the template's words for an empty table's note (``empty_note``)."""
    compact = "".join(text.split())
    return any(word in compact for word in template.empty_note)


def _is_title(text: str, template: Template | None) -> bool:
    compact = text.replace(" ", "").replace("\t", "")
    return (
        compact.endswith("表")
        and len(compact) <= 30
        and template is not None
        and template.kind_of_title(compact) != UNKNOWN_KIND
    )


def _has_figures(text: str) -> bool:
    return "." in text and bool(FIGURES_RE.search(text)) and "为空表" not in text


def _is_footer(text: str) -> bool:
    """FOOTER_RE on a stripped line, tried only when it starts with a dash or a digit (what \\d matches)."""
    first = text[:1]
    return (first in _DASHES or first.isdecimal()) and FOOTER_RE.match(text) is not None


_DASHES = frozenset("-—–")


FIGURES_RE = re.compile(r"\d+\.\d{2}(?:\s|$)")


def join_broken_figures(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """``483.8`` then ``6`` on the next line is the figure ``483.86``."""
    result: list[tuple[int, str]] = []
    pending = [(n, t) for n, t in lines if t.strip()]
    index = 0
    while index < len(pending):
        number, text = pending[index]
        if index + 1 < len(pending) and _ends_with_one_decimal(text):
            following_number, following = pending[index + 1]
            digit = SINGLE_DIGIT_START_RE.match(following)
            if digit:
                text = text.rstrip() + digit.group(1)
                rest = following[digit.end() :]
                if rest.strip():
                    pending[index + 1] = (following_number, rest)
                else:
                    index += 1
        result.append((number, text))
        index += 1
    return result


def _ends_with_one_decimal(text: str) -> bool:
    """``… 483.8``: ONE_DECIMAL_END_RE, searched only when the line ends with a point and a digit."""
    text = text.rstrip()
    return text[-2:-1] == "." and text[-1:].isdecimal() and ONE_DECIMAL_END_RE.search(text) is not None
