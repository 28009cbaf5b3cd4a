"""Indicator rows of a flattened (PDF text dump) performance table.

Every cell wraps over several lines and cell borders are gone, so rows are
found from the words that cannot be anything else:

* project table: the weight is the whole number right before the 赋分规则
  (按照完成比例赋分, 按评判等级赋分, 满意度赋分…, itself wrapped as 按照完 /
  成比例 / 赋分) and the 佐证资料 after the rule closes the row;
* whole-unit table: the weight is the whole number that ends a line.

Inside a row the level names (产出指标, 数量指标…) and the 指标值设置依据
(计划标准, 预算支出标准…) are vocabulary; the 指标值 starts with a comparison
(>=, <=, =) or a word such as 有效 / 提高. Text found before a row's level
names belongs to the previous row: it is the tail of a cell that a page break
(and its page number) cut off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from auditor.model import Diagnostic, Span
from auditor.parsing.performance_text import (
    BASIS_WORDS,
    COMPARATOR_RE,
    EVIDENCE_RE,
    LEVEL2_RE,
    LEVEL2_WORDS,
    LEVEL_WORDS,
    QUALITATIVE_RE,
    RULE_RE,
    UNIT_WORDS,
    Token,
    compact,
    is_weight,
    join_tokens,
    level_name,
    match_words,
)


@dataclass
class Draft:
    """A row being assembled; becomes an ``Indicator`` at the end."""

    level1: str = ""
    level2: str = ""
    level3: list[Token] = field(default_factory=list)
    value: list[Token] = field(default_factory=list)
    basis: list[Token] = field(default_factory=list)
    previous: list[Token] = field(default_factory=list)
    weight: str | None = None
    first: int = 0
    last: int = 0

    @property
    def span(self) -> Span:
        return Span(self.first, max(self.first, self.last))


# Most tokens a rule or an evidence list may wrap over.
_RULE_REACH = 6
_EVIDENCE_REACH = 8


def flattened_rows(tokens: list[Token], kind: str) -> tuple[list[Draft], list[Diagnostic]]:
    """Cut ``tokens`` (the table body, split at spaces) into indicator drafts."""
    notes: list[Diagnostic] = []
    drafts: list[Draft] = []
    start = 0
    index = 0
    while index < len(tokens):
        number, text = tokens[index]
        end = _row_end(tokens, index, kind) if is_weight(text) else None
        if end is None:
            index += 1
            continue
        draft = _fill(tokens[start:index], kind, drafts, notes)
        draft.weight = text
        draft.first = draft.first or number
        draft.last = tokens[end - 1][0]
        drafts.append(draft)
        start = index = end
    rest = tokens[start:]
    if rest:
        if drafts and not _starts_row(rest):
            _continue(drafts[-1], rest)
        else:
            notes.append(
                Diagnostic(
                    "performance-unparsed-text",
                    f"绩效目标表末尾的文字“{join_tokens(rest)[:30]}”没有对应的分值权重，未能归入任何指标。",
                    Span(rest[0][0], rest[-1][0]),
                )
            )
    return drafts, notes


def _row_end(tokens: list[Token], index: int, kind: str) -> int | None:
    """Where the row whose weight is ``tokens[index]`` ends, or None if it is no weight."""
    if kind == "unit":
        # The weight is the row's last figure: nothing follows it on its line.
        following = tokens[index + 1][0] if index + 1 < len(tokens) else None
        return index + 1 if following != tokens[index][0] else None
    text, owners = _spell(tokens, index + 1, _RULE_REACH + _EVIDENCE_REACH)
    rule = RULE_RE.match(text)
    if not rule:
        return None
    # Counted in characters: a token may hold the rule's tail and the evidence.
    closing = rule.end()
    evidence = EVIDENCE_RE.match(text[closing:])
    if evidence:
        closing += evidence.end()
    return owners[closing - 1] + 1


def _spell(tokens: list[Token], start: int, reach: int) -> tuple[str, list[int]]:
    """The text of up to ``reach`` tokens and, per character, its token index."""
    text = ""
    owners: list[int] = []
    for position in range(start, min(len(tokens), start + reach)):
        piece = tokens[position][1]
        text += piece
        owners.extend([position] * len(piece))
    return text, owners


def _level_at(tokens: list[Token], at: int) -> tuple[str, str, int]:
    """(level1, level2, tokens used) for level names starting at ``at``."""
    first = match_words(tokens, at, LEVEL_WORDS)  # (the longer of a level-1 and a level-2 spelling)
    if not first:
        return "", "", 0
    name = level_name("".join(t for _, t in tokens[at : at + first]))
    second = match_words(tokens, at + first, LEVEL2_WORDS)
    if second:
        other = level_name("".join(t for _, t in tokens[at + first : at + first + second]))
        return name, other, first + second
    if LEVEL2_RE.match(name):
        return "", name, first
    return name, "", first


def _starts_row(tokens: list[Token]) -> bool:
    return any(_level_at(tokens, at)[2] for at in range(min(len(tokens), 3)))


def _fill(segment: list[Token], kind: str, drafts: list[Draft], notes: list[Diagnostic]) -> Draft:
    """Read one row's cells before its weight: levels, 三级指标, 指标值, 依据, 上年完成值."""
    draft = Draft()
    levels_at, level1, level2, used = _find_levels(segment)
    if levels_at and drafts:
        # Text before the level names ends the previous row's wrapped cell.
        _continue(drafts[-1], segment[:levels_at])
    elif levels_at:
        notes.append(
            Diagnostic("performance-unparsed-text", f"指标行前有无法归属的文字“{join_tokens(segment[:levels_at])}”。",
                       Span(segment[0][0], segment[levels_at - 1][0]), "info")
        )
    if segment[levels_at:]:
        # The row starts at its level names when it has them.
        draft.first = segment[levels_at][0]
    if used:
        segment = segment[levels_at + used :]
    previous = drafts[-1] if drafts else None
    draft.level1 = level1 or (previous.level1 if previous else "")
    draft.level2 = level2 or (previous.level2 if previous and not level1 else "")
    if level1 and not level2 and previous:
        draft.level2 = previous.level2
    if kind == "project":
        _project_cells(draft, segment)
    else:
        _unit_cells(draft, segment)
    return draft


