"""Bind a row's figures to columns when the rendering lost the empty cells.

Figures keep their printed order, so a row's possible placements are the
order-preserving ways to put its figures into the columns it may fill. What
the table itself says then rules placements out:

* a row identity (合计 = 基本支出 + 项目支出) must hold;
* a parent row must equal the sum of its children, column by column;
* the Kashgar rendering keeps a space per empty cell, which pins a row
  down completely when the figures sit on one line.

Pruning is arc consistency over the parent/child constraints: a placement
survives while some combination of its neighbours' placements satisfies
every constraint it is part of. Rows left with more than one placement are
ambiguous; nothing is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations, product

from auditor.model import Amount
from auditor.parsing.tables import placements
from auditor.quantity import Quantity

# Beyond this many combinations a constraint is not used for pruning: the
# rows it touches simply stay ambiguous.
COMBINATION_LIMIT = 3000

Placement = dict[str, Amount]


@dataclass
class Pending:
    """A row whose figures are known but not yet their columns."""

    figures: list[Amount]
    allowed: list[str]  # columns this row may fill, in printed order
    first_column: str  # the total column: filled whenever the row has figures
    identities: dict[str, tuple[str, ...]] = field(default_factory=dict)
    hint: list[int] | None = None  # column offsets from spacing, when the rendering shows them
    candidates: list[Placement] = field(default_factory=list)

    def enumerate(self, columns: tuple[str, ...]) -> None:
        if not self.figures:
            self.candidates = [{}]
            return
        if self.hint is not None and len(self.hint) == len(self.figures):
            placement = {}
            for offset, figure in zip(self.hint, self.figures, strict=True):
                if offset >= len(columns):
                    placement = None
                    break
                placement[columns[offset]] = figure
            # What the rendering shows (a tab per cell, or a space per empty
            # cell) is authoritative even when the arithmetic fails: that
            # failure is a finding for the rules, not a reason to move figures.
            if placement is not None:
                self.candidates = [placement]
                return
        allowed = [c for c in self.allowed if c != self.first_column]
        rest = self.figures[1:]
        # Each figure's (lo, hi) in integer millionths; a placement is checked on these
        # and built only when it holds.
        scaled = [_scaled(f) for f in self.figures]
        identities = list(self.identities.items())
        found: list[Placement] = []
        if self.first_column in self.allowed:
            for chosen in _holding(allowed, scaled, identities, self.first_column):
                placement = {self.first_column: self.figures[0]}
                placement.update(zip(chosen, rest, strict=True))
                found.append(placement)
        if not found:
            # Without a total column the figures can still sit anywhere allowed.
            for chosen in _holding(self.allowed, scaled, identities):
                found.append(dict(zip(chosen, self.figures, strict=True)))
        if not found:
            # No placement satisfies the row identity (the row itself is
            # wrong, or a figure is missing): keep every placement; the rules
            # report the identity when it fails under all of them.
            found = [
                {self.first_column: self.figures[0], **dict(zip(chosen, rest, strict=True))}
                for chosen in combinations(allowed, len(rest))
            ] if self.first_column in self.allowed else []
        self.candidates = found or [dict(zip(self.allowed, self.figures, strict=False))]


def _holding(
    columns: list[str],
    figures: list[tuple[int, int]],
    identities: list[tuple[str, tuple[str, ...]]],
    fixed: str | None = None,
) -> list[tuple[str, ...]]:
    """The columns of the placed figures, for each order-preserving placement the identities allow.

    With ``fixed``, the first figure sits in that column and the others are placed in ``columns``.
    """
    if len(set(columns)) == len(columns):
        shape = tuple((total, tuple(parts)) for total, parts in identities)
        return placements.holding(tuple(columns), figures, shape, fixed)
    # A column listed twice (a later figure would overwrite an earlier one): checked as it is.
    placed_figures = figures[1:] if fixed is not None else figures
    result = []
    for chosen in combinations(columns, len(placed_figures)):
        placed = dict(zip(chosen, placed_figures, strict=True))
        if fixed is not None:
            placed[fixed] = figures[0]
        if _identities_hold(placed, identities):
            result.append(chosen)
    return result


def _value(placement: Placement, column: str) -> Quantity:
    amount = placement.get(column)
    return amount.quantity if amount else Quantity.zero()


def _identities_hold(
    placed: dict[str, tuple[int, int]], identities: list[tuple[str, tuple[str, ...]]]
) -> bool:
    """Whether every identity can hold, given the (lo, hi) of each placed cell (empty cells are 0)."""
    get = placed.get
    for total, parts in identities:
        whole = get(total)
        present = whole is not None
        low = high = 0
        for part in parts:
            bound = get(part)
            if bound is not None:
                present = True
                low += bound[0]
                high += bound[1]
        if not present:
            continue  # an identity none of whose cells is placed says nothing
        whole_low, whole_high = whole if whole is not None else (0, 0)
        if whole_low > high or low > whole_high:
            return False
    return True


@dataclass(frozen=True)
class SumConstraint:
    """Row ``parent`` equals the sum of rows ``children`` in every column."""

    parent: int
    children: tuple[int, ...]
    columns: tuple[str, ...] | None = None  # None: every column


@dataclass(frozen=True)
class FixedConstraint:
    """Row ``row`` has ``value`` in ``column`` (e.g. 表4 totals from the income side)."""

    row: int
    column: str
    value: Quantity


# Interval bounds are compared as integers in millionths: table figures have at
# most a few decimals, so this is exact, and integer sums are much faster than
# Decimal ones in the solver's inner loop.
SCALE = Decimal(1_000_000)


def _scaled(amount: Amount | None) -> tuple[int, int]:
    if amount is None:
        return (0, 0)
    quantity = amount.quantity
    return (int(quantity.lo * SCALE), int(quantity.hi * SCALE))


def _bounds(
    placement: Placement, columns: tuple[str, ...], cache: dict[int, tuple[int, int]]
) -> tuple[tuple[int, int], ...]:
    """Per column, the (lo, hi) of the placed figure (0 for an empty cell)."""
    result = []
    for column in columns:
        amount = placement.get(column)
        if amount is None:
            result.append((0, 0))
            continue
        key = id(amount)
        if key not in cache:
            cache[key] = _scaled(amount)
        result.append(cache[key])
    return tuple(result)


def _sum_holds(vectors: list[tuple[tuple[int, int], ...]], width: int) -> bool:
    parent, *children = vectors
    for index in range(width):
        low = high = 0
        for child in children:
            bound = child[index]
            low += bound[0]
            high += bound[1]
        plow, phigh = parent[index]
        if plow > high or low > phigh:
            return False
    return True


def _supported(vectors: list[list[tuple[tuple[int, int], ...]]], width: int) -> list[set[int]]:
    """Per member (parent first, then children), the candidates used by some combination that adds up.

    The same sets as checking every combination with :func:`_sum_holds` (``vectors``: per member,
    each candidate's (lo, hi) per column); worked out by :func:`_supported_packed`.
    """
    largest = max((abs(x) for pool in vectors for vector in pool for pair in vector for x in pair), default=0)
    shift = _shift(largest, len(vectors))
    packed = [
        [_pack([(index, bound) for index, bound in enumerate(vector)], shift) for vector in pool] for pool in vectors
    ]
    return _supported_packed(packed, _tops(width, shift))


def _shift(largest: int, members: int) -> int:
    """The bits per column of a packed vector (see :func:`_supported_packed`).

    A field holds a column's sum over the children minus a parent's bound, at most
    (members) x (largest bound) in size, plus the field's top bit: with two bits to
    spare it never borrows from or carries into the next field.
    """
    return largest.bit_length() + members.bit_length() + 2


def _tops(width: int, shift: int) -> int:
    """The mask of every field's top bit."""
    top = 0
    for index in range(width):
        top |= 1 << (index * shift + shift - 1)
    return top


def _pack(cells: list[tuple[int, tuple[int, int]]], shift: int) -> tuple[int, int]:
    """The lows and the highs of (column index, (lo, hi)) cells, column ``i`` weighted by 2 ** (i * shift)."""
    low = high = 0
    for index, (lo, hi) in cells:
        offset = index * shift
        low += lo << offset
        high += hi << offset
    return low, high


def _supported_packed(members: list[list[tuple[int, int]]], top: int) -> list[set[int]]:
    """What :func:`_supported` says, for candidates packed by :func:`_pack` (``top``: :func:`_tops`).

    The children's column sums are added up once per combination of children, not once per
    parent candidate, and a child with a single candidate (in every combination) once. A
    vector packs every column into one integer, so a combination's sums are two additions
    per child, and a parent is checked on every column at once: field by field, the sum's
    high minus the parent's low (and the parent's high minus the sum's low) plus the field's
    top bit keeps that bit set exactly when the difference is not negative.
    """
    supported: list[set[int]] = [set() for _ in members]
    parents = members[0]
    base_low = base_high = 0
    choosing: list[int] = []  # the children (member numbers) with a choice of candidates
    single: list[int] = []  # the others
    for k, pool in enumerate(members[1:], start=1):
        if len(pool) != 1:
            choosing.append(k)
            continue
        single.append(k)
        base_low += pool[0][0]
        base_high += pool[0][1]
    children = [members[k] for k in choosing]
    for combo in product(*(range(len(pool)) for pool in children)):
        low, high = base_low, base_high
        for pool, i in zip(children, combo, strict=True):
            child_low, child_high = pool[i]
            low += child_low
            high += child_high
        above = high + top
        below = top - low
        held = False
        for p, (parent_low, parent_high) in enumerate(parents):
            if (above - parent_low) & (below + parent_high) & top == top:
                supported[0].add(p)
                held = True
        if held:
            for k in single:
                supported[k].add(0)
            for k, i in zip(choosing, combo, strict=True):
                supported[k].add(i)
    return supported


class _Scaled:
    """The (lo, hi) of each figure met in one solve, and the largest of them in size."""

    def __init__(self) -> None:
        self.bounds: dict[int, tuple[int, int]] = {}
        self.largest = 0

    def of(self, amount: Amount) -> tuple[int, int]:
        key = id(amount)
        bound = self.bounds.get(key)
        if bound is None:
            bound = self.bounds[key] = _scaled(amount)
            self.largest = max(self.largest, abs(bound[0]), abs(bound[1]))
        return bound


def _packed_pools(
    pools: list[list[Placement]], checked: tuple[str, ...], scaled: _Scaled
) -> tuple[list[list[tuple[int, int]]], int] | None:
    """Each candidate of each pool packed on the ``checked`` columns, and the mask of top bits.

    None when a column is checked twice (then read as :func:`_bounds` reads it).
    """
    position = {column: index for index, column in enumerate(checked)}
    if len(position) != len(checked):
        return None
    # The field width must be known before packing: the figures of each pool's first candidate
    # (a row's candidates place the same figures) are scaled first. A figure met only while
    # packing that is larger than all of them makes the fields wider: packed again.
    bounds = scaled.bounds
    for pool in pools:
        for amount in pool[0].values() if pool else ():
            if id(amount) not in bounds:
                scaled.of(amount)
    while True:
        largest = scaled.largest
        shift = _shift(largest, len(pools))
        of = scaled.of
        packed = []
        for pool in pools:
            vectors = []
            for candidate in pool:
                low = high = 0
                for column, amount in candidate.items():
                    index = position.get(column)
                    if index is None:
                        continue
                    lo, hi = bounds.get(id(amount)) or of(amount)
                    offset = index * shift
                    low += lo << offset
                    high += hi << offset
                vectors.append((low, high))
            packed.append(vectors)
        if scaled.largest == largest:
            return packed, _tops(len(checked), shift)


def solve(
    rows: list[Pending],
    columns: tuple[str, ...],
    sums: list[SumConstraint],
    fixed: list[FixedConstraint] = (),
) -> None:
    """Prune each row's candidates in place."""
    for rule in fixed:
        row = rows[rule.row]
        kept = [c for c in row.candidates if _value(c, rule.column).consistent(rule.value)]
        if kept:
            row.candidates = kept
    cache: dict[int, tuple[int, int]] = {}
    scaled = _Scaled()
    # A constraint none of whose rows changed since it was last checked would
    # find the same support again: it is skipped (the result is unchanged).
    version = [0] * len(rows)
    seen: dict[int, tuple[int, ...]] = {}
    changed = True
    rounds = 0
    while changed and rounds < 20:
        changed = False
        rounds += 1
        for number, rule in enumerate(sums):
            members = (rule.parent, *rule.children)
            state = tuple(version[m] for m in members)
            if seen.get(number) == state:
                continue
            pools = [rows[m].candidates for m in members]
            size = 1
            for pool in pools:
                size *= max(1, len(pool))
            if size > COMBINATION_LIMIT or size == 1:
                seen[number] = state
                continue
            checked = rule.columns or columns
            packed = _packed_pools(pools, checked, scaled)
            if packed is not None:
                supported = _supported_packed(*packed)
            else:
                supported = _supported([[_bounds(c, checked, cache) for c in pool] for pool in pools], len(checked))
            if not any(supported):
                seen[number] = state
                continue  # the table does not add up: keep everything; rules will say so
            for k, member in enumerate(members):
                if len(supported[k]) < len(pools[k]):
                    rows[member].candidates = [pools[k][i] for i in sorted(supported[k])]
                    version[member] += 1
                    changed = True
            if len(set(members)) == len(members):
                # What survived was supported by survivors: checked again, nothing would change.
                seen[number] = tuple(version[m] for m in members)


def shared_bindings(candidates: list[Placement]) -> Placement:
    """The bindings every candidate agrees on."""
    if not candidates:
        return {}
    first, *others = candidates  # (the others listed once, not once per column)
    shared: Placement = {}
    for column, amount in first.items():
        for other in others:
            if other.get(column) is not amount:
                break
        else:
            shared[column] = amount
    return shared
