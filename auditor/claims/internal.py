"""The arithmetic inside the prose: claims checked against other claims.

A 说明 published without its tables still holds its own arithmetic: parts
that add up to the total they are 其中 of, shares of one total, the same
quantity stated twice, a change and its rate. Each function here yields
Issues; auditor/engine/checks/prose_arithmetic.py turns them into findings
and rules/prose_arithmetic.yaml holds the names (which parts make which
total). Where a table states a figure the table checks (claims.yaml) win:
a group whose every figure a table restates is left to them, and a figure
that already disagrees with its table is not used here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from auditor.claims.model import Claim
from auditor.claims.resolve import _core
from auditor.quantity import Quantity, QuantityError, Truth, total
from auditor.reading.normalize import compact

ONE = Quantity.exact(1)


@dataclass
class Issue:
    claim: Claim  # where the finding stands
    stated: str
    expected: str
    evidence: str  # the arithmetic, shown
    values: dict = field(default_factory=dict)
    lines: tuple[int, ...] = ()  # every line the issue cites


def _usable(claim: Claim) -> bool:
    """A stated amount not already contradicted by the table it restates."""
    if claim.amount is None:
        return False
    return claim.resolution is None or claim.amount.quantity.consistent(claim.resolution.figure)


def _top(claim: Claim) -> str:
    return claim.section.split(".")[0]


def _matches(subject: str, words: Sequence[str]) -> bool:
    return any(compact(word) in subject for word in words)


# -- parts of a total ---------------------------------------------------------


def parts_sum(claims: list[Claim], groups: list[dict]) -> Iterator[Issue]:
    """Parts named in ``groups`` add up to the total stated before them in the same section.

    One pass per group: a total opens a list, its parts follow until the next
    total of the group or the end of the top-level section.
    """
    subjects = [compact(claim.subject) for claim in claims]  # once, not once per group
    for group in groups:
        part_words = [[compact(word) for word in words] for words in group["parts"]]
        total_words = [compact(word) for word in group["total"]]
        head: Claim | None = None
        found: list[Claim | None] = []
        # Most subjects hold none of the group's words: one search of them all says so.
        screen = _any_of([*(word for words in part_words for word in words), *total_words])
        for claim, subject in zip(claims, subjects, strict=True):
            if screen is not None and screen.search(subject):
                # map(subject.__contains__, …) is "word in subject" for each word, without a generator
                hits = [i for i, words in enumerate(part_words) if any(map(subject.__contains__, words))]
                is_total = not hits and any(map(subject.__contains__, total_words))
            else:
                hits, is_total = [], False
            if head is not None and (is_total or _top(claim) != _top(head)):
                yield from _check_parts(head, found)
                head = None
            if is_total and _usable(claim):
                head, found = claim, [None] * len(part_words)
            elif head is not None and len(hits) == 1 and found[hits[0]] is None and claim.amount is not None:
                found[hits[0]] = claim
        if head is not None:
            yield from _check_parts(head, found)


def _any_of(words: list[str]) -> re.Pattern[str] | None:
    """A pattern that finds any of ``words`` in a text (None when there are no words)."""
    return re.compile("|".join(map(re.escape, words))) if words else None


def _check_parts(head: Claim, found: list[Claim | None]) -> Iterator[Issue]:
    parts = [p for p in found if p is not None]
    if len(parts) != len(found) or not all(_usable(p) for p in parts):
        return
    if head.resolution is not None and all(p.resolution is not None for p in parts):
        return  # every figure restates a table: the table checks have it
    whole = head.amount.quantity  # type: ignore[union-attr]
    added = total([p.amount.quantity for p in parts])  # type: ignore[union-attr]
    if added.eq(whole) is not Truth.FALSE:
        return
    shown = " + ".join(p.amount.text for p in parts)  # type: ignore[union-attr]
    yield Issue(
        head, f"{head.amount.text}", f"{added.format()} 万元",  # type: ignore[union-attr]
        f"{shown} = {added.format()} 万元（第 {'、'.join(str(n) for n in sorted({p.span.line for p in parts}))} 行），"
        f"{head.label} 写 {head.amount.text}（第 {head.span.line} 行）；"  # type: ignore[union-attr]
        f"按书写精度 {added.format_interval()} 与 {whole.format_interval()} 不相交",
        {"parts": "、".join(p.label for p in parts), "total": head.label},
        (head.span.line, *(p.span.line for p in parts)),
    )


# -- shares of one total --------------------------------------------------------


def _share_key(claim: Claim) -> tuple | None:
    if claim.share is None:
        return None
    if claim.whole_line is not None:
        return ("whole", claim.whole_line)
    if claim.share_of:
        return ("named", claim.extra.get("paragraph"), _core(claim.share_of))
    return ("list", claim.extra.get("paragraph"))


def _share_wrong(claim: Claim) -> bool:
    if claim.whole is None or claim.amount is None or claim.share is None:
        return False
    try:
        return (claim.amount.quantity / claim.whole.quantity).eq(claim.share.quantity) is Truth.FALSE
    except QuantityError:
        return False


def share_siblings(claims: list[Claim], groups: list[dict]) -> Iterator[Issue]:
    """Shares of one total never exceed 100%; the shares of a complete set of parts make 100%."""
    siblings: dict[tuple, list[Claim]] = {}
    for claim in claims:
        key = _share_key(claim)
        if key is not None:
            siblings.setdefault(key, []).append(claim)
    for members in siblings.values():
        if len(members) < 2 or any(_share_wrong(m) for m in members):
            continue  # a share that is not amount ÷ whole is reported by itself (BD-N002)
        added = total([m.share.quantity for m in members])  # type: ignore[union-attr]
        shown = " + ".join(m.share.text for m in members)  # type: ignore[union-attr]
        lines = tuple(m.span.line for m in members)
        if added.le(ONE) is Truth.FALSE:
            yield Issue(members[-1], f"{added.as_percent().format()}", "不超过 100%",
                        f"{shown} = {added.as_percent().format()}（第 {', '.join(map(str, lines))} 行），"
                        f"按书写精度至少 {added.lo * 100:f}%，超过 100%",
                        {"shares": shown, "sum": added.as_percent().format()}, lines)
            continue
        subjects = [compact(m.subject) for m in members]
        complete = any(
            len(subjects) == len(g["parts"]) and all(sum(_matches(s, w) for s in subjects) == 1 for w in g["parts"])
            for g in groups
        )
        if complete and added.eq(ONE) is Truth.FALSE:
            yield Issue(members[-1], f"{added.as_percent().format()}", "100%",
                        f"{shown} = {added.as_percent().format()}（第 {', '.join(map(str, lines))} 行），"
                        f"各部分合起来是全部，按书写精度 {added.as_percent().format_interval()} 不含 100%",
                        {"shares": shown, "sum": added.as_percent().format()}, lines)


# -- the same quantity stated twice -------------------------------------------------

def _tabled(claim: Claim) -> bool:
    """The claim stands where the template has it restate a table."""
    return claim.resolution is not None or claim.unresolved is not None


def same_quantity(claims: list[Claim], quantities: Sequence[str]) -> Iterator[Issue]:
    """One of the named aggregate ``quantities``, named the same way in two places, has one value.

    Only aggregates a document states once (基本支出, 人员经费, the 三公 items…)
    are compared: 预算安排规模 belongs to each project. Two statements that
    both restate tables are left to the table checks (the template's
    sections 3 and 5 state 项目支出 for different funds).
    """
    names = [compact(q) for q in quantities]
    first: dict[str, Claim] = {}
    reported: set[str] = set()
    for claim in claims:
        if claim.amount is None or claim.path or not _usable(claim):
            continue
        key = _core(claim.subject)
        key = re.sub(r"^(?:其中|包括|全年|本年|部门|单位)+", "", key)
        if key not in names:
            continue
        earlier = first.get(key)
        if earlier is None:
            first[key] = claim
            continue
        if key in reported or earlier.span.line == claim.span.line or (_tabled(earlier) and _tabled(claim)):
            continue
        a, b = earlier.amount.quantity, claim.amount.quantity  # type: ignore[union-attr]
        if a.eq(b) is Truth.FALSE:
            reported.add(key)
            yield Issue(
                claim, claim.amount.text, earlier.amount.text,  # type: ignore[union-attr]
                f"第 {earlier.span.line} 行写 {earlier.amount.text}，第 {claim.span.line} 行写 "  # type: ignore[union-attr]
                f"{claim.amount.text}",  # type: ignore[union-attr]
                {"first_line": earlier.span.line, "first": earlier.amount.text},  # type: ignore[union-attr]
                (earlier.span.line, claim.span.line),
            )


# -- changes and rates ------------------------------------------------------------


def _previous(claim: Claim) -> Quantity | None:
    if claim.amount is None or claim.change is None or claim.direction is None:
        return None
    if claim.previous is not None:
        return claim.previous.quantity
    current, change = claim.amount.quantity, claim.change.quantity
    return current - change if claim.direction == "增加" else current + change


def change_disagrees(claim: Claim) -> bool:
    """This year's and last year's figures are both stated and their difference is not the stated change."""
    if claim.previous is None or claim.amount is None or claim.change is None or claim.direction is None:
        return False
    signed = claim.change.quantity if claim.direction == "增加" else -claim.change.quantity
    return (claim.amount.quantity - claim.previous.quantity).eq(signed) is Truth.FALSE


def on_wrong_base(claim: Claim) -> bool:
    """The stated rate is the change over this year's amount and not over last year's."""
    previous = _previous(claim)
    if previous is None or claim.rate is None:
        return False
    try:
        right = claim.change.quantity / previous  # type: ignore[union-attr]
        wrong = claim.change.quantity / claim.amount.quantity  # type: ignore[union-attr]
    except QuantityError:
        return False
    return right.eq(claim.rate.quantity) is Truth.FALSE and wrong.eq(claim.rate.quantity) is not Truth.FALSE
