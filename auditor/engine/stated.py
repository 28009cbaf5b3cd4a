"""Amounts written after a phrase, for expression rules: amounts_after(), amounts_in(), amount_in().

"编制说明写收入预算 300.00万元" is found by the phrase before the figure; the figure is read in
万元 whatever unit it is written in (元, 万, 万元), or as a count in a unit the rule names (辆).
The phrase is escaped, never a pattern, so a rule cannot make the search slow; the search is the
one the Shanghai rules have always used (auditor.engine.checks.statements).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from auditor.engine.views import ExpressionError, NotEvaluable, View
from auditor.model import Paragraph, Span
from auditor.quantity import Quantity
from auditor.reading.normalize import compact


@dataclass(eq=False, repr=False)  # never compared, printed or changed: not frozen, cheaper to create
class AmountView(View):
    """One amount written after a phrase: its value (万元, or a count), where it stands, what follows."""

    paragraph: Paragraph
    match: re.Match
    value: Quantity
    following: str  # the paragraphs after this one that may list its parts

    LABEL: ClassVar[str] = "金额"
    ATTRIBUTES: ClassVar[tuple[str, ...]] = ("value", "text", "number", "line", "end_line", "rest", "paragraph")

    @property
    def span(self) -> Span:
        return self.paragraph.span_of(self.match.start(), self.match.end())

    def a_value(self) -> Quantity:
        return self.value

    def a_text(self) -> str:
        """The figure and its unit as written ("300.00万元")."""
        return self.match.group(1) + self.match.group(2)

    def a_number(self) -> str:
        return self.match.group(1)

    def a_line(self) -> Quantity:
        return Quantity.exact(self.span.line)

    def a_end_line(self) -> Quantity:
        return Quantity.exact(self.span.end_line)

    def a_rest(self) -> str:
        """The text after the figure, then the next few paragraphs (where its parts are listed)."""
        return self.paragraph.text[self.match.end():] + self.following

    def a_paragraph(self) -> str:
        return self.paragraph.text


def _phrase(phrase: Any) -> str:
    if not isinstance(phrase, str) or not compact(phrase) or len(phrase) > 100:
        raise ExpressionError("金额前的文字应为 1 到 100 个字符的文字")
    return phrase


def _unit(unit: Any) -> str | None:
    if unit is None:
        return None
    if not isinstance(unit, str) or not compact(unit) or len(unit) > 10:
        raise ExpressionError("unit= 应为计数的单位，如 \"辆\"")
    return unit


def _part(part: Any) -> int | None:
    if part is None:
        return None
    if not isinstance(part, Quantity) or not part.is_exact:
        raise ExpressionError("part= 应为部分的编号")
    return int(part.value)


def amounts_after(ev: Any, phrase: Any, part: Any = None, section: Any = None, unit: Any = None) -> list[AmountView]:
    """Every amount written right after ``phrase`` (in part ``part``, under a heading containing ``section``)."""
    from auditor.engine.checks.statements import FOLLOWING, _in_scope, stated_amounts

    phrase, unit = _phrase(phrase), _unit(unit)
    if section is not None and not isinstance(section, str):
        raise ExpressionError("section= 应为标题中的关键词")
    which = _part(part)
    scope = [p for _, p in _in_scope(ev.document, which, section)]
    position = {id(p): i for i, p in enumerate(scope)}
    found = []
    for paragraph, match, value in stated_amounts(ev.document, phrase, which, section, unit):
        start = position.get(id(paragraph))
        following = []
        if start is not None:  # up to the next paragraph stating the phrase again
            for other in scope[start + 1 : start + 1 + FOLLOWING]:
                if compact(phrase) in compact(other.text):
                    break
                following.append(other.text)
        found.append(AmountView(ev.tracker, paragraph, match, value, "".join(following)))
    return found


def amount_in(ev: Any, text: Any, phrase: Any, unit: Any = None) -> Quantity:
    """The first amount written after ``phrase`` in ``text`` (in 万元, or a count); not evaluable when absent."""
    from auditor.engine.checks.statements import _amount, _value

    if not isinstance(text, str):
        raise ExpressionError("amount_in() 的第一个参数应为文字")
    phrase, unit = _phrase(phrase), _unit(unit)
    found = re.search(re.escape(compact(phrase)) + _amount(unit), text)
    if found is None:
        raise NotEvaluable(f"文字中没有“{phrase}”后的金额")
    return _value(found, unit)


def amounts_in(ev: Any, text: Any, phrases: Any, unit: Any = None) -> list[Quantity]:
    """The amounts after each of ``phrases`` in ``text``; not evaluable unless every one is there."""
    if not isinstance(phrases, list) or not phrases:
        raise ExpressionError("amounts_in() 的第二个参数应为文字的列表")
    return [amount_in(ev, text, phrase, unit) for phrase in phrases]
