"""lark's LALR tables as plain data, and what lark's tree builder does on each reduction.

Two readers drive a table lark built, without going through ``Lark.parse``: the structure
parser (auditor/parsing/structure.py) and the claims reader (auditor/claims/reader.py). Both
take the table in the same plain form (so it can be kept as JSON in the private cache) and
reduce a rule exactly as lark's tree builder does: filtered tokens dropped, inlined ``_rule``
lists spliced in, a ``?rule`` with one child replaced by that child.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DROP, KEEP, SPLICE = 0, 1, 2
GENERAL, WRAP, APPEND, SINGLE = 0, 1, 2, 3  # shapes a reader may shortcut (see _shape)


@dataclass(frozen=True)
class RulePlan:
    """How to reduce one grammar rule, worked out once from lark's Rule."""

    origin: str
    size: int
    modes: tuple[int, ...]  # per child: dropped (filtered token), kept, or spliced (an inlined _rule)
    result: str | None  # None: an inlined _rule (a list); "": a ?rule that collapses to its one child
    shape: int = GENERAL  # a common case a reader can shortcut


def plan(rule: Any) -> RulePlan:
    """The plan of a lark Rule."""
    modes = tuple(
        (KEEP if not symbol.filter_out or rule.options.keep_all_tokens else DROP) if symbol.is_term
        else (SPLICE if symbol.name.startswith("_") else KEEP)
        for symbol in rule.expansion
    )
    if rule.origin.name.startswith("_"):
        result = None
    elif rule.options.expand1 and not rule.alias:
        result = ""
    else:
        result = rule.alias or rule.origin.name
    return RulePlan(rule.origin.name, len(rule.expansion), modes, result, _shape(modes, result))


def _shape(modes: tuple[int, ...], result: str | None) -> int:
    """Shortcuts that give exactly what the tree builder gives, for the shapes most tokens reduce by."""
    if result and modes and all(mode == KEEP for mode in modes):
        return WRAP  # piece: WORD -> word, amount: NUMBER UNIT, ...
    if result is None and modes == (SPLICE, KEEP):
        return APPEND  # __start_star_0: __start_star_0 piece
    if result == "" and modes == (KEEP,):
        return SINGLE  # ?piece: amount
    return GENERAL


def kept(rule: RulePlan, children: list) -> list:
    """The children the tree builder keeps: filtered tokens dropped, inlined lists spliced in."""
    kids: list | None = None
    for mode, child in zip(rule.modes, children, strict=True):
        if mode == SPLICE:
            if kids is None:
                kids = child  # the inlined rule's own list, no longer referenced: extend it in place
            else:
                kids.extend(child)
        elif mode == KEEP:
            if kids is None:
                kids = []
            kids.append(child)
    return [] if kids is None else kids


def table_data(parse_table: Any) -> dict[str, Any]:
    """lark's ParseTable as plain data: per state, shift (1, next state) or reduce (0, rule number)."""
    rules: list[list] = []
    numbered: dict[int, int] = {}

    def rule_number(rule: Any) -> int:
        if id(rule) not in numbered:
            numbered[id(rule)] = len(rules)
            found = plan(rule)
            rules.append([found.origin, found.size, list(found.modes), found.result, found.shape])
        return numbered[id(rule)]

    states = {
        str(state): {
            name: [1, arg] if action.name == "Shift" else [0, rule_number(arg)]
            for name, (action, arg) in actions.items()
        }
        for state, actions in parse_table.states.items()
    }
    (start,) = parse_table.start_states.values()
    (end,) = parse_table.end_states.values()
    return {"states": states, "rules": rules, "start": start, "end": end}


def plans(data: dict[str, Any]) -> list[RulePlan]:
    """The rule plans of table_data(), in their numbering."""
    return [RulePlan(origin, size, tuple(modes), result, shape) for origin, size, modes, result, shape in data["rules"]]


def states(data: dict[str, Any], reduce_with: list[Any]) -> dict[int, dict[str, tuple[bool, Any]]]:
    """The table of table_data(): state -> symbol -> (True, next state) or (False, reduce_with[rule])."""
    return {
        int(state): {name: (True, arg) if shift else (False, reduce_with[arg]) for name, (shift, arg) in actions.items()}
        for state, actions in data["states"].items()
    }
