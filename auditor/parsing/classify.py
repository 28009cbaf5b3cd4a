"""The line classifier in front of the structure grammar.

Each non-blank line of the normalised text becomes one logical line with a
kind; the kinds are the terminals of ``grammars/structure.lark``. The
classifier keeps a little state because the same text means different things
in different places: ``一、本年收入`` opens a heading in 第三部分 but is a row
inside 表1, and the 目录 repeats every heading without being the body.

Headings get their depth from the order their numbering styles appear in
(like nested lists): ``一、`` then ``(一)`` then ``1、`` then ``(1)``, but a
document that skips a style still nests correctly, so the grammar always
receives a well-formed stream.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from auditor.reading.normalize import HAN_CHARACTER, is_page_footer

if TYPE_CHECKING:
    from auditor.template.model import Template

CN_DIGITS = "零一二三四五六七八九十"

PART_RE = re.compile(r"^\s*第\s*([一二三四五六七八九十])\s*部分\s*(.*)$")
TABLE_NO_RE = re.compile(r"^\s*表\s*(\d{1,2})\s*$")
PERF_RE = re.compile(r"^\s*((?:部门|单位)整体绩效目标表|项目支出绩效目标表)\s*$")
H1_RE = re.compile(r"^\s*([一二三四五六七八九十]{1,3})\s*、\s*(.*)$")
H2_RE = re.compile(r"^\s*\(\s*([一二三四五六七八九十]{1,3})\s*\)\s*(.*)$")
H3_RE = re.compile(r"^\s*(\d{1,2})\s*(?:、|\.(?!\d)|\.(?=\d{4}\s*年))\s*(.*)$")
H4_RE = re.compile(r"^\s*\(\s*(\d{1,2})\s*\)\s*(.*)$")
TOC_RE = re.compile(r"^\s*目\s*录\s*$")
TITLE_WITH_COMPILER_RE = re.compile(r"^(.*表)编制(?:部门|单位):.*$")
LEADER_RE = re.compile(r"[…·.]{2,}\d*$")
TITLE_RE = re.compile(r"(\d{4})\s*年\s*(部门|单位)预算(?:公开)?\s*$")

# How a complete section title ends (the 决算 template's titles all do).
FINISHED_HEADINGS = ("情况说明", "总体情况", "结构情况", "具体情况", "管理情况", "支出情况")
# Sentence-final punctuation: a line ending with one closes its paragraph.
TERMINATORS = "。!?;:！？；："
LABEL_RE = re.compile(rf"^\s*(?:{HAN_CHARACTER}|[()]){{2,12}}\s*:")


# Not frozen: a frozen dataclass sets each field through object.__setattr__, and a Line
# is made for every non-blank line of every document. Nothing changes one after it is
# made; unsafe_hash keeps it hashable and compared by value, as it was.
@dataclass(slots=True, unsafe_hash=True)
class Line:
    number: int  # original 1-based line number
    text: str  # normalised


# The extra of the logical lines that have none to tell (a table's rows): nothing writes to it.
_NO_EXTRA: Mapping[str, Any] = MappingProxyType({})


@dataclass(slots=True)
class Logical:
    """One terminal for the grammar: a kind and the lines it covers."""

    kind: str
    lines: list[Line]
    number: int | None = None  # heading number / part number / table number
    style: str | None = None  # heading numbering style: "cn", "(cn)", "ar", "(ar)"
    label: str = ""  # numbering as printed
    text: str = ""  # joined text (heading title or paragraph)
    extra: Mapping[str, Any] = field(default_factory=dict)  # read only ("implicit", "kind", "titled")

    @property
    def first(self) -> int:
        return self.lines[0].number

    @property
    def last(self) -> int:
        return self.lines[-1].number


def cn_number(text: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十一 → 21."""
    if not text or any(ch not in CN_DIGITS for ch in text):
        return None
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (CN_DIGITS.index(tens) if tens else 1) * 10 + (CN_DIGITS.index(ones) if ones else 0)
    return CN_DIGITS.index(text) if len(text) == 1 else None


