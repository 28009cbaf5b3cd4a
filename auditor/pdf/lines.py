"""Printed lines rebuilt from character boxes, as a reader sees them.

Characters belong to one line when their boxes overlap vertically by a good
part of their height: figures an export prints a few points below the Chinese
text (templates.md §13) stay with their words, while the next printed line,
one leading further down, does not overlap. Within a line, characters read
left to right; a gap of about a character's width separates cells.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from auditor.pdf.page import Char

# Share of the smaller box height two boxes must overlap to be on one line.
OVERLAP = 0.35
# A gap this many character heights wide separates two cells (segments).
CELL_GAP = 0.9
# A gap this wide between Latin letters or digits is a word space.
WORD_GAP = 0.2
# Letter-spaced (justified) titles: single characters at even gaps up to this.
SPACED_GAP = 1.6
EVEN = 0.35
# How many lines up and down a character may move when lines settle.
NEIGHBOURS = 4


@dataclass(slots=True)
class Segment:
    chars: list[Char]

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def x1(self) -> float:
        return self.chars[-1].x1

    @property
    def text(self) -> str:
        return join_chars(self.chars)


@dataclass(slots=True)
class Line:
    top: float
    bottom: float
    chars: list[Char] = field(default_factory=list)
    anchored: bool = False  # the band is that of a Chinese character

    @property
    def height(self) -> float:
        heights = sorted(c.height for c in self.chars)
        return heights[len(heights) // 2] if heights else 0.0

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    def segments(self, titles: bool = True) -> list[Segment]:
        return split_segments(self.chars, self.height, titles)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments())


def group_lines(chars: list[Char]) -> list[Line]:
    """Characters grouped into printed lines, top to bottom, each left to right."""
    lines: list[Line] = []
    active: list[Line] = []
    for char in sorted(chars, key=lambda c: (c.top, c.x0)):
        active = [line for line in active if line.bottom > char.top]
        best = _best(active, char)
        if best is None:
            # The line's band is that of its first (highest) character, so a
            # lower figure joins it without stretching it onto the next line.
            best = Line(char.top, char.bottom)
            lines.append(best)
            active.append(best)
        if not best.anchored and _is_ideograph(char.text):
            # Chinese text sets the line: a raised quote mark or a lowered
            # figure met first does not move the band the others are measured by.
            best.top, best.bottom, best.anchored = char.top, char.bottom, True
        best.chars.append(char)
    lines.sort(key=lambda line: line.top)
    _settle(lines)
    return [line for line in lines if line.chars]


def _best(lines: list[Line], char: Char) -> Line | None:
    best, best_share = None, OVERLAP
    for line in lines:
        overlap = min(line.bottom, char.bottom) - max(line.top, char.top)
        smaller = min(line.bottom - line.top, char.height) or 1.0
        if overlap / smaller > best_share:
            best, best_share = line, overlap / smaller
    return best


def _settle(lines: list[Line]) -> None:
    """Move each character to the line it overlaps most.

    A figure whose box reaches up into the line above is met before its own
    line exists; once all lines are known it goes where it overlaps most
    (on ONLYOFFICE exports, the line whose gap it fills)."""
    tops = [line.top for line in lines]
    for index, line in enumerate(lines):
        keep = []
        for char in line.chars:
            first = bisect.bisect_left(tops, char.top - 3 * char.height)
            last = bisect.bisect_right(tops, char.bottom)
            nearby = lines[max(first, index - NEIGHBOURS):min(last, index + NEIGHBOURS + 1)]
            best = _best(nearby, char) or line
            if best is line:
                keep.append(char)
            else:
                best.chars.append(char)
        line.chars = keep
    for line in lines:
        line.chars.sort(key=lambda c: c.x0)


def split_segments(chars: list[Char], height: float, titles: bool = True) -> list[Segment]:
    """A line's characters cut at wide gaps, letter-spaced runs joined again.

    With ``titles``, a line of single characters at even wide gaps ("目  录")
    is one word; inside a table such a line is a header ("类  款  项")."""
    if not chars:
        return []
    height = height or 1.0
    segments = [Segment([chars[0]])]
    for before, char in zip(chars, chars[1:], strict=False):
        if char.x0 - before.x1 >= CELL_GAP * height:
            segments.append(Segment([char]))
        else:
            segments[-1].chars.append(char)
    return _join_spaced(segments, height, titles)


def _join_spaced(segments: list[Segment], height: float, titles: bool) -> list[Segment]:
    """"部 门 预 算" printed with even letter spacing is one word."""
    out: list[Segment] = []
    index = 0
    whole_line = titles and all(len(s.chars) == 1 and _is_cjk(s.chars[0].text) for s in segments)
    limit = (4.0 if whole_line else SPACED_GAP) * height
    while index < len(segments):
        run = [segments[index]]
        while index + len(run) < len(segments):
            nxt = segments[index + len(run)]
            last = run[-1]
            if not (len(nxt.chars) == 1 and len(last.chars) == 1 and _is_cjk(nxt.text) and _is_cjk(last.text)):
                break
            gap = nxt.x0 - last.x1
            first_gap = run[1].x0 - run[0].x1 if len(run) > 1 else gap
            if gap > limit or abs(gap - first_gap) > EVEN * height:
                break
            run.append(nxt)
        if len(run) >= 3 or (len(run) == 2 and whole_line and len(segments) == 2):
            # The spaces that spread the letters are not part of the word.
            out.append(Segment([_unspaced(c) for s in run for c in s.chars]))
        else:
            out.extend(run)
        index += len(run)
    return out


def _unspaced(char: Char) -> Char:
    return Char(char.text, char.x0, char.x1, char.top, char.bottom) if char.spaced else char


def join_chars(chars: list[Char]) -> str:
    """Characters of one cell or word: Latin words keep a space, Chinese does not."""
    if not chars:
        return ""
    height = sorted(c.height for c in chars)[len(chars) // 2] or 1.0
    parts = [chars[0].text]
    for before, char in zip(chars, chars[1:], strict=False):
        gap = char.x0 - before.x1
        if gap > -WORD_GAP * height and (
            char.spaced or (gap >= WORD_GAP * height and not (_is_cjk(before.text) or _is_cjk(char.text)))
        ):
            parts.append(" ")
        parts.append(char.text)
    return "".join(parts)


def _is_ideograph(text: str) -> bool:
    return "\u4e00" <= text <= "\u9fff"


def _is_cjk(text: str) -> bool:
    return any("\u2e80" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" for ch in text)
