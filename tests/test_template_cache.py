"""Shipped templates read from the private cache: the same templates as from the YAML, never stale."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from auditor import cache
from auditor.resources import builtin_rules_dir
from auditor.template import load as template_load
from auditor.template.load import available_templates, parse_template


@pytest.fixture
def private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv(cache.DISABLE_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "auditor"


def _fields(template) -> dict:
    values = {f.name: getattr(template, f.name) for f in dataclasses.fields(template)}
    values["tables"] = [dataclasses.asdict(table) for table in template.tables]
    return values


@pytest.mark.parametrize("name", available_templates())
def test_cached_template_equals_the_yaml(private: Path, name: str) -> None:
    shown = f"rules/templates/{name}.yaml"
    text = (Path(str(builtin_rules_dir())) / "templates" / f"{name}.yaml").read_text(encoding="utf-8")
    fresh = parse_template(shown, text, validate=False)
    stored = parse_template(shown, text, validate=False, cached=True)  # reads the YAML, fills the cache
    assert template_load._cache_load(shown, text) is not None
    again = parse_template(shown, text, validate=False, cached=True)  # from the cache
    assert _fields(stored) == _fields(fresh)
    assert _fields(again) == _fields(fresh)


def test_edited_or_damaged_template_is_read_from_the_yaml(private: Path) -> None:
    name = available_templates()[0]
    shown = f"rules/templates/{name}.yaml"
    text = (Path(str(builtin_rules_dir())) / "templates" / f"{name}.yaml").read_text(encoding="utf-8")
    parse_template(shown, text, validate=False, cached=True)
    edited = text.replace("description: ", "description: 改过", 1)
    assert parse_template(shown, edited, validate=False, cached=True).description.startswith("改过")
    assert len(list(private.glob("template-*.json"))) == 1  # only the newest version is kept
    (file,) = private.glob("template-*.json")
    file.write_text("{not json", encoding="utf-8")
    assert parse_template(shown, edited, validate=False, cached=True).description.startswith("改过")


def test_no_cache_folder_still_reads_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.DISABLE_VARIABLE, "1")
    name = available_templates()[0]
    shown = f"rules/templates/{name}.yaml"
    text = (Path(str(builtin_rules_dir())) / "templates" / f"{name}.yaml").read_text(encoding="utf-8")
    assert parse_template(shown, text, validate=False, cached=True).name == name
