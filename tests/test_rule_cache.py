"""Rule files cached by content: same rules as a fresh load, never stale, never hiding a problem."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from auditor import cache
from auditor.engine import load_rules, rule_cache
from auditor.engine.loader import _builtin_files, _load_file
from auditor.errors import RuleError

RULE = """rules:
- id: XX-T001
  title: 测试
  message: "{message}"
  severity: warning
  rationale: 测试缓存
  assert: document.year >= 2000
  values:
    y: document.year + 1
  params_placeholder: 0
"""


@pytest.fixture
def private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv(cache.DISABLE_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "auditor"


def _rule_file(tmp_path: Path, message: str, *, broken: bool = False) -> Path:
    text = RULE.replace("{message}", message)
    if not broken:
        text = text.replace("  params_placeholder: 0\n", "")
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_cached_builtin_rules_equal_a_fresh_load(private: Path) -> None:
    load_rules()  # fills the cache
    for shown, text in _builtin_files():
        fresh = list(_load_file(shown, text, []))
        cached = rule_cache.load(shown, text)
        assert cached == fresh, shown
        for one, other in zip(cached, fresh, strict=True):  # == alone would let "error" pass for Severity.ERROR
            for name in vars(other):
                assert type(getattr(one, name)) is type(getattr(other, name)), (shown, name)
        assert [r.examples for r in cached] == [r.examples for r in fresh]


def test_audit_load_leaves_examples_undecoded(private: Path) -> None:
    """An audit never runs the examples, so the cache hands the rules over without them; rules test gets them."""
    full = load_rules()  # fills the cache
    assert any(rule.examples for rule in full.rules)
    lean = load_rules(examples=False)
    assert [rule.id for rule in lean.rules] == [rule.id for rule in full.rules]
    assert all(rule.examples == () for rule in lean.rules)
    assert [replace(rule, examples=()) for rule in full.rules] == lean.rules
    assert load_rules().rules == full.rules  # asking again gives them back


def test_edited_file_is_read_again(private: Path, tmp_path: Path) -> None:
    path = _rule_file(tmp_path, "第一版")
    assert load_rules([path], builtin=False).get("XX-T001").message == "第一版"
    path = _rule_file(tmp_path, "第二版")
    assert load_rules([path], builtin=False).get("XX-T001").message == "第二版"
    # Only the newest version of the file is kept.
    assert len(list(private.glob("rules-*.json"))) == 1


def test_file_with_problems_is_never_stored(private: Path, tmp_path: Path) -> None:
    path = _rule_file(tmp_path, "有错", broken=True)  # params_placeholder is not a rule key
    for _ in range(2):
        with pytest.raises(RuleError) as caught:
            load_rules([path], builtin=False)
        assert "params_placeholder" in str(caught.value)
    assert list(private.glob("rules-*.json")) == []


def test_damaged_entry_falls_back_to_the_file(private: Path, tmp_path: Path) -> None:
    path = _rule_file(tmp_path, "完好")
    load_rules([path], builtin=False)
    (entry,) = private.glob("rules-*.json")
    entry.write_text('[{"id": {"weird": 1}}]', encoding="utf-8")
    assert load_rules([path], builtin=False).get("XX-T001").message == "完好"


def test_cached_expressions_evaluate_like_fresh_ones(private: Path, tmp_path: Path) -> None:
    path = _rule_file(tmp_path, "表达式")
    fresh = load_rules([path], builtin=False).get("XX-T001")
    cached = load_rules([path], builtin=False).get("XX-T001")
    assert cached.assertion == fresh.assertion and cached.values == fresh.values
    assert isinstance(cached.assertion.tree, tuple)


def test_no_private_folder_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.DISABLE_VARIABLE, "1")
    path = _rule_file(tmp_path, "无缓存")
    assert load_rules([path], builtin=False).get("XX-T001").message == "无缓存"
    assert rule_cache.load(str(path), path.read_text(encoding="utf-8")) is None
