"""The tree walker that evaluates rule expressions over document views."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from auditor.claims import ClaimSet, extract_claims
from auditor.engine.narrative import MatchView, claims_of, matches_of, paragraphs_of
from auditor.engine.table_index import rows_by_code
from auditor.engine.views import (
    SCALES,
    DocumentView,
    ExpressionError,
    NotEvaluable,
    PairView,
    PerformanceView,
    RowView,
    SectionView,
    TableView,
    Tracker,
    View,
    pair_by_code,
)
from auditor.model import Document
from auditor.quantity import Quantity, QuantityError, Truth, total
from auditor.reading.normalize import compact

if TYPE_CHECKING:
    from auditor.engine.expression import Expression

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
        self.regex_steps = 0  # estimated, of matches() (auditor/engine/narrative.py)

    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise ExpressionError(f"计算量超过上限（{MAX_STEPS} 步），规则已停止")

    def charge(self, count: int) -> None:
        self.elements += count
        if self.elements > MAX_ELEMENTS:
            raise ExpressionError(f"计算量超过上限（列表元素 {MAX_ELEMENTS} 个），规则已停止")


class Evaluator:
    """One evaluation's state: the document, the names in scope, the budget, what was read.

    The work itself is done by the functions an expression compiles to (``compile_tree``).
    """

    def __init__(self, document: Document, variables: dict[str, Any] | None = None,
                 budget: Budget | None = None, claims: Callable[[], ClaimSet] | None = None) -> None:
        self.document = document
        self.tracker = Tracker()
        self.variables = dict(variables or {})
        self.budget = budget or Budget()
        self._claims = claims

    @property
    def claims(self) -> ClaimSet:
        """The document's claims: handed over by the runner, which computes them once per document."""
        if self._claims is None:  # an evaluator used on its own, outside the runner
            computed = extract_claims(self.document)
            self._claims = lambda: computed
        return self._claims()

    # -- entry points ------------------------------------------------------
    def evaluate(self, tree: tuple) -> Any:
        """The value of a tree (a rule's expression is better run by ``value_of``: compiled once, on it)."""
        return _compiled(tree)(self)

    def truth(self, tree: tuple) -> Truth:
        return as_truth(self.evaluate(tree))

    def value_of(self, expression: Expression) -> Any:
        return expression.code(self)

    def truth_of(self, expression: Expression) -> Truth:
        return as_truth(expression.code(self))


# -- the compiler ------------------------------------------------------------------
# A tree compiles to nested closures, one per node, each calling its children's directly:
# the rules' ~6,400 nodes per document are dispatched once, not on every evaluation.
# Every node counts one step of the budget *before* its children (Budget.step, inlined:
# this runs for every node), and every list a node yields is charged when it is made,
# in the order the tree walker that preceded the compiler did.
Node = Callable[[Evaluator], Any]


def compile_tree(tree: tuple) -> Node:
    """The function that evaluates ``tree`` for an Evaluator.

    A malformed tree (which no parsed expression is) compiles to a node that raises what
    evaluating it would have raised, when it is reached, so the rule fails on that document only.
    """
    try:
        return _MAKERS[tree[0]](*tree[1:])
    except (LookupError, TypeError, ValueError, ArithmeticError) as exc:
        return _failing(type(exc), exc.args)


_compiled = lru_cache(maxsize=1024)(compile_tree)  # for callers that hand over bare trees


def _failing(kind: type[Exception], args: tuple) -> Node:
    def node(ev: Evaluator) -> Any:
        ev.budget.step()
        raise kind(*args)

    return node


def _constant(value: Any) -> Node:
    def node(ev: Evaluator) -> Any:
        budget = ev.budget
        budget.steps += 1
        if budget.steps > MAX_STEPS:
            budget.step()
        return value

    return node


def _c_number(text: str) -> Node:
    return _constant(_number(text))


def _c_percent(text: str) -> Node:
    return _constant(_percent_literal(text))


def _c_string(text: str) -> Node:
    return _constant(text)


def _c_name(name: str) -> Node:
    fallback = _unbound(name)  # what the name means when no variable has it

    def node(ev: Evaluator) -> Any:
        budget = ev.budget
        budget.steps += 1
        if budget.steps > MAX_STEPS:
            budget.step()
        variables = ev.variables
        if name in variables:  # a variable shadows a function and the constants
            result = variables[name]
            if type(result) is list:
                budget.charge(_size(result))
            return result
        return fallback(ev)

    return node


