"""The structure grammar and the one transformer from its tree to dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from auditor.model import Diagnostic, LinePiece, Paragraph, Part, Section, Span
from auditor.parsing import lalr
from auditor.parsing.classify import Line, Logical, join_wrapped
from auditor.parsing.lalr import RulePlan, kept

if TYPE_CHECKING:
    from lark import Lark


def _line_lexer() -> type:
    """The lark lexer of the structure grammar (importing it imports lark)."""
    from auditor.parsing.line_lexer import LineLexer

    return LineLexer


@cache
def _parser() -> Lark:
    """lark's parser for the structure grammar: its table is what parse_structure runs on."""
    from auditor.cache import grammar

    return grammar("structure.lark", lexer=_line_lexer())


@dataclass
class Skeleton:
    """What the grammar found, before tables are read."""

    title: list[Logical] = field(default_factory=list)
    toc: list[Logical] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    tables: list[tuple[Logical, list[Logical], int | None]] = field(default_factory=list)
    performance: list[tuple[Logical, list[Logical]]] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def parse_structure(logicals: list[Logical]) -> Skeleton:
    """Parse the logical lines; never raises (skipped lines become diagnostics)."""
    skeleton = Skeleton()

    def skip(error: _Unexpected) -> bool:
        token = getattr(error, "token", None)
        line = getattr(token, "line", None)
        skeleton.diagnostics.append(
            Diagnostic(
                "unexpected-line",
                "此行不符合文件结构，已跳过。",
                Span.at(line) if isinstance(line, int) and line > 0 else None,
            )
        )
        return True

    _BUILDER.reset(logicals, skeleton)
    try:
        _run(_machine(), logicals, skip)
    except _Unexpected:  # pragma: no cover - the end of input where the table cannot end
        # As before the builder ran inline: a structure that does not parse yields nothing but diagnostics.
        empty = Skeleton(diagnostics=skeleton.diagnostics)
        empty.diagnostics.append(Diagnostic("truncated", "文件结构不完整，可能被截断。"))
        return empty
    finally:
        _BUILDER.reset([], Skeleton())  # hold no document between parses
    return skeleton


class _Tok:
    """What the builder and the error handler read of a token: its kind, index and line."""

    __slots__ = ("type", "value", "line")

    def __init__(self, type_: str, value: int, line: int) -> None:
        self.type = type_
        self.value = value
        self.line = line


def _index(token: _Tok | int) -> int:
    """The logical line a token stands for: a _Tok's (or lark Token's) value, or the index itself.

    (The driver pushes the lines of a steady run, a table's rows after the first, as their indexes.)
    """
    return token if type(token) is int else int(token.value)


class _Unexpected(Exception):
    """The token the table has no action for (what ``skip`` reads of lark's UnexpectedToken)."""

    def __init__(self, token: _Tok) -> None:
        super().__init__("unexpected line")
        self.token = token


@dataclass(frozen=True)
class _Machine:
    # state -> kind or rule name -> (True, next state) or (False, (size, reduce, rule name))
    states: dict[int, dict[str, tuple[bool, Any]]]
    start: int
    end: int


# The layout of the data below; part of the cache key (auditor/cache.py).
FORM = "structure-2"


def tables(parser: Lark) -> dict[str, Any]:
    """The LALR table lark built for the structure grammar, as plain data (auditor.parsing.lalr)."""
    return lalr.table_data(parser.parser.parser.parser.parse_table)


def _reducer(rule: RulePlan):
    """What lark's tree builder, with the builder as its transformer, does for one rule."""
    method = getattr(_BUILDER, rule.result or rule.origin, None) if rule.result is not None else None
    # The shapes lalr.py names give kept()'s result without walking the modes:
    if rule.shape == lalr.SINGLE:
        return _only_child  # ?block: paragraph -> the paragraph
    if rule.shape == lalr.WRAP:
        # Every child kept: the children themselves (a fresh slice of the stack).
        return method if method is not None else _as_is

    def reduce(children: list) -> Any:
        kids = kept(rule, children)
        if rule.result is None:
            return kids
        if rule.result == "" and len(kids) == 1:
            return kids[0]  # a ?rule with one child is that child
        return method(kids) if method is not None else kids

    return reduce


def _only_child(children: list) -> Any:
    return children[0]


def _as_is(children: list) -> list:
    return children


@dataclass(frozen=True, slots=True)
class _Reduction:
    size: int
    reduce: Any  # children -> value (_reducer)
    origin: str
    # An inlined list growing by one token (``TROW*``: most reductions of a document):
    # the driver appends in place, which is what kept() gives, without slicing the stacks.
    appends: bool


