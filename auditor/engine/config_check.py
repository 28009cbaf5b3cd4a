"""The configuration against the loaded rules: nothing in auditor.toml may be silently ignored.

A misspelt parameter (``total`` for ``totals``), a scalar where a list is
wanted, a rule id that no rule has, or a ``select``/``ignore`` pattern that
matches nothing would otherwise switch a check off without a word. Each
problem names the toml file and the line of the offending key.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path
from typing import Any

from auditor.engine.checks import load_all, validate_params
from auditor.engine.config import Config
from auditor.engine.loader import RuleSet, param_value_problem
from auditor.engine.static import did_you_mean
from auditor.errors import RuleError

_HEADER = re.compile(r"^\s*\[+\s*([^\]]+?)\s*\]+\s*(#.*)?$")


def check_config(config: Config, ruleset: RuleSet, *, select: list[str] | None = None,
                 ignore: list[str] | None = None) -> list[str]:
    """Every problem as ``file:line ▸ rule id ▸ key: what is wrong``."""
    problems: list[str] = []
    ids = [rule.id for rule in ruleset.rules]
    where = _Locator(config.path)

    def unknown(rule_id: str, section: str) -> None:
        problems.append(f"{where.line(section, rule_id)} ▸ {rule_id} ▸ {section}: "
                        f"没有编号为 {rule_id} 的规则{did_you_mean(rule_id, ids)}")

    for rule_id in config.severity:
        if ruleset.get(rule_id) is None:
            unknown(rule_id, "severity")
    kinds = load_all()
    for rule_id, override in config.params.items():
        rule = ruleset.get(rule_id)
        if rule is None:
            unknown(rule_id, "params")
            continue
        section = f"params.{rule_id}"
        if rule.check:
            kind = kinds[rule.check]
            base = {k: v for k, v in rule.params.items() if v is not None}
            _, found = validate_params(kind, {**base, **override})
            for key, message in found:
                name = key.removeprefix("params.")
                hint = did_you_mean(name, kind.params) if name not in kind.params else ""
                problems.append(f"{where.line(section, name)} ▸ {rule_id} ▸ {key}: {message}{hint}")
            continue
        for name, value in override.items():
            if name not in rule.params:
                known = "、".join(rule.params) or "无"
                problems.append(f"{where.line(section, name)} ▸ {rule_id} ▸ params.{name}: 规则 {rule_id} 没有这个参数"
                                f"{did_you_mean(name, rule.params)}（可用：{known}）")
            elif param_value_problem(name, value) or _shape(value) != _shape(rule.params[name]):
                problems.append(f"{where.line(section, name)} ▸ {rule_id} ▸ params.{name}: 类型错误：应为 "
                                f"{_shape(rule.params[name])}（规则 {rule.where} 中为 {rule.params[name]!r}）")
    for key, patterns, from_cli in (("select", select, True), ("ignore", ignore, True),
                                    ("select", config.select, False), ("ignore", config.ignore, False)):
        for pattern in patterns or []:
            if not any(fnmatch.fnmatchcase(rule_id, pattern) for rule_id in ids):
                place = f"命令行 --{key}" if from_cli else where.line("", key)
                problems.append(f"{place} ▸ - ▸ {key}: “{pattern}”不匹配任何规则{did_you_mean(pattern, ids)}")
    return problems


def raise_config_problems(config: Config, ruleset: RuleSet, **selection: Any) -> None:
    problems = check_config(config, ruleset, **selection)
    if problems:
        raise RuleError(problems)


def _shape(value: Any) -> str:
    if isinstance(value, list):
        return "列表"
    if isinstance(value, str):
        return "文字"
    return "数字"


class _Locator:
    """Lines of keys in a toml file: good enough for messages, never an error itself."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        try:
            self.lines = path.read_text(encoding="utf-8").splitlines() if path else []
        except (OSError, UnicodeDecodeError):
            self.lines = []

    def line(self, section: str, key: str) -> str:
        shown = str(self.path) if self.path else "命令行"
        if not self.lines:
            return f"{shown}:1" if self.path else shown
        current = ""
        header_line = None
        for number, text in enumerate(self.lines, start=1):
            header = _HEADER.match(text)
            if header:
                current = header.group(1).replace('"', "").replace("'", "").removeprefix("tool.auditor").strip(".")
                if current == section:
                    header_line = number
                continue
            name = text.split("=", 1)[0].strip().replace('"', "").replace("'", "") if "=" in text else None
            if name is None:
                continue
            full = f"{current}.{name}".strip(".")
            if full == f"{section}.{key}".strip(".") or (current == section and name == key):
                return f"{shown}:{number}"
        if header_line is not None:
            return f"{shown}:{header_line}"
        for number, text in enumerate(self.lines, start=1):
            if key in text:
                return f"{shown}:{number}"
        return f"{shown}:1"
