"""Template profiles: rules/profiles/<name>.yaml, or a file the user named.

A profile name is looked up among the built-in ones only; it is never joined
to a path, so ``../../etc/x`` cannot walk the disk. A profile of one's own is
given as an explicit path to a ``.yaml`` file on the command line
(``--profile 我的模板.yaml``); configuration files may only name profiles.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from auditor.engine.config import PROFILE_NAME
from auditor.engine.yaml_lines import YamlProblem, load_yaml
from auditor.errors import UsageError
from auditor.resources import builtin_rules_dir


@cache
def load_profile(name: str) -> dict[str, Any]:
    if PROFILE_NAME.fullmatch(name):
        entry = builtin_rules_dir() / "profiles" / f"{name}.yaml"
        if not entry.is_file():
            raise UsageError(f"未知的模板 {name}（可用：{', '.join(available_profiles())}；或给出模板文件的路径）")
        return _parse(entry.read_text(encoding="utf-8"), f"rules/profiles/{name}.yaml")
    path = Path(name)
    if path.suffix.lower() not in (".yaml", ".yml") or not path.is_file():
        raise UsageError(
            f"未知的模板 {name}：模板应为名称（可用：{', '.join(available_profiles())}）或已存在的 .yaml 模板文件的路径"
        )
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"无法读取模板文件（{exc}）", path=name) from None
    return _parse(text, name)


def _parse(text: str, shown: str) -> dict[str, Any]:
    try:
        data = load_yaml(text)
    except YamlProblem as problem:
        raise UsageError(problem.message, path=shown, line=problem.line) from None
    if not isinstance(data, dict):
        raise UsageError("模板文件应为映射（parts、tables、sections 等键）", path=shown)
    return data


def available_profiles() -> list[str]:
    return sorted(e.name[:-5] for e in (builtin_rules_dir() / "profiles").iterdir() if e.name.endswith(".yaml"))
