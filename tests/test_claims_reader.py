"""The lean claims reader gives exactly what lark's own parse gives, piece for piece.

The reference is ``Lark.parse(text, on_error=lambda e: True)`` on the same
grammar, as auditor/claims/parse.py used before; both the samples'
paragraphs and generated text (the grammar's keywords, figures, units,
separators and stray characters in any order) must agree, including where
lark gives up on a paragraph.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Token, Tree
from lark.exceptions import LarkError, UnexpectedInput

from auditor.claims.parse import _parser
from auditor.claims.reader import Piece, Tok, machine, pieces
from auditor.parsing import parse_file

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _plain(node):
    if isinstance(node, (Token, Tok)):
        return (node.type, str(node), node.start_pos, node.end_pos)
    if isinstance(node, (Tree, Piece)):
        return (node.data, [_plain(child) for child in node.children])
    raise AssertionError(type(node))


def _lark(text: str):
    try:
        tree = _parser().parse(text, on_error=lambda error: True)
    except (UnexpectedInput, LarkError, RecursionError):
        return None
    return [_plain(child) for child in tree.children]


def _lean(text: str):
    found = pieces(machine(_parser()), text)
    return None if found is None else [_plain(child) for child in found]


def _paragraphs(path: Path) -> list[str]:
    document = parse_file(path)
    texts = []
    for part in document.parts:
        for top in part.sections:
            for section in top.walk():
                texts.extend(p.text for p in section.paragraphs)
        texts.extend(p.text for p in part.paragraphs)
    return texts


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_sample_paragraph_reads_alike(name: str) -> None:
    texts = _paragraphs(SAMPLES[name])
    assert len(texts) > 20
    for text in texts:
        assert _lean(text) == _lark(text), text


def test_corpus_text_reads_alike() -> None:
    texts = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    if not texts:
        pytest.skip(f"no text corpus at {CORPUS}")
    for path in texts:
        for line in path.read_text(encoding="utf-8").splitlines():
            assert _lean(line) == _lark(line), line


FRAGMENTS = [
    "万元", "元", "万 元", "占", "%", "12", "3.5", "1,234.56", "0", " ", ",", ";", ":", "。", "、",
    "比上年", "较上年度预算数", "比 上 年", "增加", "减少", "增长", "下降", "持平", "无变化", "保持不变",
    "主要原因是", "主要原因为:", "人员", "经费", "下", "持", "无", "保", "主", "其中", "(类)", "支出",
    "１２", "，", "\t", "x",
]


@settings(max_examples=400)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30))
def test_generated_text_reads_alike(parts: list[str]) -> None:
    text = "".join(parts)
    assert _lean(text) == _lark(text)


@given(st.text(alphabet="0123456789.,万元占%比上年增加减少长下降持平主要原因是:;。、 人", max_size=40))
def test_generated_characters_read_alike(text: str) -> None:
    assert _lean(text) == _lark(text)


def test_where_lark_gives_up_so_does_the_reader() -> None:
    # Ends inside "比上年增加 …": the table cannot end there, and lark drops the whole paragraph.
    text = "经费 20 万元,比上年增加"
    assert _lark(text) is None
    assert _lean(text) is None


def test_reader_from_the_cached_tables_reads_alike(tmp_path, monkeypatch) -> None:
    # A run reads the tables from the private cache (JSON), without importing lark.
    from auditor import cache
    from auditor.claims.reader import FORM, claims_machine, tables

    monkeypatch.delenv(cache.DISABLE_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    built = tables(_parser())
    assert cache.grammar_tables("claims.lark", FORM, lambda: built) == built  # stored
    assert cache.grammar_tables("claims.lark", FORM, lambda: None) == built  # read back
    claims_machine.cache_clear()
    try:
        cached = claims_machine()
        texts = _paragraphs(SAMPLES["kizilsu"])
        for text in texts:
            found = pieces(cached, text)
            assert (None if found is None else [_plain(child) for child in found]) == _lark(text), text
    finally:
        claims_machine.cache_clear()
