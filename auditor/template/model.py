"""The loaded form of a template file (see auditor/data/template.schema.json)."""

from __future__ import annotations

from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import cached_property
from typing import Any

UNKNOWN_KIND = "unknown"


def _compact(text: str) -> str:
    return "".join(text.split()).replace("（", "(").replace("）", ")").replace("：", ":")


@dataclass(frozen=True, eq=False)
class TableTemplate:
    """One table of a template: how to recognise it, read it and check its rows."""

    kind: str
    number: int
    title: str
    titles: tuple[str, ...]  # words any printed title of this table contains
    family: str = "coded"  # coded | sided | labelled | carryover
    columns: tuple[str, ...] = ()
    # column key -> the words that identify it in a printed header
    headers: dict[str, str] = field(default_factory=dict)
    # total column -> the columns that add up to it (合计 = 基本支出 + 项目支出)
    parts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # how many label cells precede the figures in a tabbed row
    label_cells: int = 4
    # printed row labels (sided: the income side; labelled: every line)
    lines: tuple[str, ...] = ()
    # labelled rows that add up: (total label, part labels)
    row_sums: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # sided: income line -> the expenditure column whose total row equals its figure
    fund_lines: dict[str, str] = field(default_factory=dict)
    # code prefix -> the only columns a row with that code may fill
    code_columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    codes: str | None = None  # function | economic: which code list the rows' codes are from
    project_cell: bool = False  # a project-name cell follows the 科目 name
    money_unit: str = "万元"
    row_name: str = "预算数"  # single: the name given to the unlabelled row of figures

    def header_words(self, column: str) -> str:
        return self.headers.get(column, column.split("/")[-1])

    def allowed_columns(self, code: str | None) -> list[str]:
        if code:
            for prefix, columns in self.code_columns.items():
                if code.startswith(prefix):
                    return list(columns)
        return list(self.columns)


@dataclass(frozen=True, eq=False)
class Template:
    name: str
    description: str
    source: str  # the file it was read from, for messages
    part_numbering: str  # "第一部分" or "一、"
    parts: dict[int, str]
    tables: tuple[TableTemplate, ...]
    # part number -> words a body heading of that part ends with (parts numbered 一、…)
    part_headings: dict[int, tuple[str, ...]] = field(default_factory=dict)
    # "label": each table follows a 表N line; "title": a table starts at its title
    table_numbering: str = "label"
    tables_part: int | None = None  # the part the tables are in (opened by the first title)
    # parts made of repeated items, each headed like the part (七、项目经费情况说明: one per project)
    repeated_parts: frozenset[int] = frozenset()
    sections_part: int = 3  # the part holding the 说明 sections listed under ``sections``
    optional_parts: frozenset[int] = frozenset()  # parts some versions leave out (上海 单位预算: no 七)
    sections: tuple[dict[str, Any], ...] = ()
    subsections: tuple[dict[str, Any], ...] = ()
    empty_note: tuple[str, ...] = ()  # words of the note under an empty table
    rules_include: tuple[str, ...] = ("*",)
    rules_exclude: tuple[str, ...] = ()
    detect: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)

    def table_of_kind(self, kind: str) -> TableTemplate | None:
        return next((t for t in self.tables if t.kind == kind), None)

    def table(self, number: int) -> TableTemplate | None:
        return next((t for t in self.tables if t.number == number), None)

    def kind_of_title(self, title: str) -> str:
        """The kind of the table whose title words ``title`` contains (longest words first)."""
        compact = _compact(title)
        for words, kind in self._title_keys():
            if words in compact:
                return kind
        return UNKNOWN_KIND

    def _title_keys(self) -> list[tuple[str, str]]:
        return self._sorted_title_keys

    @cached_property
    def _sorted_title_keys(self) -> list[tuple[str, str]]:
        """Computed once per template (its tables never change once loaded)."""
        keys = [(_compact(w), t.kind, i) for i, t in enumerate(self.tables) for w in t.titles]
        # More specific titles first: 财政拨款收支总体情况表 before 收支总体情况表.
        keys.sort(key=lambda k: (-len(k[0]), k[2]))
        return [(w, kind) for w, kind, _ in keys]

    def part_label(self, number: int) -> str:
        """How the template names a part: 第三部分（情况说明） or 四、预算编制说明."""
        digits = "零一二三四五六七八九十"
        cn = digits[number] if number <= 10 else "十" + digits[number - 10]
        name = self.parts.get(number, "")
        if self.part_numbering == "第一部分":
            return f"第{cn}部分（{name}）"
        return f"{cn}、{name}"

    def applies(self, rule_id: str) -> bool:
        """Whether the rule with this id is one of this template's rules."""
        known = self._applies
        if rule_id not in known:  # every document asks about every rule: matched once per template
            known[rule_id] = self._selects(rule_id)
        return known[rule_id]

    @cached_property
    def _applies(self) -> dict[str, bool]:
        return {}

    def _selects(self, rule_id: str) -> bool:
        if any(fnmatchcase(rule_id, pattern) for pattern in self.rules_exclude):
            return False
        return any(fnmatchcase(rule_id, pattern) for pattern in self.rules_include)

    @property
    def profile(self) -> dict[str, Any]:
        """The parts/tables/sections view the completeness checks read."""
        return {
            "parts": {n: name for n, name in self.parts.items() if n not in self.optional_parts},
            "sections_part": self.sections_part,
            "tables": [{"number": t.number, "kind": t.kind, "title": t.title} for t in self.tables],
            "sections": list(self.sections),
            "subsections": list(self.subsections),
        }
