"""Findings on a PDF name page and line on the page, never internal line numbers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import SAMPLES

pytest.importorskip("reportlab")
jsonschema = pytest.importorskip("jsonschema")

from pdf_builder import build_pdf  # noqa: E402

from auditor.audit import AuditOptions, audit_paths  # noqa: E402
from auditor.engine import load_rules  # noqa: E402
from auditor.parsing import parse_file  # noqa: E402
from auditor.reading.cite import cite_pages  # noqa: E402
from auditor.report.json_report import render_json  # noqa: E402

SCHEMA = Path(__file__).resolve().parents[1] / "docs" / "report-schema.json"


def test_a_citation_names_page_and_line():
    locations = ("p1:L1", "p1:L2", "p2:L1", "p2:L2")
    assert cite_pages("表1 第 3 行 合计 = 5.00", locations) == "表1 第 2 页第 1 行 合计 = 5.00"
    assert cite_pages("（第 2、4 行）", locations) == "（第 1 页第 2 行、第 2 页第 2 行）"
    # A text document has no locations: its line numbers are what the reader sees.
    assert cite_pages("第 3 行", ()) == "第 3 行"


@pytest.fixture(scope="module")
def kizilsu_pdf(tmp_path_factory):
    return build_pdf(SAMPLES["kizilsu"], tmp_path_factory.mktemp("pdf") / "kizilsu.pdf")


def test_pdf_findings_cite_pages_and_json_carries_them(kizilsu_pdf):
    report = audit_paths([kizilsu_pdf], load_rules(), AuditOptions())
    (result,) = report.results
    assert result.error is None and result.findings
    locations = set(parse_file(kizilsu_pdf).locations)
    # BD-D007 cites the heading of section 一 in the body (a real difference
    # between the table of contents and the heading): it must say where in the PDF.
    d007 = next(f for f in result.findings if f.rule_id == "BD-D007")
    assert re.search(r"正文第 \d+ 页第 \d+ 行", d007.message)
    for finding in result.findings:
        for text in (finding.message, finding.evidence or ""):
            # Every "第 … 行" is a page and a line on it that exist in the PDF.
            for match in re.finditer(r"第 ?[\d、]+ ?行", text):
                before = text[max(0, match.start() - 8):match.start()]
                assert "页" in before or "页" in match.group(0), text
            for page, line in re.findall(r"第 (\d+) 页第 (\d+) 行", text):
                assert f"p{page}:L{line}" in locations, text
    data = json.loads(render_json(report))
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    for finding in data["documents"][0]["findings"]:
        assert finding["location"] == f"{kizilsu_pdf}:p{finding['page']}:L{finding['page_line']}"


def test_text_findings_have_no_page(parsed):
    report = audit_paths([SAMPLES["kizilsu"]], load_rules(), AuditOptions())
    data = json.loads(render_json(report))
    assert all(f["page"] is None and f["page_line"] is None for f in data["documents"][0]["findings"])


def test_the_terminal_report_on_a_pdf_shows_pages_not_internal_lines(kizilsu_pdf):
    from click.testing import CliRunner

    from auditor.cli import main

    result = CliRunner().invoke(main, ["audit", str(kizilsu_pdf)], catch_exceptions=False)
    assert result.exit_code == 1
    gutters = re.findall(r"^\s+(\S+) │ ", result.output, flags=re.MULTILINE)
    assert gutters and all(re.fullmatch(r"p\d+:L\d+", g) for g in gutters), gutters
    # BD-F003 (小微企业预留 86.43 > 面向中小企业预留 78.40, a real contradiction in
    # the sample) is located in the PDF by page and line.
    assert re.search(rf"{re.escape(str(kizilsu_pdf))}:p\d+:L\d+", result.output)