def _unbound(name: str) -> Callable[[Evaluator], Any]:
    if name == "document":
        return lambda ev: DocumentView(ev.tracker, ev.document)
    if name in ("true", "false"):
        truth = Truth.TRUE if name == "true" else Truth.FALSE
        return lambda ev: truth
    if name in FUNCTIONS:
        function = ("function", name)
        return lambda ev: function

    def unknown(ev: Evaluator) -> Any:
        raise ExpressionError(f"未知的名称 {name}")

    return unknown


def _c_list(*items: tuple) -> Node:
    parts = tuple(compile_tree(item) for item in items)

    def node(ev: Evaluator) -> list:
        budget = ev.budget
        budget.steps += 1
        if budget.steps > MAX_STEPS:
            budget.step()
        result = [part(ev) for part in parts]
        budget.charge(_size(result))
        return result

    return node


def _c_or_(left: tuple, right: tuple) -> Node:
    first, second = compile_tree(left), compile_tree(right)

    def node(ev: Evaluator) -> Truth:
        budget = ev.budget
        budget.steps += 1
        if budget.steps > MAX_STEPS:
            budget.step()
        a, b = as_truth(first(ev)), as_truth(second(ev))  # both sides are read
        # Truth.any_of([a, b]), spelt out for two: no list and generators per node
        if a is Truth.TRUE or b is Truth.TRUE:
            return Truth.TRUE
        return Truth.FALSE if a is Truth.FALSE and b is Truth.FALSE else Truth.UNKNOWN

    return node


def _c_and_(left: tuple, right: tuple) -> Node:
    first, second = compile_tree(left), compile_tree(right)

    def node(ev: Evaluator) -> Truth:
        budget = ev.budget
        budget.steps += 1
        if budget.steps > MAX_STEPS:
            budget.step()
        truth = as_truth(first(ev))
        if truth is Truth.FALSE:
            return Truth.FALSE
        other = as_truth(second(ev))
        # Truth.all_of([truth, other]) (truth is not FALSE), spelt out for two
        if other is Truth.FALSE:
            return Truth.FALSE
        return Truth.TRUE if truth is Truth.TRUE and other is Truth.TRUE else Truth.UNKNOWN

    return node


def _c_not(operand: tuple) -> Node:
    inner = compile_tree(operand)

    def node(ev: Evaluator) -> Truth:
        budget = ev.budget
        budget.steps += 1
        if budget.steps > MAX_STEPS:
            budget.step()
        return as_truth(inner(ev)).negate()

    return node


def _c_compare(op: str, left: tuple, right: tuple) -> Node:
    first, second = compile_tree(left), compile_tree(right)

    def node(ev: Evaluator) -> Truth:
        budget = ev.budget
        budget.steps += 1
        if budget.steps > MAX_STEPS:
            budget.step()
        return compare(op, first(ev), second(ev))

    return node


def _c_arith(op: str, left: tuple, right: tuple) -> Node:
    first, second = compile_tree(left), compile_tree(right)

    def node(ev: Evaluator) -> Any:
        budget = ev.budget
        budget.steps += 1
        if budget.steps > MAX_STEPS:
            budget.step()
        result = arith(op, first(ev), second(ev))
        if type(result) is list:
            budget.charge(_size(result))
        return result

    return node


def arith(op: str, first: Any, second: Any) -> Any:
    if op == "+" and isinstance(first, list) and isinstance(second, list):
        return first + second  # 列表 + 列表: one after the other
    if op == "+" and (isinstance(first, str) or isinstance(second, str)):
        return _text(first) + _text(second)  # 文字 + 文字 (or a number, as written) joins them
    a, b = quantity(first), quantity(second)
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


def _c_neg(operand: tuple) -> Node:
    inner = compile_tree(operand)

    def node(ev: Evaluator) -> Quantity:
        budget = ev.budget
        budget.steps += 1
        if budget.steps > MAX_STEPS:
            budget.step()
        return -quantity(inner(ev))

    return node


def _c_attr(target: tuple, name: str) -> Node:
    owner = compile_tree(target)

    def node(ev: Evaluator) -> Any:
        budget = ev.budget
        budget.steps += 1
        if budget.steps > MAX_STEPS:
            budget.step()
        value = owner(ev)
        result = value.attribute(name) if isinstance(value, View) else attribute(value, name)
        if type(result) is list:
            budget.charge(_size(result))
        return result

    return node


