"""The column-binding solver's shortcuts give exactly what trying every combination gives."""

from __future__ import annotations

import random
from decimal import Decimal
from itertools import combinations, product

from auditor.model import Amount
from auditor.parsing.tables.binding import Pending, _scaled, _sum_holds, _supported
from auditor.quantity import Quantity


def _amount(text: str) -> Amount:
    return Amount(text, Quantity.parse(text), 1)


def test_supported_equals_every_combination() -> None:
    rnd = random.Random(17)
    for _ in range(3000):
        width = rnd.randint(1, 4)
        members = rnd.randint(1, 4)
        vectors = []
        for _ in range(members):
            pool = []
            for _ in range(rnd.randint(0, 4)):
                pool.append(tuple((lo, lo + rnd.choice((0, 0, 5))) for lo in
                                  (rnd.choice((0, 10, 20, 30)) for _ in range(width))))
            vectors.append(pool)
        expected: list[set[int]] = [set() for _ in vectors]
        for combo in product(*(range(len(pool)) for pool in vectors)):
            if _sum_holds([vectors[k][i] for k, i in enumerate(combo)], width):
                for k, i in enumerate(combo):
                    expected[k].add(i)
        assert _supported(vectors, width) == expected, vectors


def _reference(pending: Pending) -> list[dict]:
    """Pending.enumerate before the shortcut (placements built, then checked), without the hint path."""
    def holds(placement: dict) -> bool:
        for total, parts in pending.identities.items():
            whole = placement.get(total)
            placed = [placement[p] for p in parts if p in placement]
            if whole is None and not placed:
                continue
            low = sum(_scaled(a)[0] for a in placed)
            high = sum(_scaled(a)[1] for a in placed)
            whole_low, whole_high = _scaled(whole) if whole is not None else (0, 0)
            if whole_low > high or low > whole_high:
                return False
        return True

    first, figures = pending.first_column, pending.figures
    allowed = [c for c in pending.allowed if c != first]
    found = []
    if first in pending.allowed:
        found = [p for chosen in combinations(allowed, len(figures) - 1)
                 if holds(p := {first: figures[0], **dict(zip(chosen, figures[1:], strict=True))})]
    if not found:
        found = [p for chosen in combinations(pending.allowed, len(figures))
                 if holds(p := dict(zip(chosen, figures, strict=True)))]
    if not found:
        found = [{first: figures[0], **dict(zip(chosen, figures[1:], strict=True))}
                 for chosen in combinations(allowed, len(figures) - 1)] if first in pending.allowed else []
    return found or [dict(zip(pending.allowed, figures, strict=False))]


def test_enumerate_equals_checking_every_placement() -> None:
    rnd = random.Random(18)
    columns = ("总", "小", "a", "b", "c", "d", "e")
    identities = {"总": ("小", "d", "e"), "小": ("a", "b", "c")}
    for _ in range(1500):
        figures = [_amount(str(Decimal(rnd.choice((0, 5, 10, 15, 20, 30, 45)))
                                + rnd.choice((Decimal(0), Decimal("0.01")))))
                   for _ in range(rnd.randint(1, 5))]
        allowed = list(columns) if rnd.random() < 0.8 else [c for c in columns if c != "总"]
        pending = Pending(figures, allowed, "总", identities)
        pending.enumerate(columns)
        expected = _reference(pending)
        assert [list(p.items()) for p in pending.candidates] == [list(p.items()) for p in expected]
