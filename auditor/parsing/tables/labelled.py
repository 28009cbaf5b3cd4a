"""Labelled tables (表10: the template's fixed lines) and 表11 (one row per project carried over)."""

from __future__ import annotations

import re

from auditor.model import RowLevel
from auditor.parsing.tables.rows import RawRow, amount, compact, is_figure, spacing_offsets

TOTALS = ("合计", "总计")
YEAR_START_RE = re.compile(r"^\s*20\d{2}\s*年")


def _prefix(text: str, known: frozenset[str]) -> bool:
    return any(label.startswith(text) and label != text for label in known)


def read_three_public(
    body: list[tuple[int, str]], rendering: str, spacing: bool, lines: tuple[str, ...]
) -> list[RawRow]:
    """The rows of a labelled table whose printed lines are ``lines`` (plus 合计)."""
    known = frozenset(compact(label) for label in lines) | set(TOTALS)
    rows: list[RawRow] = []
    buffer, buffer_lines = "", []
    for number, text in body:
        if rendering != "flattened":
            cells = [c.strip() for c in text.split("\t")]
            label = compact(cells[0]) if cells else ""
            if label not in known and not any(is_figure(c) for c in cells[1:]):
                continue
            offsets = [i for i, c in enumerate(cells[1:]) if is_figure(c)]
            row = RawRow([(number, text)], name=label, figures=[amount(cells[1 + i], number) for i in offsets])
            row.hint = offsets
            rows.append(_level(row))
            continue
        tokens = text.split()
        figures = []
        while tokens and is_figure(tokens[-1]):
            figures.insert(0, amount(tokens.pop(), number))
        fragment = compact("".join(tokens))
        offsets = spacing_offsets(text, len(figures)) if spacing and figures else None
        if buffer:
            joined = buffer + fragment
            if joined in known or (_prefix(joined, known) and not figures):
                buffer, buffer_lines = joined, [*buffer_lines, (number, text)]
                if joined in known and not figures:
                    continue
                if joined in known or figures:
                    rows.append(_level(RawRow(buffer_lines, name=joined, figures=figures, hint=offsets)))
                    buffer, buffer_lines = "", []
                continue
            if not fragment and figures:
                rows.append(_level(RawRow([*buffer_lines, (number, text)], name=buffer, figures=figures, hint=offsets)))
                buffer, buffer_lines = "", []
                continue
            rows.append(_level(RawRow(buffer_lines, name=buffer)))
            buffer, buffer_lines = "", []
        if fragment in known:
            if figures:
                rows.append(_level(RawRow([(number, text)], name=fragment, figures=figures, hint=offsets)))
            else:
                buffer, buffer_lines = fragment, [(number, text)]
        elif _prefix(fragment, known):
            buffer, buffer_lines = fragment, [(number, text)]
        elif figures and rows and not fragment:
            rows[-1].figures.extend(figures)
    if buffer:
        rows.append(_level(RawRow(buffer_lines, name=buffer)))
    return rows


def read_figures_row(body: list[tuple[int, str]], rendering: str, name: str) -> list[RawRow]:
    """A table whose data is rows of figures without labels (上海 表9: one row under a two-level header).

    In the tabbed rendering a figure's cell position is its column; in the
    flattened one only the order is known and the column identities decide.
    """
    rows: list[RawRow] = []
    for number, text in body:
        if rendering != "flattened":
            cells = [c.strip() for c in text.split("\t")]
            # No codes here: a whole number ("0", "15") is a figure too.
            if not any(is_figure(c) for c in cells) or any(c and not _figure_cell(c) for c in cells):
                continue
            offsets = [i for i, c in enumerate(cells) if _figure_cell(c)]
            row = RawRow([(number, text)], name=name, figures=[amount(cells[i], number) for i in offsets])
            row.hint = offsets
        else:
            tokens = text.split()
            if not tokens or not all(is_figure(t) for t in tokens):
                continue
            row = RawRow([(number, text)], name=name, figures=[amount(t, number) for t in tokens])
        row.level = RowLevel.LINE
        rows.append(row)
    return rows


def _figure_cell(cell: str) -> bool:
    return is_figure(cell) or cell.isdigit()


def _level(row: RawRow) -> RawRow:
    row.level = RowLevel.TOTAL if row.name in TOTALS else RowLevel.LINE
    return row


def read_carryover(body: list[tuple[int, str]], rendering: str, spacing: bool) -> list[RawRow]:
    rows: list[RawRow] = []
    started = False
    for number, text in body:
        if rendering != "flattened":
            cells = [c.strip() for c in text.split("\t")]
            if not cells or "※" in text:
                continue
            offsets = [i for i, c in enumerate(cells[1:]) if is_figure(c)]
            label = cells[0]
            if not offsets and compact(label) not in TOTALS and not YEAR_START_RE.match(label):
                continue
            row = RawRow([(number, text)], name=label, figures=[amount(cells[1 + i], number) for i in offsets])
            row.hint = offsets
            rows.append(_carry_level(row))
            continue
        tokens = text.split()
        figures = []
        while tokens and is_figure(tokens[-1]):
            figures.insert(0, amount(tokens.pop(), number))
        words = " ".join(tokens)
        opens = compact(words) in TOTALS or bool(YEAR_START_RE.match(words))
        if opens:
            started = True
            rows.append(_carry_level(RawRow([(number, text)], name=words, figures=figures)))
            rows[-1].hint = spacing_offsets(text, len(figures)) if spacing else None
        elif started and rows:
            rows[-1].lines.append((number, text))
            rows[-1].name = (rows[-1].name + words) if words else rows[-1].name
            if rows[-1].project is not None:
                rows[-1].project = rows[-1].name
            rows[-1].figures.extend(figures)
    return rows


def _carry_level(row: RawRow) -> RawRow:
    if compact(row.name) in TOTALS:
        row.level = RowLevel.TOTAL
        row.name = compact(row.name)
    else:
        row.level = RowLevel.PROJECT
        row.project = row.name
    return row