def _c_index(target: tuple, key: tuple) -> Node:
    owner, which = compile_tree(target), compile_tree(key)

    def node(ev: Evaluator) -> Any:
        budget = ev.budget
        budget.steps += 1
        if budget.steps > MAX_STEPS:
            budget.step()
        value = owner(ev)
        result = index(value, which(ev))
        if type(result) is list:
            budget.charge(_size(result))
        return result

    return node


def index(value: Any, key: Any) -> Any:
    if value is None:
        raise NotEvaluable("所选的行不存在")
    if isinstance(value, RowView) and isinstance(key, str):
        return value.cell(key)
    if isinstance(value, MatchView) and isinstance(key, str):
        return value.group(key)
    if isinstance(value, list) and isinstance(key, str):
        return [item.cell(key) if isinstance(item, RowView) else _bad(item) for item in value]
    if isinstance(value, list) and isinstance(key, Quantity) and key.is_exact:
        position = int(key.value)
        if not -len(value) <= position < len(value):
            raise NotEvaluable("下标超出范围")
        return value[position]
    raise ExpressionError("只能用列名取行中的数字、用组名取匹配中的文字，或用整数取列表中的元素")


NOT_CALLABLE = "只能调用文档说明中列出的函数"


def _c_call(target: tuple, positional: tuple, keywords: tuple) -> Node:
    kind, name = target[0], target[1]
    args = tuple(compile_tree(a) for a in positional)
    kwargs = tuple((key, compile_tree(value)) for key, value in keywords)
    if kind == "name" and name == "exists":
        return _c_exists(args, kwargs)
    if kind == "name" and name == "choose":
        return _c_choose(args, kwargs)
    if kind == "name" and name in FUNCTIONS:
        return _c_function(name, args, kwargs)
    if kind == "attr":
        return _c_method(compile_tree(target[1]), target[2], args, kwargs)

    def node(ev: Evaluator) -> Any:  # an unknown function, or a call of something not a function
        budget = ev.budget
        budget.steps += 1
        if budget.steps > MAX_STEPS:
            budget.step()
        _arguments(ev, args, kwargs)
        raise ExpressionError(NOT_CALLABLE)

    return node


def _arguments(ev: Evaluator, args: tuple[Node, ...], kwargs: tuple[tuple[str, Node], ...]) -> tuple[list, dict]:
    """The values of a call's arguments, positional ones first, each in the order written."""
    return [arg(ev) for arg in args], {key: value(ev) for key, value in kwargs}


def _c_exists(args: tuple[Node, ...], kwargs: tuple) -> Node:
    def node(ev: Evaluator) -> Truth:
        budget = ev.budget
        budget.steps += 1
        if budget.steps > MAX_STEPS:
            budget.step()
        if "exists" in ev.variables:  # a variable of that name is not a function
            _arguments(ev, args, kwargs)
            raise ExpressionError(NOT_CALLABLE)
        # exists(x): whether x can be read at all (a figure absent or ambiguous cannot).
        if len(args) != 1 or kwargs:
            raise ExpressionError("exists() 需要一个参数")
        try:
            args[0](ev)
        except NotEvaluable:
            return Truth.FALSE
        return Truth.TRUE

    return node


def _c_choose(args: tuple[Node, ...], kwargs: tuple) -> Node:
    def node(ev: Evaluator) -> Any:
        budget = ev.budget
        budget.steps += 1
        if budget.steps > MAX_STEPS:
            budget.step()
        if "choose" in ev.variables:  # a variable of that name is not a function
            _arguments(ev, args, kwargs)
            raise ExpressionError(NOT_CALLABLE)
        # choose(condition, a, b) reads only the branch it picks: the other may not exist.
        if len(args) != 3 or kwargs:
            raise ExpressionError("choose() 需要三个参数：条件、成立时的值、不成立时的值")
        picked = args[1] if as_truth(args[0](ev)) is Truth.TRUE else args[2]
        result = picked(ev)
        if type(result) is list:  # counted by the branch and again here, as the call's value
            budget.charge(_size(result))
        return result

    return node


