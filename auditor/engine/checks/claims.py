"""Narrative claims against the tables and against their own arithmetic."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.claims.internal import change_disagrees, on_wrong_base
from auditor.engine.checks import Context, register
from auditor.engine.rule import Draft
from auditor.quantity import QuantityError, Truth


def _draft(claim, stated, expected, evidence, **values) -> Draft:
    return Draft(
        claim.span, stated, expected, None, evidence, None, claim.section,
        values={"subject": claim.label, "stated": stated, "expected": expected, "section": claim.section, **values},
        figures=(claim.label, stated, expected),
    )


@register("claim_amount", {})
def claim_amount(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """说明中的金额等于它所复述的表格数字。"""
    for claim in context.claims.claims:
        if claim.resolution is None or claim.amount is None:
            continue
        table_value = claim.resolution.figure
        if claim.amount.quantity.consistent(table_value):
            continue
        r = claim.resolution
        draft = _draft(
            claim, claim.amount.text, f"{table_value.format()} 万元",
            f"说明 {claim.amount.text}；表{r.table} 第 {r.line} 行 {r.row}〔{r.column}〕 {table_value.format()}",
            table=r.table,
        )
        draft.table = r.table
        draft.difference = (claim.amount.quantity - table_value).format(2)
        yield draft


@register("claim_share", {})
def claim_share(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """“占 X%”等于本项金额除以段首的总额（按四舍五入区间判断）。"""
    for claim in context.claims.claims:
        if claim.share is None or claim.amount is None or claim.whole is None:
            continue
        try:
            ratio = claim.amount.quantity / claim.whole.quantity
        except QuantityError:
            continue
        if ratio.eq(claim.share.quantity) is not Truth.FALSE:
            continue
        yield _draft(
            claim, claim.share.text, ratio.as_percent().format(2),
            f"{claim.amount.text} ÷ {claim.whole.text}（第 {claim.whole_line} 行）= {ratio.as_percent().format(2)}，"
            f"按书写精度可取 {ratio.as_percent().format_interval()}",
            whole=claim.whole.text,
        )


@register("claim_change_rate", {})
def claim_change_rate(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """增长（下降）率 = 增减额 ÷ 上年数，上年数 = 本年数 ∓ 增减额。"""
    for claim in context.claims.claims:
        if claim.amount is None or claim.change is None or claim.rate is None or claim.direction is None:
            continue
        if change_disagrees(claim):
            continue  # the change itself is wrong against the stated years (BD-S008)
        current, change = claim.amount.quantity, claim.change.quantity
        previous = current - change if claim.direction == "增加" else current + change
        if claim.previous is not None:
            previous = claim.previous.quantity
        try:
            rate = change / previous
        except QuantityError:
            continue  # last year's figure may be 0: a rate is then not defined
        if rate.eq(claim.rate.quantity) is not Truth.FALSE or on_wrong_base(claim):
            continue  # a rate on this year's amount is reported as a wrong base (BD-S004)
        sign = "-" if claim.direction == "增加" else "+"
        if claim.previous is not None:
            base = f"上年 {claim.previous.text}（句中所写）；"
        else:
            base = f"上年 = {claim.amount.text} {sign} {claim.change.text} = {previous.format()} 万元；"
        yield _draft(
            claim, claim.rate.text, rate.as_percent().format(2),
            base +
            f"{claim.change.text} ÷ {previous.format()} = {rate.as_percent().format(2)}",
        )


@register("claim_direction", {})
def claim_direction(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """方向用词一致：增加对增长、减少对下降。"""
    for claim in context.claims.claims:
        if not claim.direction or not claim.rate_direction:
            continue
        if claim.change is not None and claim.change.quantity.value == 0:
            continue
        expected = "增长" if claim.direction == "增加" else "下降"
        if claim.rate_direction != expected:
            yield _draft(claim, f"{claim.direction}……{claim.rate_direction}", f"{claim.direction}……{expected}",
                         f"“{claim.direction} {claim.change.text if claim.change else ''}”与“{claim.rate_direction} {claim.rate.text if claim.rate else ''}”方向相反")
