"""What an expression can see of the document: read-only views with a whitelist.

An expression never touches a Python object directly. It reaches views
through the selector functions (``table(3)``, ``section(12, 4)``…), and each
view answers only the attributes listed in its ``ATTRIBUTES``; anything else
is an error when the rule runs. Reading an ambiguous cell raises
NotEvaluable, so a check depending on it is skipped, not guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from auditor.engine.table_index import rows_by_code
from auditor.model import Document, PerformanceTable, Row, RowLevel, Section, Span, Table
from auditor.quantity import Quantity
from auditor.reading.normalize import compact

LEVELS = {
    "total": RowLevel.TOTAL,
    "unit": RowLevel.UNIT,
    "class": RowLevel.CLASS,
    "类": RowLevel.CLASS,
    "section": RowLevel.SECTION,
    "款": RowLevel.SECTION,
    "item": RowLevel.ITEM,
    "项": RowLevel.ITEM,
    "project": RowLevel.PROJECT,
    "line": RowLevel.LINE,
}


class NotEvaluable(Exception):
    """A figure the check needs is absent or ambiguous."""


class ExpressionError(Exception):
    """A rule's expression asks for something that does not exist."""


class Tracker:
    """Remembers which nodes an evaluation read, to place its finding."""

    def __init__(self) -> None:
        self.spans: list[Span] = []
        self.rows: list[Span] = []  # rows whose figures were read: the best place for a finding
        self.tables: list[int] = []

    def touch(self, span: Span, table: int | None = None, *, row: bool = False) -> None:
        self.spans.append(span)
        if row:
            self.rows.append(span)
        if table is not None:
            self.tables.append(table)


@dataclass(eq=False, repr=False)  # never compared, printed or changed: not frozen, cheaper to create
class View:
    tracker: Tracker

    ATTRIBUTES: ClassVar[tuple[str, ...]] = ()
    _READERS: ClassVar[dict[str, Any]] = {}  # attribute name -> its a_ method, per class

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._READERS = {name: getattr(cls, "a_" + name) for name in cls.ATTRIBUTES}

    def attribute(self, name: str) -> Any:
        reader = self._READERS.get(name)
        if reader is None:
            raise ExpressionError(f"“{type(self).LABEL}”没有属性 {name}")
        return reader(self)

    LABEL: ClassVar[str] = "对象"


# How a view converts a table's amounts: table(1, unit="万元") reads a table printed in 元 in 万元.
SCALES = {("元", "万元"): "yuan_to_wan", ("万元", "元"): "wan_to_yuan"}


@dataclass(eq=False, repr=False)  # never compared, printed or changed: not frozen, cheaper to create
class RowView(View):
    row: Row
    table: Table
    scale: str = ""  # "", "yuan_to_wan" or "wan_to_yuan" (see SCALES)

    LABEL: ClassVar[str] = "行"
    ATTRIBUTES: ClassVar[tuple[str, ...]] = ("code", "name", "project", "level", "line", "ambiguous", "children", "figures",
                                             "side", "empty", "label", "end_line")

    @property
    def span(self) -> Span:
        return self.row.span

    def cell(self, column: str) -> Quantity:
        self.tracker.touch(self.row.span, self.table.number, row=True)
        columns = self.table.columns
        if columns and column not in [c.key for c in columns]:  # a list: cheaper than any(generator) here
            raise ExpressionError(f"表{self.table.number} 没有列“{column}”")
        amount = self.row.values.get(column)
        if amount is not None:
            return getattr(amount.quantity, self.scale)() if self.scale else amount.quantity
        if self.row.ambiguous and any(column in c.values for c in self.row.candidates):
            raise NotEvaluable(f"表{self.table.number} 第 {self.row.span.line} 行的数字所在列无法确定")
        return Quantity.zero()

    def a_code(self) -> str:
        return self.row.code or ""

    def a_name(self) -> str:
        return self.row.name

    def a_project(self) -> str:
        return self.row.project or ""

    def a_level(self) -> str:
        return self.row.level.value

    def a_line(self) -> Quantity:
        return Quantity.exact(self.row.span.line)

    def a_end_line(self) -> Quantity:
        return Quantity.exact(self.row.span.end_line)

    def a_label(self) -> str:
        """Code (spaced as printed), name and project: "201 01 行政运行（某项目）"."""
        code = " ".join(self.row.code_parts) + " " if self.row.code else ""
        project = f"（{self.row.project}）" if self.row.project else ""
        return f"{code}{self.row.name}{project}".strip()

    def a_ambiguous(self) -> bool:
        return self.row.ambiguous

    def a_side(self) -> str:
        return self.row.side or ""

    def a_empty(self) -> bool:
        return not self.row.figures

    def a_figures(self) -> Quantity:
        return Quantity.exact(len(self.row.figures))

    def a_children(self) -> list[RowView]:
        return [RowView(self.tracker, r, self.table, self.scale) for r in children_of(self.table, self.row)]


