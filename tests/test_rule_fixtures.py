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


def test_rules_test_runs_the_builtin_fixture_files_and_reports_a_wrong_marker(tmp_path):
    from click.testing import CliRunner

    from auditor.cli import main

    folder = FIXTURES / "xinjiang" / "rules"
    done = CliRunner().invoke(main, ["rules", "test", "--fixtures", str(folder)])
    assert done.exit_code == 0, done.output
    # A marker on a line where the rule does not report: BD-X001 reports on line 13 (收入总计
    # 10.00, 支出总计 11.00), not on the title line 4.
    text = (folder / "BD-X001-fires-1.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    lines[12] = lines[12].split("  #")[0]
    lines[3] += "  # 应报告: BD-X001"
    (tmp_path / "moved.txt").write_text("\n".join(lines), encoding="utf-8")
    wrong = CliRunner().invoke(main, ["rules", "test", "--fixtures", str(tmp_path)])
    assert wrong.exit_code == 1
    assert "moved.txt:4: BD-X001 应在此行报告" in wrong.output
    assert "moved.txt:13: BD-X001 不应在此报告" in wrong.output
