"""Load-time checks of an expression's names and attributes."""

from __future__ import annotations

from auditor.engine import views
from auditor.engine.evaluate import FUNCTIONS, argument_problem

ATTRIBUTES = {
    name
    for cls in (
        views.RowView,
        views.TableView,
        views.SectionView,
        views.PerformanceView,
        views.IndicatorView,
        views.DocumentView,
    )
    for name in cls.ATTRIBUTES
} | {"rows", "row"}
CONSTANTS = {"document", "true", "false"}


def check_names(tree: tuple, names: set[str]) -> str | None:
    """A problem description, or None when every name and attribute is known."""
    kind = tree[0]
    if kind == "name":
        if tree[1] not in names and tree[1] not in FUNCTIONS and tree[1] not in CONSTANTS:
            return f"未知的名称 {tree[1]}"
        return None
    if kind == "attr":
        if tree[2] not in ATTRIBUTES:
            return f"未知的属性 {tree[2]}"
        return check_names(tree[1], names)
    if kind == "call":
        target = tree[1]
        if target[0] == "name" and target[1] not in FUNCTIONS:
            return f"未知的函数 {target[1]}"
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
