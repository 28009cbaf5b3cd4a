"""docs/rules.md lists every check kind and every parameter (it is generated from the modules)."""

from __future__ import annotations

from pathlib import Path

from auditor.engine.checks import load_all

ROOT = Path(__file__).resolve().parent.parent


def test_rules_guide_documents_every_check_kind_and_parameter():
    guide = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for name, kind in load_all().items():
        assert f"`{name}`" in guide, name
        for parameter in kind.params:
            assert f"`{parameter}`" in guide, (name, parameter)


def test_every_builtin_rule_has_a_rationale_and_chinese_message():
    from auditor.engine import load_rules

    for rule in load_rules().rules:
        assert len(rule.rationale) >= 10, rule.id
        assert any("\u4e00" <= ch <= "\u9fff" for ch in rule.message), rule.id


def test_every_builtin_rule_shows_where_it_fires_and_where_it_does_not():
    # In the rule's own examples, or in annotated fixture files (tests/fixtures/**/*.txt).
    from auditor.engine import load_rules
    from auditor.engine.fixtures import find_fixtures, read_fixture

    fixtures = [read_fixture(p) for p in find_fixtures(ROOT / "tests" / "fixtures")]
    for rule in load_rules().rules:
        assert any(e.fires for e in rule.examples) or any(rule.id in f.fires for f in fixtures), rule.id
        assert any(not e.fires for e in rule.examples) or any(rule.id in f.silent for f in fixtures), rule.id
