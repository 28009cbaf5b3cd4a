"""Group the pieces the claims grammar finds into claims."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from lark import Lark
from lark.exceptions import LarkError

from auditor.cache import grammar
from auditor.claims.model import Figure
from auditor.claims.reader import Piece, Tok, machine, pieces
from auditor.quantity import Quantity, QuantityError

PATH_RE = re.compile(r"([^()]+?)\((类|款|项)\)")
GENERIC_RE = re.compile(r"^(?:20\d{2}年)?(?:预算数|预算|安排)?(?:为|是)?$")
SUBJECT_NOISE = re.compile(r"^(?:其中|包括|分别|主要用于|合计|共|\d+[.、])+")


@cache
def _parser() -> Lark:
    return grammar("claims.lark")


@dataclass
class RawClaim:
    subject: str
    path: tuple[str, ...]
    start: int
    end: int
    amount: Figure | None
    share: Figure | None = None
    direction: str | None = None
    change: Figure | None = None
    rate_direction: str | None = None
    rate: Figure | None = None
    flat: bool = False
    reason: str | None = None
    opens_list: bool = False


def amount_figure(number: str, unit: str) -> Figure | None:
    try:
        value = Quantity.parse(number)
    except QuantityError:
        return None
    unit = re.sub(r"\s+", "", unit)
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
        found = pieces(machine(_parser()), text)
    except (LarkError, RecursionError):  # pragma: no cover - as lark's own parse did
        return []
    if found is None:
        return []
    claims: list[RawClaim] = []
    segment: list[str] = []  # words since the last separator
    segments: list[str] = []  # earlier segments of the clause
    for piece in found:
        if not isinstance(piece, Piece):
            continue
        kind = piece.data
        if kind == "word":
            segment.append(str(piece.children[0]))
            continue
        if kind == "sep":
            mark = str(piece.children[0])
            if segment:
                segments.append("".join(segment))
            segment = []
            if mark in ("。", ";"):
                segments = []
            elif mark == ":" and claims and claims[-1].end == _start(piece):
                claims[-1].opens_list = True
            continue
        if kind == "amount":
            number, unit = (str(t) for t in piece.children)
            figure = amount_figure(number, unit)
            if figure is None:
                continue
            words = "".join(segment)
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


def _tokens(node: Piece | Tok) -> list[Tok]:
    if isinstance(node, Tok):
        return [node]
    return [token for child in node.children for token in _tokens(child)]


def _start(node: Piece | Tok) -> int:
    tokens = _tokens(node)
    return min(t.start_pos for t in tokens) if tokens else 0


def _end(node: Piece | Tok) -> int:
    tokens = _tokens(node)
    return max(t.end_pos for t in tokens) if tokens else 0


def _subject(words: str, segments: list[str]) -> tuple[str, tuple[str, ...]]:
    candidates = [words, *reversed(segments)]
    for text in candidates:
        path = tuple(name.strip() for name, _ in PATH_RE.findall(text))
        if path:
            return path[-1], path
    for text in candidates:
        cleaned = SUBJECT_NOISE.sub("", text.strip())
        if cleaned and not GENERIC_RE.match(cleaned):
            return cleaned, ()
    return words.strip(), ()


def exact_percent(value: Decimal) -> Quantity:
    return Quantity.exact(value).as_percent()