def children_of(table: Table, row: Row) -> list[Row]:
    """The rows one level below ``row`` (款 of a 类, 项 and projects of a 款, 类 of a total)."""
    index = _children_index(table)
    if row.level in (RowLevel.TOTAL, RowLevel.UNIT):
        units = index.units.get(row.side, [])
        if row.level is RowLevel.TOTAL and units:
            return units[:1]
        return list(index.classes.get(row.side, []))
    if not row.code:
        return []
    if row.level is RowLevel.ITEM:
        return list(index.projects.get(row.code, []))
    direct = index.under.get(row.code, [])
    seen_items = {r.code for r in direct if r.level is RowLevel.ITEM}
    # A project whose 项 row is listed is counted through that row.
    return [r for r in direct if not (r.level is RowLevel.PROJECT and r.code in seen_items)]


@dataclass
class _ChildrenIndex:
    units: dict[str | None, list[Row]]
    classes: dict[str | None, list[Row]]
    projects: dict[str, list[Row]]
    under: dict[str, list[Row]]  # code of the parent -> rows whose code is two digits longer


_INDEXES: dict[int, tuple[Table, _ChildrenIndex]] = {}


def _children_index(table: Table) -> _ChildrenIndex:
    """Built once per table (one pass), so a rule asking every row for its children stays linear."""
    cached = _INDEXES.get(id(table))
    if cached is not None and cached[0] is table:
        return cached[1]
    index = _ChildrenIndex({}, {}, {}, {})
    for r in table.rows:
        if r.level is RowLevel.UNIT:
            index.units.setdefault(r.side, []).append(r)
        elif r.level is RowLevel.CLASS:
            index.classes.setdefault(r.side, []).append(r)
        if r.code and r.level is RowLevel.PROJECT:
            index.projects.setdefault(r.code, []).append(r)
        if r.code and len(r.code) > 2:
            index.under.setdefault(r.code[:-2], []).append(r)
    if len(_INDEXES) > 64:  # the table is kept alive by the entry, so its id is not reused
        _INDEXES.clear()
    _INDEXES[id(table)] = (table, index)
    return index


