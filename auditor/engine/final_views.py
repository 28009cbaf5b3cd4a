"""A 决算 for expression rules: final_equations(), final_cross_equations(), final_statements(),
final_template_tables() and final_tables().

The equations come from the 决算 template's identities (rules/templates/final/*.yaml) applied to
the tables read from the document (auditor.final.identities); the statements are the figures the
说明 states, each bound to what it should equal (auditor.final.narrative). A rule compares the two.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from auditor.engine.views import ExpressionError, View
from auditor.model import Span
from auditor.quantity import Quantity

# auditor.final is imported when a 决算 rule runs, not when the rules load (start-up time).


@dataclass(eq=False, repr=False)  # never compared, printed or changed: not frozen, cheaper to create
class EquationView(View):
    """One identity on one row or column: the figure stated and the sum it should equal."""

    equation: Any  # auditor.final.identities.Equation

    LABEL: ClassVar[str] = "等式"
    ATTRIBUTES: ClassVar[tuple[str, ...]] = ("stated", "expected", "formula", "what", "title", "line")

    @property
    def span(self) -> Span:
        return Span(self.equation.line, self.equation.line)

    def a_stated(self) -> Quantity:
        return self.equation.stated

    def a_expected(self) -> Quantity:
        return self.equation.expected

    def a_formula(self) -> str:
        """The sum as written: "440.00 + 0 + 30.00"."""
        return self.equation.formula

    def a_what(self) -> str:
        """Which identity, in words: "本年收入合计 = 各项之和"."""
        return self.equation.what

    def a_title(self) -> str:
        """The title of the table the stated figure is in."""
        return self.equation.table.spec.title

    def a_line(self) -> Quantity:
        return Quantity.exact(self.equation.line)


def final_equations(ev: Any, keys: Any) -> list[EquationView]:
    """The equations of the identities of the 决算 tables named by template key (income, fiscal…)."""
    from auditor.final.identities import table_equations
    from auditor.final.view import final_view

    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        raise ExpressionError("final_equations() 需要表键的列表，如 [\"income\", \"expenditure\"]")
    view = final_view(ev.document)
    if view is None:
        return []
    wanted = set(keys)
    return [EquationView(ev.tracker, equation) for table in view.tables if table.spec.key in wanted
            for equation in table_equations(table)]


def final_cross_equations(ev: Any) -> list[EquationView]:
    """The equations between 决算 tables (the template's cross and cross_classes)."""
    from auditor.final.identities import cross_equations
    from auditor.final.view import final_view

    view = final_view(ev.document)
    if view is None:
        return []
    return [EquationView(ev.tracker, equation) for equation in cross_equations(view.template, view.by_key)]


@dataclass(eq=False, repr=False)  # never compared, printed or changed: not frozen, cheaper to create
class FinalSpecView(View):
    """One table the 决算 template requires: whether the document has it, and whether 目录 lists it."""

    title: str
    number: int
    present: bool
    listed: bool  # a 目录 entry names this table (its longest matching title is this table's)
    in_toc: bool  # a 目录 entry ends with one of its titles
    place: Span  # that 目录 entry, else the heading of 第二部分
    where: str

    LABEL: ClassVar[str] = "决算表要求"
    ATTRIBUTES: ClassVar[tuple[str, ...]] = ("title", "number", "present", "listed", "in_toc", "where", "line")

    @property
    def span(self) -> Span:
        return self.place

    def a_title(self) -> str:
        return self.title

    def a_number(self) -> Quantity:
        return Quantity.exact(self.number)

    def a_present(self) -> bool:
        return self.present

    def a_listed(self) -> bool:
        """Whether a 目录 entry names this table."""
        return self.listed

    def a_in_toc(self) -> bool:
        """Whether a 目录 entry ends with one of its titles (it may name a longer title)."""
        return self.in_toc

    def a_where(self) -> str:
        """Which of the template's tables it is ("…第3张表")."""
        return self.where

    def a_line(self) -> Quantity:
        return Quantity.exact(self.place.line)


def final_template_tables(ev: Any) -> list[FinalSpecView]:
    """The tables the 决算 template requires, in its order; none when 第二部分 is missing."""
    from auditor.final.tables import plain
    from auditor.final.view import final_view

    document = ev.document
    view = final_view(document)
    part = document.part(2)
    if view is None or part is None:
        return []
    present = {table.spec.key for table in view.tables}
    # A 目录 entry names the table whose title (or variant) it ends with, the longest first.
    variants = sorted(((plain(t), spec) for spec in view.template.tables for t in spec.titles), key=lambda p: -len(p[0]))
    listed: dict[str, int] = {}
    for entry in document.toc:
        text = plain(entry.text)
        spec = next((s for v, s in variants if text.endswith(v)), None)
        if spec is not None:
            listed.setdefault(spec.key, entry.line)
    in_toc = {plain(entry.text) for entry in document.toc}
    items = []
    for spec in view.template.ordered:
        line = listed.get(spec.key)
        named = any(text.endswith(plain(t)) for text in in_toc for t in spec.titles)
        place = Span(line, line) if line is not None else part.heading_span
        items.append(FinalSpecView(ev.tracker, spec.title, spec.number, spec.key in present, line is not None,
                                   named, place, f"{view.template.description}第{spec.number}张表"))
    return items


@dataclass(eq=False, repr=False)  # never compared, printed or changed: not frozen, cheaper to create
class FinalTableView(View):
    """A 决算 table as read from the document."""

    table: Any  # auditor.final.tables.FinalTable
    note_words: tuple[str, ...]

    LABEL: ClassVar[str] = "决算表"
    ATTRIBUTES: ClassVar[tuple[str, ...]] = ("title", "empty", "may_be_empty", "notes", "note_words", "line")

    @property
    def span(self) -> Span:
        return Span(self.table.span.line, self.table.span.line)

    def a_title(self) -> str:
        return self.table.spec.title

    def a_empty(self) -> bool:
        return self.table.is_empty

    def a_may_be_empty(self) -> bool:
        """Whether the template lets the table be empty (政府性基金、国有资本经营)."""
        return self.table.spec.may_be_empty

    def a_notes(self) -> str:
        """The lines under the table (说明, 注), compared without spaces or quotation marks."""
        from auditor.final.tables import plain

        return plain("".join(text for _, text in self.table.notes))

    def a_note_words(self) -> list[str]:
        """The template's words for an empty table's note ("本表无数据"), compared the same way."""
        return list(self.note_words)

    def a_line(self) -> Quantity:
        return Quantity.exact(self.table.span.line)


def final_tables(ev: Any) -> list[FinalTableView]:
    """The document's 决算 tables, in order."""
    from auditor.final.tables import plain
    from auditor.final.view import final_view

    view = final_view(ev.document)
    if view is None:
        return []
    words = tuple(plain(word) for word in view.template.empty_note)
    return [FinalTableView(ev.tracker, table, words) for table in view.tables]


# Which finder of auditor.final.narrative states each kind (决算数大于/小于 comes with the completion rates).
SOURCE = {"direction": "completion"}
STATED_KINDS = ("amount", "completion", "direction", "share", "change", "running", "procurement", "vehicles",
                "performance")


@dataclass(eq=False, repr=False)  # never compared, printed or changed: not frozen, cheaper to create
class StatedView(View):
    """A figure the 决算 说明 states, bound to what it should equal: .value against .target by .relation."""

    stated: Any  # auditor.final.narrative.Stated

    LABEL: ClassVar[str] = "决算说明中的数字"
    ATTRIBUTES: ClassVar[tuple[str, ...]] = ("value", "target", "relation", "stated", "expected", "evidence", "what",
                                             "where", "problem", "limit", "spent", "budget", "line")

    @property
    def span(self) -> Span:
        return self.stated.span

    def a_value(self) -> Quantity:
        """The stated figure (for 决算数大于/小于: the 决算数)."""
        return self.stated.value

    def a_target(self) -> Quantity:
        """What it is compared with: the table's figure, the computed ratio or sum, the limit."""
        return self.stated.target

    def a_relation(self) -> str:
        """How value and target must compare: ==, <= (a limit), < or > (决算数小于/大于)."""
        return self.stated.relation

    def a_stated(self) -> str:
        return self.stated.stated

    def a_expected(self) -> str:
        return self.stated.expected

    def a_evidence(self) -> str:
        return self.stated.evidence

    def _value(self, key: str) -> str:
        return str(self.stated.values.get(key, ""))

    def a_what(self) -> str:
        return self._value("what")

    def a_where(self) -> str:
        return self._value("where")

    def a_problem(self) -> str:
        return self._value("problem")

    def a_limit(self) -> str:
        return self._value("limit")

    def a_spent(self) -> str:
        return self._value("spent")

    def a_budget(self) -> str:
        return self._value("budget")

    def a_line(self) -> Quantity:
        return Quantity.exact(self.stated.span.line)


def final_statements(ev: Any, kind: Any) -> list[StatedView]:
    """The figures of one kind the 决算 说明 states, each bound to what it should equal."""
    from auditor.final.narrative import FINDERS
    from auditor.final.view import final_view

    if kind not in STATED_KINDS:
        raise ExpressionError(f"final_statements() 的种类应为 {'、'.join(STATED_KINDS)} 之一")
    view = final_view(ev.document)
    finder = FINDERS.get(SOURCE.get(kind, kind))
    if view is None or finder is None:
        return []
    return [StatedView(ev.tracker, stated) for stated in finder(ev.document, view) if stated.kind == kind]
