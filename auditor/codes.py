"""The classification code lists shipped as data (auditor/data/*_codes.yaml).

The YAML files are the human-edited source. Each has a JSON twin
(``*_codes.json``, written by ``python -m auditor.codes``) that loads in a
fraction of a millisecond where the YAML takes tens; the twin records the
SHA-256 of the YAML it was made from and is used only while that still
matches, so an edited YAML is never shadowed by a stale twin.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from functools import cache
from typing import Any

from auditor.resources import data_file, data_text

NAMES = ("function_codes.yaml", "economic_codes.yaml")


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


def twin_name(name: str) -> str:
    return name.removesuffix(".yaml") + ".json"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def items_from_yaml(text: str) -> list[dict[str, Any]]:
    """The code entries of a YAML code list, as plain dicts (the twin's content)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader) or {}  # noqa: S506 - a SafeLoader
    return [
        {
            "code": str(item["code"]),
            "name": item["name"],
            "level": item["level"],
            "evidence": item["evidence"],
            "certainty": item["certainty"],
            "valid_until": item.get("valid_until"),
        }
        for item in data.get("codes", [])
    ]


def twin_text(yaml_text: str) -> str:
    """The JSON twin of a YAML code list."""
    entries = ",\n".join(json.dumps(item, ensure_ascii=False) for item in items_from_yaml(yaml_text))
    return f'{{"source_sha256": "{digest(yaml_text)}",\n"codes": [\n{entries}\n]}}\n'


def _items(name: str) -> list[dict[str, Any]]:
    text = data_text(name)
    try:
        twin = json.loads(data_file(twin_name(name)).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        twin = None
    if isinstance(twin, dict) and twin.get("source_sha256") == digest(text):
        return twin["codes"]
    return items_from_yaml(text)  # no twin, or the YAML was edited since: read the source


def _load(name: str) -> dict[str, CodeEntry]:
    return {
        item["code"]: CodeEntry(
            item["code"], item["name"], item["level"], item["evidence"], item["certainty"],
            item["valid_until"],
        )
        for item in _items(name)
    }


@cache
def function_codes() -> dict[str, CodeEntry]:
    """支出功能分类: 类 (3 digits), 款 (5), 项 (7)."""
    return _load("function_codes.yaml")


@cache
def economic_codes() -> dict[str, CodeEntry]:
    """部门预算支出经济分类: 类 (3 digits), 款 (5)."""
    return _load("economic_codes.yaml")


def write_twins() -> None:
    """Regenerate auditor/data/*_codes.json from the YAML (run after editing a code list)."""
    from pathlib import Path

    folder = Path(__file__).resolve().parent / "data"
    for name in NAMES:
        text = (folder / name).read_text(encoding="utf-8")
        (folder / twin_name(name)).write_text(twin_text(text), encoding="utf-8")
        print(f"{folder / twin_name(name)}", file=sys.stderr)


if __name__ == "__main__":
    write_twins()
