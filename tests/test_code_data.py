"""The JSON twins of the code lists agree with the YAML they are made from."""

from __future__ import annotations

import json

import pytest
import yaml

from auditor import codes
from auditor.resources import data_file, data_text


@pytest.mark.parametrize("name", codes.NAMES)
def test_twin_matches_yaml(name: str) -> None:
    text = data_text(name)
    twin = json.loads(data_file(codes.twin_name(name)).read_text(encoding="utf-8"))
    # A failure here means the YAML was edited: run `python -m auditor.codes` to rewrite the twin.
    assert twin["source_sha256"] == codes.digest(text)
    assert twin["codes"] == codes.items_from_yaml(text)
    assert data_file(codes.twin_name(name)).read_text(encoding="utf-8") == codes.twin_text(text)


@pytest.mark.parametrize("name", codes.NAMES)
def test_twin_entries_are_the_yaml_entries(name: str) -> None:
    # Independent of items_from_yaml: the pure-Python loader on the source file.
    source = yaml.safe_load(data_text(name))["codes"]
    loaded = codes._load(name)
    assert len(loaded) == len(source)
    for item in source:
        entry = loaded[str(item["code"])]
        assert (entry.name, entry.level, entry.certainty) == (item["name"], item["level"], item["certainty"])
        assert entry.valid_until == item.get("valid_until")


def test_stale_twin_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    # An edited YAML whose twin was not rewritten: the YAML wins.
    edited = "codes:\n- {code: '999', name: 测试支出, level: 类, evidence: none, certainty: recalled}\n"
    monkeypatch.setattr(codes, "data_text", lambda name: edited)
    loaded = codes._load("function_codes.yaml")
    assert list(loaded) == ["999"]
    assert loaded["999"].name == "测试支出"