def _from_tables(data: dict[str, Any]) -> _Machine:
    reducers = [
        _Reduction(rule.size, _reducer(rule), rule.origin, rule.shape == lalr.APPEND) for rule in lalr.plans(data)
    ]
    return _Machine(lalr.states(data, reducers), data["start"], data["end"])


@cache
def _machine() -> _Machine:
    """The structure grammar's LALR table, from the private cache when it can be (no lark import).

    The builder sees the children lark's own parse gave its methods (tests/test_structure_driver.py),
    except that the lines of a steady run come as their indexes (see _run); lark's Tokens and
    per-token bookkeeping are spared.
    """
    from auditor.cache import grammar_tables

    return _from_tables(grammar_tables("structure.lark", FORM, lambda: tables(_parser())))


def _run(machine: _Machine, logicals: list[Logical], on_error) -> Any:
    """Feed the logical lines through the table as lark's LALR parser does.

    A line the table has no action for (after any reductions it caused) is reported to
    ``on_error`` and dropped; the parse goes on with the next line. (Through ``Lark.parse``
    a custom lexer restarts from the first line after an error, which never ends.) The
    end of input where the table cannot end is reported and raised, as lark does.
    """
    states = machine.states
    stack = [machine.start]
    values: list[Any] = []
    line = 1
    # (the three top states, a kind) where a token of that kind only appends the
    # previous one to the list below it and takes its place: a table's next row.
    steady: set[tuple[int, int, int, str]] = set()
    # The kind of the last line that took the steady step: that step leaves the stack as it
    # was, so a next line of the same kind has the same key (a table's rows, one after another).
    steady_kind = None
    # A line that takes the steady step is pushed as its index alone, not as a _Tok: it can
    # meet no error, and the lists it goes into are read by the builder through _index.
    for index, logical in enumerate(logicals):
        kind = logical.kind
        if kind == steady_kind:
            values[-2].append(values[-1])
            values[-1] = index
            continue
        key = (stack[-3], stack[-2], stack[-1], kind) if len(stack) >= 3 else None
        if key in steady:
            # What the table does here, known from the last time: reduce by an APPEND
            # rule (which leads back to the same state) and shift into the same state.
            values[-2].append(values[-1])
            values[-1] = index
            steady_kind = kind
            continue
        steady_kind = None
        line = logical.lines[0].number  # (Logical.first)
        token = _Tok(kind, index, line)
        appended = others = 0
        # The loop of _reduce, inlined: a document has a reduction or two per line.
        while True:
            action = states[stack[-1]].get(kind)
            if action is None:
                on_error(_Unexpected(token))
                break
            shift, arg = action
            if shift:
                stack.append(arg)
                values.append(token)
                if key is not None and appended == 1 and not others and tuple(stack[-3:]) == key[:3]:
                    steady.add(key)
                break
            if arg.appends:
                appended += 1
                child = values.pop()
                values[-1].append(child)
                del stack[-2:]
                stack.append(states[stack[-1]][arg.origin][1])
            else:
                others += 1
                _reduce(states, stack, values, arg)
    end = _Tok("$END", -1, logicals[-1].lines[0].number if logicals else line)  # (the last line's)
    while True:
        action = states[stack[-1]].get("$END")
        if action is None:
            error = _Unexpected(end)
            on_error(error)
            raise error
        _reduce(states, stack, values, action[1])
        if stack[-1] == machine.end:
            return values[-1]


def _reduce(states: dict, stack: list[int], values: list[Any], rule: _Reduction) -> None:
    if rule.appends:
        # (the list, the new token) -> the same list, one longer
        token = values.pop()
        values[-1].append(token)
        del stack[-2:]
    else:
        size = rule.size
        children = values[-size:] if size else []
        if size:
            del stack[-size:]
            del values[-size:]
        values.append(rule.reduce(children))
    stack.append(states[stack[-1]][rule.origin][1])


def paragraph_of(logical: Logical) -> Paragraph:
    """A paragraph whose pieces map text offsets back to original lines."""
    pieces: list[LinePiece] = []
    text = ""
    for line in logical.lines:
        piece = line.text.strip()
        if not piece:
            continue
        if text:
            joined = join_wrapped(text, piece)
            pieces.append(LinePiece(len(joined) - len(piece), line.number))
            text = joined
        else:
            pieces.append(LinePiece(0, line.number))
            text = piece
    return Paragraph(text, Span(logical.first, logical.last), tuple(pieces))


