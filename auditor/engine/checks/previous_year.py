"""This year's "比上年" figures against last year's published document.

Needs an algorithm, not an expression: a claim is matched to the table row it
restates, and that row is found again in last year's document by its
classification code (or, for rows without a code, by its label and side).
Every check is silent when no previous document was given.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from auditor.claims.model import Claim
from auditor.engine.checks import Context, ParamSpec, register
from auditor.engine.rule import Draft
from auditor.model import Document, Row, RowLevel, Span, Table
from auditor.quantity import Quantity, QuantityError, Truth
from auditor.reading.normalize import compact

ZERO = Quantity.exact(0)


def _row_at(table: Table, line: int, label: str) -> Row | None:
    """The row a claim was resolved to (two-sided tables have two rows on a line)."""
    here = [row for row in table.rows if row.span.line <= line <= row.span.end_line]
    named = [row for row in here if compact(row.name) == compact(label) or label.endswith(compact(row.name))]
    return (named or here or [None])[0]


def _figure(row: Row, column: str) -> Quantity | None:
    """A row's figure in ``column``; a blank cell of an unambiguous row is zero."""
    value = row.value(column)
    if value is None and not row.ambiguous:
        return ZERO
    return value


def _same_table(previous: Document, table: Table) -> Table | None:
    """Last year's table of the same kind (its number as a fallback)."""
    for candidate in previous.tables:
        if candidate.kind == table.kind and candidate.number == table.number:
            return candidate
    for candidate in previous.tables:
        if candidate.kind == table.kind:
            return candidate
    return None


def _same_row(table: Table, row: Row) -> Row | None:
    if row.code:
        found = [r for r in table.rows_with_code(row.code) if r.side == row.side]
        return found[0] if len(found) == 1 else None
    if row.level is RowLevel.TOTAL:
        return table.total_row(row.side)
    name = compact(row.name)
    found = [r for r in table.rows if not r.code and compact(r.name) == name and r.side == row.side]
    return found[0] if len(found) == 1 else None


class Match:
    """A claim with a change, the row it restates, and that row last year."""

    def __init__(self, claim: Claim, row: Row, table: Table, last_row: Row, last_table: Table, last: Quantity):
        self.claim, self.row, self.table = claim, row, table
        self.last_row, self.last_table, self.last = last_row, last_table, last

    def where_last(self, previous: Document) -> str:
        return previous.location(self.last_row.span.line)

    @property
    def label(self) -> str:
        return f"表{self.last_table.number} {' '.join(self.last_row.code_parts) + ' ' if self.last_row.code else ''}{self.last_row.name}"


def _matches(context: Context) -> Iterator[Match]:
    previous = context.previous
    if previous is None:
        return
    for claim in context.claims.claims:
        r = claim.resolution
        if r is None or claim.amount is None or (claim.change is None and not claim.flat):
            continue
        table = context.document.table(r.table)
        if table is None:
            continue
        row = _row_at(table, r.line, r.row)
        last_table = _same_table(previous, table) if row is not None else None
        last_row = _same_row(last_table, row) if last_table is not None and row is not None else None
        if last_row is None or last_table is None:
            continue
        last = _figure(last_row, r.column)
        if last is None:
            continue
        if last_table.money_unit == "元" and table.money_unit != "元":
            last = last.yuan_to_wan()
        yield Match(claim, row, table, last_row, last_table, last)


def _signed_change(claim: Claim) -> Quantity | None:
    if claim.flat:
        return ZERO
    if claim.change is None or claim.direction is None:
        return None
    return claim.change.quantity if claim.direction == "增加" else -claim.change.quantity


def _draft(match: Match, previous: Document, stated: str, expected: str, evidence: str, **values: Any) -> Draft:
    claim = match.claim
    return Draft(
        claim.span, stated, expected, None, evidence, match.claim.resolution.table if match.claim.resolution else None,
        claim.section,
        values={"subject": claim.label, "stated": stated, "expected": expected, "section": claim.section,
                "previous": where_label(previous, match), **values},
        figures=(claim.label, stated, expected),
        related=match.where_last(previous),
    )