# The heading patterns a stripped line can match, by its first character: most
# lines (table rows, prose) start with none of these and are not matched at all.
_CN_HEADINGS = (("cn", H1_RE),)
_PARENTHESISED_HEADINGS = (("(cn)", H2_RE), ("(ar)", H4_RE))
_ARABIC_HEADINGS = (("ar", H3_RE),)


# The first characters of the cn and (cn) headings' patterns (see _heading_patterns).
_CN_OR_PARENTHESIS = frozenset(CN_DIGITS + "(")


def _heading_patterns(first: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    if first in CN_DIGITS:
        return _CN_HEADINGS
    if first == "(":
        return _PARENTHESISED_HEADINGS
    if first.isdecimal():  # what \d matches
        return _ARABIC_HEADINGS
    return ()


def _heading(text: str) -> tuple[str, int, str, str] | None:
    """(style, number, label, rest) for a numbered heading line (``text`` stripped, not empty)."""
    for style, regex in _heading_patterns(text[0]):
        match = regex.match(text)
        if not match:
            continue
        raw, rest = match.group(1), match.group(2)
        number = cn_number(raw) if style in ("cn", "(cn)") else int(raw)
        if number is None:
            continue
        label = text[: match.start(2)].strip()
        return style, number, label, rest.strip()
    return None


_PROSE_MARK = re.compile("[,。、]")


def _width(lines: list[Line]) -> int:
    """The wrap width of hard-wrapped narrative: the median length of prose lines.

    Prose lines are told apart from table cells by their punctuation; the
    median is robust against the few long lines of performance tables.
    """
    lengths = sorted(
        length
        for line in lines
        if (length := len(line.text.strip())) > 8 and _PROSE_MARK.search(line.text)
    )
    if not lengths:
        return 40
    return lengths[len(lengths) // 2]


class Classifier:
    """Turns normalised lines into logical lines for the structure grammar."""

    def __init__(self, lines: list[Line], rendering: str, template: Template | None = None) -> None:
        self.lines = [line for line in lines if line.text.strip()]
        # Templates whose parts are headed by words (上海: "XX局主要职能") and whose
        # tables start at their titles instead of a 表N line.
        self.template = template
        self.part_words = template.part_headings if template is not None else {}
        self.titled = template if template is not None and template.table_numbering == "title" else None
        # Neither titled tables nor worded parts: only 第/表 lines can open a part or a table.
        self.plain = self.titled is None and not self.part_words
        self.repeated = template.repeated_parts if template is not None else frozenset()
        self.items = 0  # items of a repeated part seen so far
        # No 第X部分 and no 目录: a fragment (a 说明, one section, one note),
        # read whole as an implicit 第三部分 instead of as one long title.
        # (Parts headed by the template's words, or tables led by their titles,
        # make it a structured document too.)
        self.implicit = bool(self.lines) and not any(
            PART_RE.match(line.text) or TOC_RE.match(line.text) or self._part_of(line.text) is not None
            for line in self.lines
        )
        self.rendering = rendering
        self.width = _width(self.lines)
        self.out: list[Logical] = []
        self.mode = "preamble"  # preamble | toc | body | table | perf
        self.toc_parts: set[int] = set()
        self.part: int | None = None
        self.styles: list[str] = []  # heading style stack

    # -- public ---------------------------------------------------------
    def run(self) -> list[Logical]:
        if self.implicit:
            self.mode, self.part = "body", 3
            self._emit("PART", self.lines[0], number=3, text="", extra={"implicit": True})
        for line in self.lines:
            self._feed(line)
        return self.out

    # -- state machine ----------------------------------------------------
    def _feed(self, line: Line) -> None:
        text = line.text.strip()
        if self.mode == "table" and self.plain and text[0] not in "第表" and text[-1] != "表":
            # A table's row, as most lines of a document are: none of the checks below the
            # ones for a table's lines can hold (no part, table number or performance title).
            if not self._table_line(line, text):
                self._body_line(line, text)
            return
        if self.mode == "perf" and self.plain and text[0] != "第" and text[-1] != "表":
            # The same for a performance table's row (a 表 line may be the next table's title).
            if not self._performance_line(line, text):
                self._body_line(line, text)
            return
        if self.mode not in ("table", "perf") and is_page_footer(text):
            # Inside tables the region readers drop footers themselves: where a
            # footer stands tells them a page broke there.
            return
        if self.titled is not None and self._titled(line, text):
            return
        if self.part_words and self._worded_part(line, text):
            return
        part = PART_RE.match(text) if text[0] == "第" else None  # (the line is stripped)
        if self.mode == "preamble" and TOC_RE.match(text):
            self.mode = "toc"
            self._emit("TOC_HEAD", line)
            return
        if part:
            number = cn_number(part.group(1))
            if self.mode == "toc" and number not in self.toc_parts:
                self.toc_parts.add(number or 0)
                self._emit("TOC_ENTRY", line, text=text)
                return
            self.mode = "body"
            self.part = number
            self.styles = []
            self._emit("PART", line, number=number, text=part.group(2).strip())
            return
        if self.mode == "toc":
            if self._continues(line):
                return
            self._emit("TOC_ENTRY", line, text=text)
            return
        if self.mode == "preamble" and not (self.template is None and TABLE_NO_RE.match(text)):
            self._emit("TITLE", line, text=text)
            return
        table_no = TABLE_NO_RE.match(text) if text[0] == "表" and self.mode in ("preamble", "body", "table") else None
        if table_no:
            if self.mode == "preamble" and self.template is None:
                # A document no template describes may have tables and no part
                # headings at all: they stand in an unnumbered part.
                self.part = 0
                self._emit("PART", line, number=0, text="")
            self.mode = "table"
            self._emit("TABLE_NO", line, number=int(table_no.group(1)))
            return
        perf = PERF_RE.match(text) if text[-1] == "表" and self.mode in ("body", "perf", "table") else None
        if perf:
            self.mode = "perf"
            kind = "project" if perf.group(1).startswith("项目") else "unit"
            self._emit("PERF_TITLE", line, text=perf.group(1), extra={"kind": kind})
            return
        if self.mode == "table" and self._table_line(line, text):
            return
        if self.mode == "perf" and self._performance_line(line, text):
            return
        self._body_line(line, text)

    def _body_line(self, line: Line, text: str) -> None:
        """A line of the body: a heading, the wrap of the line before, or a paragraph."""
        heading = _heading(text)
        if heading:
            self._heading(line, *heading)
            return
        if self._continues(line):
            return
        self._emit("PARA", line, text=text)

    def _table_line(self, line: Line, text: str) -> bool:
        """A line inside a table is a row, unless a heading of 第三部分 ends the table (False)."""
        if self.part == 3 and _heading(text):
            self.mode = "body"
            return False
        # (_emit, for most lines: inlined, with its fields by position: kind, lines, number,
        # style, label, text, extra; keywords cost more to match than the rest of the call.
        # A row has no extra: it shares one empty, read-only mapping instead of a dict each.)
        self.out.append(Logical("TROW", [line], None, None, "", text, _NO_EXTRA))
        return True

    def _performance_line(self, line: Line, text: str) -> bool:
        """A line inside a performance table is a row, unless a 一、 or (一) heading ends the table (False)."""
        # (Only a line starting with a numeral or a parenthesis can be one: most rows are not matched.)
        heading = _heading(text) if text[0] in _CN_OR_PARENTHESIS else None
        if heading and heading[0] in ("cn", "(cn)"):
            self.mode = "body"
            return False
        self.out.append(Logical("PROW", [line], None, None, "", text, _NO_EXTRA))  # (as a table's row)
        return True

    # -- templates with worded part headings and titled tables -------------
    def _titled(self, line: Line, text: str) -> bool:
        """A table title opens a table (and the tables' part, if not open yet)."""
        if self.mode not in ("preamble", "body", "table") or "\t" in text:
            return False
        # A PDF line may carry the 编制部门/单位 line after the title.
        compact = TITLE_WITH_COMPILER_RE.sub(r"\1", "".join(text.split()))
        if not compact.endswith("表") or len(compact) > 45 or compact[-2:] == "目录":
            return False
        template = self.titled
        assert template is not None
        entry = template.table_of_kind(template.kind_of_title(compact))
        if entry is None:
            return False
        if template.tables_part is not None and (self.part or 0) < template.tables_part:
            self.part = template.tables_part
            self.styles = []
            self._emit("PART", line, number=template.tables_part, text=template.parts.get(template.tables_part, ""))
        self.mode = "table"
        self._emit("TABLE_NO", line, number=entry.number, extra={"titled": True})
        return True

    def _worded_part(self, line: Line, text: str) -> bool:
        """A line that heads a part by its words (目录 entries while in the 目录)."""
        number = self._part_of(text)
        if number is None:
            return False
        if self.mode == "toc" and number not in self.toc_parts:
            self.toc_parts.add(number)
            self._emit("TOC_ENTRY", line, text=text)
            return True
        opens = self.mode in ("toc", "preamble") or (self.part or 0) < number
        if opens:
            self.mode = "body"
            self.part = number
            self.styles = []
            title = self.titled.parts.get(number, text) if number in self.repeated and self.titled else text
            self._emit("PART", line, number=number, text=title)
        if number in self.repeated and (opens or self.part == number):
            # Each "XX经费情况说明" is one item of the part: a top-level section,
            # its own 一、二、… nested below it.
            self.mode = "body"
            self.items += 1
            self.styles = ["item"]
            self._emit("H1", line, number=self.items, style="item", label="", text=text)
            return True
        return opens

    def _part_of(self, text: str) -> int | None:
        # A 目录 entry ends with leader dots and perhaps a page number.
        compact = LEADER_RE.sub("", "".join(text.split()))
        if not compact or len(compact) > 40 or compact[-1] in TERMINATORS or "\t" in text:
            return None
        numbered = H1_RE.match(compact)
        body = numbered.group(2) if numbered else compact
        for number, words in self.part_words.items():
            if any(body.endswith(word) for word in words):
                return number
        return None

    def _heading(self, line: Line, style: str, number: int, label: str, rest: str) -> None:
        if style in self.styles:
            del self.styles[self.styles.index(style) + 1 :]
        else:
            self.styles.append(style)
        depth = min(len(self.styles), 4)
        self._emit(f"H{depth}", line, number=number, style=style, label=label, text=rest)

    # -- joining wrapped lines ----------------------------------------------
    def _continues(self, line: Line) -> bool:
        """Append ``line`` to the previous logical line when it is a hard wrap."""
        if not self.out:
            return False
        prev = self.out[-1]
        if prev.kind not in ("PARA", "TOC_ENTRY", "TITLE") and not prev.kind.startswith("H"):
            return False
        if prev.kind == "TITLE":
            return False
        last = prev.lines[-1].text.strip()
        text = line.text.strip()
        if not last or last[-1] in TERMINATORS:
            return False
        label = LABEL_RE.match(text) if ":" in text else None  # (the pattern ends with the colon)
        if label and (prev.kind == "PARA" or (prev.kind.startswith("H") and "(" not in label.group(0))):
            # "设立的政策依据:" opens a new paragraph; "位离退休(项):" finishes a wrapped heading.
            return False
        if prev.kind.startswith("H") or prev.kind == "TOC_ENTRY":
            if prev.text.startswith("关于") or prev.kind == "TOC_ENTRY":
                # A title wraps only until it reads "…说明"; what follows is body text.
                if not _unfinished_heading(prev):
                    return False
            elif len(last) < 0.75 * self.width or prev.text.endswith(FINISHED_HEADINGS):
                # "五、…决算情况说明" is a whole title however long: the 决算
                # template's titles end so, and the paragraph under it starts anew.
                return False
        elif len(last) < 0.75 * self.width:
            return False
        prev.lines.append(line)
        prev.text = join_wrapped(prev.text, text)
        return True

    def _emit(self, kind: str, line: Line, **fields) -> None:
        self.out.append(Logical(kind, [line], **fields))


def _unfinished_heading(prev: Logical) -> bool:
    # "一、关于…部门" wrapped before "…情况的总体说明".
    return prev.kind in ("H1", "H2", "TOC_ENTRY") and "关于" in prev.text and not prev.text.endswith("说明")


def join_wrapped(left: str, right: str) -> str:
    """Join a hard wrap: no space between CJK characters, one between ASCII words."""
    if left and right and left[-1].isascii() and right[0].isascii() and left[-1].isalnum() and right[0].isalnum():
        return left + " " + right
    return left + right
