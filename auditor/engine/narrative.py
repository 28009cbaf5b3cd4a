"""What an expression can see of the narrative: claims, paragraphs and pattern matches.

``claims(section=…, kind=…)`` gives the figures that 第三部分 states (computed
once per document by the runner, see auditor/claims); ``paragraphs(section=…)``
the paragraphs; ``matches(text, pattern)`` the matches of a regular expression
whose named groups read as quantities. Patterns are checked when the rule
loads (:func:`pattern_problem`) and run on bounded pieces of text, so that no
rule can hang the tool.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, ClassVar

from auditor.claims.model import Claim
from auditor.engine.views import ExpressionError, NotEvaluable, View
from auditor.model import Document, Paragraph, Span
from auditor.quantity import Quantity, QuantityError, Truth

try:  # the regex parser of the standard library (renamed in 3.11)
    import re._parser as _sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

CLAIM_KINDS = ("amount", "share", "change", "rate", "direction", "any")
MAX_PATTERN = 200  # characters of a pattern
CHUNK = 200  # a pattern runs on one sentence at a time, at most this many characters
BEFORE = 50  # characters of text before a match that .before gives
MAX_CHOICES = 2 * (CHUNK + 1) ** 2  # ways repeats may split a sentence: two unbounded repeats and an optional part
# Estimated backtracking steps on one sentence (start positions × ways × rescans): about 0.03 s.
MAX_STEPS = 2 * CHUNK * CHUNK * (CHUNK + 1)
# Estimated backtracking steps all matches() of one rule on one document may take (~2 s at worst):
# the text is scanned in linear time, the estimate of each sentence depending on the pattern.
MAX_REGEX_STEPS = 1_000_000_000
SENTENCE_END = re.compile(r"[。！？；;\n]")


class LocatedText(str):
    """Text that remembers the paragraph it comes from, so matches() can tell lines."""

    paragraph: Paragraph | None = None

    @classmethod
    def of(cls, paragraph: Paragraph) -> LocatedText:
        text = cls(paragraph.text)
        text.paragraph = paragraph
        return text


@dataclass(eq=False, repr=False)  # never compared, printed or changed: not frozen, cheaper to create
class ParagraphView(View):
    paragraph: Paragraph
    section: str

    LABEL: ClassVar[str] = "段落"
    ATTRIBUTES: ClassVar[tuple[str, ...]] = ("text", "line", "end_line", "section")

    @property
    def span(self) -> Span:
        return self.paragraph.span

    def a_text(self) -> LocatedText:
        self.tracker.touch(self.paragraph.span)
        return LocatedText.of(self.paragraph)

    def a_line(self) -> Quantity:
        return Quantity.exact(self.paragraph.span.line)

    def a_end_line(self) -> Quantity:
        return Quantity.exact(self.paragraph.span.end_line)

    def a_section(self) -> str:
        return self.section


@dataclass(eq=False, repr=False)  # never compared, printed or changed: not frozen, cheaper to create
class ClaimView(View):
    """One figure the narrative states, seen as ``kind`` (amount, share, change, rate, direction)."""

    claim: Claim
    kind: str

    LABEL: ClassVar[str] = "说明"
    ATTRIBUTES: ClassVar[tuple[str, ...]] = (
        "value", "of", "table_value", "line", "text", "subject", "section", "amount", "direction",
        "rate_direction", "table_number", "previous", "stated", "change", "rate", "resolved", "whole",
        "reason", "change_text", "rate_text", "amount_text", "written_previous", "previous_text",
        "change_disagrees", "wrong_base", "flat",
    )

    @property
    def span(self) -> Span:
        return self.claim.span

    def _need(self, figure, what: str) -> Quantity:
        if figure is None:
            raise NotEvaluable(f"第 {self.claim.span.line} 行的说明没有{what}")
        return figure.quantity

    def a_value(self) -> Any:
        claim = self.claim
        if self.kind == "share":
            return self._need(claim.share, "占比")
        if self.kind == "change":
            return self.a_change()
        if self.kind == "rate":
            return self.a_rate()
        if self.kind == "direction":
            return claim.direction or ""
        return self._need(claim.amount, "金额")

    def a_change(self) -> Quantity:
        """The change, negative for 减少: this year = last year + change."""
        change = self._need(self.claim.change, "增减额")
        return -change if self.claim.direction == "减少" else change

    def a_rate(self) -> Quantity:
        """The rate, negative for 下降 (or 减少 when no rate word): change = last year × rate."""
        rate = self._need(self.claim.rate, "增减率")
        word = self.claim.rate_direction or self.claim.direction
        return -rate if word in ("下降", "减少") else rate

    def a_stated(self) -> str:
        """The figure of this kind as written ("97.47%", "1.90 万元")."""
        figure = {"share": self.claim.share, "change": self.claim.change, "rate": self.claim.rate,
                  "amount": self.claim.amount}.get(self.kind)
        if self.kind == "direction":
            return self.claim.direction or ""
        return figure.text if figure else ""

    def a_of(self) -> Any:
        """What the figure is a share or change of: the whole for a share, last year for a rate."""
        claim = self.claim
        if self.kind == "share":
            if claim.whole is None:
                raise NotEvaluable(f"第 {claim.span.line} 行的占比找不到总额")
            return claim.whole.quantity
        if self.kind == "rate":
            return self.a_previous()
        if self.kind in ("change", "direction"):
            return self._need(claim.amount, "金额")
        return claim.label

    def a_previous(self) -> Quantity:
        """Last year's figure: this year's amount minus the (signed) change."""
        claim = self.claim
        if claim.direction not in ("增加", "减少"):
            raise NotEvaluable(f"第 {claim.span.line} 行的说明没有增减方向")
        return self._need(claim.amount, "金额") - self.a_change()

    def a_amount(self) -> Quantity:
        return self._need(self.claim.amount, "金额")

    def a_table_value(self) -> Quantity:
        resolution = self.claim.resolution
        if resolution is None:
            raise NotEvaluable(f"第 {self.claim.span.line} 行的说明没有对应的表格数字")
        self.tracker.touch(self.claim.span, resolution.table)
        return resolution.figure

    def a_whole(self) -> str:
        """The total a share is of, as written ("625.99 万元"); empty when there is none."""
        return self.claim.whole.text if self.claim.whole else ""

    def a_reason(self) -> str:
        """The reason given for the change ("主要原因是…"), or empty."""
        return self.claim.reason or ""

    def a_change_text(self) -> str:
        return self.claim.change.text if self.claim.change else ""

    def a_rate_text(self) -> str:
        return self.claim.rate.text if self.claim.rate else ""

    def a_amount_text(self) -> str:
        return self.claim.amount.text if self.claim.amount else ""

    def a_written_previous(self) -> Quantity:
        """Last year's figure as the sentence writes it ("上年 600.00 万元"); not evaluable when it does not."""
        return self._need(self.claim.previous, "上年数")

    def a_previous_text(self) -> str:
        return self.claim.previous.text if self.claim.previous else ""

    def a_flat(self) -> bool:
        """The sentence says 持平 (or 无变化)."""
        return self.claim.flat

    def a_change_disagrees(self) -> bool:
        """Both years are written and their difference is not the stated change (BD-S008's finding)."""
        from auditor.claims.internal import change_disagrees

        return change_disagrees(self.claim)

    def a_wrong_base(self) -> bool:
        """The rate is the change over this year's amount, not last year's (BD-S004's finding)."""
        from auditor.claims.internal import on_wrong_base

        return on_wrong_base(self.claim)

    def a_resolved(self) -> bool:
        """Whether the claim restates a table figure (then .table_value exists)."""
        return self.claim.resolution is not None

    def a_table_number(self) -> Quantity:
        resolution = self.claim.resolution
        if resolution is None:
            raise NotEvaluable(f"第 {self.claim.span.line} 行的说明没有对应的表格")
        return Quantity.exact(resolution.table)

    def a_line(self) -> Quantity:
        return Quantity.exact(self.claim.span.line)

    def a_text(self) -> str:
        return str(self.claim.extra.get("text", ""))

    def a_subject(self) -> str:
        return self.claim.label

    def a_section(self) -> str:
        return self.claim.section

    def a_direction(self) -> str:
        return self.claim.direction or ""

    def a_rate_direction(self) -> str:
        return self.claim.rate_direction or ""


