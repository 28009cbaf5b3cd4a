"""Group the pieces the claims grammar finds into claims."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from auditor.claims.model import Figure
from auditor.claims.reader import Piece, Tok, claims_machine, pieces
from auditor.quantity import Quantity, QuantityError

if TYPE_CHECKING:
    from lark import Lark

# "社会保障和就业支出(类)": the marks are found first and each name is the text
# back to the previous paren or mark (see _path), one pass over the text; a
# lazy "[^()]+?" before the mark rescanned the rest of a paragraph from every
# position (a 100k-character paragraph took minutes).
PATH_MARK_RE = re.compile(r"\((类|款|项)\)")
GENERIC_RE = re.compile(r"^(?:20\d{2}年)?(?:预算数|预算|安排)?(?:为|是)?$")
SHARE_OF_RE = re.compile(r"^占\s*(.*?)\s*(?:的|比例为|比重为|比重|比例)?\s*(\d[\d,]*(?:\.\d+)?\s*%)$")
PREVIOUS_RE = re.compile(r"^(?:比|较|与)\s*(?:上年|20\d{2}\s*年)(?:度)?(?:的|预算数|决算数|预算|决算|数|执行数)*(?:为|是)?$")
SUBJECT_NOISE = re.compile(r"^(?:其中|包括|分别|主要用于|合计|共|\d+[.、])+")


@cache
def _parser() -> Lark:
    """lark's parser for the claims grammar (the reader itself runs on its tables, see reader.py)."""
    from auditor.cache import grammar

    return grammar("claims.lark")


@dataclass
class RawClaim:
    subject: str
    path: tuple[str, ...]
    start: int
    end: int
    amount: Figure | None
    share: Figure | None = None
    share_of: str | None = None  # the total named with the share: 占支出总预算的 X%
    direction: str | None = None
    change: Figure | None = None
    rate_direction: str | None = None
    rate: Figure | None = None
    flat: bool = False
    reason: str | None = None
    opens_list: bool = False
    previous: Figure | None = None  # last year's figure when the sentence states it: 比2023年的 A 万元


def amount_figure(number: str, unit: str) -> Figure | None:
    try:
        value = Quantity.parse(number)
    except QuantityError:
        return None
    unit = "".join(unit.split())  # without its spaces: str.split() cuts at exactly what \s+ matches
    if unit == "元":
        # 4400 元 = 0.4400 万元: the precision moves with the unit.
        value = value.yuan_to_wan()
    return Figure(f"{number} {unit}", value)


def percent_figure(text: str) -> Figure | None:
    try:
        return Figure(text.replace(" ", ""), Quantity.parse(text.replace(" ", "")))
    except QuantityError:
        return None


def parse_claims(text: str) -> list[RawClaim]:
    """Every amount in ``text`` with its share, change, rate and reason. Never raises."""
    if "元" not in text:
        return []  # no UNIT token, so no amount and no change: no claim can open
    try:
        found = pieces(claims_machine(), text)
    except RecursionError:  # pragma: no cover - as lark's own parse did
        return []
    if found is None:
        return []
    claims: list[RawClaim] = []
    segment: list[str] = []  # words since the last separator
    segments = _Clause()  # earlier segments of the clause
    for piece in found:
        if not isinstance(piece, Piece):
            continue
        kind = piece.data
        if kind == "word":
            segment.append(piece.children[0].value)  # a word is one token
            continue
        if kind == "sep":
            mark = piece.children[0].value  # a separator is one token
            if segment:
                segments.add("".join(segment))
            segment = []
            if mark in ("。", ";"):
                segments = _Clause()
            elif mark == ":" and claims and claims[-1].end == _start(piece):
                claims[-1].opens_list = True
            continue
        if kind == "amount":
            number_token, unit_token = piece.children  # amount: NUMBER UNIT, two tokens
            number, unit = number_token.value, unit_token.value
            figure = amount_figure(number, unit)
            if figure is None:
                continue
            words = "".join(segment)
            if claims and claims[-1].previous is None and claims[-1].amount is not None and PREVIOUS_RE.match(words):
                # "856.40 万元，比2023年的 800.00 万元，增加 56.40 万元": last year's figure of the claim before.
                claims[-1].previous = figure
                claims[-1].end = _end(piece)
                segment = []
                continue
            subject, path = _subject(words, segments)
            start = _start(piece) - len(words)
            claims.append(RawClaim(subject, path, max(0, start), _end(piece), figure))
            segment = []
            continue
        if kind == "change" and (not claims or segment):
            # "比上年预算增加 0.00 万元" with a subject of its own and no amount: a change-only claim.
            words = "".join(segment)
            subject, path = _subject(words, segments)
            claims.append(RawClaim(subject, path, max(0, _start(piece) - len(words)), _end(piece), None))
            segment = []
        if not claims:
            continue
        claim = claims[-1]
        if kind == "share" and claim.share is None:
            if len(piece.children) == 1:
                named = SHARE_OF_RE.match(str(piece.children[0]))
                if named:
                    claim.share = percent_figure(named.group(2))
                    claim.share_of = named.group(1).strip() or None
            else:
                claim.share = percent_figure(str(piece.children[1]))
        elif kind == "change" and claim.change is None:
            tokens = [t for t in piece.children if isinstance(t, Tok)]
            direction = next(str(t) for t in tokens if t.type == "DIRECTION")
            number = next(str(t) for t in tokens if t.type == "NUMBER")
            unit = next(str(t) for t in tokens if t.type == "UNIT")
            claim.direction = direction
            claim.change = amount_figure(number, unit)
        elif kind == "rate" and claim.rate is None:
            claim.rate_direction = str(piece.children[0])
            claim.rate = percent_figure(str(piece.children[1]))
        elif kind == "flat":
            claim.flat = True
        elif kind == "reason" and claim.reason is None:
            claim.reason = re.sub(r"^主要原因(是|为)?\s*:?", "", str(piece.children[0])).strip()
        claim.end = max(claim.end, _end(piece))
    return claims


