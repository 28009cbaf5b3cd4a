"""The private grammar cache: used only when private, silent when it cannot be."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from auditor import cache


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv(cache.DISABLE_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    cache.grammar.cache_clear()
    yield tmp_path / "xdg"
    cache.grammar.cache_clear()


def _parse_expression(source: str):
    return cache.grammar("expression.lark").parse(source)


def test_folder_is_created_private(home: Path) -> None:
    folder = cache.cache_dir()
    assert folder == home / "auditor"
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700


def test_grammar_is_cached_and_the_cached_parser_parses_alike(home: Path) -> None:
    fresh = _parse_expression("a + 1 > b")
    files = list((home / "auditor").glob("expression-*.lark-cache"))
    assert len(files) == 1
    cache.grammar.cache_clear()  # a new process: the parser now comes from the file
    assert _parse_expression("a + 1 > b") == fresh


def test_shared_folder_is_not_used(home: Path) -> None:
    folder = home / "auditor"
    folder.mkdir(parents=True)
    folder.chmod(0o777)  # anyone could plant a pickle here
    assert cache.cache_dir() is None
    assert _parse_expression("x == 1") is not None
    assert list(folder.iterdir()) == []


def test_link_is_not_used(home: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    home.mkdir()
    (home / "auditor").symlink_to(elsewhere)
    assert cache.cache_dir() is None


def test_writable_cache_file_is_not_read(home: Path) -> None:
    folder = cache.cache_dir()
    assert folder is not None
    planted = folder / "expression-py{}{}.lark-cache".format(*sys.version_info[:2])
    planted.write_bytes(b"not a pickle")
    planted.chmod(0o666)
    assert _parse_expression("x == 1") is not None
    assert planted.read_bytes() == b"not a pickle"  # neither read nor overwritten


def test_corrupt_cache_file_is_rebuilt(home: Path) -> None:
    folder = cache.cache_dir()
    assert folder is not None
    broken = folder / "claims-py{}{}.lark-cache".format(*sys.version_info[:2])
    broken.write_bytes(b"garbage\n")
    assert cache.grammar("claims.lark") is not None
    assert broken.read_bytes() != b"garbage\n"


def test_unwritable_place_means_no_cache(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home.parent.joinpath("file").write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home.parent / "file"))  # a file, not a folder
    assert cache.cache_dir() is None
    assert _parse_expression("x == 1") is not None


def test_relative_xdg_value_is_ignored(home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "auditor"


def test_switch_turns_it_off(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.DISABLE_VARIABLE, "1")
    assert cache.cache_dir() is None


def test_grammar_tables_are_stored_and_a_damaged_file_is_rebuilt(home: Path) -> None:
    assert cache.grammar_tables("claims.lark", "test-form", lambda: {"a": [1, 2]}) == {"a": [1, 2]}
    (stored,) = (home / "auditor").glob("tables-claims-*.json")
    assert cache.grammar_tables("claims.lark", "test-form", lambda: None) == {"a": [1, 2]}
    stored.write_text("{damaged", encoding="utf-8")
    assert cache.grammar_tables("claims.lark", "test-form", lambda: {"b": 3}) == {"b": 3}


def test_grammar_tables_without_a_cache_folder_are_built(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.DISABLE_VARIABLE, "1")
    assert cache.grammar_tables("claims.lark", "test-form", lambda: {"c": 4}) == {"c": 4}
    assert not list(home.glob("**/tables-*.json"))


def test_lark_version_is_read_without_importing_lark() -> None:
    import lark

    assert cache.lark_version() == lark.__version__
