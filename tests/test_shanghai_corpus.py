"""The real Shanghai budgets in ../shared/corpus/shanghai (skipped when that folder is absent).

Every finding listed below was checked by hand against the PDF (page images
and the tables' rows); the comment gives the reason. Nothing else may be
reported, and no completeness finding at all: each document is complete.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.engine import load_rules, run_rules
from auditor.parsing import parse_file

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "shanghai"

EXPECTED: dict[str, set[tuple[str, int | None]]] = {
    # 表6 and 表7 have no figures and no note at all (pages 15 and 16 show only the
    # empty grid and 合计): the template's "故本表为空表" note is missing.
    "上海市财政局2025年单位预算.pdf": {("SH-E002", 6), ("SH-E002", 7)},
    "普陀区万里街道2024年部门预算.pdf": set(),
    # Item 21 of the 编制说明 reads “卫生健康支出(类)卫生健康支出(款)计划生育事务(项)”, but in
    # 表5 210 07 is the 款 计划生育事务 and its 项 21007 17 is 计划生育服务: no such 款/项 pair.
    "普陀区万里街道2025年部门预算.pdf": {("SH-S005", 5)},
    "普陀区商务委员会2025年单位预算.pdf": set(),
    "普陀区商务委员会2025年部门预算.pdf": set(),
}


@pytest.fixture(scope="module")
def documents():
    if not CORPUS.is_dir():
        pytest.skip(f"没有语料库目录 {CORPUS}")
    pytest.importorskip("pdfplumber")
    cache: dict[str, object] = {}

    def get(name: str):
        if name not in cache:
            cache[name] = parse_file(CORPUS / name)
        return cache[name]

    return get


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_shanghai_budget_is_read_with_its_nine_tables(documents, name):
    document = documents(name)
    assert document.template.name == "shanghai-budget"
    assert [t.number for t in document.tables] == list(range(1, 10))
    for table in document.tables:
        assert not any(r.ambiguous for r in table.rows), table.number
        if table.number in (6, 7):
            assert table.is_empty  # none of these units has 政府性基金 or 国有资本经营 money
        elif table.number == 9:
            assert len(table.rows) == 1 and table.rows[0].values.get("合计") is not None
        elif table.number in (1, 4):
            assert table.total_row("income") and table.total_row("expenditure"), table.number
        else:
            assert table.total_row() is not None and table.total_row().values.get(table.columns[0].key), table.number
    # 表1 收入总计 = 表2 合计 = 表3 合计 = 表5 合计 as read (all grants are 一般公共预算 money here)
    totals = {
        document.table(1).total_row("income").values["预算数"].quantity,
        document.table(2).total_row().values["合计"].quantity,
        document.table(3).total_row().values["合计"].quantity,
        document.table(5).total_row().values["合计"].quantity,
    }
    assert len(totals) == 1
    assert not [d for d in document.diagnostics if d.code.startswith("missing") or d.code == "unknown-table"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_findings_on_each_shanghai_budget_are_the_checked_ones(documents, name):
    findings = run_rules(load_rules(), documents(name)).findings
    assert not [f for f in findings if f.rule_id.startswith(("SH-C", "BD-C"))]
    assert {(f.rule_id, f.table) for f in findings} == EXPECTED[name]


def test_a_final_accounts_pdf_is_not_taken_for_a_budget(documents):
    # “普陀区财政局2024年度部门决算”: its title says 决算, so no budget template applies;
    # it is read with the Shanghai 决算 template and has no completeness finding
    # (its findings are listed and checked in tests/test_final_corpus.py).
    document = parse_file(CORPUS / "普陀区财政局2024年度部门决算.pdf")
    assert document.template is not None and document.template.name == "shanghai-final"
    findings = run_rules(load_rules(), document).findings
    assert [f.rule_id for f in findings if f.rule_id.startswith(("BD-C", "SH-C"))] == []
