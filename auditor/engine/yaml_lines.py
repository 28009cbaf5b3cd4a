"""Safe YAML loading that remembers the line of every key.

Rule files come from elsewhere: only plain data is constructed (SafeLoader),
and anchors/aliases are refused outright, which also rules out the
"billion laughs" expansion of shared structures. A key given twice in one
mapping is an error naming both lines (YAML would silently keep the second:
a second ``assert:`` would replace the first). Size is bounded twice: the
text (MAX_BYTES) and the number of YAML nodes (MAX_NODES), so a file of
``- {}`` repeated cannot take gigabytes.
"""

from __future__ import annotations

from typing import Any

import yaml


class LineDict(dict):
    """A mapping from a YAML file, with ``line`` and per-key ``lines``."""

    line: int = 0
    lines: dict[str, int]


# libyaml's parser when PyYAML was built with it: rule files load several times faster.
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE):  # type: ignore[misc, valid-type]
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) or key is None:
            raise yaml.constructor.ConstructorError(
                None, None, "键必须是文字", key_node.start_mark
            )
        if str(key) in mapping:
            raise yaml.constructor.ConstructorError(
                None, None,
                f"键 {str(key)[:40]} 重复（第 {mapping.lines[str(key)]} 行与第 {key_node.start_mark.line + 1} 行）",
                key_node.start_mark,
            )
        mapping[str(key)] = loader.construct_object(value_node, deep=True)
        mapping.lines[str(key)] = key_node.start_mark.line + 1
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 20_000  # scalars, sequences and mappings per file: the largest built-in file has 500


class YamlProblem(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def load_yaml(text: str) -> Any:
    """Parse ``text``; raise YamlProblem (Chinese message, line) on anything suspicious."""
    if len(text) > MAX_BYTES or len(text.encode("utf-8", "replace")) > MAX_BYTES:
        raise YamlProblem(f"文件过大（上限 {MAX_BYTES // 1048576} MB）", None)
    try:
        nodes = 0
        for event in yaml.parse(text, Loader=_BASE):
            if isinstance(event, yaml.AliasEvent):
                raise YamlProblem("不允许使用 YAML 锚点与别名（&/*）", event.start_mark.line + 1)
            if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                nodes += 1
                if nodes > MAX_NODES:
                    raise YamlProblem(f"内容过多（超过 {MAX_NODES} 个 YAML 节点）", event.start_mark.line + 1)
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a (C)SafeLoader subclass
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlProblem(f"YAML 格式错误：{exc.problem or exc}", line) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"YAML 格式错误：{exc}", None) from None
    except RecursionError:
        raise YamlProblem("YAML 嵌套过深", None) from None
