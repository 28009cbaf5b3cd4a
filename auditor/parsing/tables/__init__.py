"""Reading the body of one table of the document's template.

``parse_table`` gets the lines of one table's region (everything after its
``表 N`` label) and returns a Table whose every figure is bound to its column,
or — where the rendering lost the empty cells and the table's arithmetic
does not decide — a row marked ambiguous with all its candidate placements.
"""

from __future__ import annotations

from auditor.model import UNKNOWN_KIND, Column, Diagnostic, Placement, Row, RowLevel, Span, Table
from auditor.parsing.tables.binding import (
    FixedConstraint,
    Pending,
    SumConstraint,
    shared_bindings,
    solve,
)
from auditor.parsing.tables.coded import (
    gather_rows,
    header_diagnostics,
    hierarchy,
    numbered_columns,
    pending_rows,
)
from auditor.parsing.tables.labelled import read_carryover, read_figures_row, read_three_public
from auditor.parsing.tables.region import split_region
from auditor.parsing.tables.rows import RawRow, compact
from auditor.parsing.tables.sided import read_sided
from auditor.quantity import Quantity
from auditor.template.model import TableTemplate as Template
from auditor.template.model import Template as DocumentTemplate

__all__ = ["parse_table"]


def parse_table(
    number: int | None, lines: list[tuple[int, str]], rendering: str, document_template: DocumentTemplate | None
) -> tuple[Table, list[Diagnostic]]:
    # "flattened+spacing": the document prints one space per empty cell
    # (detected over all its tables by the caller).
    spacing = rendering.endswith("+spacing")
    rendering = "flattened" if rendering.startswith("flattened") else "tabbed"
    region = split_region(lines, rendering, document_template)
    first = lines[0][0] if lines else 1
    last = lines[-1][0] if lines else first
    diagnostics: list[Diagnostic] = []
    template = document_template.table_of_kind(region.kind) if document_template else None
    if document_template is None and rendering == "tabbed":
        # No template: a table of coded rows is read with the columns its header names.
        from auditor.parsing.tables.infer import infer_template

        template = infer_template(region.body, number)
    if template and number is not None and template.number != number:
        diagnostics.append(
            Diagnostic(
                "table-order",
                f"表{number} 的标题是“{region.title}”，按模板应为表{template.number}。",
                Span.at(region.title_line or first),
            )
        )
    rows: list[Row] = []
    if template is not None:
        rows, notes = _rows(region.body, template, rendering, spacing)
        diagnostics.extend(notes)
    columns = tuple(Column(key, key) for key in template.columns) if template else ()
    table = Table(
        number=number,
        kind=region.kind,
        title=region.title,
        span=Span(first, last),
        compiler=region.compiler,
        compiler_label=region.compiler_label,
        money_unit=region.money_unit,
        columns=columns,
        rows=tuple(rows),
        remark=region.remark,
    )
    if template and template.kind != UNKNOWN_KIND and region.money_unit is None:
        diagnostics.append(Diagnostic("table-unit", f"表{number} 没有注明金额单位（单位：万元）。", Span.at(first)))
    if template and template.kind != UNKNOWN_KIND and region.compiler is None:
        diagnostics.append(Diagnostic("table-compiler", f"表{number} 没有注明编制部门（单位）。", Span.at(first)))
    ambiguous = sum(1 for row in rows if row.ambiguous)
    if ambiguous:
        diagnostics.append(
            Diagnostic(
                "ambiguous-rows",
                f"表{number} 有 {ambiguous} 行的数字无法仅凭表内关系确定所在列（原文丢失了空单元格），"
                "相关检查将跳过这些数字。",
                Span.at(first),
                "info",
            )
        )
    return table, diagnostics