@dataclass(eq=False, repr=False)  # never compared, printed or changed: not frozen, cheaper to create
class MatchView(View):
    """One match of a pattern: ``m["name"]`` is a named group, a quantity when it reads as one."""

    match: re.Match[str]
    paragraph: Paragraph | None
    offset: int  # where the matched piece starts in the paragraph
    source: str = ""  # the whole text the pattern ran on

    LABEL: ClassVar[str] = "匹配"
    ATTRIBUTES: ClassVar[tuple[str, ...]] = ("text", "line", "end_line", "paragraph_line", "before")

    @property
    def span(self) -> Span:
        return self.span_of(0)

    def span_of(self, group: int | str) -> Span:
        if self.paragraph is None:
            return Span(1, 1)
        start, end = self.match.span(group)
        return self.paragraph.span_of(self.offset + start, self.offset + end)

    def group(self, name: str) -> Any:
        if name not in self.match.re.groupindex:
            raise ExpressionError(f"模式中没有名为 {name} 的组（有：{'、'.join(self.match.re.groupindex) or '无'}）")
        text = self.match.group(name)
        if text is None:
            raise NotEvaluable(f"组 {name} 没有匹配到文字")
        self.tracker.touch(self.span_of(name), row=True)  # a finding on it points at the group's line
        try:
            return Quantity.parse(text)
        except QuantityError:
            return text

    def a_text(self) -> str:
        return self.match.group(0)

    def a_line(self) -> Quantity:
        return Quantity.exact(self.span.line)

    def a_end_line(self) -> Quantity:
        return Quantity.exact(self.span.end_line)

    def a_before(self) -> str:
        """The text just before the match (at most BEFORE characters): tail(m.before, 6)."""
        start = self.offset + self.match.start()
        return self.source[max(0, start - BEFORE):start]

    def a_paragraph_line(self) -> Quantity:
        """The first line of the paragraph the match is in (to report once per paragraph)."""
        return Quantity.exact(self.paragraph.span.line if self.paragraph else 1)


