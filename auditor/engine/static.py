"""Load-time checks of an expression: names, attributes, functions, columns and levels.

Everything a rule can get wrong without looking at a document is caught here,
so that ``rules validate`` reports it with the rule's file and line instead of
the rule failing (or, worse, passing) when it runs. Suggestions ("您是否想写
…") come from difflib over the known names.
"""

from __future__ import annotations

from functools import cache

from auditor.engine import narrative, views
from auditor.engine.evaluate import FUNCTIONS, ROW_FILTERS, argument_problem


@cache
def attributes() -> frozenset[str]:
    """Every attribute an expression may read (imported when a rule file is checked, not at start-up)."""
    from auditor.engine import final_views, requirements, stated

    classes = (
        views.RowView,
        views.TableView,
        views.SectionView,
        views.PerformanceView,
        views.IndicatorView,
        views.DocumentView,
        views.PairView,
        stated.AmountView,
        requirements.RequirementView,
        final_views.EquationView,
        final_views.FinalSpecView,
        final_views.FinalTableView,
        final_views.StatedView,
        narrative.ClaimView,
        narrative.ParagraphView,
        narrative.MatchView,
    )
    return frozenset({name for cls in classes for name in cls.ATTRIBUTES} | {"rows", "row"})
CONSTANTS = {"document", "true", "false"}


def did_you_mean(word: str, choices) -> str:
    """``（是否应为 X？）`` when a known name is close to ``word``, else empty."""
    from difflib import get_close_matches  # only when something is misspelt: not on every run

    close = get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.5)
    return f"（是否应为 {close[0]}？）" if close else ""


def check_names(tree: tuple, names: set[str]) -> str | None:
    """A problem description, or None when every name and attribute is known."""
    kind = tree[0]
    if kind == "name":
        if tree[1] not in names and tree[1] not in FUNCTIONS and tree[1] not in CONSTANTS:
            return f"未知的名称 {tree[1]}{did_you_mean(tree[1], [*names, *FUNCTIONS, *CONSTANTS])}"
        return None
    if kind == "attr":
        if tree[2] not in attributes():
            return f"未知的属性 {tree[2]}{did_you_mean(tree[2], attributes())}"
        return check_names(tree[1], names)
    if kind == "call":
        target = tree[1]
        if target[0] == "name" and target[1] not in FUNCTIONS:
            return f"未知的函数 {target[1]}{did_you_mean(target[1], FUNCTIONS)}"
        if target[0] not in ("name", "attr"):
            return "只能调用函数或 rows()/row()"
        if target[0] == "attr" and target[2] not in ("rows", "row"):
            return f"{target[2]} 不能被调用"
        if target[0] == "name":
            wrong = argument_problem(target[1], len(tree[2]), {name for name, _ in tree[3]})
            if wrong:
                return wrong
        elif len(tree[2]) > 1:
            return f"{target[2]}() 最多有一个位置参数（科目编码）"
        found = check_names(target[1], names) if target[0] == "attr" else None
        for arg in tree[2]:
            found = found or check_names(arg, names)
        for _, value in tree[3]:
            found = found or check_names(value, names)
        return found
    for child in tree[1:]:
        if isinstance(child, tuple):
            found = check_names(child, names)
            if found:
                return found
    return None


# -- what a sub-expression is: ("table"|"row"|"rows", table key) -----------------------
Shape = tuple[str, object]


def shape_of(tree: tuple, env: dict[str, Shape]) -> Shape | None:
    """Which table (number or kind) a sub-expression's rows come from, when known statically."""
    kind = tree[0]
    if kind == "name":
        return env.get(tree[1])
    if kind == "call":
        target, positional = tree[1], tree[2]
        if target == ("name", "table") and len(positional) == 1 and positional[0][0] in ("number", "string"):
            key = positional[0][1]
            text = key.replace("表", "").strip()
            return ("table", int(text) if text.isdigit() else key)
        if target[0] == "attr" and target[2] in ("rows", "row"):
            owner = shape_of(target[1], env)
            if owner and owner[0] == "table":
                return (target[2], owner[1])
        return None
    if kind == "attr":
        owner = shape_of(tree[1], env)
        if owner is None:
            return None
        if owner[0] == "table" and tree[2] == "total":
            return ("row", owner[1])
        if owner[0] == "table" and tree[2] == "rows":
            return ("rows", owner[1])
        if owner[0] in ("row", "rows") and tree[2] == "children":
            return ("rows", owner[1])
        return None
    if kind == "index":
        owner = shape_of(tree[1], env)
        if owner and owner[0] == "rows" and tree[2][0] == "number":
            return ("row", owner[1])
        return None
    return None


