"""Per-table dictionaries built once, so checks that look rows up by code stay linear.

A check that, for every row of one table, searched another table row by row
was quadratic: a table of 10k rows took tens of seconds.
"""

from __future__ import annotations

from auditor.model import Row, Table

_CACHE: dict[int, tuple[Table, dict[str, list[Row]]]] = {}


def rows_by_code(table: Table) -> dict[str, list[Row]]:
    """code -> the table's rows with that code, in order (built on first use)."""
    cached = _CACHE.get(id(table))
    if cached is not None and cached[0] is table:
        return cached[1]
    index: dict[str, list[Row]] = {}
    for row in table.rows:
        if row.code:
            index.setdefault(row.code, []).append(row)
    if len(_CACHE) > 64:  # each entry keeps its table alive, so an id is never reused while cached
        _CACHE.clear()
    _CACHE[id(table)] = (table, index)
    return index
