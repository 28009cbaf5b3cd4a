"""A table no template describes: its columns read from its header (tabbed renderings only).

Used when a document matches no template: a table whose rows start with a
类 code and carry figures is read as a coded table, its value columns named by
the header cells above them, and the identities its header implies
(auditor/data/implied_identities.yaml) are checked on every row.
"""

from __future__ import annotations

import re
from functools import cache

from auditor.parsing.tables.rows import compact, is_figure
from auditor.template.model import UNKNOWN_KIND, TableTemplate

CODE_RE = re.compile(r"^[23]\d{2}$")


@cache
def implied_identities() -> tuple[tuple[str, tuple[str, ...]], ...]:
    import yaml

    from auditor.resources import data_text

    return tuple((e["total"], tuple(e["parts"])) for e in yaml.safe_load(data_text("implied_identities.yaml")))


def identities_for(columns: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The implied identity whose columns are exactly the table's columns, if any."""
    for whole, parts in implied_identities():
        if set(columns) == {whole, *parts}:
            return {whole: parts}
    return {}


def infer_template(body: list[tuple[int, str]], number: int | None) -> TableTemplate | None:
    rows = [[c.strip() for c in text.split("\t")] for _, text in body if "\t" in text]
    coded = [cells for cells in rows if cells and CODE_RE.match(cells[0]) and any(is_figure(c) for c in cells)]
    if not coded:
        return None
    label_cells = min(next(i for i, c in enumerate(cells) if is_figure(c)) for cells in coded)
    width = max(len(cells) for cells in coded) - label_cells
    first_data = next(i for i, cells in enumerate(rows) if cells and CODE_RE.match(cells[0]))
    columns = []
    for position in range(label_cells, label_cells + width):
        words = [compact(cells[position]) for cells in rows[:first_data] if position < len(cells) and cells[position]]
        columns.append(words[-1] if words else f"列{position - label_cells + 1}")
    if len(set(columns)) != len(columns):
        return None  # a header this reader cannot name unambiguously
    keys = tuple(columns)
    return TableTemplate(
        kind=UNKNOWN_KIND, number=number or 0, title="", titles=(), family="coded", columns=keys,
        parts=identities_for(keys), label_cells=label_cells,
    )
