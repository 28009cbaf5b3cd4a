"""Named check kinds: checks an expression would state clumsily.

Each kind is a small module that registers itself with :func:`register`,
declaring its parameters (name → ParamSpec) next to its code. A YAML rule
picks a kind with ``check:`` and fills ``params:``; the loader validates the
parameters against the spec before any document is read.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from auditor.engine.rule import Draft
from auditor.model import Document

if TYPE_CHECKING:
    from auditor.claims import ClaimSet


@dataclass(frozen=True)
class ParamSpec:
    type: type | tuple[type, ...]
    doc: str
    required: bool = False
    default: Any = None


@dataclass(frozen=True)
class Context:
    """What a check may read besides the document.

    ``claims`` (the figures the narrative states) is a step of the pipeline: computed
    the first time a check or an expression asks, then shared by every rule run on
    this document.
    """

    document: Document
    profile: dict[str, Any]
    # Last year's disclosure of the same unit, when the user gave one
    # (--previous) or a folder paired it; checks of the 上年 family read it.
    previous: Document | None = None

    @cached_property
    def claims(self) -> ClaimSet:
        from auditor.claims import extract_claims

        return extract_claims(self.document)


CheckFunction = Callable[[Context, dict[str, Any]], Iterator[Draft]]


@dataclass(frozen=True)
class CheckKind:
    name: str
    doc: str
    params: dict[str, ParamSpec]
    run: CheckFunction


REGISTRY: dict[str, CheckKind] = {}


def register(name: str, params: dict[str, ParamSpec]) -> Callable[[CheckFunction], CheckFunction]:
    def decorate(function: CheckFunction) -> CheckFunction:
        REGISTRY[name] = CheckKind(name, (function.__doc__ or "").strip(), params, function)
        return function

    return decorate


def load_all() -> dict[str, CheckKind]:
    """Import every module of this package so that each registers its kinds.

    Once per process, whatever was imported before: a module imported on its
    own (one check's helpers) must not make the others look loaded.
    """
    global _LOADED
    if not _LOADED:
        for module in pkgutil.iter_modules(__path__):
            importlib.import_module(f"{__name__}.{module.name}")
        _LOADED = True
    return REGISTRY


_LOADED = False


def validate_params(kind: CheckKind, params: Any) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Parameters with defaults filled in, and (key, problem) pairs."""
    problems: list[tuple[str, str]] = []
    if params is None:
        params = {}
    if not isinstance(params, dict):
        return {}, [("params", "应为映射（键: 值）")]
    result: dict[str, Any] = {}
    for key, value in params.items():
        spec = kind.params.get(key)
        if spec is None:
            problems.append((f"params.{key}", f"检查类型 {kind.name} 没有这个参数"))
            continue
        if not isinstance(value, spec.type) or isinstance(value, bool) and spec.type in (int, (int, float)):
            problems.append((f"params.{key}", f"类型错误：应为 {_type_name(spec.type)}"))
            continue
        result[key] = value
    for key, spec in kind.params.items():
        if key not in result:
            if spec.required and not any(p[0] == f"params.{key}" for p in problems):
                problems.append((f"params.{key}", "缺少必需的参数"))
            else:
                result[key] = spec.default
    return result, problems


def _type_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "文字", int: "整数", float: "数字", list: "列表", dict: "映射", bool: "真假"}
    if isinstance(kind, tuple):
        return " 或 ".join(names.get(k, k.__name__) for k in kind)
    return names.get(kind, kind.__name__)
