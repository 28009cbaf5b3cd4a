"""Which order-preserving placements of a row's figures let every row identity hold.

Checking each placement in full (a dict per placement, a sum per identity) made
the rows of the widest tables (12 columns, up to 5 figures: 330 placements) the
parser's most expensive step. But an identity only sees *which figures* land in
its cells, and many placements put the same figures there: 330 placements of 4
figures show an identity at most 16 different sums of parts. So, once per shape
of row (its columns, its number of figures, the identities; shared by every row
of a table and every document of a template), each placement is described by
the figure sets ("signatures") its identities see; per row, each signature is
checked once, and a placement holds when all of its signatures do.

The result is exactly what checking each placement with
:func:`auditor.parsing.tables.binding._identities_hold` gives, in the order
:func:`itertools.combinations` lists the placements.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

Bound = tuple[int, int]  # (lo, hi) in integer millionths
Identities = tuple[tuple[str, tuple[str, ...]], ...]
# (the figure in the total cell or None, the figures in the part cells), as indexes into the figures
Signature = tuple[int | None, tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class _Plan:
    signatures: tuple[Signature, ...]
    keys: tuple[tuple[int, ...], ...]  # per distinct set of signatures, their indexes
    placements: tuple[tuple[tuple[str, ...], int], ...]  # (columns, key index), in combinations order


def holding(
    columns: tuple[str, ...], figures: list[Bound], identities: Identities, fixed: str | None = None
) -> list[tuple[str, ...]]:
    """The columns of the searched figures, for each placement the identities allow.

    With ``fixed``, ``figures[0]`` sits in that column (not one of ``columns``) and the rest
    are placed; otherwise all of them are. ``columns`` lists no column twice.
    """
    plan = _plan(columns, fixed, identities, len(figures) - (1 if fixed is not None else 0))
    held = [_holds(signature, figures) for signature in plan.signatures]
    passing = [all(map(held.__getitem__, key)) for key in plan.keys]
    return [chosen for chosen, key in plan.placements if passing[key]]


def _holds(signature: Signature, figures: list[Bound]) -> bool:
    whole, parts = signature
    if whole is None and not parts:
        return True  # an identity none of whose cells is placed says nothing
    low = high = 0
    for index in parts:
        bound = figures[index]
        low += bound[0]
        high += bound[1]
    whole_low, whole_high = figures[whole] if whole is not None else (0, 0)
    return not (whole_low > high or low > whole_high)


@lru_cache(maxsize=256)
def _plan(columns: tuple[str, ...], fixed: str | None, identities: Identities, count: int) -> _Plan:
    position = {column: index for index, column in enumerate(columns)}
    first = 1 if fixed is not None else 0  # index of the first placed figure
    signature_index: dict[Signature, int] = {}
    key_index: dict[tuple[int, ...], int] = {}
    placements = []
    for positions in combinations(range(len(columns)), count):
        figure_at = {at: first + j for j, at in enumerate(positions)}

        def figure_in(column: str, figure_at: dict[int, int] = figure_at) -> int | None:
            if fixed is not None and column == fixed:
                return 0
            at = position.get(column)
            return figure_at.get(at) if at is not None else None

        seen = set()
        for total, parts in identities:
            in_parts = tuple(sorted(i for i in map(figure_in, parts) if i is not None))
            signature = (figure_in(total), in_parts)
            seen.add(signature_index.setdefault(signature, len(signature_index)))
        key = tuple(sorted(seen))
        chosen = tuple(columns[at] for at in positions)
        placements.append((chosen, key_index.setdefault(key, len(key_index))))
    return _Plan(tuple(signature_index), tuple(key_index), tuple(placements))
