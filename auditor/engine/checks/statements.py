"""Amounts the text states, in any money unit: the search behind amounts_after() and two check kinds.

item_amounts (the 类/款/项 named in the text, found in 表5 by their names) and allocation_total
(a project's allocation listed piece by piece) stay Python: they match names along the code
tree and parse a list whose length the text decides. The phrases come from the rule file
(plain words, never patterns): an
amount is the number written right after its phrase (after an optional
为/是/:), with its unit (万元, 万 or 元). A table's unit is its 单位 line (or
its template's default); both sides are converted to 万元 with their
intervals, so 1,720.00 万元 in the text and 17,200,000.00 元 in a table agree,
and 1,720.01 万元 does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from auditor.engine.checks import Context, ParamSpec, register
from auditor.engine.checks._common import (
    cell,
    compact,
    label_row,
    paragraphs,
    rows_for_code,
    span_of,
    table_template,
)
from auditor.engine.checks.crosstable import holds
from auditor.engine.rule import Draft
from auditor.model import Document, Paragraph, Row, RowLevel, Section, Table
from auditor.quantity import Quantity, total

AMOUNT = r"\s*(?:为|是|:)?\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|万|元)"


# -- units -----------------------------------------------------------------------
def in_wan(value: Quantity, unit: str | None) -> Quantity:
    """An amount in ``unit`` (元 or 万元) expressed in 万元, its interval scaled with it."""
    if unit == "元":
        return value.yuan_to_wan()
    return value


def table_unit(document: Document, table: Table) -> str:
    """The table's printed 单位, else its template's default, else 万元."""
    printed = (table.money_unit or "").strip()
    if printed in ("元", "万元"):
        return printed
    entry = table_template(document, table)
    return entry.money_unit if entry is not None else "万元"


def text_unit(word: str) -> str:
    return "元" if word == "元" else "万元"


# -- where the words are -------------------------------------------------------------
def _in_scope(document: Document, part: int | None, section: str | None) -> Iterator[tuple[Section | None, Paragraph]]:
    for found, paragraph in paragraphs(document, part, headings=True):
        if section and not _under(found, section, document):
            continue
        yield found, paragraph


def _under(section: Section | None, keyword: str, document: Document) -> bool:
    """The paragraph's section, or one of its ancestors, has ``keyword`` in its title."""
    if section is None:
        return False
    word = compact(keyword)
    path = section.number
    for candidate in document.sections():
        same_branch = candidate.part == section.part and path[: len(candidate.number)] == candidate.number
        if same_branch and word in compact(candidate.title):
            return True
    return False


def _amount(unit: str | None) -> str:
    """A money amount, or a count in ``unit`` (辆, 台(套)…): the words are escaped, never a pattern."""
    return AMOUNT if not unit else r"\s*(?:为|是|:)?\s*(\d+)\s*(" + re.escape(compact(unit)) + ")"


def _value(match: re.Match[str], unit: str | None) -> Quantity:
    if unit:
        return Quantity.exact(int(match.group(1)))
    return in_wan(Quantity.parse(match.group(1)), text_unit(match.group(2)))


def stated_amounts(
    document: Document, phrase: str, part: int | None, section: str | None, unit: str | None = None
) -> Iterator[tuple[Paragraph, re.Match[str], Quantity]]:
    """Every amount written after ``phrase`` (in 万元), or every count in ``unit``."""
    pattern = re.compile(re.escape(compact(phrase)) + _amount(unit))
    seen: set[tuple[int, str]] = set()
    for _, paragraph in _in_scope(document, part, section):
        text = paragraph.text
        if compact(phrase) not in compact(text):
            continue
        for match in pattern.finditer(text):
            key = (paragraph.span.line, match.group(0))
            if key in seen:  # a numbered line is both a heading and its paragraph
                continue
            seen.add(key)
            yield paragraph, match, _value(match, unit)


def _table_value(document: Document, params: dict[str, Any]) -> tuple[Quantity | None, Table | None, list[Row]]:
    table = document.table(params["table"])
    if table is None:
        return None, None, []
    if params.get("code"):
        rows = rows_for_code(table, params["code"])
    elif params.get("label"):
        found = label_row(table, params["label"], params.get("side"))
        rows = [found] if found else []
    else:
        found = table.total_row(params.get("side"))
        rows = [found] if found else []
    if not rows:
        return (Quantity.zero() if params.get("code") else None), table, []
    values = [cell(r, params["column"]) for r in rows]
    if any(v is None for v in values):
        return None, table, rows
    return in_wan(total(values), table_unit(document, table)), table, rows  # type: ignore[arg-type]


WHERE = {
    "part": ParamSpec(int, "在哪个部分中找（部分编号；缺省为全文）"),
    "section": ParamSpec(str, "只在标题含此关键词的节中找"),
}


FOLLOWING = 6  # the parts of a sum may stand in the next few paragraphs ((一)(二)(三)…)


ITEM_RE = re.compile(
    r"“([^”]+?)\(类\)([^”]+?)\(款\)([^”]+?)\(项\)”\s*(?:科目)?\s*(?:为|:)?\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|万|元)"
)


