"""The tree walker that evaluates rule expressions over document views."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from auditor.engine.views import (
    DocumentView,
    ExpressionError,
    NotEvaluable,
    PerformanceView,
    RowView,
    SectionView,
    TableView,
    Tracker,
    View,
)
from auditor.model import Document
from auditor.quantity import Quantity, QuantityError, Truth, total

MAX_STEPS = 500_000  # expression nodes evaluated, per rule and document
MAX_ELEMENTS = 200_000  # list elements produced or walked, per rule and document


class Budget:
    """What one rule may spend on one document, shared by every for_each item.

    Steps alone do not bound the work: one step can produce a list of every
    row (``rows.children``), so the elements of every list produced and every
    list a function walks are counted too.
    """

    def __init__(self) -> None:
        self.steps = 0
        self.elements = 0

    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise ExpressionError(f"计算量超过上限（{MAX_STEPS} 步），规则已停止")

    def charge(self, count: int) -> None:
        self.elements += count
        if self.elements > MAX_ELEMENTS:
            raise ExpressionError(f"计算量超过上限（列表元素 {MAX_ELEMENTS} 个），规则已停止")


class Evaluator:
    def __init__(self, document: Document, variables: dict[str, Any] | None = None,
                 budget: Budget | None = None) -> None:
        self.document = document
        self.tracker = Tracker()
        self.variables = dict(variables or {})
        self.budget = budget or Budget()

    # -- entry points ------------------------------------------------------
    def evaluate(self, tree: tuple) -> Any:
        self.budget.step()
        method = getattr(self, "e_" + tree[0])
        result = method(*tree[1:])
        if isinstance(result, list):
            self.budget.charge(_size(result))
        return result

    def truth(self, tree: tuple) -> Truth:
        return as_truth(self.evaluate(tree))

    # -- leaves --------------------------------------------------------------
    def e_number(self, text: str) -> Quantity:
        return Quantity.exact(Decimal(text))

    def e_percent(self, text: str) -> Quantity:
        return Quantity.exact(Decimal(text[:-1]).scaleb(-2)).as_percent()

    def e_string(self, text: str) -> str:
        return text

    def e_name(self, name: str) -> Any:
        if name in self.variables:
            return self.variables[name]
        if name == "document":
            return DocumentView(self.tracker, self.document)
        if name in ("true", "false"):
            return Truth.TRUE if name == "true" else Truth.FALSE
        if name in FUNCTIONS:
            return ("function", name)
        raise ExpressionError(f"未知的名称 {name}")

    def e_list(self, *items: tuple) -> list:
        return [self.evaluate(item) for item in items]

    # -- logic ------------------------------------------------------------------
    def e_or_(self, left: tuple, right: tuple) -> Truth:
        return Truth.any_of([self.truth(left), self.truth(right)])

    def e_and_(self, left: tuple, right: tuple) -> Truth:
        first = self.truth(left)
        if first is Truth.FALSE:
            return Truth.FALSE
        return Truth.all_of([first, self.truth(right)])

    def e_not(self, operand: tuple) -> Truth:
        return self.truth(operand).negate()

    def e_compare(self, op: str, left: tuple, right: tuple) -> Truth:
        return compare(op, self.evaluate(left), self.evaluate(right))

    # -- arithmetic ----------------------------------------------------------------
    def e_arith(self, op: str, left: tuple, right: tuple) -> Quantity:
        a, b = quantity(self.evaluate(left)), quantity(self.evaluate(right))
        try:
            if op == "+":
                return a + b
            if op == "-":
                return a - b
            if op == "*":
                return a * b
            return a / b
        except QuantityError as exc:
            raise NotEvaluable(str(exc)) from None

    def e_neg(self, operand: tuple) -> Quantity:
        return -quantity(self.evaluate(operand))

    # -- access -------------------------------------------------------------------
    def e_attr(self, target: tuple, name: str) -> Any:
        value = self.evaluate(target)
        return attribute(value, name)

    def e_index(self, target: tuple, key: tuple) -> Any:
        value = self.evaluate(target)
        index = self.evaluate(key)
        if value is None:
            raise NotEvaluable("所选的行不存在")
        if isinstance(value, RowView) and isinstance(index, str):
            return value.cell(index)
        if isinstance(value, list) and isinstance(index, str):
            return [item.cell(index) if isinstance(item, RowView) else _bad(item) for item in value]
        if isinstance(value, list) and isinstance(index, Quantity) and index.is_exact:
            position = int(index.value)
            if not -len(value) <= position < len(value):
                raise NotEvaluable("下标超出范围")
            return value[position]
        raise ExpressionError("只能用列名取行中的数字，或用整数取列表中的元素")

    def e_call(self, target: tuple, positional: tuple, keywords: tuple) -> Any:
        args = [self.evaluate(a) for a in positional]
        kwargs = {name: self.evaluate(value) for name, value in keywords}
        if target[0] == "name" and target[1] in FUNCTIONS and target[1] not in self.variables:
            function = FUNCTIONS[target[1]]
            check_arguments(target[1], len(args), set(kwargs))
            for value in (*args, *kwargs.values()):
                if isinstance(value, list):
                    self.budget.charge(len(value))  # the function walks it
            return function(self, *args, **kwargs)
        if target[0] == "attr":
            owner = self.evaluate(target[1])
            method = target[2]
            if isinstance(owner, TableView) and method in ("rows", "row"):
                if len(args) > 1:
                    raise ExpressionError(f"{method}() 最多有一个位置参数（科目编码）")
                self.budget.charge(len(owner.table.rows))  # select() scans the table
                rows = owner.select(*_strings(args[:1], "code"), **_string_kwargs(kwargs))
                if method == "rows":
                    return rows
                if not rows:
                    raise NotEvaluable(f"表{owner.table.number} 中没有所选的行")
                return rows[0]
        raise ExpressionError("只能调用文档说明中列出的函数")


def _size(values: list) -> int:
    """Elements of a list and of the lists directly inside it."""
    return len(values) + sum(len(v) for v in values if isinstance(v, list))


def _bad(item: Any) -> Any:
    raise ExpressionError("列表中的元素不是表格行")


def _strings(values: list, name: str) -> list[str]:
    for value in values:
        if not isinstance(value, str):
            raise ExpressionError(f"{name} 应为字符串")
    return list(values)


def _string_kwargs(kwargs: dict) -> dict:
    allowed = {"code", "prefix", "level", "side", "name"}
    for key, value in kwargs.items():
        if key not in allowed:
            raise ExpressionError(f"rows() 不接受参数 {key}")
        if not isinstance(value, str):
            raise ExpressionError(f"rows() 的参数 {key} 应为字符串")
    return kwargs


def attribute(value: Any, name: str) -> Any:
    if isinstance(value, list):
        return [attribute(item, name) for item in value]
    if isinstance(value, View):
        return value.attribute(name)
    if isinstance(value, RowView):  # pragma: no cover - RowView is a View
        return value.attribute(name)
    if value is None:
        raise NotEvaluable("所选对象不存在")
    raise ExpressionError(f"不能对这个值取属性 {name}")


def quantity(value: Any) -> Quantity:
    if isinstance(value, Quantity):
        return value
    if isinstance(value, RowView):
        raise ExpressionError("行不能直接参与计算，请用列名取数，例如 row[\"合计\"]")
    if value is None:
        raise NotEvaluable("缺少数字")
    raise ExpressionError("这个值不是数字")


def as_truth(value: Any) -> Truth:
    if isinstance(value, Truth):
        return value
    if isinstance(value, bool):
        return Truth.TRUE if value else Truth.FALSE
    raise ExpressionError("条件的值不是真假")


def compare(op: str, left: Any, right: Any) -> Truth:
    if isinstance(left, str) or isinstance(right, str):
        if op not in ("==", "!="):
            raise ExpressionError("文字只能比较相等或不等")
        same = Truth.TRUE if left == right else Truth.FALSE
        return same if op == "==" else same.negate()
    a, b = quantity(left), quantity(right)
    if op == "==":
        return a.eq(b)
    if op == "!=":
        return a.eq(b).negate()
    if op == "<":
        return a.lt(b)
    if op == "<=":
        return a.le(b)
    if op == ">":
        return b.lt(a)
    return b.le(a)


# -- functions ------------------------------------------------------------------
def _table(ev: Evaluator, key: Any) -> TableView:
    document = ev.document
    table = None
    if isinstance(key, Quantity) and key.is_exact:
        table = document.table(int(key.value))
    elif isinstance(key, str):
        text = key.replace("表", "").strip()
        if text.isdigit():
            table = document.table(int(text))
        elif document.template is not None and document.template.table_of_kind(key) is not None:
            table = document.table_of_kind(key)
        else:
            raise ExpressionError(f"未知的表：{key}")
    else:
        raise ExpressionError("table() 的参数应为表号或表的种类")
    if table is None:
        raise NotEvaluable(f"文件中没有表 {key}")
    ev.tracker.touch(table.span, table.number)
    return TableView(ev.tracker, table)


def _section(ev: Evaluator, *numbers: Any, part: Any = None) -> SectionView:
    path = []
    for number in numbers:
        if not isinstance(number, Quantity) or not number.is_exact:
            raise ExpressionError("section() 的参数应为整数")
        path.append(int(number.value))
    which = int(part.value) if isinstance(part, Quantity) else 3
    section = ev.document.section(*path, part=which)
    if section is None:
        raise NotEvaluable(f"文件中没有第{which}部分的 {'.'.join(map(str, path))} 节")
    ev.tracker.touch(section.heading_span)
    return SectionView(ev.tracker, section)


def _performance_tables(ev: Evaluator, kind: Any = None) -> list[PerformanceView]:
    tables = ev.document.performance_tables
    if kind is not None:
        tables = tuple(t for t in tables if t.kind == kind)
    return [PerformanceView(ev.tracker, t) for t in tables]


def _numbers(values: Any) -> list[Quantity]:
    if not isinstance(values, list):
        raise ExpressionError("需要一个列表")
    return [quantity(v) for v in values]


def _sum(ev: Evaluator, values: Any) -> Quantity:
    return total(_numbers(values))


def _count(ev: Evaluator, values: Any) -> Quantity:
    if not isinstance(values, list):
        raise ExpressionError("count() 需要一个列表")
    return Quantity.exact(len(values))


def _min(ev: Evaluator, values: Any) -> Quantity:
    numbers = _numbers(values)
    if not numbers:
        raise NotEvaluable("空列表没有最小值")
    return min(numbers, key=lambda q: q.value)


def _max(ev: Evaluator, values: Any) -> Quantity:
    numbers = _numbers(values)
    if not numbers:
        raise NotEvaluable("空列表没有最大值")
    return max(numbers, key=lambda q: q.value)


def _any(ev: Evaluator, values: Any) -> Truth:
    return Truth.any_of([as_truth(v) for v in values]) if values else Truth.FALSE


def _all(ev: Evaluator, values: Any) -> Truth:
    return Truth.all_of([as_truth(v) for v in values]) if values else Truth.TRUE


def _abs(ev: Evaluator, value: Any) -> Quantity:
    q = quantity(value)
    return q if q.lo >= 0 else (-q if q.hi <= 0 else Quantity(abs(q.value), Decimal(0), max(-q.lo, q.hi), q.places))


def _contains(ev: Evaluator, text: Any, part: Any) -> Truth:
    if not isinstance(text, str) or not isinstance(part, str):
        raise ExpressionError("contains() 需要两段文字")
    return Truth.TRUE if "".join(part.split()) in "".join(text.split()) else Truth.FALSE


FUNCTIONS = {
    "table": _table,
    "section": _section,
    "performance_tables": _performance_tables,
    "sum": _sum,
    "count": _count,
    "min": _min,
    "max": _max,
    "any": _any,
    "all": _all,
    "abs": _abs,
    "contains": _contains,
}

# name -> (fewest, most positional arguments (None: any), keyword arguments).
# Checked when the rules load (static.py) and again before each call, so a
# wrong count is a rule error, never a Python TypeError.
SIGNATURES: dict[str, tuple[int, int | None, frozenset[str]]] = {
    "table": (1, 1, frozenset()),
    "section": (1, None, frozenset({"part"})),
    "performance_tables": (0, 1, frozenset({"kind"})),
    "sum": (1, 1, frozenset()),
    "count": (1, 1, frozenset()),
    "min": (1, 1, frozenset()),
    "max": (1, 1, frozenset()),
    "any": (1, 1, frozenset()),
    "all": (1, 1, frozenset()),
    "abs": (1, 1, frozenset()),
    "contains": (2, 2, frozenset()),
}


def argument_problem(name: str, positional: int, keywords: set[str]) -> str | None:
    """Why ``name(...)`` with these arguments cannot be called, or None (also for unlisted functions)."""
    signature = SIGNATURES.get(name)
    if signature is None:
        return None
    fewest, most, allowed = signature
    unknown = sorted(keywords - allowed)
    if unknown:
        return f"{name}() 不接受参数 {'、'.join(unknown)}"
    if positional < fewest or (most is not None and positional > most):
        wanted = str(fewest) if most == fewest else f"{fewest} 至 {most}" if most is not None else f"至少 {fewest}"
        return f"{name}() 需要 {wanted} 个参数，这里有 {positional} 个"
    return None


def check_arguments(name: str, positional: int, keywords: set[str]) -> None:
    problem = argument_problem(name, positional, keywords)
    if problem:
        raise ExpressionError(problem)
