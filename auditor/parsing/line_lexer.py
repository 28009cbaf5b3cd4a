"""The lark lexer of the structure grammar, imported only when lark builds that grammar.

A module of its own so that lark can pickle the class into its grammar cache by name,
while a run whose tables come from the private cache never imports lark
(see auditor/parsing/structure.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lark import Token
from lark.lexer import Lexer

if TYPE_CHECKING:
    from auditor.parsing.classify import Logical


class LineLexer(Lexer):
    """Feeds the classifier's logical lines to lark; a token's value is its index."""

    def __init__(self, lexer_conf) -> None:  # noqa: D107 - lark's interface
        pass

    def lex(self, data: list[Logical]):  # type: ignore[override]
        for index, logical in enumerate(data):
            yield Token(logical.kind, index, line=logical.first, end_line=logical.last)