@dataclass(eq=False, repr=False)  # never compared, printed or changed: not frozen, cheaper to create
class TableView(View):
    table: Table
    scale: str = ""  # amounts converted as the rule asked (table(n, unit=…)); see SCALES
    document: Document | None = None  # for the template's default money unit

    LABEL: ClassVar[str] = "表"
    ATTRIBUTES: ClassVar[tuple[str, ...]] = ("number", "title", "kind", "rows", "total", "remark", "empty", "compiler",
                                             "unit", "line", "end_line", "columns", "remark_line", "remark_end_line",
                                             "money_unit")

    @property
    def span(self) -> Span:
        return self.table.span

    def a_number(self) -> Quantity:
        return Quantity.exact(self.table.number or 0)

    def a_title(self) -> str:
        return self.table.title

    def a_kind(self) -> str:
        return self.table.kind

    def a_rows(self) -> list[RowView]:
        return [RowView(self.tracker, r, self.table, self.scale) for r in self.table.rows]

    def a_total(self) -> RowView | None:
        totals = [r for r in self.table.rows if r.level is RowLevel.TOTAL and r.side in (None, "expenditure")]
        if not totals:
            return None
        return RowView(self.tracker, totals[0], self.table, self.scale)

    def a_remark(self) -> str:
        return self.table.remark.text if self.table.remark else ""

    def a_empty(self) -> bool:
        return self.table.is_empty

    def a_remark_line(self) -> Quantity:
        if self.table.remark is None:
            raise NotEvaluable(f"表{self.table.number} 没有说明")
        return Quantity.exact(self.table.remark.span.line)

    def a_remark_end_line(self) -> Quantity:
        if self.table.remark is None:
            raise NotEvaluable(f"表{self.table.number} 没有说明")
        return Quantity.exact(self.table.remark.span.end_line)

    def a_compiler(self) -> str:
        return self.table.compiler or ""

    def a_unit(self) -> str:
        return self.table.money_unit or ""

    def a_line(self) -> Quantity:
        return Quantity.exact(self.table.span.line)

    def a_end_line(self) -> Quantity:
        return Quantity.exact(self.table.span.end_line)

    def a_money_unit(self) -> str:
        """The unit the amounts are in: the printed 单位 (元 or 万元), else the template's, else 万元."""
        from auditor.engine.checks.statements import table_unit

        return table_unit(self.document, self.table) if self.document is not None else "万元"

    def a_columns(self) -> list[str]:
        return [c.key for c in self.table.columns]

    def select(self, code: str | None = None, prefix: str | None = None, level: str | None = None,
               side: str | None = None, name: str | None = None, label: str | None = None,
               levels: tuple[str, ...] = ()) -> list[RowView]:
        rows = list(rows_by_code(self.table).get(code, [])) if code is not None else list(self.table.rows)
        if prefix is not None:
            rows = [r for r in rows if r.code and r.code.startswith(prefix)]
        for one in (*levels, *([level] if level is not None else [])):
            if one not in LEVELS:
                raise ExpressionError(f"未知的行级别 {one}")
        if level is not None or levels:  # level="class", or level=["class", "section", "item"]
            wanted = {LEVELS[one] for one in (*levels, *([level] if level is not None else []))}
            rows = [r for r in rows if r.level in wanted]
        if side is not None:
            rows = [r for r in rows if r.side == side]
        if name is not None:
            wanted = compact(name)
            rows = [r for r in rows if wanted in compact_name(r)]
        if label is not None:  # the row's printed label exactly (spaces and full/half width aside)
            wanted = compact(label)
            rows = [r for r in rows if compact_name(r) == wanted]
        self.tracker.touch(self.table.span, self.table.number)
        return [RowView(self.tracker, r, self.table, self.scale) for r in rows]


_COMPACT_NAMES: dict[int, tuple[Row, str]] = {}


def compact_name(row: Row) -> str:
    """A row's name without spaces and with full/half width unified, computed once per row."""
    cached = _COMPACT_NAMES.get(id(row))
    if cached is not None and cached[0] is row:
        return cached[1]
    if len(_COMPACT_NAMES) > 20_000:  # the row is kept alive by its entry, so its id is not reused
        _COMPACT_NAMES.clear()
    name = compact(row.name)
    _COMPACT_NAMES[id(row)] = (row, name)
    return name


CODED = (RowLevel.CLASS, RowLevel.SECTION, RowLevel.ITEM)


