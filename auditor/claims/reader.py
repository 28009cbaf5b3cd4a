"""The claims grammar run by a lean loop over lark's own tables and lexers.

``grammars/claims.lark`` reads a paragraph as a flat sequence of pieces.
Run through ``Lark.parse`` every token becomes a lark Token and every piece
a Tree, and that bookkeeping cost more than the reading itself (~6 ms per
document). This module drives the very same LALR table and the very same
per-state (contextual) lexers that lark built from the grammar, with lark's
error recovery for ``on_error=lambda e: True`` reproduced step by step:

- no match for the state's lexer: the token the full lexer reads there is
  dropped (lark raises UnexpectedToken and resumes after it); if even the
  full lexer cannot read, one character is skipped;
- a token the table has no action for (after any reductions): dropped;
- end of text where the table cannot end: lark gives up on the paragraph,
  and so does :func:`pieces` (returns None).

tests/test_claims_reader.py checks piece for piece against ``Lark.parse`` on
every paragraph of the samples and on generated text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from auditor.parsing import lalr
from auditor.parsing.lalr import APPEND, SINGLE, WRAP, RulePlan, kept


class Tok:
    """What the claims code reads of a token."""

    __slots__ = ("type", "value", "start_pos", "end_pos")

    def __init__(self, type_: str, value: str, start: int, end: int) -> None:
        self.type = type_
        self.value = value
        self.start_pos = start
        self.end_pos = end

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        return f"Tok({self.type}, {self.value!r}, {self.start_pos}, {self.end_pos})"


class Piece:
    """A reduced rule: its name (or alias) and its children, as lark's Tree would hold them."""

    __slots__ = ("data", "children")

    def __init__(self, data: str, children: list) -> None:
        self.data = data
        self.children = children

    def __repr__(self) -> str:
        return f"Piece({self.data}, {self.children!r})"


class _Retype:
    """lark's UnlessCallback scanner: the terminal a whole match is retyped to (a keyword), or None."""

    __slots__ = ("patterns", "words")

    def __init__(self, patterns: tuple) -> None:
        self.patterns = patterns
        self.words = _literals(patterns)

    def fullmatch(self, text: str) -> str | None:
        for pattern in self.patterns:
            found = pattern.fullmatch(text)
            if found:
                return found.lastgroup
        return None


# A named group of plain characters and escaped non-word characters (each the character itself).
_LITERAL_GROUP = re.compile(r"\(\?P<(\w+)>((?:[^\\()\[\]{}|.*+?^$#\s]|\\\W)*)\)", re.DOTALL)


def _literals(patterns: tuple) -> dict[str, str] | None:
    """The patterns as a table (text -> terminal) when each is one named group of a literal.

    lark retypes a match only to string terminals (keywords such as 占), each escaped in
    a group of its own; a lookup in the table is then what fullmatch() gives. None when
    any pattern is something else (or ignores case): fullmatch() then runs the patterns.
    """
    words: dict[str, str] = {}
    for pattern in patterns:
        found = _LITERAL_GROUP.fullmatch(pattern.pattern)
        if found is None or pattern.flags & (re.IGNORECASE | re.VERBOSE):
            return None
        text = re.sub(r"\\(.)", r"\1", found.group(2), flags=re.DOTALL)
        words.setdefault(text, found.group(1))  # the first pattern that matches wins
    return words


@dataclass(frozen=True)
class _Scanner:
    patterns: tuple  # lark's compiled alternations, tried in order
    ignore: frozenset[str]
    unless: dict[str, _Retype]  # terminal -> scanner that may retype a match (lark's UnlessCallback)


# What the driver reads per state, flattened so that a token costs few lookups: the state's
# one compiled alternation (None when lark split it into several), all of them, the retyping
# scanners and the ignored terminals.
_Lexer = tuple[Any, tuple, dict[str, _Retype | dict[str, str]], frozenset[str]]


@dataclass(frozen=True)
class _Machine:
    # state -> terminal or rule name -> the next state (a shift or goto) or the plan of a reduction
    actions: dict[int, dict[str, int | RulePlan]]
    start: int
    end: int
    scanners: dict[int, _Scanner]
    root: _Scanner
    lexers: dict[int, _Lexer]  # the scanner of each state, as a tuple
    # States that reduce by one rule whatever comes next (every terminal and the end): the rule.
    defaults: dict[int, RulePlan]
    # (the state below, the state, a terminal) -> the piece a token of that terminal becomes
    # when it only adds one piece to the list (see _fusion); filled as the keys are met.
    fused: dict[tuple[int, int, str], tuple | None]


# The layout of the data below; part of the cache key (auditor/cache.py).
FORM = "claims-reader-1"


def _regexes(compiled) -> list[list]:
    return [[pattern.pattern, pattern.flags] for pattern in compiled]


