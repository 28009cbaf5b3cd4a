"""Every subpackage ships: pyproject.toml lists packages explicitly (grammars/ and rules/ are mapped in)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_every_python_package_is_listed_in_pyproject():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "auditor").rglob("__init__.py")}
    assert found - listed == set(), "add these to [tool.setuptools] packages, or `pip install .` leaves them out"


def test_a_checkout_reads_its_own_rules_and_grammars():
    """Code from a checkout reads the rules beside it, even if another checkout is installed editable
    (rules and the code that evaluates them must come from the same tree)."""
    from auditor.resources import builtin_rules_dir, grammar_text

    top = Path(__file__).resolve().parents[1]
    assert Path(str(builtin_rules_dir())).resolve() == top / "rules"
    assert grammar_text("structure.lark") == (top / "grammars" / "structure.lark").read_text(encoding="utf-8")