@dataclass(eq=False, repr=False)  # never compared, printed or changed: not frozen, cheaper to create
class PairView(View):
    """One classification code and the rows that carry it in two tables (see by_code())."""

    code: str
    left: tuple[RowView, ...]
    right: tuple[RowView, ...]

    LABEL: ClassVar[str] = "科目对"
    ATTRIBUTES: ClassVar[tuple[str, ...]] = ("code", "label", "left", "right", "line")

    @property
    def span(self) -> Span:
        return (self.left or self.right)[0].span

    def a_code(self) -> str:
        return self.code

    def a_label(self) -> str:
        return (self.left or self.right)[0].a_label()

    def a_left(self) -> list[RowView]:
        return list(self.left)

    def a_right(self) -> list[RowView]:
        return list(self.right)

    def a_line(self) -> Quantity:
        return Quantity.exact(self.span.line)


def pair_by_code(left: list[RowView], right: list[RowView]) -> list[PairView]:
    """Rows of two tables paired by code, in the order of the left (then right-only codes).

    Left: the first row of each code. Right: the row of that code; where the right has
    none but lists projects under the code (表7), those projects. A code only the right
    has (at 类/款/项 level) pairs with no left row: the left's figure is then 0.
    """
    right_rows: dict[str, list[RowView]] = {}
    for view in right:
        if view.row.code:
            right_rows.setdefault(view.row.code, []).append(view)

    def of_right(code: str) -> tuple[RowView, ...]:
        same = right_rows.get(code, [])
        exact = [v for v in same if v.row.level is not RowLevel.PROJECT]
        return tuple(exact[:1] or [v for v in same if v.row.level is RowLevel.PROJECT])

    pairs: list[PairView] = []
    seen: set[str] = set()
    for view in left:
        code = view.row.code
        if code and code not in seen:
            seen.add(code)
            pairs.append(PairView(view.tracker, code, (view,), of_right(code)))
    for view in right:
        code = view.row.code
        if code and code not in seen and view.row.level in CODED:
            seen.add(code)
            pairs.append(PairView(view.tracker, code, (), of_right(code)))
    return pairs



@dataclass(eq=False, repr=False)  # never compared, printed or changed: not frozen, cheaper to create
class SectionView(View):
    section: Section

    LABEL: ClassVar[str] = "章节"
    ATTRIBUTES: ClassVar[tuple[str, ...]] = ("title", "number", "text", "line", "paragraphs", "heading_line",
                                             "heading_end_line")

    @property
    def span(self) -> Span:
        return self.section.span

    def a_title(self) -> str:
        return self.section.title

    def a_number(self) -> str:
        return self.section.dotted

    def a_text(self) -> str:
        self.tracker.touch(self.section.span)
        return "\n".join(p.text for s in self.section.walk() for p in s.paragraphs)

    def a_line(self) -> Quantity:
        return Quantity.exact(self.section.span.line)

    def a_heading_line(self) -> Quantity:
        return Quantity.exact(self.section.heading_span.line)

    def a_heading_end_line(self) -> Quantity:
        """The heading's last line (a long heading wraps in text taken from a PDF)."""
        return Quantity.exact(self.section.heading_span.end_line)

    def a_paragraphs(self) -> list[str]:
        return [p.text for s in self.section.walk() for p in s.paragraphs]


@dataclass(eq=False, repr=False)  # never compared, printed or changed: not frozen, cheaper to create
class IndicatorView(View):
    indicator: Any

    LABEL: ClassVar[str] = "绩效指标"
    ATTRIBUTES: ClassVar[tuple[str, ...]] = ("level1", "level2", "level3", "value", "weight", "weighted", "line")

    @property
    def span(self) -> Span:
        return self.indicator.span

    def a_level1(self) -> str:
        return self.indicator.level1

    def a_level2(self) -> str:
        return self.indicator.level2

    def a_level3(self) -> str:
        return self.indicator.level3

    def a_value(self) -> str:
        return self.indicator.value

    def a_weighted(self) -> bool:
        """Whether a weight was read (then .weight exists)."""
        return self.indicator.weight is not None

    def a_weight(self) -> Quantity:
        if self.indicator.weight is None:
            raise NotEvaluable(f"第 {self.indicator.span.line} 行的指标没有读到权重")
        return self.indicator.weight

    def a_line(self) -> Quantity:
        return Quantity.exact(self.indicator.span.line)