def _c_function(name: str, args: tuple[Node, ...], kwargs: tuple[tuple[str, Node], ...]) -> Node:
    function = FUNCTIONS[name]
    # The arguments' count and keywords are in the tree: checked once, reported when called.
    problem = argument_problem(name, len(args), {key for key, _ in kwargs})

    def node(ev: Evaluator) -> Any:
        budget = ev.budget
        budget.steps += 1
        if budget.steps > MAX_STEPS:
            budget.step()
        # _arguments, inlined (the commonest node after names and attributes)
        values = [arg(ev) for arg in args]
        named = {key: value(ev) for key, value in kwargs} if kwargs else {}
        if name in ev.variables:  # a variable of that name is not a function
            raise ExpressionError(NOT_CALLABLE)
        if problem:
            raise ExpressionError(problem)
        for value in values:
            if type(value) is list:
                budget.charge(len(value))  # the function walks it
        for value in named.values():
            if type(value) is list:
                budget.charge(len(value))
        result = function(ev, *values, **named)
        if type(result) is list:
            budget.charge(_size(result))
        return result

    return node


def _c_method(owner: Node, method: str, args: tuple[Node, ...], kwargs: tuple[tuple[str, Node], ...]) -> Node:
    def node(ev: Evaluator) -> Any:
        budget = ev.budget
        budget.steps += 1
        if budget.steps > MAX_STEPS:
            budget.step()
        values, named = _arguments(ev, args, kwargs)
        table = owner(ev)
        if not isinstance(table, TableView) or method not in ("rows", "row"):
            raise ExpressionError(NOT_CALLABLE)
        result = _select(ev, table, method, values, named)
        if type(result) is list:
            budget.charge(_size(result))
        return result

    return node


def _select(ev: Evaluator, owner: TableView, method: str, args: list, kwargs: dict) -> Any:
    """table.rows(…) and table.row(…)."""
    if len(args) > 1:
        raise ExpressionError(f"{method}() 最多有一个位置参数（科目编码）")
    code = args[0] if args else kwargs.get("code")
    # select() scans the table, or only the rows of one code (looked up in an index)
    scanned = rows_by_code(owner.table).get(code, []) if isinstance(code, str) else owner.table.rows
    ev.budget.charge(len(scanned))
    rows = owner.select(*_strings(args[:1], "code"), **_string_kwargs(kwargs))
    if method == "rows":
        return rows
    if not rows:
        raise NotEvaluable(f"表{owner.table.number} 中没有所选的行")
    return rows[0]


# Node kind -> the function compiling it.
_MAKERS: dict[str, Callable[..., Node]] = {
    "number": _c_number,
    "percent": _c_percent,
    "string": _c_string,
    "name": _c_name,
    "list": _c_list,
    "or_": _c_or_,
    "and_": _c_and_,
    "not": _c_not,
    "compare": _c_compare,
    "arith": _c_arith,
    "neg": _c_neg,
    "attr": _c_attr,
    "index": _c_index,
    "call": _c_call,
}


@lru_cache(maxsize=4096)
def _number(text: str) -> Quantity:
    """A literal written in a rule (quantities are immutable, so one per text is shared)."""
    return Quantity.exact(Decimal(text))


@lru_cache(maxsize=4096)
def _percent_literal(text: str) -> Quantity:
    return Quantity.exact(Decimal(text[:-1]).scaleb(-2)).as_percent()


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, Quantity):
        return value.format()
    raise ExpressionError("只有文字和数字可以用 + 连接成文字")


def _size(values: list) -> int:
    """Elements of a list and of the lists directly inside it."""
    size = len(values)
    for value in values:  # a plain loop: this runs for every list a rule makes
        if isinstance(value, list):
            size += len(value)
    return size


def _bad(item: Any) -> Any:
    raise ExpressionError("列表中的元素不是表格行")


def _strings(values: list, name: str) -> list[str]:
    for value in values:
        if not isinstance(value, str):
            raise ExpressionError(f"{name} 应为字符串")
    return list(values)


ROW_FILTERS = ("code", "prefix", "level", "side", "name", "label")


def _string_kwargs(kwargs: dict) -> dict:
    for key, value in kwargs.items():
        if key not in ROW_FILTERS:
            raise ExpressionError(f"rows() 不接受参数 {key}")
        if key == "level" and isinstance(value, list) and all(isinstance(v, str) for v in value):
            continue  # level=["class", "section", "item"]: any of these levels
        if not isinstance(value, str):
            raise ExpressionError(f"rows() 的参数 {key} 应为字符串")
    if isinstance(kwargs.get("level"), list):
        kwargs = {**kwargs, "levels": tuple(kwargs["level"])}
        del kwargs["level"]
    return kwargs


