"""A 决算's tables for expression rules: final_equations(), final_cross_equations(), final_tables().

The equations come from the 决算 template's identities (rules/templates/final/*.yaml) applied to
the tables read from the document (auditor.final.identities); a rule compares their two sides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from auditor.engine.views import ExpressionError, View
from auditor.final.identities import Equation, cross_equations, table_equations
from auditor.final.view import final_view
from auditor.model import Span
from auditor.quantity import Quantity


@dataclass(frozen=True)
class EquationView(View):
    """One identity on one row or column: the figure stated and the sum it should equal."""

    equation: Equation

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
    view = final_view(ev.document)
    if view is None:
        return []
    return [EquationView(ev.tracker, equation) for equation in cross_equations(view.template, view.by_key)]