@dataclass(eq=False, repr=False)  # never compared, printed or changed: not frozen, cheaper to create
class PerformanceView(View):
    table: PerformanceTable

    LABEL: ClassVar[str] = "绩效目标表"
    ATTRIBUTES: ClassVar[tuple[str, ...]] = ("kind", "name", "indicators", "total_budget", "fiscal", "other", "line",
                                             "end_line", "project_row")
    document: Document | None = None  # to find the project's row in 表7

    @property
    def span(self) -> Span:
        """Where a finding on the table points: all of a short table, the heading of a long one."""
        span = self.table.span
        return span if span.end_line - span.line < 3 else Span(span.line, span.line)

    def a_kind(self) -> str:
        return self.table.kind

    def a_name(self) -> str:
        return self.table.name

    def a_indicators(self) -> list[IndicatorView]:
        self.tracker.touch(self.table.span)
        return [IndicatorView(self.tracker, i) for i in self.table.indicators]

    def _amount(self, value: Quantity | None) -> Quantity:
        if value is None:
            raise NotEvaluable("绩效目标表中没有读到该金额")
        return value

    def a_total_budget(self) -> Quantity:
        return self._amount(self.table.total_budget)

    def a_fiscal(self) -> Quantity:
        return self._amount(self.table.fiscal)

    def a_other(self) -> Quantity:
        return self._amount(self.table.other)

    def a_line(self) -> Quantity:
        return Quantity.exact(self.table.span.line)

    def a_end_line(self) -> Quantity:
        return Quantity.exact(self.table.span.end_line)

    def a_project_row(self) -> RowView:
        """The 表7 project row this table is for, matched by name (year, 项目/资金 endings and brackets
        aside); not evaluable when 表7 lists no such project."""
        from auditor.engine.checks.performance import same_project, table7_projects

        if self.document is None or self.table.kind != "project":
            raise NotEvaluable("只有项目绩效目标表对应表7 的项目")
        row = next((r for r in table7_projects(self.document) if same_project(r.project or "", self.table.name)), None)
        table = self.document.table(7)
        if row is None or table is None:
            raise NotEvaluable(f"表7 中没有名为“{self.table.name}”的项目")
        return RowView(self.tracker, row, table)


@dataclass(eq=False, repr=False)  # never compared, printed or changed: not frozen, cheaper to create
class DocumentView(View):
    document: Document

    LABEL: ClassVar[str] = "文件"
    ATTRIBUTES: ClassVar[tuple[str, ...]] = ("unit", "year", "kind", "stage", "complete", "found", "template",
                                             "empty_words", "title_line", "title_end_line")

    def a_complete(self) -> bool:
        """Whether the document presents itself as a whole disclosure (cover, contents, parts)."""
        return self.document.presents_as_complete

    def a_found(self) -> str:
        """What the document has, in words (for a fragment: "第三部分 2 节、表 3 张")."""
        return self.document.found_summary()

    def a_template(self) -> str:
        """The name of the template the document was read with, or empty."""
        return self.document.template.name if self.document.template is not None else ""

    def a_empty_words(self) -> list[str]:
        """The template's words for an empty table's note (rules/templates/*.yaml empty_note)."""
        template = self.document.template
        return list(template.empty_note) if template is not None else []

    def a_title_line(self) -> Quantity:
        """The title's first line (1 when the document has no title)."""
        span = self.document.title_span or Span(1, 1)
        return Quantity.exact(span.line)

    def a_title_end_line(self) -> Quantity:
        span = self.document.title_span or Span(1, 1)
        return Quantity.exact(span.end_line)

    def a_unit(self) -> str:
        return self.document.unit or ""

    def a_year(self) -> Quantity:
        if self.document.year is None:
            raise NotEvaluable("未识别预算年度")
        return Quantity.exact(self.document.year)

    def a_kind(self) -> str:
        return self.document.kind.value

    def a_stage(self) -> str:
        """budget (预算) or final (决算)."""
        return self.document.stage.value
