"""The structure table driven without lark's per-token machinery: same skeleton, and no hang."""

from __future__ import annotations

import pytest
from conftest import SAMPLES

from auditor.parsing import structure
from auditor.parsing.classify import Classifier, Line, Logical
from auditor.reading import read_source
from auditor.template.detect import choose_template


def _logicals(path) -> list[Logical]:
    source = read_source(path)
    lines = [Line(i + 1, text) for i, text in enumerate(source.lines)]
    return Classifier(lines, source.rendering, choose_template(source, None)).run()


def _through_lark(logicals: list[Logical]) -> structure.Skeleton:
    """The skeleton as Lark.parse makes it, with the builder as lark's transformer."""
    from lark import Lark

    from auditor.resources import grammar_text

    parser = Lark(grammar_text("structure.lark"), parser="lalr", lexer=structure._line_lexer(),
                  transformer=structure._BUILDER)
    skeleton = structure.Skeleton()
    structure._BUILDER.reset(logicals, skeleton)
    try:
        parser.parse(logicals)  # no error expected: raises if there is one
    finally:
        structure._BUILDER.reset([], structure.Skeleton())
    return skeleton


def test_tables_from_the_cache_equal_lark_s(tmp_path, monkeypatch) -> None:
    from auditor import cache

    monkeypatch.delenv(cache.DISABLE_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    built = structure.tables(structure._parser())
    assert cache.grammar_tables("structure.lark", structure.FORM, lambda: built) == built  # stored
    assert cache.grammar_tables("structure.lark", structure.FORM, lambda: None) == built  # read back


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_same_skeleton_as_lark(name: str) -> None:
    logicals = _logicals(SAMPLES[name])
    assert structure.parse_structure(logicals) == _through_lark(logicals)


def _line(kind: str, line: int, **fields) -> Logical:
    return Logical(kind, [Line(line, f"第{line}行")], **fields)


def test_unexpected_line_is_skipped_with_a_diagnostic() -> None:
    # A 目录 heading inside a part has no place in the grammar. (Through Lark.parse with
    # on_error, the custom lexer restarted from the first line after the error: a hang.)
    logicals = [_line("TITLE", 1), _line("PART", 2, number=1), _line("TOC_HEAD", 3), _line("PARA", 4)]
    skeleton = structure.parse_structure(logicals)
    assert [(d.code, d.span.line) for d in skeleton.diagnostics] == [("unexpected-line", 3)]
    assert [(p.number, len(p.paragraphs)) for p in skeleton.parts] == [(1, 1)]


def test_empty_input() -> None:
    assert structure.parse_structure([]) == structure.Skeleton()
