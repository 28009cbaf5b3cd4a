"""Interval arithmetic: rounding-level differences are consistent, real ones are not."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.quantity import Quantity, Truth, total

Q = Quantity.parse


def test_precision_comes_from_the_text():
    assert (Q("625.99").lo, Q("625.99").hi) == (Decimal("625.985"), Decimal("625.995"))
    assert (Q("68").lo, Q("68").hi) == (Decimal("67.5"), Decimal("68.5"))
    assert (Q("99.47%").lo, Q("99.47%").hi) == (Decimal("0.99465"), Decimal("0.99475"))
    assert Q("101,612.42").value == Decimal("101612.42")


def test_rounding_differences_in_the_samples_are_consistent():
    # akto 表1: 625.67 + 0.31 = 625.98 against a stated 625.99.
    assert (Q("625.67") + Q("0.31")).eq(Q("625.99")) is not Truth.FALSE
    # kizilsu 表6: the eight 301 rows add to 506.80 against 506.79.
    rows = ["124.55", "169.50", "84.85", "51.70", "27.47", "5.03", "1.81", "41.89"]
    assert total([Q(r) for r in rows]).value == Decimal("506.80")
    assert total([Q(r) for r in rows]).eq(Q("506.79")) is not Truth.FALSE


def test_two_hundredths_off_in_a_two_term_sum_is_inconsistent():
    assert (Q("1.00") + Q("2.00")).eq(Q("3.02")) is Truth.FALSE
    assert (Q("1.00") + Q("2.00")).gap(Q("3.02")) > 0


def test_a_share_is_consistent_when_some_operands_reproduce_it():
    # 48 ÷ 613 = 7.83%, but 48 万元 stands for 47.5 … 48.5.
    assert (Q("48") / Q("613")).eq(Q("7.90%")) is not Truth.FALSE
    assert (Q("48.00") / Q("613.00")).eq(Q("7.90%")) is Truth.FALSE


cents = st.integers(min_value=0, max_value=10_000_000)


@settings(max_examples=200)
@given(st.lists(cents, min_size=1, max_size=12), st.integers(-1, 1))
def test_any_rounded_total_of_rounded_parts_is_consistent(parts, nudge):
    # Parts are exact to the cent; the printed total is their sum rounded, nudged by one cent
    # at most when the count of parts allows it (n terms may drift by n/2 cents).
    exact = sum(parts)
    stated = exact + (nudge if len(parts) >= 2 else 0)
    printed = [Q(f"{p / 100:.2f}") for p in parts]
    assert total(printed).eq(Q(f"{stated / 100:.2f}")) is not Truth.FALSE


@settings(max_examples=200)
@given(st.lists(cents, min_size=1, max_size=12), st.integers(min_value=1, max_value=1000))
def test_a_real_change_is_inconsistent(parts, extra):
    exact = sum(parts)
    off = exact + len(parts) + 1 + extra  # beyond what n roundings can explain
    printed = [Q(f"{p / 100:.2f}") for p in parts]
    assert total(printed).eq(Q(f"{off / 100:.2f}")) is Truth.FALSE