def element_shape(shape: Shape | None) -> Shape | None:
    """The shape of ``it`` when ``for_each`` has ``shape``."""
    if shape and shape[0] == "rows":
        return ("row", shape[1])
    return shape


def check_shapes(tree: tuple, env: dict[str, Shape], columns_of) -> list[str]:
    """Column names and rows() arguments that cannot be right, whatever the document."""
    problems: list[str] = []
    _walk(tree, env, columns_of, problems)
    return problems


def _walk(tree: tuple, env: dict[str, Shape], columns_of, problems: list[str]) -> None:
    kind = tree[0]
    if kind == "index" and tree[2][0] == "string":
        owner = shape_of(tree[1], env)
        if owner and owner[0] in ("row", "rows"):
            columns = columns_of(owner[1])
            column = tree[2][1]
            if columns and column not in columns:
                problems.append(
                    f"表{owner[1]} 没有列“{column}”{did_you_mean(column, columns)}（可用的列：{'、'.join(columns)}）"
                )
    if kind == "call" and tree[1] == ("name", "matches") and len(tree[2]) == 2 and tree[2][1][0] == "string":
        problem = narrative.pattern_problem(tree[2][1][1])
        if problem:
            problems.append(f"matches() 的{problem}")
    if kind == "call" and tree[1] == ("name", "claims"):
        for name, value in tree[3]:
            if name not in ("section", "kind"):
                problems.append(f"claims() 不接受参数 {name}{did_you_mean(name, ('section', 'kind'))}")
            elif name == "kind" and value[0] == "string" and value[1] not in narrative.CLAIM_KINDS:
                problems.append(f"claims() 的 kind “{value[1]}”未知{did_you_mean(value[1], narrative.CLAIM_KINDS)}"
                                f"（可用：{'、'.join(narrative.CLAIM_KINDS)}）")
    if kind == "call":
        target = tree[1]
        is_rows = target[0] == "attr" and target[2] in ("rows", "row")
        for name, value in tree[3]:
            if is_rows and name not in ROW_FILTERS:
                problems.append(f"{target[2]}() 不接受参数 {name}{did_you_mean(name, ROW_FILTERS)}")
            levels = [value] if value[0] == "string" else [v for v in value[1:] if value[0] == "list"]
            for level in levels if name == "level" else []:
                if level[0] == "string" and level[1] not in views.LEVELS:
                    problems.append(
                        f"未知的行级别 level=\"{level[1]}\"{did_you_mean(level[1], views.LEVELS)}"
                        f"（可用：{'、'.join(views.LEVELS)}）"
                    )
    for child in tree[1:]:
        if isinstance(child, tuple) and child and isinstance(child[0], str):
            _walk(child, env, columns_of, problems)
        elif isinstance(child, tuple):  # positional args or (name, value) keyword pairs
            for item in child:
                if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str) and isinstance(item[1], tuple):
                    _walk(item[1], env, columns_of, problems)
                elif isinstance(item, tuple) and item and isinstance(item[0], str):
                    _walk(item, env, columns_of, problems)


def names_used(tree: tuple) -> set[str]:
    """Every plain name in an expression (to check that values use only earlier values)."""
    found: set[str] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if not isinstance(node, tuple) or not node:
            continue
        if node[0] == "name" and len(node) == 2 and isinstance(node[1], str):
            found.add(node[1])
            continue
        # A node starts with its kind; a tuple of arguments (or of keyword pairs) does not.
        for child in node[1:] if isinstance(node[0], str) else node:
            if isinstance(child, tuple):
                stack.append(child)
    return found
