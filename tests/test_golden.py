"""The parser against the hand-written golden files in tests/golden/ (see its README)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from auditor.parsing import parse_file
from auditor.reading.normalize import compact, normalize_chars

GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FILES = sorted(GOLDEN.glob("*.yaml"))


def same(text: str | None) -> str:
    return compact(normalize_chars(text or ""))


@pytest.fixture(scope="module", params=FILES, ids=[f.stem for f in FILES])
def case(request):
    golden = yaml.safe_load(request.param.read_text(encoding="utf-8"))
    return golden, parse_file(EXAMPLES / golden["sample"])


def test_document(case):
    golden, document = case
    expected = golden.get("document")
    if expected:
        assert (document.unit, document.year, document.kind.value) == (
            expected["unit"], expected["year"], expected["kind"])


def test_tables(case):
    golden, document = case
    for number, table in (golden.get("tables") or {}).items():
        parsed = document.table(int(number))
        assert parsed is not None, number
        if "title_line" in table:
            assert table["title_line"] in range(parsed.span.line, parsed.span.end_line + 1)
        rows = [r for r in parsed.rows if r.side in (None, table.get("side", r.side))]
        assert len(rows) == len(table["rows"]), (number, [r.span.line for r in rows])
        for expected, row in zip(table["rows"], rows, strict=True):
            where = (number, expected["line"])
            assert row.span.line == expected["line"], where
            assert row.level.value == expected["level"], where
            assert (row.code or None) == expected.get("code"), where
            assert same(row.name) == same(expected["name"]), where
            assert same(row.project) == same(expected.get("project")), where
            values = {k: str(v) for k, v in (expected.get("values") or {}).items()}
            got = {k: a.text for k, a in row.values.items()}
            if row.ambiguous:
                # Allowed only where the golden says the table alone cannot decide.
                assert expected.get("decided_outside_table"), where
                assert any({k: a.text for k, a in c.values.items()} == values for c in row.candidates), where
            else:
                assert got == values, where


def test_performance_tables(case):
    golden, document = case
    expected = golden.get("performance_tables") or []
    if not expected:
        pytest.skip("no performance tables in this golden file")
    tables = document.performance_tables
    assert [t.span.line for t in tables] == [e["line"] for e in expected]
    for table, entry in zip(tables, expected, strict=True):
        weights = [int(i.weight.value) for i in table.indicators if i.weight is not None]
        assert weights == entry["weights"] and sum(weights) == entry["weight_sum"], entry["line"]
        if "total_budget" in entry:
            assert table.total_budget is not None and table.total_budget.format() == entry["total_budget"]