def _rows(
    body: list[tuple[int, str]], template: Template, rendering: str, spacing: bool
) -> tuple[list[Row], list[Diagnostic]]:
    notes: list[Diagnostic] = []
    fixed: list[FixedConstraint] = []
    side: list[str | None]
    if template.family == "sided":
        income, expenditure = read_sided(body, rendering, template.lines)
        raw = income + expenditure
        side = ["income"] * len(income) + ["expenditure"] * len(expenditure)
        sums = _sided_sums(income, expenditure)
        fixed = _fund_totals(income, expenditure, template)
    elif template.family == "labelled":
        raw = read_three_public(body, rendering, spacing, template.lines)
        side = [None] * len(raw)
        sums = _row_sums(raw, template)
    elif template.family == "single":
        raw = read_figures_row(body, rendering, template.row_name)
        side = [None] * len(raw)
        sums = []
    elif template.family == "carryover":
        raw = read_carryover(body, rendering, spacing)
        side = [None] * len(raw)
        sums = []
    else:
        raw, header = gather_rows(body, template, rendering, spacing)
        side = [None] * len(raw)
        sums = hierarchy(raw)
        if raw:
            notes.extend(header_diagnostics(header, template, body[0][0]))
        announced = numbered_columns(body) if rendering == "tabbed" else None
        if announced is not None and announced < len(template.columns):
            notes.append(
                Diagnostic(
                    "lost-columns",
                    f"表{template.number} 的列编号行只有 {announced} 列，少于模板的 {len(template.columns)} 列："
                    "这份文本丢失了一列，数字按顺序和表内关系归列。",
                    Span.at(body[0][0]),
                )
            )
    pending = _pending(raw, side, template, rendering)
    for item in pending:
        item.enumerate(template.columns)
    solve(pending, template.columns, sums, fixed)
    rows = [_row(r, p, s) for r, p, s in zip(raw, pending, side, strict=True)]
    return rows, notes


def _pending(raw: list[RawRow], side: list[str | None], template: Template, rendering: str) -> list[Pending]:
    if template.family == "coded":
        return pending_rows(raw, template, rendering)
    pending = []
    for row, where in zip(raw, side, strict=True):
        # The income side (and a one-column table such as 表1) has one figure per line.
        if len(template.columns) == 1 or where == "income":
            columns = [template.columns[0]]
            pending.append(Pending(row.figures, columns, columns[0], {}, hint=list(range(len(row.figures)))))
            continue
        pending.append(Pending(row.figures, list(template.columns), template.columns[0], template.parts, hint=row.hint))
    return pending


def _sided_sums(income: list[RawRow], expenditure: list[RawRow]) -> list[SumConstraint]:
    offset = len(income)
    classes = tuple(offset + i for i, r in enumerate(expenditure) if r.level is RowLevel.CLASS)
    totals = [offset + i for i, r in enumerate(expenditure) if r.level is RowLevel.TOTAL]
    return [SumConstraint(t, classes) for t in totals if classes]


def _fund_totals(income: list[RawRow], expenditure: list[RawRow], template: Template) -> list[FixedConstraint]:
    """表4: the expenditure total of each fund equals that fund's income line."""
    if not template.fund_lines:
        return []
    offset = len(income)
    totals = [offset + i for i, r in enumerate(expenditure) if r.level is RowLevel.TOTAL]
    funds = {compact(line): column for line, column in template.fund_lines.items()}
    constraints = []
    for row in income:
        column = funds.get(compact(row.name))
        if column is not None:
            value = row.figures[0].quantity if row.figures else Quantity.zero()
            constraints.extend(FixedConstraint(t, column, value) for t in totals)
    return constraints


def _row_sums(raw: list[RawRow], template: Template) -> list[SumConstraint]:
    """The template's row sums by label (表10: 合计 = 因公出国(境)费 + 公务接待费 + …)."""
    index = {compact(r.name): i for i, r in enumerate(raw)}
    sums = []
    for total_label, part_labels in template.row_sums:
        total = index.get(compact(total_label))
        parts = [index.get(compact(k)) for k in part_labels]
        if total is not None and all(p is not None for p in parts):
            sums.append(SumConstraint(total, tuple(parts)))  # type: ignore[arg-type]
    return sums


def _row(raw: RawRow, pending: Pending, side: str | None) -> Row:
    candidates = pending.candidates or [{}]
    ambiguous = len(candidates) > 1
    values = shared_bindings(candidates) if ambiguous else dict(candidates[0])
    return Row(
        span=Span(raw.first_line, raw.last_line),
        level=raw.level,
        name=raw.name,
        code=raw.code,
        project=raw.project,
        side=side,
        values=values,
        ambiguous=ambiguous,
        # The candidates are the pending row's own dicts, which nothing uses after this.
        candidates=tuple(map(Placement, candidates)) if ambiguous else (),
        figures=tuple(raw.figures),
    )

