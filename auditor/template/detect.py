"""Choosing a document's template: by name, or from the document itself.

Each shipped template is scored on the text: the share of its tables whose
titles appear as title lines, the share of its parts whose headings appear,
and the words it lists under ``detect``; a title without any of the
template's title words (``detect.title``) halves the score, and one with a
word of ``detect.not_title`` (决算 for a 预算 template) rules the template out. The best score wins when the text
shows at least one of the template's tables or parts; otherwise the document
has no template and is audited without one (completeness is not checked).
"""

from __future__ import annotations

import re
from functools import cache

from auditor.reading import SourceText
from auditor.template.load import available_templates, load_template
from auditor.template.model import UNKNOWN_KIND, Template

PART_RE = re.compile(r"^\s*第\s*([一二三四五六七八九十])\s*部分")
LEADER_RE = re.compile(r"[…·.]{2,}\d*$")  # a 目录 entry's leader dots and page number
LEADER_ENDS = frozenset("…·.0123456789")
NUMBERED_RE = re.compile(r"^[一二三四五六七八九十]{1,3}、")
NUMERALS = frozenset("一二三四五六七八九十")
MAX_TITLE = 45  # a longer line is prose, not a title or heading
TITLE_LINES = 20  # the title is among the first short lines
FALLBACK = "xinjiang"  # preferred on a tie: the tool's original template
SENTENCE_END = "。；;，,：:"
MIN_EVIDENCE = 1  # tables or parts that must be seen before a template is chosen
# Parts headed by words (“一、部门主要职能”) are weaker evidence than “第一部分”: one such
# heading (“项目经费情况说明” in another province's 说明) does not make a template.
MIN_WORDED_PARTS = 2


def choose_template(source: SourceText, name: str | None) -> Template | None:
    """The template named, or the one the text matches best (None: no template matches)."""
    if name:
        return load_template(name)
    scored = detect(source.lines)
    return scored[0][1] if scored else None


def detect(lines: tuple[str, ...] | list[str]) -> list[tuple[float, Template]]:
    """Templates the text matches, best first, with their scores."""
    short = _short_lines(lines)
    lines_seen = _Seen(short)
    title_lines = [line for line in short[:TITLE_LINES] if line[-1] not in SENTENCE_END]  # not prose
    results = []
    for template in shipped_templates():
        tables, parts, words = _evidence(template, lines_seen)
        if tables + parts < MIN_EVIDENCE:
            continue
        if not tables and template.part_numbering != "第一部分" and parts < MIN_WORDED_PARTS:
            continue
        score = tables / len(template.tables) + parts / max(1, len(template.parts)) + 0.1 * words
        titles = template.detect.get("title", ())
        if any(word in line for line in title_lines for word in template.detect.get("not_title", ())):
            continue  # the title says it is another kind of document (决算 for a 预算 template)
        if titles and not any(word in line for line in title_lines for word in titles):
            score /= 2  # the title names another kind of document (决算 for a 预算 template)
        results.append((score, template))
    # On a tie (a snippet showing only “第三部分”) the default template wins, not
    # whichever name sorts first: the 决算 templates number their parts alike.
    results.sort(key=lambda item: (-item[0], item[1].name != FALLBACK))
    return results


@cache
def shipped_templates() -> tuple[Template, ...]:
    return tuple(load_template(name) for name in available_templates())


def _short_lines(lines: tuple[str, ...] | list[str]) -> list[str]:
    found = []
    for line in lines:
        if not line:
            continue  # (a blank line, as most of them are)
        compact = "".join(line.split())
        if compact and compact[-1] in LEADER_ENDS and _may_lead(compact):
            compact = LEADER_RE.sub("", compact)
        if compact and len(compact) <= MAX_TITLE:
            found.append(compact)
    return found


def _may_lead(compact: str) -> bool:
    """Whether LEADER_RE can match: its two leader characters in a row need a … or a ·, or "..".

    A table row ends in digits too, and its figures hold single points: most such lines
    are settled by these three tests instead of a search from every position.
    """
    return "…" in compact or "·" in compact or ".." in compact


class _Seen:
    """What every template's evidence reads of the short lines, worked out once per text."""

    def __init__(self, short: list[str]) -> None:
        self.titles = [text for text in short if text[-1] == "表"]
        numbered: set[int] = set()
        self.bodies: list[str] = []
        # Bodies by their last character, for the last characters of the shipped templates'
        # part words only (any_ends_with reads the others from all the bodies).
        self.by_last: dict[str, list[str]] = {}
        self.ends = _part_word_ends()
        ends = self.ends
        for text in short:
            # (The short lines hold no spaces: a part heading starts with 第, a numbered one with a numeral.)
            first = text[0]
            if first == "第":
                match = PART_RE.match(text)
                if match:
                    numbered.add("一二三四五六七八九十".index(match.group(1)) + 1)
            body = NUMBERED_RE.sub("", text) if first in NUMERALS else text
            self.bodies.append(body)
            if body and body[-1] in ends:
                self.by_last.setdefault(body[-1], []).append(body)
        self.numbered_parts = numbered
        self.joined = "\n".join(short)

    def any_ends_with(self, words: tuple[str, ...] | list[str]) -> bool:
        """Whether some body ends with one of ``words`` (only bodies ending in a word's last character are tried)."""
        for word in words:
            if not word:
                if self.bodies:
                    return True  # every text ends with ""
                continue
            bodies = self.by_last.get(word[-1], ()) if word[-1] in self.ends else self.bodies
            if any(body.endswith(word) for body in bodies):
                return True
        return False


@cache
def _part_word_ends() -> frozenset[str]:
    """The last characters of the shipped templates' part words (what _Seen groups bodies by)."""
    return frozenset(
        word[-1] for template in shipped_templates() for words in template.part_headings.values() for word in words if word
    )


def _evidence(template: Template, seen: _Seen) -> tuple[int, int, int]:
    kinds = set()
    parts: set[int] = set()
    for text in seen.titles:
        kind = template.kind_of_title(text)
        if kind != UNKNOWN_KIND:
            kinds.add(kind)
    if template.part_numbering == "第一部分":
        parts = seen.numbered_parts
    else:
        for number, words in template.part_headings.items():
            if seen.any_ends_with(words):
                parts.add(number)
    joined = seen.joined
    words = sum(1 for word in template.detect.get("words", ()) if word in joined)
    return len(kinds), len(parts), words