def where_label(previous: Document, match: Match) -> str:
    return f"{match.where_last(previous)} {match.label}"


@register("previous_change", {})
def previous_change(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """“比上年增加/减少 X 万元”等于本年数减去上年文件中同一科目的数字。"""
    previous = context.previous
    if previous is None:
        return
    for match in _matches(context):
        claim = match.claim
        stated = _signed_change(claim)
        if stated is None:
            continue
        actual = claim.amount.quantity - match.last
        if stated.eq(actual) is not Truth.FALSE:
            continue
        shown = "持平" if claim.flat else f"{claim.direction} {claim.change.text}"
        word = "增加" if actual.value >= 0 else "减少"
        size = actual if actual.value >= 0 else -actual
        expected = f"{word} {size.format(max(claim.amount.quantity.places, match.last.places))} 万元"
        evidence = (
            f"本年 {claim.amount.text} − 上年 {match.last.format()} 万元（{where_label(previous, match)}）"
            f" = {actual.format(max(claim.amount.quantity.places, match.last.places))} 万元"
        )
        yield _draft(match, previous, shown, expected, evidence, last=f"{match.last.format()} 万元")


@register("previous_rate", {})
def previous_rate(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """增长（下降）率 = 增减额 ÷ 上年文件中的数字；以本年数为基数算出的比率另行指明。"""
    previous = context.previous
    if previous is None:
        return
    for match in _matches(context):
        claim = match.claim
        stated_change = _signed_change(claim)
        if claim.rate is None or stated_change is None or claim.flat:
            continue
        actual = claim.amount.quantity - match.last
        if stated_change.eq(actual) is Truth.FALSE:
            continue  # previous_change reports this claim; one finding per problem
        try:
            expected = (actual if actual.value >= 0 else -actual) / match.last
        except QuantityError:
            continue
        if claim.rate.quantity.eq(expected) is not Truth.FALSE:
            continue
        note = ""
        try:
            on_this_year = (actual if actual.value >= 0 else -actual) / claim.amount.quantity
            if claim.rate.quantity.eq(on_this_year) is not Truth.FALSE:
                note = "；该比率是以本年数为基数算出的，应以上年数为基数"
        except QuantityError:
            pass
        # The expected rate is shown at the precision the document writes its rate in.
        shown = expected.as_percent().format(max(claim.rate.quantity.places, 2))
        evidence = (
            f"{claim.change.text if claim.change else ''} ÷ 上年 {match.last.format()} 万元（{where_label(previous, match)}）"
            f" = {shown}{note}"
        )
        yield _draft(match, previous, claim.rate.text, shown, evidence, last=f"{match.last.format()} 万元")


@register("previous_items_gone", {
    "levels": ParamSpec(list, "比较哪些级次的科目（class / section / item）", default=["item"]),
    "shown": ParamSpec(int, "消息中最多列出几个科目", default=5),
})
def previous_items_gone(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """上年文件有、本年文件没有的功能分类科目（单位撤并、职能调整时常见，作为提示）。"""
    previous = context.previous
    if previous is None:
        return
    levels = {str(level) for level in params["levels"]}
    for table in context.document.tables:
        codes_now = {row.code for row in table.rows if row.code}
        if not codes_now:
            continue
        last_table = _same_table(previous, table)
        if last_table is None:
            continue
        gone = [
            row for row in last_table.rows
            if row.code and row.level.value in levels and row.code not in codes_now and row.figures
        ]
        if not gone:
            continue
        shown = "、".join(f"{row.code} {row.name}" for row in gone[: params["shown"]])
        if len(gone) > params["shown"]:
            shown += f" 等 {len(gone)} 个"
        span = Span(table.span.line, table.span.line)
        yield Draft(
            span, None, None, None,
            f"上年文件 表{last_table.number}（{previous.location(last_table.span.line)}）列有而本年 表{table.number} 没有：{shown}",
            table.number, None,
            values={"items": shown, "count": len(gone), "table": table.number,
                    "previous": previous.location(last_table.span.line)},
            figures=tuple(row.code or "" for row in gone),
            related=previous.location(gone[0].span.line),
        )


# “财政拨款收入18,976.76万元，比2024年预算增加3,355.65万元” / “…0.00万元，比2024年预算持平”:
# the comparison right after a stated amount, in the same clause.
CHANGE_AFTER_RE = re.compile(
    r"^\s*[，,]?\s*(?:比|较|与)(?:上年|上一年|(20\d{2})年)(?:度)?(?:预算|决算)?(?:数)?"
    r"(?:(增加|减少|增长|下降)\s*([\d,]{1,20}(?:\.\d{1,4})?)\s*(万元|元)|(?:相比)?(?:基本)?持平)"
)


@register("previous_stated_change", {
    "phrase": ParamSpec(str, "金额前的文字（如“财政拨款收入”）；其后紧跟“比上年（YYYY年）预算增加（减少）X万元”或“持平”",
                        required=True),
    "table": ParamSpec(int, "上年文件中对照的表号", required=True),
    "column": ParamSpec(str, "对照的列", required=True),
    "side": ParamSpec(str, "表的栏（income/expenditure）"),
    "label": ParamSpec(str, "对照的行名（缺省为合计行）"),
    "part": ParamSpec(int, "在哪个部分中找（部分编号；缺省为全文）"),
    "section": ParamSpec(str, "只在标题含此关键词的节中找"),
})
def previous_stated_change(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """文字“某项 X 万元，比上年预算增加（减少）Y 万元”：X − Y 等于上年文件同一表、同一行的数字（元与万元换算，区间算术）。"""
    from auditor.engine.checks.statements import _table_value, span_of, stated_amounts, text_unit

    previous = context.previous
    if previous is None:
        return
    last, last_table, last_rows = _table_value(previous, params)
    if last is None or last_table is None:
        return
    for paragraph, match, stated in stated_amounts(context.document, params["phrase"], params["part"],
                                                    params["section"]):
        change = CHANGE_AFTER_RE.match(paragraph.text[match.end():])
        if change is None:
            continue
        year = change.group(1)
        if year and context.document.year and previous.year and int(year) != previous.year:
            continue  # compared with another year than the previous document's
        if change.group(2):
            size = Quantity.parse(change.group(3).replace(",", ""))
            if text_unit(change.group(4)) == "元":
                size = size.yuan_to_wan()
            signed = size if change.group(2) in ("增加", "增长") else -size
            shown = f"{change.group(2)} {change.group(3)}{change.group(4)}"
        else:
            signed, shown = ZERO, "持平"
        actual = stated - last
        if signed.eq(actual) is not Truth.FALSE:
            continue
        where = previous.location(last_rows[0].span.line) if last_rows else previous.source.path
        places = max(2, min(actual.places, 6))
        word = "增加" if actual.value >= 0 else "减少"
        expected = f"{word} {(actual if actual.value >= 0 else -actual).format(places)} 万元"
        text_amount = match.group(1) + match.group(2)
        yield Draft(
            span_of(paragraph, match), shown, expected, None,
            f"本年 {text_amount} − 上年 {last.format(places)} 万元（{where} 表{last_table.number} {params['column']}）"
            f" = {actual.format(places)} 万元",
            None, None,
            values={"subject": params["phrase"], "stated": shown, "expected": expected, "section": "",
                    "previous": f"{where} 表{last_table.number}", "last": f"{last.format(places)} 万元"},
            figures=(params["phrase"], text_amount, shown),
            related=where,
        )