def attribute(value: Any, name: str) -> Any:
    if isinstance(value, list):  # a view's attribute read directly: paragraphs().text reads hundreds
        return [item.attribute(name) if isinstance(item, View) else attribute(item, name) for item in value]
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
    a = left if isinstance(left, Quantity) else quantity(left)  # quantity() only to complain
    b = right if isinstance(right, Quantity) else quantity(right)
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
def _table(ev: Evaluator, key: Any, unit: Any = None) -> TableView:
    """A table by number or kind; with unit="万元" (or "元") its amounts are read in that unit."""
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
    if unit is None:
        return TableView(ev.tracker, table, document=document)
    if unit not in ("元", "万元"):
        raise ExpressionError('table() 的 unit 应为 "元" 或 "万元"')
    from auditor.engine.checks.statements import table_unit  # the printed 单位, else the template's

    return TableView(ev.tracker, table, SCALES.get((table_unit(document, table), unit), ""), document)


def _by_code(ev: Evaluator, left: Any, right: Any) -> list[PairView]:
    """Rows of two tables paired by classification code (views.pair_by_code)."""
    for rows in (left, right):
        if not isinstance(rows, list) or not all(isinstance(r, RowView) for r in rows):
            raise ExpressionError("by_code() 需要两个行的列表，如 table(3).rows(level=\"class\")")
    return pair_by_code(left, right)


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
    return [PerformanceView(ev.tracker, t, ev.document) for t in tables]


def _numbers(values: Any) -> list[Quantity]:
    if not isinstance(values, list):
        raise ExpressionError("需要一个列表")
    return [v if isinstance(v, Quantity) else quantity(v) for v in values]  # quantity() only to complain


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
    if not isinstance(values, list):
        raise ExpressionError("any() 需要一个列表")
    return Truth.any_of([as_truth(v) for v in values]) if values else Truth.FALSE


def _all(ev: Evaluator, values: Any) -> Truth:
    if not isinstance(values, list):
        raise ExpressionError("all() 需要一个列表")
    return Truth.all_of([as_truth(v) for v in values]) if values else Truth.TRUE


def _abs(ev: Evaluator, value: Any) -> Quantity:
    q = quantity(value)
    return q if q.lo >= 0 else (-q if q.hi <= 0 else Quantity(abs(q.value), Decimal(0), max(-q.lo, q.hi), q.places))


def _contains(ev: Evaluator, text: Any, part: Any) -> Truth:
    if not isinstance(text, str) or not isinstance(part, str):
        raise ExpressionError("contains() 需要两段文字")
    return Truth.TRUE if "".join(part.split()) in "".join(text.split()) else Truth.FALSE


def _one_of(ev: Evaluator, value: Any, choices: Any) -> Truth:
    """``value`` equals one of ``choices`` (numbers by interval, texts exactly)."""
    if not isinstance(choices, list):
        raise ExpressionError("one_of() 的第二个参数应为列表，例如 [90, 100]")
    return Truth.any_of([compare("==", value, choice) for choice in choices]) if choices else Truth.FALSE


def _join(ev: Evaluator, values: Any, separator: Any = "、") -> str:
    """The items of a list as one text: join([90, 100], " 或 ") is "90 或 100"."""
    if not isinstance(values, list) or not isinstance(separator, str):
        raise ExpressionError("join() 需要一个列表和一段分隔文字")
    return separator.join(_text(v) for v in values)


def _percent(ev: Evaluator, value: Any) -> Quantity:
    """A ratio shown as a percentage: percent(0.9747) shows as 97.47%."""
    return quantity(value).as_percent()


def _format(ev: Evaluator, value: Any, places: Any = None) -> str:
    """A number as text with ``places`` decimals (format(percent(a / b), 2)), or as precise as it is."""
    if places is None:
        return quantity(value).format()
    if not isinstance(places, Quantity) or not places.is_exact or not 0 <= places.value <= 10:
        raise ExpressionError("format() 的小数位数应为 0 到 10 的整数")
    return quantity(value).format(int(places.value))


