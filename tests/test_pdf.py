"""PDFs built from the tabbed samples read to the same document and findings as the text."""

from __future__ import annotations

import pytest
from conftest import SAMPLES

pytest.importorskip("pdfplumber")
pytest.importorskip("reportlab")

from pdf_builder import build_pdf  # noqa: E402

from auditor.engine import load_rules, run_rules  # noqa: E402
from auditor.errors import InputError  # noqa: E402
from auditor.parsing import parse_file  # noqa: E402


@pytest.fixture(scope="module")
def kizilsu_pdf(tmp_path_factory):
    return build_pdf(SAMPLES["kizilsu"], tmp_path_factory.mktemp("pdf") / "kizilsu.pdf")


def _rows(table):
    return [(r.code, r.name, r.project, {k: v.text for k, v in r.values.items()}) for r in table.rows]


def test_pdf_gives_the_same_document(kizilsu_pdf, parsed):
    text, pdf = parsed("kizilsu"), parse_file(kizilsu_pdf)
    assert (pdf.unit, pdf.year, pdf.kind) == (text.unit, text.year, text.kind)
    assert [p.number for p in pdf.parts] == [1, 2, 3, 4]
    assert [(s.number, s.title) for s in pdf.part(3).sections] == [(s.number, s.title) for s in text.part(3).sections]
    assert [(t.number, t.kind) for t in pdf.tables] == [(t.number, t.kind) for t in text.tables]
    for number in (1, 2, 3, 4, 5, 6, 7, 10):
        assert _rows(pdf.table(number)) == _rows(text.table(number)), number
    assert [t.is_empty for t in pdf.tables] == [t.is_empty for t in text.tables]
    weights = [[i.weight for i in t.indicators] for t in pdf.performance_tables]
    assert weights == [[i.weight for i in t.indicators] for t in text.performance_tables]


def test_pdf_gives_the_same_findings_located_by_page(kizilsu_pdf, parsed):
    rules = load_rules()
    pdf = parse_file(kizilsu_pdf)
    ours = run_rules(rules, pdf).findings
    theirs = run_rules(rules, parsed("kizilsu")).findings
    assert sorted((f.rule_id, f.stated, f.expected) for f in ours) == sorted(
        (f.rule_id, f.stated, f.expected) for f in theirs
    )
    f003 = next(f for f in ours if f.rule_id == "BD-F003")
    assert pdf.location(f003.line).startswith(f"{kizilsu_pdf}:p")
    assert ":L" in pdf.location(f003.line)


def test_a_scan_without_text_needs_ocr(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(path))
    page.rect(100, 100, 300, 300, fill=1)  # a picture, no text
    page.save()
    with pytest.raises(InputError, match="OCR"):
        parse_file(path)


def test_an_encrypted_pdf_says_so(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    path = tmp_path / "secret.pdf"
    page = canvas.Canvas(str(path), encrypt=StandardEncryption("user-password", canModify=0))
    page.drawString(100, 700, "budget")
    page.save()
    with pytest.raises(InputError, match="加密"):
        parse_file(path)


def test_a_damaged_pdf_is_an_input_error(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"garbage" * 50)
    with pytest.raises(InputError):
        parse_file(path)
