"""The 决算 fixture drawn as a PDF (reportlab): silent when clean, each planted defect found on its page and line."""

from __future__ import annotations

import re

import pytest
from fixtures_final import DEFECTS, final_text, write_final

pytest.importorskip("pdfplumber")
pytest.importorskip("reportlab")

from pdf_builder import build_pdf  # noqa: E402

from auditor.engine import load_rules, run_rules  # noqa: E402
from auditor.parsing import parse_file  # noqa: E402

RULES = load_rules()
# One defect of each family: table balance, row sum, cross-table, 三公 pairs, the four narrative
# arithmetics, vehicles, the 决算 asset date, a table absent, an empty table without its note.
SAMPLE = ["t1_balance", "t3_row_sum", "t5_vs_t6", "three_public_subtotal", "share", "completion_total", "yoy_rate",
          "direction", "vehicles", "asset_date", "table_absent", "empty_without_note"]


def _pdf(tmp_path, text: str, name: str):
    source = write_final(tmp_path, text, f"{name}.txt")
    document = parse_file(build_pdf(source, tmp_path / f"{name}.pdf"))
    return document, run_rules(RULES, document).findings


def test_clean_pdf_is_silent(tmp_path):
    document, findings = _pdf(tmp_path, final_text(), "clean")
    assert document.stage.word == "决算" and document.year == 2024
    assert [(f.rule_id, f.line, f.message) for f in findings] == []


@pytest.mark.parametrize("name", SAMPLE)
def test_planted_defect_found_on_its_page_and_line(tmp_path, name):
    planted = DEFECTS[name]()
    document, findings = _pdf(tmp_path, planted.text, name)
    hits = [f for f in findings if f.rule_id == planted.rule]
    assert hits, (name, [(f.rule_id, f.line, f.message) for f in findings])
    finding = hits[0]
    # The PDF has its own line breaks: the finding must point at a page and line whose text holds
    # the figure it reports (or, for a missing table or note, the table's title).
    assert re.fullmatch(r"p\d+:L\d+", document.locations[finding.line - 1])
    shown = "".join(document.line_text(n) for n in range(finding.line, finding.end_line + 1))
    wanted = (finding.stated or planted.marker).rstrip("%")
    if planted.rule in ("BD-JS020", "BD-JS021"):
        wanted = planted.marker
    assert wanted.replace("“", "").replace("”", "") in shown.replace("“", "").replace("”", ""), (finding.line, shown)