def _found(ev: Evaluator, text: Any, words: Any) -> list[str]:
    """The words of the list that occur in the text, in the list's order."""
    if not isinstance(text, str) or not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise ExpressionError("found() 需要一段文字和一个文字列表")
    return [word for word in words if word in text]


def _absent(ev: Evaluator, text: Any, words: Any) -> list[str]:
    """The words of the list that do not occur in the text, in the list's order."""
    present = _found(ev, text, words)
    return [word for word in words if word not in present]


def _compact(ev: Evaluator, text: Any) -> str:
    """The text without spaces and line breaks, full-width letters and digits made half-width."""
    if not isinstance(text, str):
        raise ExpressionError("compact() 需要一段文字")
    return compact(text)


def _unique(ev: Evaluator, values: Any) -> list:
    """A list of texts or numbers without repeats, in first-seen order."""
    if not isinstance(values, list) or not all(isinstance(v, (str, Quantity)) for v in values):
        raise ExpressionError("unique() 需要一个文字或数字的列表")
    seen: dict = {}  # a dict keeps first-seen order and finds a repeat in constant time
    for value in values:
        key = value if isinstance(value, str) else (value.value, value.places)
        seen.setdefault(key, None)
    return [v if isinstance(v, str) else Quantity.exact(v[0], v[1]) for v in seen]


def _rest(ev: Evaluator, values: Any) -> list:
    """A list without its first item: rest(["合计", "a", "b"]) is ["a", "b"]."""
    if not isinstance(values, list):
        raise ExpressionError("rest() 需要一个列表")
    return values[1:]


def _lines(ev: Evaluator, table: Any, labels: Any, side: Any = None) -> list[RowView]:
    """The row printed with each label (the first such row), in the order of the labels.

    A label with no row makes the check not evaluable: a sum of the rows that exist
    would compare a total with part of its parts.
    """
    if not isinstance(table, TableView) or not isinstance(labels, list):
        raise ExpressionError("lines() 需要一张表和一个行名列表，例如 lines(table(1), [\"收入总计\"])")
    if side is not None and not isinstance(side, str):
        raise ExpressionError("lines() 的 side 应为 income 或 expenditure")
    found = []
    for label in labels:
        if not isinstance(label, str):
            raise ExpressionError("lines() 的行名应为文字")
        rows = table.select(label=label, side=side)
        if not rows:
            raise NotEvaluable(f"表{table.table.number} 中没有“{label}”行")
        found.append(rows[0])
    return found


def _sections(ev: Evaluator, part: Any = None) -> list[SectionView]:
    """The top-level sections of 第三部分 (or of ``part``), in order."""
    which = int(part.value) if isinstance(part, Quantity) and part.is_exact else 3
    found = ev.document.part(which)
    return [SectionView(ev.tracker, section) for section in (found.sections if found else ())]


def _ends_with(ev: Evaluator, text: Any, end: Any) -> Truth:
    if not isinstance(text, str) or not isinstance(end, str):
        raise ExpressionError("ends_with() 需要两段文字")
    return Truth.TRUE if text.endswith(end) else Truth.FALSE


def _tail(ev: Evaluator, text: Any, count: Any) -> str:
    """The last ``count`` characters of a text: tail(m.before, 6)."""
    if not isinstance(text, str) or not isinstance(count, Quantity) or not count.is_exact or not 0 <= count.value <= 1000:
        raise ExpressionError("tail() 需要一段文字和 0 到 1000 之间的整数")
    wanted = int(count.value)
    return text[len(text) - wanted:] if wanted else ""


def _lookup_rows(pairs: Any, name: str) -> list[list]:
    if not isinstance(pairs, list) or not all(isinstance(row, list) and row for row in pairs):
        raise ExpressionError(f"{name}() 的第一个参数应为对照表：[[键, 词, …], …]")
    return pairs


def _same_key(a: Any, b: Any) -> bool:
    if isinstance(a, Quantity) and isinstance(b, Quantity):
        return a.is_exact and b.is_exact and a.value == b.value
    return a == b


def _lookup(ev: Evaluator, pairs: Any, key: Any) -> list:
    """The words a lookup table ([[键, 词, …], …]) lists for ``key`` (empty when it has no row for it)."""
    for row in _lookup_rows(pairs, "lookup"):
        if _same_key(row[0], key):
            return list(row[1:])
    return []


