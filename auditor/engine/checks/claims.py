"""Narrative claims against the tables and against their own arithmetic."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.claims import extract_claims
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


@register("claim_change_rate", {})
def claim_change_rate(context: Context, params: dict[str, Any]) -> Iterator[Draft]:
    """增长（下降）率 = 增减额 ÷ 上年数，上年数 = 本年数 ∓ 增减额。"""
    for claim in extract_claims(context.document).claims:
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