def _item_rows(table: Table, names: tuple[str, str, str]) -> list[Row]:
    """The 项 rows named ``项`` under the 款 named ``款`` under the 类 named ``类``."""
    wanted = [compact(n) for n in names]
    found = []
    current: dict[int, str] = {}
    for row in table.rows:
        if row.level is RowLevel.CLASS:
            current = {3: compact(row.name)}
        elif row.level is RowLevel.SECTION:
            current = {3: current.get(3, ""), 5: compact(row.name)}
        elif row.level is RowLevel.ITEM and [current.get(3), current.get(5), compact(row.name)] == wanted:
            found.append(row)
    return found


@register("item_amounts", {
    "table": ParamSpec(int, "科目所在的表（上海：表5 一般公共预算支出功能分类预算表）", required=True),
    "column": ParamSpec(str, "对照的列", default="合计"),
    **WHERE,
})
def item_amounts(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """编制说明逐项列出的“××（类）××（款）××（项）”金额与表中该项一致；列全了各项时，其和等于表的合计。"""
    document = context.document
    table = document.table(params["table"])
    if table is None:
        return
    unit = table_unit(document, table)
    listed: list[Quantity] = []
    covered: set[int] = set()
    last = None
    seen: set[tuple[int, str]] = set()
    for _, paragraph in _in_scope(document, params["part"], params["section"]):
        for match in ITEM_RE.finditer(paragraph.text):
            key = (0, compact(match.group(1) + match.group(2) + match.group(3)))
            if key in seen:
                continue  # a numbered item is both a heading and its paragraph (wrapped differently)
            seen.add(key)
            stated = in_wan(Quantity.parse(match.group(4)), text_unit(match.group(5)))
            listed.append(stated)
            last = (paragraph, match)
            rows = _item_rows(table, (match.group(1), match.group(2), match.group(3)))
            label = f"{match.group(1)}（类）{match.group(2)}（款）{match.group(3)}（项）"
            if not rows:
                yield Draft(span_of(paragraph, match), match.group(4) + match.group(5), None, None,
                            f"表{table.number} 中没有“{label}”这一项", table.number,
                            values={"item": label, "stated": match.group(4) + match.group(5), "expected": "（表中无此项）",
                                    "table": table.number},
                            figures=(match.group(4),))
                continue
            covered.update(id(r) for r in rows)
            values = [cell(r, params["column"]) for r in rows]
            if any(v is None for v in values):
                continue
            expected = in_wan(total(values), unit)  # type: ignore[arg-type]
            if not holds(stated, "==", expected):
                yield Draft(span_of(paragraph, match), match.group(4) + match.group(5), expected.format(6) + " 万元",
                            None, f"表{table.number} 第 {rows[0].span.line} 行 {params['column']} = {expected.format()} 万元",
                            table.number,
                            values={"item": label, "stated": match.group(4) + match.group(5),
                                    "expected": expected.format(6) + " 万元", "table": table.number},
                            figures=(match.group(4),))
    items = [r for r in table.rows if r.level is RowLevel.ITEM and r.values.get(params["column"]) is not None]
    grand = table.total_row()
    grand_value = cell(grand, params["column"]) if grand else None
    if last is None or grand_value is None or not items or any(id(r) not in covered for r in items):
        return  # a partial list ("主要内容如下") need not add up to the total
    added = total(listed)
    expected = in_wan(grand_value, unit)
    if not holds(added, "==", expected):
        paragraph, match = last
        yield Draft(span_of(paragraph, match), added.format(), expected.format(6) + " 万元", None,
                    f"逐项金额之和 {added.format()} 万元；表{table.number} 合计 {expected.format()} 万元", table.number,
                    values={"item": "各项之和", "stated": added.format() + "万元", "expected": expected.format(6) + " 万元",
                            "table": table.number},
                    figures=(added.format(),))


@register("allocation_total", {
    "total": ParamSpec(str, "总额前的文字（如“项目总预算”）", required=True),
    "sum_word": ParamSpec(str, "写明合计的文字", default="合计"),
    **WHERE,
})
def allocation_total(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """“总预算 X 万，其中 a 万，b 万…，合计 Y 万”：各分项之和与写明的合计都等于总预算。"""
    document = context.document
    figure = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(万元|万|元)")
    for paragraph, match, whole in stated_amounts(document, params["total"], params["part"], params["section"]):
        rest = paragraph.text[match.end():]
        start = rest.find("其中")
        if start < 0:
            continue
        end = rest.find(params["sum_word"], start)
        body = rest[start:end] if end >= 0 else rest[start:]
        pieces = [in_wan(Quantity.parse(m.group(1)), text_unit(m.group(2))) for m in figure.finditer(body)]
        checks = []
        if len(pieces) > 1 or (len(pieces) == 1 and end >= 0):
            checks.append(("各分项之和", total(pieces)))
        if end >= 0:
            stated_sum = figure.match(rest[end + len(params["sum_word"]):].lstrip(":为 "))
            if stated_sum:
                checks.append((params["sum_word"], in_wan(Quantity.parse(stated_sum.group(1)), text_unit(stated_sum.group(2)))))
        for what, value in checks:
            if not holds(value, "==", whole):
                yield Draft(span_of(paragraph, match), value.format(), whole.format(), (value - whole).format(2),
                            f"{params['total']} {whole.format()} 万元；{what} {value.format()} 万元",
                            values={"what": what, "stated": value.format(), "expected": whole.format()},
                            figures=(match.group(1),))