def _scanner_data(lexer) -> dict[str, Any]:
    from lark.lexer import UnlessCallback

    compiled = lexer.scanner  # built on first use; sets lexer.callback
    unless = {}
    for name, callback in lexer.callback.items():
        if not isinstance(callback, UnlessCallback):  # pragma: no cover - the claims grammar has none
            raise TypeError("unsupported lexer callback")
        unless[name] = _regexes(callback.scanner._mres)
    return {"patterns": _regexes(compiled._mres), "ignore": sorted(lexer.ignore_types), "unless": unless}


def tables(lark_parser) -> dict[str, Any]:
    """What the reader takes of ``lark_parser`` (a Lark with parser='lalr'), as plain data.

    The LALR table (shift: next state; reduce: the rule's plan) and, per state, the
    regular expressions of lark's contextual lexer, in the order lark tries them.
    """
    frontend = lark_parser.parser
    data = lalr.table_data(frontend.parser.parser.parse_table)
    lexer = frontend.lexer
    shared: dict[int, int] = {}  # states that accept the same terminals share one lexer
    scanners: list[dict[str, Any]] = []
    of_state = {}
    for state, sub in lexer.lexers.items():
        if id(sub) not in shared:
            shared[id(sub)] = len(scanners)
            scanners.append(_scanner_data(sub))
        of_state[str(state)] = shared[id(sub)]
    return {**data, "scanners": scanners, "of_state": of_state, "root": _scanner_data(lexer.root_lexer)}


def _compiled(pairs: list) -> tuple:
    return tuple(re.compile(pattern, flags) for pattern, flags in pairs)


def _from_tables(data: dict[str, Any]) -> _Machine:
    table = lalr.states(data, lalr.plans(data))

    def scanner(entry: dict[str, Any]) -> _Scanner:
        unless = {name: _Retype(_compiled(pairs)) for name, pairs in entry["unless"].items()}
        return _Scanner(_compiled(entry["patterns"]), frozenset(entry["ignore"]), unless)

    # lark may build several lexers of the same terminals (for different sets of accepted
    # ones); alike entries share one scanner, so that _fusion can tell they read alike.
    alike: dict[str, _Scanner] = {}
    made = [alike.setdefault(repr(entry), scanner(entry)) for entry in data["scanners"]]
    scanners = {int(state): made[index] for state, index in data["of_state"].items()}
    actions = {state: {name: arg for name, (_, arg) in row.items()} for state, row in table.items()}
    lexers = {state: _lexer(found) for state, found in scanners.items()}
    defaults = _defaults(actions)
    return _Machine(actions, data["start"], data["end"], scanners, scanner(data["root"]), lexers, defaults, {})


def _defaults(actions: dict[int, dict[str, int | RulePlan]]) -> dict[int, RulePlan]:
    """The states whose every terminal (and the end of text) reduces by the same rule."""
    rules = {action.origin for row in actions.values() for action in row.values() if isinstance(action, RulePlan)}
    terminals = {name for row in actions.values() for name in row if name not in rules} | {"$END"}
    found = {}
    for state, row in actions.items():
        plans = {id(row.get(name)) for name in terminals}
        first = row.get("$END")
        if len(plans) == 1 and isinstance(first, RulePlan):
            found[state] = first
    return found


def _fusion(machine: _Machine, below: int, state: int, kind: str) -> tuple | None:
    """What a token of ``kind`` read in ``state`` (over ``below``) becomes, when it only adds a piece.

    That is when the table shifts it into a state that reduces it whatever comes
    next (a piece of one token, then ?piece rules passing it through) until the piece
    is appended to the list held in ``state``, and the stack is back to (below, state).
    lark makes those reductions when the next token comes, read with the lexer of the
    state the token was shifted into: with the same lexer as ``state``'s, the next
    token is the same, and making them at once changes nothing. The answer is the
    names the token is wrapped in, innermost first ("" for a rule passing it through);
    None when the token does something else.
    """
    actions = machine.actions
    target = actions[state].get(kind)
    lexer = machine.scanners.get(state)
    if target.__class__ is not int or lexer is None or machine.scanners.get(target) is not lexer:
        return None
    stack = [below, state, target]
    names: list[str] = []
    while True:
        rule = machine.defaults.get(stack[-1])
        if rule is None:
            return None
        if rule.shape == WRAP and rule.size == 1:
            names.append(rule.result)
            stack.pop()
        elif rule.shape == SINGLE:
            names.append("")
            stack.pop()
        elif rule.shape == APPEND and len(stack) == 3:  # (below, state, the piece's state): list, piece
            del stack[-2:]
            goto = actions[below].get(rule.origin)
            if goto != state or state in machine.defaults:
                return None
            return tuple(names)
        else:
            return None
        goto = actions[stack[-1]].get(rule.origin)
        if goto.__class__ is not int:
            return None
        stack.append(goto)


_UNKNOWN = object()  # a key of _Machine.fused not met yet


