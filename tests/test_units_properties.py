"""Money in 元 and 万元: a figure and its correctly rounded restatement always agree; a moved one never does."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.engine.checks.statements import holds, in_wan
from auditor.quantity import Quantity

cents = st.integers(min_value=0, max_value=10**13)  # up to 1000 亿元, to the 分


def _yuan(value: int) -> Quantity:
    return Quantity.parse(f"{Decimal(value) / 100:,.2f}")


def _wan(value: int, places: int) -> Quantity:
    exact = Decimal(value) / 100 / 10000
    return Quantity.parse(str(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)))


@settings(max_examples=200, deadline=None)
@given(cents, st.sampled_from([0, 2, 4]))
def test_a_yuan_figure_agrees_with_its_rounding_in_wan(value, places):
    assert holds(_wan(value, places), "==", in_wan(_yuan(value), "元"))


@settings(max_examples=200, deadline=None)
@given(cents, st.integers(min_value=1, max_value=10**6))
def test_a_wan_figure_one_hundredth_off_disagrees(value, steps):
    wan = _wan(value, 2)
    moved = Quantity.parse(str(wan.value + Decimal(steps) / 100))  # off by at least 0.01 万元 = 100 元
    assert not holds(moved, "==", in_wan(_yuan(value), "元"))


@given(cents)
def test_converting_keeps_the_interval_inside_the_original_scaled(value):
    yuan = _yuan(value)
    wan = in_wan(yuan, "元")
    assert wan.lo * 10000 == yuan.lo and wan.hi * 10000 == yuan.hi