# A piece's tokens lie in the order of the text and do not overlap, so its first token
# starts it and its last ends it: no list of every token is needed (this runs per piece).
def _first(node: Piece | Tok, reverse: bool = False) -> Tok | None:
    """The first token of ``node`` (the last with ``reverse``), or None when it holds none."""
    if isinstance(node, Tok):
        return node
    for child in reversed(node.children) if reverse else node.children:
        found = _first(child, reverse)
        if found is not None:
            return found
    return None


def _start(node: Piece | Tok) -> int:
    # Nearly every piece starts with a token of its own: no walk for it.
    if isinstance(node, Piece) and node.children and isinstance(node.children[0], Tok):
        return node.children[0].start_pos
    token = _first(node)
    return token.start_pos if token is not None else 0


def _end(node: Piece | Tok) -> int:
    if isinstance(node, Piece) and node.children and isinstance(node.children[-1], Tok):
        return node.children[-1].end_pos
    token = _first(node, reverse=True)
    return token.end_pos if token is not None else 0


def path_names(text: str) -> tuple[str, ...]:
    """The names before each (类)/(款)/(项) mark in ``text``, in order; linear time."""
    names = []
    last = 0
    for match in PATH_MARK_RE.finditer(text):
        start = max(last, text.rfind("(", last, match.start()) + 1, text.rfind(")", last, match.start()) + 1)
        if start < match.start():
            names.append(text[start : match.start()].strip())
        last = match.end()
    return tuple(names)


def _cleaned(text: str) -> str | None:
    cleaned = SUBJECT_NOISE.sub("", text.strip())
    return cleaned if cleaned and not GENERIC_RE.match(cleaned) else None


class _Clause:
    """The earlier segments of a clause, reduced to what a subject lookup needs.

    A subject is taken from the latest segment that names a path, else from
    the latest one with a non-generic text. Both are looked for only when a
    subject asks, from the latest segment back to the ones an earlier question
    already read: most segments are never read (the latest one answers, or the
    clause ends first), and each is read at most once per question, so each
    amount costs O(1) amortized however many commas the clause holds.
    """

    def __init__(self) -> None:
        self._segments: list[str] = []
        self._path: tuple[str, ...] = ()
        self._path_read = 0  # segments before this index were read for a path
        self._cleaned: str | None = None
        self._cleaned_read = 0

    def add(self, segment: str) -> None:
        self._segments.append(segment)

    @property
    def path(self) -> tuple[str, ...]:
        self._path = _latest(self._segments, self._path_read, path_names) or self._path
        self._path_read = len(self._segments)
        return self._path

    @property
    def cleaned(self) -> str | None:
        self._cleaned = _latest(self._segments, self._cleaned_read, _cleaned) or self._cleaned
        self._cleaned_read = len(self._segments)
        return self._cleaned


def _latest(segments: list[str], read: int, reading: Callable[[str], Any]) -> Any:
    """What ``reading`` finds in the latest segment (from index ``read`` on) where it finds anything."""
    for index in range(len(segments) - 1, read - 1, -1):
        found = reading(segments[index])
        if found:
            return found
    return None


def _subject(words: str, clause: _Clause) -> tuple[str, tuple[str, ...]]:
    path = path_names(words) or clause.path
    if path:
        return path[-1], path
    cleaned = _cleaned(words) or clause.cleaned
    if cleaned:
        return cleaned, ()
    return words.strip(), ()
