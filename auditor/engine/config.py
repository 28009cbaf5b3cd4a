"""Project configuration: ``auditor.toml`` or ``[tool.auditor]`` in pyproject.toml.

Found by walking up from the current directory (the reviewer's) when
``--config`` is not given: never from the audited documents' folders, so a
folder received from outside cannot bring rules or ``ignore`` entries that
would silence the audit. Keys: ``profile``, ``select``, ``ignore`` (rule ids, ``*`` wildcards),
``rules`` (extra rule files/folders, relative to the config file),
``fail_on``, ``extends`` (another config file), ``[severity]`` (id → level)
and ``[params.<id>]`` (parameters of a check rule).
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.errors import RuleError
from auditor.model.findings import Severity


def _toml():
    """tomllib, imported only when a configuration file is read (most runs have none)."""
    try:
        import tomllib
    except ModuleNotFoundError:  # pragma: no cover - Python 3.10
        return None
    return tomllib

KEYS = {"template", "profile", "select", "ignore", "rules", "fail_on", "extends", "severity", "params"}
MAX_EXTENDS = 10
MAX_CONFIG_BYTES = 1024 * 1024
# A profile is a name of a built-in template, never a path (no "../").
PROFILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")


@dataclass
class Config:
    # the template (rules/templates/<name>.yaml or a path); None: detected from each document
    template: str | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    rules: list[Path] = field(default_factory=list)
    fail_on: str | None = None
    severity: dict[str, Severity] = field(default_factory=dict)
    params: dict[str, dict[str, Any]] = field(default_factory=dict)
    path: Path | None = None

    @property
    def profile(self) -> str | None:
        """The former name of ``template`` (``profile = "xinjiang"`` still works)."""
        return self.template

    @profile.setter
    def profile(self, value: str | None) -> None:
        self.template = value

    def selects(self, rule_id: str) -> bool:
        if self.select and not any(fnmatch.fnmatchcase(rule_id, p) for p in self.select):
            return False
        return not any(fnmatch.fnmatchcase(rule_id, p) for p in self.ignore)

    def severity_of(self, rule_id: str, default: Severity) -> Severity:
        return self.severity.get(rule_id, default)


def find_config(start: Path) -> Path | None:
    folder = start if start.is_dir() else start.parent
    for candidate in [folder.resolve(), *folder.resolve().parents]:
        toml = candidate / "auditor.toml"
        if toml.is_file():
            return toml
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
    return None


def _line_of(text: str, key: str) -> int:
    """The line where ``key`` is set or its table opens (1 when not found)."""
    pattern = re.compile(r"^\s*(?:\[\s*(?:tool\.)?|\[\s*\w+\.)?[\"']?" + re.escape(key) + r"[\"']?\s*(?:=|\]|\.)", re.M)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _has_tool_section(path: Path) -> bool:
    try:
        return "[tool.auditor" in path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False


def load_config(path: Path | None = None, start: Path | None = None) -> Config:
    if path is None and start is not None:
        path = find_config(start)
    if path is None:
        return Config()
    return _load(Path(path), [])


def _load(path: Path, chain: list[Path]) -> Config:
    resolved = path.resolve()
    if resolved in chain:
        cycle = " → ".join(str(p) for p in [*chain, resolved])
        raise RuleError([f"{path}:1 ▸ - ▸ extends: 配置文件循环引用（{cycle}）"])
    if len(chain) >= MAX_EXTENDS:
        raise RuleError([f"{path}:1 ▸ - ▸ extends: 配置文件的 extends 层级超过 {MAX_EXTENDS} 层"])
    tomllib = _toml()
    if tomllib is None:  # pragma: no cover
        raise RuleError([f"{path}:1 ▸ - ▸ -: 读取配置文件需要 Python 3.11 或更高版本"])
    try:
        if path.stat().st_size > MAX_CONFIG_BYTES:
            raise RuleError([f"{path}:1 ▸ - ▸ -: 配置文件过大（上限 1 MB）"])
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except FileNotFoundError:
        raise RuleError([f"{path}:1 ▸ - ▸ -: 配置文件不存在"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError([f"{path}:1 ▸ - ▸ -: 无法读取配置文件（{exc}）"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise RuleError([f"{path}:{getattr(exc, 'lineno', 1)} ▸ - ▸ -: TOML 格式错误：{exc}"]) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("auditor", {})
        if not isinstance(data, dict):
            raise RuleError([f"{path}:{_line_of(text, 'auditor')} ▸ - ▸ tool.auditor: 应为表（[tool.auditor]）"])
    problems = []

    def problem(key: str, message: str, rule_id: str = "-") -> None:
        problems.append(f"{path}:{_line_of(text, key)} ▸ {rule_id} ▸ {key}: {message}")

    for key in data:
        if key not in KEYS:
            problem(key, "未知的配置项")
    base = Config()
    if "extends" in data:
        if not isinstance(data["extends"], str):
            problem("extends", "应为文件路径")
        else:
            base = _load(path.parent / data["extends"], [*chain, resolved])
    config = Config(
        template=base.template,
        select=list(base.select),
        ignore=list(base.ignore),
        rules=list(base.rules),
        fail_on=base.fail_on,
        severity=dict(base.severity),
        params={k: dict(v) for k, v in base.params.items()},
        path=path,
    )
    for key in ("profile", "template"):  # "profile" is the former name
        if key in data:
            if not isinstance(data[key], str) or not PROFILE_NAME.fullmatch(data[key]):
                problem(key, "应为模板名称（字母、数字、- 或 _，不能是路径）")
            else:
                config.template = data[key]
    for key in ("select", "ignore"):
        if key in data:
            if not isinstance(data[key], list) or not all(isinstance(v, str) for v in data[key]):
                problem(key, "应为规则编号列表")
            else:
                setattr(config, key, list(data[key]))
    if "rules" in data:
        entries = data["rules"] if isinstance(data["rules"], list) else [data["rules"]]
        if not all(isinstance(entry, str) for entry in entries):
            problem("rules", "应为规则文件或文件夹的路径（文字或文字列表）")
        else:
            config.rules.extend(path.parent / entry for entry in entries)
    if "fail_on" in data:
        if data["fail_on"] not in ("error", "warning", "info", "never"):
            problem("fail_on", "应为 error、warning、info 或 never")
        else:
            config.fail_on = data["fail_on"]
    severities = data.get("severity", {})
    if not isinstance(severities, dict):
        problem("severity", "应为表（[severity]，规则编号 = 级别）")
        severities = {}
    for rule_id, level in severities.items():
        if level not in ("error", "warning", "info"):
            problem("severity", "应为 error、warning 或 info", str(rule_id))
        else:
            config.severity[rule_id] = Severity(level)
    all_params = data.get("params", {})
    if not isinstance(all_params, dict):
        problem("params", "应为表（[params.规则编号]）")
        all_params = {}
    for rule_id, params in all_params.items():
        if not isinstance(params, dict):
            problem("params", f"应为表（[params.{rule_id}]）", str(rule_id))
        else:
            config.params.setdefault(rule_id, {}).update(params)
    if problems:
        raise RuleError(problems)
    return config