def _find_levels(segment: list[Token]) -> tuple[int, str, str, int]:
    """Where level names start in ``segment`` (only before the 指标值)."""
    for at in range(len(segment)):
        text = segment[at][1]
        if COMPARATOR_RE.match(text) or match_words(segment, at, BASIS_WORDS, 3):
            break
        level1, level2, used = _level_at(segment, at)
        if used:
            return at, level1, level2, used
    return 0, "", "", 0


def _project_cells(draft: Draft, segment: list[Token]) -> None:
    basis_at, basis_len = 0, 0
    for at in range(len(segment)):
        basis_len = match_words(segment, at, BASIS_WORDS, 3)
        if basis_len:
            basis_at = at
            break
    if not basis_len:
        split = _value_start(segment, None)
        draft.level3, draft.value = segment[:split], segment[split:]
        return
    middle = segment[:basis_at]
    draft.basis = segment[basis_at : basis_at + basis_len]
    draft.previous = segment[basis_at + basis_len :]
    split = _value_start(middle, draft.previous)
    draft.level3, draft.value = middle[:split], middle[split:]


def _unit_cells(draft: Draft, segment: list[Token]) -> None:
    split = _value_start(segment, None)
    draft.level3 = segment[:split]
    end = split + 1 if split < len(segment) else split
    # A comparison wraps before its unit: ">=44" / "万人".
    while end < len(segment) and segment[end][1] in UNIT_WORDS:
        end += 1
    draft.value = segment[split:end]
    draft.basis = segment[end:]


def _value_start(cells: list[Token], previous: list[Token] | None) -> int:
    """Index of the first token of the 指标值 (``len(cells)`` when there is none)."""
    for at in range(1, len(cells)):
        if COMPARATOR_RE.match(cells[at][1]):
            return at
    if previous:
        # Qualitative targets are often repeated as 上年完成值 (有效减轻 / 有效减轻).
        wanted = compact(join_tokens(previous))
        for at in range(1, len(cells)):
            if compact(join_tokens(cells[at:])) == wanted:
                return at
    for at in range(len(cells) - 1, 0, -1):
        if QUALITATIVE_RE.match(cells[at][1]):
            return at
    if len(cells) > 1 and cells[-1][0] != cells[-2][0] and previous:
        # The last fragment stands on the line of the 依据: "改善 计划标准 改善 5".
        return len(cells) - 1
    return len(cells)


def _continue(draft: Draft, tokens: list[Token]) -> None:
    """Append the tail of a wrapped 三级指标 to ``draft``."""
    if not tokens:
        return
    draft.level3 = draft.level3 + tokens
    draft.last = max(draft.last, tokens[-1][0])
    draft.first = min(draft.first, tokens[0][0]) if draft.first else tokens[0][0]


def page_marks(lines: list[tuple[int, str]], kind: str) -> tuple[list[tuple[int, str]], list[Diagnostic]]:
    """Drop page numbers that the PDF dump left inside the table.

    A page number is a lone figure (or ``- 16 -``) standing after a page
    break, which the dumps render as a run of blank lines. In a project table
    a lone figure right before a 赋分规则 is a weight even then.
    """
    kept: list[tuple[int, str]] = []
    notes: list[Diagnostic] = []
    before = None
    for position, (number, text) in enumerate(lines):
        stripped = text.strip()
        # (A footer starts with a dash, a lone figure with a digit: other lines are not matched.)
        first = stripped[:1]
        footer = first in _DASHES and bool(_FOOTER_RE.match(stripped))
        lone = first.isdecimal() and bool(_LONE_RE.match(stripped))
        gap = number - before if before is not None else 0
        before = number
        if lone and not footer and gap >= _PAGE_BREAK_GAP:
            following = compact("".join(t for _, t in lines[position + 1 : position + 4]))
            if kind == "project" and RULE_RE.match(following):
                lone = False
        if footer or (lone and gap >= _PAGE_BREAK_GAP):
            notes.append(
                Diagnostic("performance-page-number", f"表中的“{stripped}”是页码，不是指标内容，已略过。", Span.at(number), "info")
            )
            continue
        kept.append((number, text))
    return kept, notes


_FOOTER_RE = re.compile(r"^[-—–]\s*\d{1,4}\s*[-—–]$")
_LONE_RE = re.compile(r"^\d{1,4}$")
_DASHES = frozenset("-—–")

# Lines of one page are separated by at most one blank line in these dumps
# (a gap of 2); a page break leaves two or more (Jiashi 1621 -> 1625).
_PAGE_BREAK_GAP = 3