def _keys_found(ev: Evaluator, pairs: Any, text: Any) -> list:
    """The keys of a lookup table whose words occur in ``text``, in the table's order."""
    if not isinstance(text, str):
        raise ExpressionError("keys_found() 的第二个参数应为文字")
    return [row[0] for row in _lookup_rows(pairs, "keys_found")
            if any(isinstance(word, str) and word and word in text for word in row[1:])]


def _first(ev: Evaluator, values: Any) -> list:
    """The first item of a list, as a list of at most one (a for_each over it checks one item or none)."""
    if not isinstance(values, list):
        raise ExpressionError("first() 需要一个列表")
    return values[:1]


def _possibly(ev: Evaluator, value: Any) -> Truth:
    """Whether a condition may hold (true or undecided by the rounding): possibly(x == 0)."""
    return Truth.FALSE if as_truth(value) is Truth.FALSE else Truth.TRUE


def _tables(ev: Evaluator) -> list[TableView]:
    """Every table of the document, in order."""
    return [TableView(ev.tracker, table, document=ev.document) for table in ev.document.tables]


def _later(module: str, name: str) -> Callable[..., Any]:
    """A function of a module imported when a rule first calls it (决算, template and text views
    are not needed to start, and most documents use only some of them)."""
    def call(ev: Evaluator, *args: Any, **kwargs: Any) -> Any:
        from importlib import import_module

        return getattr(import_module(module), name)(ev, *args, **kwargs)

    return call


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
    "claims": claims_of,
    "paragraphs": paragraphs_of,
    "matches": matches_of,
    "one_of": _one_of,
    "join": _join,
    "choose": None,  # evaluated in Evaluator.e_call: only the branch it picks is read
    "tables": _tables,
    "sections": _sections,
    "ends_with": _ends_with,
    "found": _found,
    "rest": _rest,
    "unique": _unique,
    "absent": _absent,
    "compact": _compact,
    "lines": _lines,
    "percent": _percent,
    "format": _format,
    "exists": None,  # evaluated in Evaluator.e_call: its argument may be unreadable
    "by_code": _by_code,
    "possibly": _possibly,
    "first": _first,
    "lookup": _lookup,
    "keys_found": _keys_found,
    "tail": _tail,
    "amounts_after": _later("auditor.engine.stated", "amounts_after"),
    "amount_in": _later("auditor.engine.stated", "amount_in"),
    "amounts_in": _later("auditor.engine.stated", "amounts_in"),
    "template_parts": _later("auditor.engine.requirements", "template_parts"),
    "template_tables": _later("auditor.engine.requirements", "template_tables"),
    "template_sections": _later("auditor.engine.requirements", "template_sections"),
    "final_equations": _later("auditor.engine.final_views", "final_equations"),
    "final_cross_equations": _later("auditor.engine.final_views", "final_cross_equations"),
    "final_template_tables": _later("auditor.engine.final_views", "final_template_tables"),
    "final_tables": _later("auditor.engine.final_views", "final_tables"),
    "final_statements": _later("auditor.engine.final_views", "final_statements"),
}

# name -> (fewest, most positional arguments (None: any), keyword arguments).
# Checked when the rules load (static.py) and again before each call, so a
# wrong count is a rule error, never a Python TypeError.
SIGNATURES: dict[str, tuple[int, int | None, frozenset[str]]] = {
    "table": (1, 1, frozenset({"unit"})),
    "by_code": (2, 2, frozenset()),
    "possibly": (1, 1, frozenset()),
    "first": (1, 1, frozenset()),
    "lookup": (2, 2, frozenset()),
    "keys_found": (2, 2, frozenset()),
    "tail": (2, 2, frozenset()),
    "amounts_after": (1, 1, frozenset({"part", "section", "unit"})),
    "amount_in": (2, 2, frozenset({"unit"})),
    "amounts_in": (2, 2, frozenset({"unit"})),
    "template_parts": (0, 0, frozenset()),
    "template_tables": (0, 0, frozenset()),
    "template_sections": (0, 0, frozenset()),
    "final_equations": (1, 1, frozenset()),
    "final_cross_equations": (0, 0, frozenset()),
    "final_template_tables": (0, 0, frozenset()),
    "final_tables": (0, 0, frozenset()),
    "final_statements": (1, 1, frozenset()),
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
