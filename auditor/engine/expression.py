"""Parse rule expressions into a small tree of tuples, checked for size and depth.

Parsing happens when the rules load, so a malformed expression is reported
before any document is read.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # lark is imported when an expression is compiled, not when rules come from the cache
    from lark import Lark, Token, Tree

MAX_LENGTH = 2000
MAX_DEPTH = 32
FORBIDDEN = ("__",)


class ExpressionSyntaxError(ValueError):
    """A message in Chinese saying what is wrong with the expression."""


class Expression:
    """An expression's text and its tree (nested tuples).

    Read from the rule cache, the tree arrives as JSON text (nested lists) and becomes tuples
    only when the rule first runs: a template's rules that never run on a document cost nothing.
    """

    __slots__ = ("source", "_tree", "_raw", "_names", "_code", "_sides")

    def __init__(self, source: str, tree: tuple | None = None, *, raw: list | str | None = None) -> None:
        self.source = source
        self._tree = tree
        self._raw = raw
        self._names: frozenset[str] | None = None
        self._code: Callable[[Any], Any] | None = None
        self._sides: tuple | None = None

    @property
    def tree(self) -> tuple:
        if self._tree is None:
            raw = self._raw
            if isinstance(raw, str):
                import json

                raw = json.loads(raw)
            self._tree = _tuples(raw)
            self._raw = None
        return self._tree

    @property
    def names(self) -> frozenset[str]:
        """Every plain name the expression uses (static.names_used), worked out once."""
        if self._names is None:
            from auditor.engine.static import names_used

            self._names = frozenset(names_used(self.tree))
        return self._names

    @property
    def code(self) -> Callable[[Any], Any]:
        """The tree compiled to a function of an Evaluator (evaluate.compile_tree), once, when the rule first runs."""
        if self._code is None:
            from auditor.engine.evaluate import compile_tree

            self._code = compile_tree(self.tree)
        return self._code

    @property
    def sides(self) -> tuple[str, Callable[[Any], Any], Callable[[Any], Any]]:
        """A comparison's operator and its two sides compiled apart (the runner shows both of a failed one)."""
        if self._sides is None:
            from auditor.engine.evaluate import compile_tree

            _, op, left, right = self.tree
            self._sides = (op, compile_tree(left), compile_tree(right))
        return self._sides

    def raw(self) -> list:
        """The tree as nested lists (for the rule cache)."""
        return _lists(self.tree)

    def __reduce__(self) -> tuple:
        return (Expression, (self.source, self.tree))  # the compiled code is not kept (closures do not pickle)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Expression) and (self.source, self.tree) == (other.source, other.tree)

    def __hash__(self) -> int:
        return hash(self.source)

    def __repr__(self) -> str:
        return f"Expression({self.source!r})"

    def __str__(self) -> str:
        return self.source


def _tuples(node: object) -> tuple:
    if not isinstance(node, list):
        raise ValueError("表达式树应为列表")
    return tuple(_tuples(item) if isinstance(item, list) else item for item in node)


def _lists(node: tuple) -> list:
    return [_lists(item) if isinstance(item, tuple) else item for item in node]


@cache
def _parser() -> Lark:
    from auditor.cache import grammar

    return grammar("expression.lark")


def compile_expression(source: str) -> Expression:
    if not isinstance(source, str) or not source.strip():
        raise ExpressionSyntaxError("表达式为空")
    if len(source) > MAX_LENGTH:
        raise ExpressionSyntaxError(f"表达式过长（{len(source)} 个字符，上限 {MAX_LENGTH}）")
    if any(mark in source for mark in FORBIDDEN):
        raise ExpressionSyntaxError("表达式中不允许出现双下划线名称")
    # Nesting is bounded before lark sees the text, so no recursion limit is hit.
    depth = deepest = 0
    for char in source:
        if char in "([":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")]":
            depth -= 1
    if deepest > MAX_DEPTH:
        raise ExpressionSyntaxError(f"括号嵌套过深（{deepest} 层，上限 {MAX_DEPTH}）")
    from lark.exceptions import LarkError, UnexpectedInput

    try:
        tree = _parser().parse(source)
    except UnexpectedInput as exc:
        column = getattr(exc, "column", "?")
        raise ExpressionSyntaxError(f"第 {column} 个字符处语法错误：{source!r}") from None
    except LarkError as exc:  # pragma: no cover - other lark failures
        raise ExpressionSyntaxError(f"无法解析：{exc}") from None
    # Chains without brackets (1+1+…, - - -, not not …) nest as deeply as they
    # are long: measured without recursion before anything recurses over the tree.
    if _depth(tree) > MAX_DEPTH * 2:
        raise ExpressionSyntaxError(f"表达式嵌套过深（上限 {MAX_DEPTH * 2} 层）；请拆成几个 values")
    return Expression(source, _convert(tree))


def _depth(tree: Tree) -> int:
    """The depth of a lark tree, measured with an explicit stack."""
    from lark import Tree

    deepest = 0
    stack: list[tuple[Tree | Token, int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(node, Tree):
            stack.extend((child, depth + 1) for child in node.children if child is not None)
    return deepest


def _convert(node: Tree | Token) -> tuple:
    from lark import Token, Tree

    if isinstance(node, Token):
        return _token(node)
    kind = node.data
    children = node.children
    if kind == "number":
        return ("number", str(children[0]))
    if kind == "percent":
        return ("percent", str(children[0]))
    if kind == "string":
        return ("string", str(children[0])[1:-1])
    if kind == "name":
        return ("name", str(children[0]))
    if kind in ("or_", "and_"):
        return (kind, _convert(children[0]), _convert(children[1]))
    if kind == "not_":
        return ("not", _convert(children[0]))
    if kind == "neg":
        return ("neg", _convert(children[0]))
    if kind in ("compare", "arith"):
        return (kind, str(children[1]), _convert(children[0]), _convert(children[2]))
    if kind == "attr":
        return ("attr", _convert(children[0]), str(children[1]))
    if kind == "index":
        return ("index", _convert(children[0]), _convert(children[1]))
    if kind == "call":
        args = children[1]
        positional, keywords = [], []
        if args is not None:
            for arg in args.children:
                if isinstance(arg, Tree) and arg.data == "keyword":
                    keywords.append((str(arg.children[0]), _convert(arg.children[1])))
                else:
                    positional.append(_convert(arg))
        return ("call", _convert(children[0]), tuple(positional), tuple(keywords))
    if kind == "list_":
        return ("list", *(_convert(c) for c in children if c is not None))
    raise ExpressionSyntaxError(f"不支持的语法：{kind}")  # pragma: no cover


def _token(token: Token) -> tuple:
    return ("name", str(token))
