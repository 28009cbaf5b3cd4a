"""Tables drawn with ruling lines: the cell grid the lines draw.

The positions of the vertical and horizontal lines cut the table into grid
cells; a grid cell whose border is missing is merged with its neighbour, so a
header cell spanning three columns is one cell, written in the first of its
columns with the others left empty (the tabbed rendering does the same). Each
cell's text is its characters in reading order, wrapped lines joined.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from auditor.pdf.lines import group_lines, join_chars
from auditor.pdf.page import Char, Rule

# Ruling lines this close are one line (a stroke drawn as a thin box has two edges).
SNAP = 2.5


@dataclass(slots=True)
class Grid:
    xs: list[float]
    ys: list[float]
    rules: list[Rule]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def holds(self, char: Char) -> bool:
        x = char.middle
        y = (char.top + char.bottom) / 2
        return self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]


def find_grids(rules: list[Rule]) -> list[Grid]:
    """Groups of crossing ruling lines with at least two columns and one row."""
    parent = list(range(len(rules)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    across = [i for i, r in enumerate(rules) if r.across]
    down = [i for i, r in enumerate(rules) if not r.across]
    # Sorting by position keeps the crossing test to the lines that can meet.
    down.sort(key=lambda i: rules[i].at)
    places = [rules[i].at for i in down]
    for h in across:
        rule = rules[h]
        for v in down[bisect.bisect_left(places, rule.start - SNAP):]:
            other = rules[v]
            if other.at > rule.end + SNAP:
                break
            if other.start - SNAP <= rule.at <= other.end + SNAP:
                parent[root(v)] = root(h)
    # A line drawn in pieces (one per cell, as ONLYOFFICE does) is one line.
    for kind in (across, down):
        ordered = sorted(kind, key=lambda i: (round(rules[i].at / SNAP), rules[i].start))
        for a, b in zip(ordered, ordered[1:], strict=False):
            one, two = rules[a], rules[b]
            if abs(one.at - two.at) <= SNAP and two.start <= one.end + SNAP:
                parent[root(b)] = root(a)
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(root(i), []).append(rule)
    grids = []
    for members in groups.values():
        xs = _snap([r.at for r in members if not r.across])
        ys = _snap([r.at for r in members if r.across])
        if len(xs) >= 3 and len(ys) >= 2:
            grids.append(Grid(xs, ys, members))
    grids.sort(key=lambda g: g.ys[0])
    return grids


def _snap(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if out and value - out[-1] <= SNAP:
            continue
        out.append(value)
    return out


def read_grid(grid: Grid, chars: list[Char]) -> list[tuple[float, list[str]]]:
    """The rows of the grid, each as (top, cells), empty rows left out."""
    xs, ys = grid.xs, grid.ys
    columns, bands = len(xs) - 1, len(ys) - 1
    owner = list(range(columns * bands))  # union-find of grid cells into merged cells

    def root(i: int) -> int:
        while owner[i] != i:
            owner[i] = owner[owner[i]]
            i = owner[i]
        return i

    # Each ruling line filed under the grid line it draws, so a border test
    # looks only at the pieces of that one line.
    verticals: dict[int, list[Rule]] = {}
    horizontals: dict[int, list[Rule]] = {}
    for rule in grid.rules:
        edges, filed = (ys, horizontals) if rule.across else (xs, verticals)
        filed.setdefault(_nearest(edges, rule.at), []).append(rule)
    for band in range(bands):
        middle = (ys[band] + ys[band + 1]) / 2
        for column in range(1, columns):
            if not _covered(verticals.get(column, []), xs[column], middle):
                owner[root(band * columns + column)] = root(band * columns + column - 1)
    for band in range(1, bands):
        for column in range(columns):
            middle = (xs[column] + xs[column + 1]) / 2
            if not _covered(horizontals.get(band, []), ys[band], middle):
                owner[root(band * columns + column)] = root((band - 1) * columns + column)
    inside: dict[int, list[Char]] = {}
    for char in chars:
        column = _index(xs, char.middle)
        band = _index(ys, (char.top + char.bottom) / 2)
        if column is not None and band is not None:
            inside.setdefault(root(band * columns + column), []).append(char)
    first: dict[int, int] = {}
    for cell in range(columns * bands):
        first.setdefault(root(cell), cell)
    rows: list[tuple[float, list[str]]] = []
    for band in range(bands):
        cells = []
        for column in range(columns):
            cell = band * columns + column
            merged = root(cell)
            cells.append(cell_text(inside.get(merged, [])) if first[merged] == cell else "")
        if any(cells):
            rows.append((ys[band], cells))
    return rows


def cell_text(chars: list[Char]) -> str:
    """A cell's text: its printed lines top to bottom, joined as wrapped text."""
    return "".join(join_chars(line.chars) for line in group_lines(chars)).strip()


def _covered(rules: list[Rule], at: float, middle: float) -> bool:
    return any(abs(r.at - at) <= SNAP and r.start - SNAP <= middle <= r.end + SNAP for r in rules)


def _nearest(edges: list[float], value: float) -> int:
    at = bisect.bisect_left(edges, value)
    if at == len(edges) or (at > 0 and value - edges[at - 1] <= edges[at] - value):
        return at - 1
    return at


def _index(edges: list[float], value: float) -> int | None:
    if value < edges[0] or value > edges[-1]:
        return None
    low, high = 0, len(edges) - 1
    while high - low > 1:
        mid = (low + high) // 2
        if edges[mid] <= value:
            low = mid
        else:
            high = mid
    return low