# -- selector functions ---------------------------------------------------------------
def section_filter(section: Any) -> str | None:
    if section is None:
        return None
    if isinstance(section, Quantity) and section.is_exact:
        return str(int(section.value))
    if isinstance(section, str) and re.fullmatch(r"\d+(\.\d+)*", section):
        return section
    raise ExpressionError("section= 应为章节号，例如 10 或 \"12.1\"")


def in_section(dotted: str, wanted: str | None) -> bool:
    return wanted is None or dotted == wanted or dotted.startswith(wanted + ".")


def claims_of(ev: Any, section: Any = None, kind: Any = "amount") -> list[ClaimView]:
    if kind not in CLAIM_KINDS:
        raise ExpressionError(f"claims() 的 kind 应为 {'、'.join(CLAIM_KINDS)} 之一")
    wanted = section_filter(section)
    if kind == "any":  # every claim, whatever figures it states (its .value is then its amount)
        return [ClaimView(ev.tracker, claim, "amount") for claim in ev.claims.claims if in_section(claim.section, wanted)]
    return [ClaimView(ev.tracker, claim, kind) for claim in ev.claims.claims
            if getattr(claim, kind) is not None and (wanted is None or in_section(claim.section, wanted))]


def paragraphs_of(ev: Any, section: Any = None, part: Any = None, headings: Any = None,
                  under: Any = None) -> list[ParagraphView]:
    """Paragraphs of 第三部分 (or of ``part``; part=0: every part), headings too with headings=true;
    with under="关键词", only those under a heading (or a heading above it) containing the word."""
    wanted = section_filter(section)
    which = int(part.value) if isinstance(part, Quantity) and part.is_exact else 3
    with_headings = headings is Truth.TRUE
    if under is not None and (not isinstance(under, str) or not under.strip() or len(under) > 50):
        raise ExpressionError("under= 应为标题中的关键词")
    if under is not None:
        from auditor.engine.checks.statements import _under

    found = []
    for owner, paragraph in _paragraphs(ev.document, which, with_headings):
        dotted = owner.dotted if owner else ""  # once per paragraph, for the filter and the view
        if in_section(dotted, wanted) and (under is None or _under(owner, under, ev.document)):
            found.append(ParagraphView(ev.tracker, paragraph, dotted))
    return found


def _paragraphs(document: Document, part: int, headings: bool = False):
    """(section or None, paragraph) in document order; a fragment's implicit part stands for any part."""
    for doc_part in document.parts:
        if part and doc_part.number != part and not doc_part.implicit:
            continue
        for paragraph in doc_part.paragraphs:
            yield None, paragraph
        for section in doc_part.sections:
            for sub in section.walk():
                if headings:  # a heading read as a one-line paragraph, as the drafting checks do
                    yield sub, Paragraph(sub.title, sub.heading_span)
                for paragraph in sub.paragraphs:
                    yield sub, paragraph


