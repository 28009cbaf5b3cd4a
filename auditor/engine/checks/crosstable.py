"""``holds``: a relation between two figures by intervals, shared by the check kinds.

The cross-table rules themselves are expression rules (rules/crosstable.yaml, by_code()).
"""

from __future__ import annotations

from auditor.quantity import Quantity, Truth


def holds(left: Quantity, relation: str, right: Quantity) -> bool:
    """``left relation right`` is not definitely false (==, <= or >=, by intervals)."""
    if relation == "==":
        return left.eq(right) is not Truth.FALSE
    if relation == "<=":
        return left.le(right) is not Truth.FALSE
    return right.le(left) is not Truth.FALSE
