"""The tool's own formatter for rule messages (never ``str.format``).

A message comes from a rule file, which may come from a stranger; Python's
``str.format`` would let ``{x.__class__…}`` or ``{x[0]}`` walk from a value
to the process's objects, and ``{x:>1000000000}`` allocate gigabytes. Here a
template may only hold ``{name}`` and ``{name:spec}``:

* ``name`` is one of the rule's ``values`` or a field of the finding
  (:data:`FIELD_NAMES`); no attribute, index or conversion (``!r``);
* ``spec`` is ``[<>^]`` alignment, a width up to :data:`MAX_WIDTH`, and a
  precision ``.Nf`` or ``.N%`` (N ≤ :data:`MAX_PRECISION`);
* ``{{`` and ``}}`` are literal braces.

Anything else is reported when the rules load (``check_template``). Values
are rendered as the reports render them: quantities with their precision,
shares as percentages, lists bounded to a few items, every value and the
whole message capped in length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from auditor.model import Span
from auditor.quantity import Quantity, Truth

MAX_WIDTH = 40
MAX_PRECISION = 10
MAX_VALUE = 200  # characters of one rendered value
MAX_MESSAGE = 1000  # characters of a whole message
MAX_ITEMS = 3  # items of a list shown before "等 N 项"

# What every finding carries, and what the built-in check kinds put in their
# drafts (see auditor/engine/checks/*): the names a message may use besides
# the rule's own values.
FIELD_NAMES = frozenset({
    "line", "stated", "expected", "difference", "table", "name", "code", "project", "title",
    "row", "column", "parts", "children", "problem", "subject", "section", "year", "what", "text",
    "other", "where", "said", "missing", "word", "whole", "unit", "reason", "part", "number", "named",
    "label", "kind", "hint", "entry", "count", "tables",
})

_SPEC = re.compile(r"(?P<align>[<>^])?(?P<width>\d{1,3})?(?:\.(?P<precision>\d{1,3})(?P<type>[f%]))?")


class TemplateError(ValueError):
    """What is wrong with a message template, in Chinese."""


@dataclass(frozen=True)
class Field:
    name: str
    align: str = ""
    width: int = 0
    precision: int | None = None
    type: str = ""


@lru_cache(maxsize=1024)
def parse_template(template: str) -> tuple[str | Field, ...]:
    """The literal pieces and fields of ``template``; TemplateError if it is not allowed."""
    pieces: list[str | Field] = []
    literal: list[str] = []
    index, size = 0, len(template)
    while index < size:
        char = template[index]
        if char in "{}" and template.startswith(char * 2, index):
            literal.append(char)
            index += 2
            continue
        if char == "}":
            raise TemplateError(f"第 {index + 1} 个字符处有单独的“}}”（字面的花括号请写成 }}}}）")
        if char != "{":
            literal.append(char)
            index += 1
            continue
        end = template.find("}", index + 1)
        if end < 0:
            raise TemplateError(f"第 {index + 1} 个字符处的“{{”没有对应的“}}”")
        if literal:
            pieces.append("".join(literal))
            literal = []
        pieces.append(_field(template[index + 1 : end]))
        index = end + 1
    if literal:
        pieces.append("".join(literal))
    return tuple(pieces)


def _field(body: str) -> Field:
    name, _, spec = body.partition(":")
    name = name.strip()
    if not name.isidentifier():  # a plain name (letters, digits, _); no attribute, index or call
        shown = body if len(body) <= 30 else body[:30] + "…"
        raise TemplateError(f"“{{{shown}}}”：只能写 {{名称}} 或 {{名称:格式}}，不能取属性、下标或转换")
    if not spec:
        return Field(name)
    match = _SPEC.fullmatch(spec)
    if not match:
        raise TemplateError(f"“{{{name}:{spec[:20]}}}”：格式只能是对齐、宽度和精度（如 .2f、.1%、>10）")
    width = int(match["width"] or 0)
    if width > MAX_WIDTH:
        raise TemplateError(f"“{{{name}:{spec[:20]}}}”：宽度 {width} 超过上限 {MAX_WIDTH}")
    precision = int(match["precision"]) if match["precision"] else None
    if precision is not None and precision > MAX_PRECISION:
        raise TemplateError(f"“{{{name}:{spec[:20]}}}”：精度 {precision} 超过上限 {MAX_PRECISION}")
    return Field(name, match["align"] or "", width, precision, match["type"] or "")


def check_template(template: str, names: set[str] | frozenset[str] | None) -> str | None:
    """Why ``template`` cannot be used, or None.

    ``names`` are the rule's values: with them, a field must be one of them
    or of the finding fields. ``None`` (a check rule, whose check kind
    decides what its findings carry) accepts any plain name: a name can
    only be looked up in the finding's values, and one the check does not
    provide renders empty.
    """
    try:
        pieces = parse_template(template)
    except TemplateError as exc:
        return str(exc)
    if names is None:
        return None
    allowed = FIELD_NAMES | set(names)
    for piece in pieces:
        if isinstance(piece, Field) and piece.name not in allowed:
            return f"未知的名称 {{{piece.name}}}（可用：规则 values 中的名称，或 stated、expected、difference、line、table、name 等）"
    return None


def render(template: str, values: dict[str, Any]) -> str:
    """The message with each field filled in; never raises, never longer than MAX_MESSAGE."""
    try:
        pieces = parse_template(template)
    except TemplateError:
        return _cap(template, MAX_MESSAGE)
    out: list[str] = []
    for piece in pieces:
        out.append(piece if isinstance(piece, str) else _filled(piece, values.get(piece.name)))
    return _cap("".join(out), MAX_MESSAGE)


def _filled(spec: Field, value: Any) -> str:
    text = _cap(render_value(value, spec.precision, spec.type), MAX_VALUE)
    if spec.width and len(text) < spec.width:
        pad = spec.width - len(text)
        if spec.align == "<" or (not spec.align and not isinstance(value, (Quantity, int, Decimal))):
            return text + " " * pad
        if spec.align == "^":
            return " " * (pad // 2) + text + " " * (pad - pad // 2)
        return " " * pad + text
    return text


def render_value(value: Any, precision: int | None = None, kind: str = "") -> str:
    """One value as the reports show it."""
    if value is None:
        return ""
    if isinstance(value, Quantity):
        return _quantity(value, precision, kind)
    if isinstance(value, Truth):
        return {"true": "是", "false": "否", "unknown": "不确定"}[value.value]
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return _quantity(Quantity.exact(value), precision, kind) if precision is not None else _cap(str(value), MAX_VALUE)
    if isinstance(value, Decimal):
        return _quantity(Quantity.exact(value), precision, kind) if value.is_finite() else "?"
    if isinstance(value, float):
        return _quantity(Quantity.exact(Decimal(repr(value))), precision, kind)
    if isinstance(value, str):
        return _cap(value, MAX_VALUE)
    if isinstance(value, (list, tuple)):
        shown = [_cap(render_value(item), 40) for item in value[:MAX_ITEMS]]
        more = f"等 {len(value)} 项" if len(value) > MAX_ITEMS else ""
        return "、".join(shown) + more
    if isinstance(value, Span):
        return f"第 {value.line} 行"
    label = getattr(type(value), "LABEL", None)
    span = getattr(value, "span", None)
    if isinstance(label, str) and isinstance(span, Span):
        row = getattr(value, "row", None)
        name = getattr(row, "name", None)
        return _cap(name, 40) if isinstance(name, str) and name else f"{label}（第 {span.line} 行）"
    return ""  # no other object is shown: its str() could be anything


def _quantity(value: Quantity, precision: int | None, kind: str) -> str:
    if kind == "%":
        return Quantity(value.value, value.lo, value.hi, precision + 2, True).format()
    if precision is not None:
        return Quantity(value.value, value.lo, value.hi, precision + (2 if value.percent else 0), value.percent).format()
    return value.format()


def _cap(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
