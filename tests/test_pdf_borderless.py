"""Whole samples printed as borderless PDFs read to the same findings as their text.

The tabbed samples know every cell, so their tables can be printed as aligned
text without ruling lines (tests/pdf_borderless.py): columns at fixed x
positions, figures right-aligned, empty cells blank. Reading such a PDF must
bind every figure to the column it is printed in, which the findings show.
"""

from __future__ import annotations

import pytest
from conftest import SAMPLES

pytest.importorskip("reportlab")

from pdf_borderless import build_borderless_pdf  # noqa: E402

from auditor.engine import load_rules, run_rules  # noqa: E402
from auditor.parsing import parse_file  # noqa: E402


def _rows(table):
    return [(r.code, r.name, {k: v.text for k, v in r.values.items()}) for r in table.rows]


@pytest.mark.parametrize("name", ["kizilsu", "akto"])
def test_a_borderless_pdf_gives_the_same_tables_and_findings(name, parsed, tmp_path):
    pdf = parse_file(build_borderless_pdf(SAMPLES[name], tmp_path / f"{name}.pdf"))
    text = parsed(name)
    assert pdf.source.rendering == "pdf"
    assert [(t.number, t.kind) for t in pdf.tables] == [(t.number, t.kind) for t in text.tables]
    # The coded, two-sided and 三公 tables: every row, code, name and figure in its
    # column, also the rows that went on to the next page.
    for number in (1, 2, 3, 4, 5, 6, 7, 10):
        assert _rows(pdf.table(number)) == _rows(text.table(number)), number
    rules = load_rules()
    ours = sorted((f.rule_id, f.stated, f.expected) for f in run_rules(rules, pdf).findings)
    theirs = sorted((f.rule_id, f.stated, f.expected) for f in run_rules(rules, text).findings)
    assert ours == theirs