def matches_of(ev: Any, text: Any, pattern: Any) -> list[MatchView]:
    """Matches of ``pattern`` in a text, or in each text of a list (paragraphs().text), in order."""
    if isinstance(text, list):
        return [m for piece in text for m in matches_of(ev, piece, pattern)]
    if not isinstance(text, str) or not isinstance(pattern, str):
        raise ExpressionError("matches() 需要一段文字（或文字的列表）和一个模式")
    problem, compiled, per_sentence = _prepared(pattern)
    if problem:
        raise ExpressionError(problem)
    paragraph = text.paragraph if isinstance(text, LocatedText) else None
    found: list[MatchView] = []
    source = str(text)
    budget = ev.budget
    for start, piece in _pieces(source):
        budget.regex_steps += per_sentence
        if budget.regex_steps > MAX_REGEX_STEPS:
            raise ExpressionError("matches() 的计算量超过上限，规则已停止")
        for match in compiled.finditer(piece):  # most sentences have none
            found.append(MatchView(ev.tracker, match, paragraph, start, source))
    return found


@lru_cache(maxsize=512)
def _prepared(pattern: str) -> tuple[str | None, re.Pattern[str] | None, int]:
    """(problem, compiled pattern, steps per sentence): analysed once per pattern, not per text."""
    problem = pattern_problem(pattern)
    if problem:
        return problem, None, 0
    return None, re.compile(pattern), pattern_steps(pattern)


def _pieces(text: str) -> list[tuple[int, str]]:
    """Sentences of at most CHUNK characters, with their offsets (the bound on every match).

    A list made by plain loops: matches() splits every paragraph a rule reads, and nested
    generators cost more than the splitting.
    """
    found: list[tuple[int, str]] = []
    start = 0
    for end_match in SENTENCE_END.finditer(text):
        end = end_match.end()
        _cut(text, start, end, found)
        start = end
    _cut(text, start, len(text), found)
    return found


def _cut(text: str, start: int, end: int, found: list[tuple[int, str]]) -> None:
    while start < end:
        found.append((start, text[start:min(end, start + CHUNK)]))
        start += CHUNK


# -- patterns ------------------------------------------------------------------------
def pattern_problem(pattern: str) -> str | None:
    """Why a pattern may not run (too long, nested or ambiguous repetition…), or None.

    Backtracking is bounded by the number of ways the pattern's repeats can split a
    sentence: each repeat that may match more or fewer times (``*``, ``+``, ``?``,
    ``{1,6}``) multiplies it by how many counts it can take (at most CHUNK), and a
    repeat of more than one item must repeat a part of fixed width without "|", so
    its own matches cannot be split in several ways. The product is capped at
    MAX_CHOICES: two unbounded repeats, or one and a few short optional parts.
    """
    if len(pattern) > MAX_PATTERN:
        return f"模式过长（{len(pattern)} 个字符，上限 {MAX_PATTERN}）"
    try:
        parsed = _sre_parse.parse(pattern)
    except re.error as exc:
        return f"模式写法有误：{exc}"
    try:
        if _steps(parsed) > MAX_STEPS:
            raise _Refused(TOO_MANY)
    except _Refused as refused:
        return str(refused)
    return None


def _steps(parsed: Any) -> int:
    """Estimated steps on one sentence: start positions × ways × one rescan if a repeat is free."""
    free: list[int] = []
    ways = _cost(parsed, "end", free)
    return ways * CHUNK * (CHUNK if free else 1)


def pattern_steps(pattern: str) -> int:
    """The estimate for an accepted pattern (see pattern_problem)."""
    return _steps(_sre_parse.parse(pattern))


TOO_MANY = ("模式中可多可少的重复（*、+、?、{m,n}）太多，以免运行时间失控："
            "不限次数的重复至多两处，或一处加几个短的可选部分")


class _Refused(Exception):
    pass


def _cost(items: Any, follow: Any, free: list[int]) -> int:
    """How many ways ``items`` may split a piece of text (alternatives add, sequences multiply).

    ``follow`` is what may come right after ``items`` (first characters, "end" at the end
    of the pattern, None when unknown). A repeat of one character that what follows it can
    never start with (``\\s*`` before 年, ``\\d+`` before 万) gives characters back only to
    fail at once, so it adds no ways: patterns may use such repeats freely.
    """
    ways = 1
    items = list(items)
    for index, (op, arg) in enumerate(items):
        name = str(op)
        after = _first_of(items, index + 1, follow)
        if name in ("GROUPREF", "GROUPREF_EXISTS"):
            raise _Refused("模式中不允许使用反向引用")
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, body = arg
            if high > 1 and (not _fixed_width(body) or _has_branch(body)):
                raise _Refused("模式中不允许重复一个长度可变或含“|”的部分（如 (a+)+、(a|ab)*），以免运行时间失控")
            if name == "MAX_REPEAT" and _single(body) and _disjoint(_first(body[0]), after):
                free.append(1)  # it never gives back a character that what follows could use
            else:  # an optional part is followed by what follows it; a repeated one, also by itself
                ways *= (min(high, CHUNK) - low + 1) * _cost(body, after if high <= 1 else None, free)
        elif name == "SUBPATTERN":
            ways *= _cost(arg[-1], after, free)
        elif name in ("ASSERT", "ASSERT_NOT"):  # a lookaround is tried at every position it is reached
            ways *= _cost(arg[1], None, free)
        elif name == "BRANCH":
            ways *= sum(_cost(branch, after, free) for branch in arg[1])
        if ways > MAX_CHOICES:
            raise _Refused(TOO_MANY)
    return ways


