"""Named template profiles (rules/profiles/<name>.yaml): required parts, tables, sections."""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from auditor.errors import UsageError
from auditor.resources import builtin_rules_dir


@cache
def load_profile(name: str) -> dict[str, Any]:
    entry = builtin_rules_dir() / "profiles" / f"{name}.yaml"
    if not entry.is_file():
        available = sorted(e.name[:-5] for e in (builtin_rules_dir() / "profiles").iterdir() if e.name.endswith(".yaml"))
        raise UsageError(f"未知的模板 {name}（可用：{', '.join(available)}）")
    # libyaml's safe loader where PyYAML has it: the same data, several times faster.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(entry.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a SafeLoader


def available_profiles() -> list[str]:
    return sorted(e.name[:-5] for e in (builtin_rules_dir() / "profiles").iterdir() if e.name.endswith(".yaml"))
