"""决算 templates (rules/templates/final/*-final.yaml): tables, columns and identities as data.

The YAML says what the nine tables of a 部门决算 are called, how their cells
are laid out and which figures must add up; this module only reads it into
frozen dataclasses and says clearly, in Chinese, what is wrong with a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from auditor.errors import RuleError
from auditor.resources import builtin_rules_dir

FAMILIES = ("sided", "coded", "economic_pairs", "budget_final")
IDENTITY_KINDS = ("sum", "rows", "tree", "items", "columns", "economic", "pairs")
FINAL_TEMPLATES = ("shanghai-final", "national-final")


@dataclass(frozen=True)
class Identity:
    kind: str
    name: str = ""
    total: str = ""
    parts: tuple[str, ...] = ()
    side: str | None = None
    classes: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableSpec:
    key: str
    number: int
    title: str
    titles: tuple[str, ...]
    family: str
    columns: tuple[str, ...] = ()  # coded / economic / budget_final
    side_columns: dict[str, tuple[str, ...]] | None = None  # sided: income/expenditure -> columns
    pairs: tuple[str, ...] = ()
    identities: tuple[Identity, ...] = ()
    may_be_empty: bool = False  # 无此类收支时保留空表并说明


@dataclass(frozen=True)
class Cross:
    name: str
    left: str
    right: tuple[str, ...]


@dataclass(frozen=True)
class Statement:
    """``say`` followed by an amount in the 说明 restates table cell ``cell``."""

    say: str
    cell: str
    section: int | None = None


@dataclass(frozen=True)
class FinalTemplate:
    name: str
    description: str
    tables: tuple[TableSpec, ...]
    cross: tuple[Cross, ...]
    empty_note: tuple[str, ...]
    three_public_position: int
    sections: tuple[dict[str, Any], ...] = ()
    statements: tuple[Statement, ...] = ()
    cross_classes: tuple[Cross, ...] = ()  # right is one "table:column"
    three_public_items: tuple[tuple[str, str], ...] = ()  # (words in the text, column of the 三公 table)
    running_costs: tuple[str, str] | None = None  # (words, cell it may not exceed)

    def table(self, key: str) -> TableSpec | None:
        return next((t for t in self.tables if t.key == key), None)

    @property
    def ordered(self) -> tuple[TableSpec, ...]:
        return tuple(sorted(self.tables, key=lambda t: t.number))


def _strs(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return (str(value),)


def parse_template(data: Any, shown: str) -> FinalTemplate:
    problems: list[str] = []

    def need(condition: bool, where: str, message: str) -> None:
        if not condition:
            problems.append(f"{shown} ▸ {where}: {message}")

    need(isinstance(data, dict), "-", "应为映射")
    if problems:
        raise RuleError(problems)
    tables: list[TableSpec] = []
    for index, item in enumerate(data.get("tables") or []):
        where = f"tables[{index}]"
        if not isinstance(item, dict):
            need(False, where, "应为映射")
            continue
        family = item.get("family")
        need(family in FAMILIES, f"{where}.family", f"应为 {'、'.join(FAMILIES)} 之一")
        need(isinstance(item.get("key"), str), f"{where}.key", "缺少表键")
        need(isinstance(item.get("number"), int), f"{where}.number", "缺少表序号")
        need(isinstance(item.get("title"), str), f"{where}.title", "缺少标题")
        identities = []
        for j, ident in enumerate(item.get("identities") or []):
            if not isinstance(ident, dict) or ident.get("kind") not in IDENTITY_KINDS:
                need(False, f"{where}.identities[{j}]", f"kind 应为 {'、'.join(IDENTITY_KINDS)} 之一")
                continue
            identities.append(
                Identity(
                    ident["kind"], str(ident.get("name", "")), str(ident.get("total", "")),
                    _strs(ident.get("parts")), ident.get("side"), _strs(ident.get("classes")),
                )
            )
        columns = item.get("columns")
        side_columns = None
        if family == "sided":
            need(isinstance(columns, dict) and set(columns) == {"income", "expenditure"},
                 f"{where}.columns", "两栏表的列应写作 {income: [...], expenditure: [...]}")
            if isinstance(columns, dict):
                side_columns = {side: _strs(cols) for side, cols in columns.items()}
            columns = ()
        if problems:
            continue
        tables.append(
            TableSpec(
                key=item["key"], number=item["number"], title=item["title"],
                titles=_strs(item.get("titles")) or (item["title"],), family=family,
                columns=_strs(columns), side_columns=side_columns, pairs=_strs(item.get("pairs")),
                identities=tuple(identities),
                may_be_empty=bool(item.get("may_be_empty", False)),
            )
        )
    cross = []
    for index, item in enumerate(data.get("cross") or []):
        if not isinstance(item, dict) or not isinstance(item.get("left"), str):
            need(False, f"cross[{index}]", "应为 {name, left, right: [...]}")
            continue
        cross.append(Cross(str(item.get("name", "")), item["left"], _strs(item.get("right"))))
    need(bool(tables), "tables", "没有表")
    if problems:
        raise RuleError(problems)
    by_class = []
    for index, item in enumerate(data.get("cross_classes") or []):
        if not isinstance(item, dict) or not isinstance(item.get("left"), str) or not isinstance(item.get("right"), str):
            need(False, f"cross_classes[{index}]", "应为 {name, left: 表键:栏/列, right: 表键:列}")
            continue
        by_class.append(Cross(str(item.get("name", "")), item["left"], (item["right"],)))
    detect = data.get("detect") or {}
    statements = []
    for index, item in enumerate(data.get("statements") or []):
        if not isinstance(item, dict) or not isinstance(item.get("say"), str) or not isinstance(item.get("cell"), str):
            need(False, f"statements[{index}]", "应为 {say: 文字, cell: 表键:行/列, section: 序号}")
            continue
        statements.append(Statement(item["say"], item["cell"], item.get("section")))
    items = tuple(
        (str(item.get("say")), str(item.get("column")))
        for item in data.get("three_public_items") or []
        if isinstance(item, dict)
    )
    running = data.get("running_costs")
    if problems:
        raise RuleError(problems)
    return FinalTemplate(
        name=str(data.get("name", shown)),
        description=str(data.get("description", "")),
        tables=tuple(tables),
        cross=tuple(cross),
        empty_note=_strs(data.get("empty_note")) or ("本表无数据",),
        three_public_position=int(detect.get("three_public_position", 7)),
        sections=tuple(s for s in data.get("sections") or [] if isinstance(s, dict)),
        statements=tuple(statements),
        cross_classes=tuple(by_class),
        three_public_items=items,
        running_costs=(str(running["say"]), str(running["at_most"])) if isinstance(running, dict) else None,
    )


@cache
def load_final_template(name: str) -> FinalTemplate:
    entry = builtin_rules_dir() / "templates" / "final" / f"{name}.yaml"
    shown = f"rules/templates/final/{name}.yaml"
    try:
        data = yaml.safe_load(entry.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RuleError([f"{shown} ▸ -: 无法读取决算模板（{exc}）"]) from None
    return parse_template(data, shown)