def _first_of(items: list, start: int, follow: Any) -> Any:
    """What may come first from ``items[start:]`` on (through optional parts), then ``follow``."""
    found: list = []
    for op, arg in items[start:]:
        first = _first((op, arg))
        optional = str(op) in ("MAX_REPEAT", "MIN_REPEAT") and arg[0] == 0
        if optional:
            first = _first(list(arg[2])[0]) if arg[2] else None
        if first is None:
            return None
        found.extend(first)
        if not optional:
            return found
    if follow is None:
        return None
    return found + ([("END", None)] if follow == "end" else list(follow))


def _single(body: Any) -> bool:
    return len(body) == 1 and str(body[0][0]) in ("LITERAL", "NOT_LITERAL", "IN", "ANY")


def _first(item: Any) -> Any:
    """The characters ``item`` can start with, as (kind, value) pairs; None when not simple."""
    op, arg = item
    name = str(op)
    if name == "LITERAL":
        return [("LITERAL", arg)]
    if name in ("NOT_LITERAL", "ANY"):
        return None
    if name == "IN":
        if any(str(kind) == "NEGATE" for kind, _ in arg):
            return None
        return [(str(kind), value) for kind, value in arg]
    if name == "SUBPATTERN" and arg[-1]:
        return _first(list(arg[-1])[0])
    if name in ("MAX_REPEAT", "MIN_REPEAT") and arg[0] >= 1 and arg[2]:
        return _first(list(arg[2])[0])
    if name == "BRANCH":
        firsts = [_first(list(branch)[0]) if branch else None for branch in arg[1]]
        return None if any(f is None for f in firsts) else [x for f in firsts for x in f]
    return None


_CATEGORY_TEST = {
    "CATEGORY_DIGIT": str.isdecimal,
    "CATEGORY_SPACE": str.isspace,
    "CATEGORY_WORD": lambda c: c.isalnum() or c == "_",
}
_CATEGORY_DISJOINT = {frozenset(("CATEGORY_DIGIT", "CATEGORY_SPACE")), frozenset(("CATEGORY_SPACE", "CATEGORY_WORD"))}


def _disjoint(first: Any, second: Any) -> bool:
    """Whether no character can start both (False when unsure)."""
    if second == "end" or (second is not None and all(kind == "END" for kind, _ in second)):
        return True
    if first is None or second is None:
        return False
    return all(_apart(a, b) for a in first for b in second)


def _apart(a: tuple, b: tuple) -> bool:
    kinds = (a[0], b[0])
    if "END" in kinds:  # the match may end there: nothing to give back to
        return True
    if kinds == ("LITERAL", "LITERAL"):
        return a[1] != b[1]
    if "CATEGORY" in kinds and "LITERAL" in kinds:
        category, literal = (a, b) if a[0] == "CATEGORY" else (b, a)
        test = _CATEGORY_TEST.get(str(category[1]))
        return test is not None and not test(chr(literal[1]))
    if kinds == ("CATEGORY", "CATEGORY"):
        return frozenset((str(a[1]), str(b[1]))) in _CATEGORY_DISJOINT
    if "RANGE" in kinds:
        ranged, other = (a, b) if a[0] == "RANGE" else (b, a)
        low, high = ranged[1]
        if other[0] == "LITERAL":
            return not low <= other[1] <= high
        if other[0] == "RANGE":
            return high < other[1][0] or other[1][1] < low
        test = _CATEGORY_TEST.get(str(other[1]))
        return test is not None and high - low < 0x3000 and not any(test(chr(c)) for c in range(low, high + 1))
    return False


def _has_branch(items: Any) -> bool:
    for op, arg in items:
        name = str(op)
        if name == "BRANCH":
            return True
        if name == "SUBPATTERN" and _has_branch(arg[-1]):
            return True
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and _has_branch(arg[2]):
            return True
    return False


def _fixed_width(items: Any) -> bool:
    low, high = items.getwidth()
    return low == high
