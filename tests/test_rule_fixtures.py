"""Annotated fixture files (tests/fixtures/**.txt): one pytest case per file.

Each file marks the line where a rule must report (``# 应报告: ID``) or says a rule
must stay silent (``# 不报告: ID``); see auditor/engine/fixtures.py. The rules are the
built-in library plus the "new user" examples of docs/rules.md, so the guide's examples
are tested exactly as printed.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from auditor.engine import load_rules
from auditor.engine.fixtures import check_fixture, find_fixtures, read_fixture

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
GUIDE = ROOT / "docs" / "rules.md"


def guide_rules() -> list[str]:
    """The YAML blocks of docs/rules.md that define MY-N rules (the new user's examples)."""
    blocks = re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.S)
    return [b for b in blocks if "id: MY-N" in b]


@cache
def ruleset(folder: str):
    paths = []
    for number, block in enumerate(guide_rules(), start=1):
        path = Path(folder) / f"guide-{number}.yaml"
        path.write_text(block, encoding="utf-8")
        paths.append(path)
    return load_rules(paths)


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    return ruleset(str(tmp_path_factory.mktemp("guide")))


def test_the_guide_has_the_three_new_user_examples():
    assert len(guide_rules()) == 3


@pytest.mark.parametrize("path", find_fixtures(FIXTURES), ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture(path, rules):
    assert check_fixture(read_fixture(path), rules) == []
