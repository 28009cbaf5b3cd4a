"""One reading of a 决算's tables per document, shared by the check kinds."""

from __future__ import annotations

from dataclasses import dataclass

from auditor.final.tables import FinalTable, read_final_tables
from auditor.final.template import FINAL_TEMPLATES, FinalTemplate, load_final_template
from auditor.model import Document, Stage


@dataclass(frozen=True)
class FinalView:
    template: FinalTemplate
    tables: tuple[FinalTable, ...]  # in document order

    @property
    def by_key(self) -> dict[str, FinalTable]:
        found: dict[str, FinalTable] = {}
        for table in self.tables:
            found.setdefault(table.spec.key, table)
        return found


_LAST: list[tuple[Document, FinalView | None]] = []


def final_view(document: Document) -> FinalView | None:
    """The template and tables of a 决算, or None for a budget.

    The Shanghai and central templates share their tables and differ in
    order: the “三公” table after the 政府性基金 and 国有资本经营 tables
    means the central order.
    """
    if _LAST and _LAST[0][0] is document:
        return _LAST[0][1]
    view = None
    chosen = getattr(document.template, "name", None)
    if chosen in FINAL_TEMPLATES:
        # The user (or detection) named the 决算 template: read by its data.
        template = load_final_template(chosen)
        view = FinalView(template, tuple(read_final_tables(document, template)))
    elif document.stage is Stage.FINAL:
        template = load_final_template("shanghai-final")
        tables = read_final_tables(document, template)
        order = [table.spec.key for table in tables]
        if "three_public" in order and "fund" in order and order.index("three_public") > order.index("fund"):
            template = load_final_template("national-final")
            tables = read_final_tables(document, template)
        view = FinalView(template, tuple(tables))
    _LAST[:] = [(document, view)]
    return view