class _Builder:
    """Builds Parts and Sections as the table reduces; tables are collected for later."""

    def __init__(self) -> None:
        self.reset([], Skeleton())

    def reset(self, logicals: list[Logical], skeleton: Skeleton) -> None:
        self.logicals = logicals
        self.skeleton = skeleton
        self.current_part: int | None = None

    def _logical(self, token: _Tok | int) -> Logical:
        return self.logicals[_index(token)]

    # leaves --------------------------------------------------------------
    def title(self, children):
        self.skeleton.title = [self._logical(t) for t in children]
        return None

    def toc(self, children):
        self.skeleton.toc = [self._logical(t) for t in children[1:]]
        return None

    def paragraph(self, children):
        return paragraph_of(self._logical(children[0]))

    def table(self, children):
        head = self._logical(children[0])
        logicals = self.logicals  # (what _logical reads: a table has hundreds of rows)
        rows = [logicals[_index(t)] for t in children[1:]]
        self.skeleton.tables.append((head, rows, None))
        return ("table", head.first, rows[-1].last if rows else head.last)

    def performance_table(self, children):
        head = self._logical(children[0])
        logicals = self.logicals
        rows = [logicals[_index(t)] for t in children[1:]]
        self.skeleton.performance.append((head, rows))
        return ("performance", head.first, rows[-1].last if rows else head.last)

    # sections ------------------------------------------------------------
    def _section(self, children, depth: int):
        head = self._logical(children[0])
        paragraphs: list[Paragraph] = []
        subsections: list[Section] = []
        last = head.last
        heading_text = head.text
        if _is_numbered_paragraph(head):
            paragraphs.append(paragraph_of(_without_label(head)))
        for child in children[1:]:
            if isinstance(child, Paragraph):
                paragraphs.append(child)
                last = max(last, child.span.end_line)
            elif isinstance(child, _PendingSection):
                subsections.append(child)
                last = max(last, child.span.end_line)
            elif isinstance(child, tuple):
                last = max(last, child[2])
        return _PendingSection(
            head.number or 0,
            head.label,
            _title_of(heading_text),
            Span(head.first, last),
            Span(head.first, head.last),
            paragraphs,
            subsections,
        )

    def section4(self, children):
        return self._section(children, 4)

    def section3(self, children):
        return self._section(children, 3)

    def section2(self, children):
        return self._section(children, 2)

    def section1(self, children):
        return self._section(children, 1)

    def part(self, children):
        head = self._logical(children[0])
        number = head.number or 0
        paragraphs = [c for c in children[1:] if isinstance(c, Paragraph)]
        pending = [c for c in children[1:] if isinstance(c, _PendingSection)]
        last = head.last
        for child in children[1:]:
            if isinstance(child, (Paragraph, _PendingSection)):
                last = max(last, child.span.end_line)
            elif isinstance(child, tuple):
                last = max(last, child[2])
        sections = tuple(p.freeze(number, ()) for p in pending)
        part = Part(number, head.text, Span(head.first, last), Span(head.first, head.last),
                    tuple(paragraphs), sections, implicit=bool(head.extra.get("implicit")))
        self.skeleton.parts.append(part)
        return part

    def start(self, children):
        return children


_BUILDER = _Builder()


@dataclass
class _PendingSection:
    """A section before its part number and number path are known."""

    number: int
    label: str
    title: str
    span: Span
    heading_span: Span
    paragraphs: list[Paragraph]
    subsections: list[_PendingSection]

    def freeze(self, part: int, parent: tuple[int, ...]) -> Section:
        path = (*parent, self.number)
        return Section(
            number=path,
            label=self.label,
            title=self.title,
            span=self.span,
            heading_span=self.heading_span,
            part=part,
            paragraphs=tuple(self.paragraphs),
            subsections=tuple(s.freeze(part, path) for s in self.subsections),
        )


def _is_numbered_paragraph(head: Logical) -> bool:
    """A numbered line that is a sentence with content, not just a title."""
    text = head.text
    if text.startswith("关于") and text.endswith("说明"):
        return False
    return len(text) > 40 or any(mark in text for mark in "。;:,") or any(ch.isdigit() for ch in text)


def _without_label(head: Logical) -> Logical:
    """The heading's logical line with its numbering label cut from the first line."""
    first = head.lines[0]
    stripped = first.text.strip()
    rest = stripped[len(head.label):].lstrip() if stripped.startswith(head.label) else stripped
    lines = [Line(first.number, rest), *head.lines[1:]]
    return Logical(head.kind, lines, head.number, head.style, head.label, head.text)


def _title_of(text: str) -> str:
    """A heading's title: the text up to the first sentence mark, at most 60 characters."""
    for mark in ("。", ":", ";"):
        if mark in text:
            text = text.split(mark, 1)[0]
    return text.strip()[:60]
