"""The classification code lists shipped as data (auditor/data/*_codes.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml

from auditor.resources import data_text


@dataclass(frozen=True, slots=True)
class CodeEntry:
    code: str
    name: str
    level: str  # 类 / 款 / 项
    evidence: str
    certainty: str  # seen | web | named | recalled
    valid_until: int | None = None

    @property
    def certain(self) -> bool:
        """Printed in a real disclosure: safe to report a mismatch as an error."""
        return self.certainty == "seen"


def _load(name: str) -> dict[str, CodeEntry]:
    data = yaml.safe_load(data_text(name)) or {}
    return {
        str(item["code"]): CodeEntry(
            str(item["code"]), item["name"], item["level"], item["evidence"], item["certainty"],
            item.get("valid_until"),
        )
        for item in data.get("codes", [])
    }


@cache
def function_codes() -> dict[str, CodeEntry]:
    """支出功能分类: 类 (3 digits), 款 (5), 项 (7)."""
    return _load("function_codes.yaml")


@cache
def economic_codes() -> dict[str, CodeEntry]:
    """部门预算支出经济分类: 类 (3 digits), 款 (5)."""
    return _load("economic_codes.yaml")