def _lexer(scanner: _Scanner) -> _Lexer:
    single = scanner.patterns[0] if len(scanner.patterns) == 1 else None
    # A keyword table stands for its retyping scanner when there is one (see _literals).
    unless = {name: retype.words if retype.words is not None else retype for name, retype in scanner.unless.items()}
    return single, scanner.patterns, unless, scanner.ignore


@cache
def machine(lark_parser) -> _Machine:
    """The reader for ``lark_parser`` (a Lark with parser='lalr'), built from its tables."""
    return _from_tables(tables(lark_parser))


@cache
def claims_machine() -> _Machine:
    """The reader for grammars/claims.lark, from the private cache when it can be (no lark import)."""
    from auditor.cache import grammar, grammar_tables

    return _from_tables(grammar_tables("claims.lark", FORM, lambda: tables(grammar("claims.lark"))))


def _match(scanner: _Scanner, text: str, pos: int) -> tuple[str, str, int] | None:
    for pattern in scanner.patterns:
        found = pattern.match(text, pos)
        if found:
            kind = found.lastgroup
            value = found.group(0)
            retype = scanner.unless.get(kind)
            if retype is not None:
                kind = retype.fullmatch(value) or kind
            return kind, value, found.end()
    return None


def _build(rule: RulePlan, children: list) -> Any:
    """The value lark's tree builder gives a reduced rule (inlined _rules spliced, ?rules expanded)."""
    kids = kept(rule, children)
    if rule.result is None:
        return kids
    if rule.result == "" and len(kids) == 1:
        return kids[0]
    return Piece(rule.result or rule.origin, kids)


def pieces(machine: _Machine, text: str) -> list | None:
    """The children of the start rule for ``text``; None where lark's parse would fail."""
    actions = machine.actions
    lexers = machine.lexers
    end = machine.end
    fused = machine.fused
    state = machine.start  # the top of the stack, kept at hand: every step reads it
    stack = [state]
    values: list = []
    pos = 0
    size = len(text)
    while True:
        if pos < size:
            pattern, patterns, unless, ignore = lexers[state]
            if pattern is not None:  # lark's alternation is one pattern unless it is very long
                found = pattern.match(text, pos)
            else:
                found = None
                for pattern in patterns:
                    found = pattern.match(text, pos)
                    if found:
                        break
            if found is None:
                pos = _skip(machine.root, text, pos)
                continue
            kind = found.lastgroup
            value = found.group(0)
            if kind in unless:
                retype = unless[kind]
                kind = (retype.get(value) if retype.__class__ is dict else retype.fullmatch(value)) or kind
            start, pos = pos, found.end()
            if kind in ignore:
                continue
            token = Tok(kind, value, start, pos)
        else:
            kind, token = "$END", None
        row = actions[state]
        while True:
            action = row.get(kind)
            if action is None:
                if token is None:
                    return None  # cannot end here: lark gives up on the whole text
                break  # an unexpected token is dropped; the stack keeps any reductions made
            if action.__class__ is int:  # a shift
                if token is not None and len(stack) > 1:
                    key = (stack[-2], state, kind)
                    names = fused.get(key, _UNKNOWN)
                    if names is _UNKNOWN:
                        names = fused[key] = _fusion(machine, stack[-2], state, kind)
                    if names is not None:  # the shift and the reductions lark makes next, at once
                        piece = token
                        for name in names:
                            if name:
                                piece = Piece(name, [piece])
                        values[-1].append(piece)
                        break
                state = action
                stack.append(state)
                values.append(token)
                break
            # A reduction. The shapes nearly every token reduces by (a piece of one token, a piece
            # added to the list, a ?piece passing its child through) rewrite the stacks' tops in
            # place; they give what the general case below gives.
            shape = action.shape
            count = action.size
            if shape == WRAP and count == 1:
                value = values[-1] = Piece(action.result, [values[-1]])
                stack.pop()
            elif shape == APPEND:  # (SPLICE, KEEP): the list, then the piece appended to it
                child = values.pop()
                value = values[-1]
                value.append(child)
                del stack[-2:]
            elif shape == SINGLE:  # (KEEP,): the child is the value
                value = values[-1]
                stack.pop()
            else:
                children = values[-count:] if count else []
                if count:
                    del stack[-count:]
                    del values[-count:]
                value = Piece(action.result, children) if shape == WRAP else _build(action, children)
                values.append(value)
            state = actions[stack[-1]][action.origin]  # the goto
            stack.append(state)
            row = actions[state]
            if token is None and state == end:
                return value.children if isinstance(value, Piece) else value


def _skip(root: _Scanner, text: str, pos: int) -> int:
    """Where reading resumes when the state's lexer reads nothing at ``pos``.

    The token the full lexer reads there is dropped (after any ignored ones);
    if even the full lexer cannot read, one character is skipped.
    """
    while pos < len(text):
        hit = _match(root, text, pos)
        if hit is None:
            return pos + 1
        pos = hit[2]
        if hit[0] not in root.ignore:
            break
    return pos
