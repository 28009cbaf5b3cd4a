"""Last year's disclosure as a second witness (BD-L001–L003, pairing, --previous).

The pairs are built from the Kizilsu sample (2026): last year's document is
the same text moved back one year, with every table figure that a "比上年"
sentence restates set to this year's amount minus the stated change. Such a
pair is consistent by construction, so nothing may fire; moving one of last
year's figures by more than the rounding of the two documents must fire at
the sentence, citing last year's line.
"""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from auditor.claims import extract_claims
from auditor.cli import main
from auditor.parsing import parse_text
from auditor.previous import Identity, pair_documents, unit_key
from auditor.quantity import Quantity
from tests.conftest import SAMPLES

TAG_RE = re.compile(r"<[^>]*>")


def _cell_text(cell: str) -> str:
    return TAG_RE.sub("", cell).strip()


def _set_figure(lines: list[str], row, amount, new_text: str) -> None:
    """Replace ``amount`` (one figure of ``row``) in its tabbed source line by ``new_text``."""
    position = next(k for k, figure in enumerate(row.figures) if figure is amount)
    index = amount.line - 1
    cells = lines[index].split("\t")
    if row.side is not None:  # 表1/表4: income label | amount | expenditure label | amount
        target = 1 if row.side == "income" else 3
        assert _cell_text(cells[target]) == amount.text
        cells[target] = cells[target].replace(amount.text, new_text)
        lines[index] = "\t".join(cells)
        return
    is_figure = [bool(re.fullmatch(r"-?[\d,]+(\.\d+)?", _cell_text(cell))) for cell in cells]
    # Codes (208, 05, 01) are numbers too: figures are the numbers after the name.
    name = max((i for i, cell in enumerate(cells) if _cell_text(cell) and not is_figure[i]), default=-1)
    numeric = [i for i in range(name + 1, len(cells)) if is_figure[i]]
    target = numeric[position]
    assert _cell_text(cells[target]) == amount.text
    cells[target] = cells[target].replace(amount.text, new_text)
    lines[index] = "\t".join(cells)


def last_year_of(text: str, *, moved: int | None = None, by: str = "0.10") -> tuple[str, list]:
    """Last year's text for ``text``, consistent with its 比上年 sentences.

    Returns the text and the claims whose figures were set; with ``moved``,
    the figure behind claim number ``moved`` is off by ``by`` 万元.
    """
    document = parse_text(text, path="this.txt")
    lines = text.split("\n")
    done: set[tuple[int, str]] = set()
    used = []
    for claim in extract_claims(document).claims:
        r = claim.resolution
        if r is None or claim.amount is None or claim.change is None or claim.direction is None:
            continue
        if (r.line, r.column) in done:
            continue
        done.add((r.line, r.column))
        table = document.table(r.table)
        row = next(x for x in table.rows if x.span.line <= r.line <= x.span.end_line and r.column in x.values
                   or x.span.line == r.line and x.name == r.row)
        amount = row.values.get(r.column)
        change = claim.change.quantity if claim.direction == "增加" else -claim.change.quantity
        last = claim.amount.quantity - change
        if moved is not None and len(used) == moved:
            last = last + Quantity.parse(by)
        used.append((claim, row, amount))
        if amount is None:
            # A blank cell this year (e.g. 表1 单位资金 0, 减少 5.00): last year's
            # figure goes into the income side's amount cell.
            assert r.table == 1
            cells = lines[r.line - 1].split("\t")
            cells[1] = last.format(2)
            lines[r.line - 1] = "\t".join(cells)
        else:
            _set_figure(lines, row, amount, last.format(2))
    shifted = "\n".join(lines).replace("2025", "2024").replace("2026", "2025")
    return shifted, used


@pytest.fixture(scope="module")
def kizilsu_text() -> str:
    return SAMPLES["kizilsu"].read_text(encoding="utf-8")


def _audit(this, previous, *extra):
    result = CliRunner().invoke(
        main, ["audit", str(this), "--previous", str(previous), "--format", "json", "--select", "BD-L*", *extra],
        catch_exceptions=False,
    )
    return result, json.loads(result.output)


def test_consistent_pair_is_silent(tmp_path, kizilsu_text):
    last, used = last_year_of(kizilsu_text)
    assert len(used) >= 15  # every 比上年 sentence of sections 二, 三, 五 and 十 takes part
    (tmp_path / "2025.txt").write_text(last, encoding="utf-8")
    result, data = _audit(SAMPLES["kizilsu"], tmp_path / "2025.txt")
    assert result.exit_code == 0, result.output
    document = data["documents"][0]
    assert document["previous"] == str(tmp_path / "2025.txt")
    assert document["findings"] == []
    assert data["summary"]["pairs"][0]["previous"] == str(tmp_path / "2025.txt")
    assert data["summary"]["pairs"][0]["years"] == [2025, 2026]  # read from both documents' titles


@pytest.mark.parametrize("moved", [0, 3, 7])
def test_a_changed_figure_last_year_is_found_at_the_sentence(tmp_path, kizilsu_text, moved):
    # Last year's figure is 0.10 higher than this year's amount minus the stated
    # change: two 2-decimal figures differ by at most 0.01 through rounding, so
    # the stated change cannot be right.
    last, used = last_year_of(kizilsu_text, moved=moved)
    (tmp_path / "2025.txt").write_text(last, encoding="utf-8")
    result, data = _audit(SAMPLES["kizilsu"], tmp_path / "2025.txt")
    assert result.exit_code == 1, result.output
    findings = data["documents"][0]["findings"]
    claim, row, amount = used[moved]
    assert [(f["rule_id"], f["line"]) for f in findings] == [("BD-L001", claim.span.line)]
    assert findings[0]["related"] == f"{tmp_path / '2025.txt'}:{row.span.line}"
    assert claim.change.text in findings[0]["message"]


def test_a_rate_on_the_wrong_base_is_named(tmp_path):
    # 0.30 ÷ 1.50 = 20.00%; the text's 16.67% is 0.30 ÷ 1.80, this year's amount.
    this = _three_public(2025, "1.80", "比上年预算增加 0.30 万元，增长 16.67%")
    last = _three_public(2024, "1.50", "")
    (tmp_path / "this.txt").write_text(this, encoding="utf-8")
    (tmp_path / "last.txt").write_text(last, encoding="utf-8")
    result, data = _audit(tmp_path / "this.txt", tmp_path / "last.txt")
    findings = data["documents"][0]["findings"]
    assert [(f["rule_id"], f["line"]) for f in findings] == [("BD-L002", 9)]
    assert findings[0]["expected"] == "20.00%"
    assert "以本年数为基数" in findings[0]["evidence"]


def test_items_present_last_year_and_gone_are_information(tmp_path, kizilsu_text):
    last, _ = last_year_of(kizilsu_text)
    # Last year's 表5 also had 201 01 01 行政运行 (and its 类/款); this year's has not.
    lines = last.split("\n")
    table5 = lines.index("表 5")
    at = next(i for i in range(table5, len(lines)) if lines[i].startswith("<b>208</b>\t\t\t"))
    lines[at:at] = ["201\t\t\t一般公共服务支出\t1.00\t1.00\t", "201\t01\t\t人大事务\t1.00\t1.00\t",
                    "201\t01\t01\t行政运行\t1.00\t1.00\t"]
    (tmp_path / "2025.txt").write_text("\n".join(lines), encoding="utf-8")
    result, data = _audit(SAMPLES["kizilsu"], tmp_path / "2025.txt")
    findings = data["documents"][0]["findings"]
    assert [(f["rule_id"], f["severity"], f["table"]) for f in findings] == [("BD-L003", "info", 5)]
    assert "2010101 行政运行" in findings[0]["message"]
    assert result.exit_code == 0  # information only


def _three_public(year: int, amount: str, change: str) -> str:
    sentence = f"某局 {year} 年财政拨款“三公”经费数为 {amount} 万元" + (f"，{change}。" if change else "。")
    return (
        "第二部分 公开表\n表 10\n财政拨款“三公”经费支出情况表\n编制部门：某局\t单位：万元\n"
        "“三公”经费支出内容\t合计\t一般公共预算\t政府性基金\t国有资本经营预算\n"
        f"合计\t{amount}\t{amount}\t\t\n第三部分 说明\n十、关于某局 {year} 年财政拨款“三公”经费预算情况说明\n"
        f"{sentence}\n"
    )


def test_folder_pairs_consecutive_years_of_one_unit(tmp_path, kizilsu_text):
    last, _ = last_year_of(kizilsu_text, moved=0)
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a-2026.txt").write_text(kizilsu_text, encoding="utf-8")
    (folder / "b-2025.txt").write_text(last, encoding="utf-8")
    (folder / "other.txt").write_text(SAMPLES["akto"].read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", str(folder), "--format", "json", "--jobs", "1"])
    data = json.loads(result.output)
    pairs = data["summary"]["pairs"]
    assert [(p["current"], p["previous"]) for p in pairs] == [(str(folder / "a-2026.txt"), str(folder / "b-2025.txt"))]
    this = next(d for d in data["documents"] if d["path"].endswith("a-2026.txt"))
    assert [f["rule_id"] for f in this["findings"]].count("BD-L001") == 1
    # Without pairing, nothing is compared.
    result = CliRunner().invoke(main, ["audit", str(folder), "--format", "json", "--jobs", "1", "--no-pairing"])
    data = json.loads(result.output)
    assert data["summary"]["pairs"] == []
    assert not any(f["rule_id"].startswith("BD-L") for d in data["documents"] for f in d["findings"])


def test_unit_names_compare_after_normalisation():
    assert unit_key("上海市普陀区人民政府 万里街道办事处") == unit_key("上海市普陀区人民政府万里街道办事处")
    assert unit_key("某局（本级）2025年部门预算") == unit_key("某局")
    assert unit_key("某局") != unit_key("某委")
    assert unit_key(None) == ""


def test_pairing_needs_same_stage_and_kind_and_is_never_a_guess():
    docs = [
        Identity("a25", "某局", 2025, "预算", "department"),
        Identity("a24", "某 局", 2024, "预算", "department"),
        Identity("f24", "某局", 2024, "决算", "department"),  # a 决算 is no budget's last year
        Identity("u24", "某局", 2024, "预算", "unit"),  # a 单位预算 is not the 部门预算
        Identity("b25", "某委", 2025, "预算", "department"),
        Identity("b24x", "某委", 2024, "预算", "department"),
        Identity("b24y", "某委", 2024, "预算", "department"),  # two candidates: ambiguous
    ]
    pairs, notes = pair_documents(docs)
    assert [(p.current, p.previous, p.years) for p in pairs] == [("a25", "a24", (2024, 2025))]
    assert len(notes) == 1 and "b24x" in notes[0]


def test_previous_is_for_one_document_and_must_exist(tmp_path):
    result = CliRunner().invoke(main, ["audit", str(SAMPLES["akto"]), str(SAMPLES["kizilsu"]), "--previous",
                                       str(SAMPLES["akto"])])
    assert result.exit_code == 2 and "--previous" in result.output
    result = CliRunner().invoke(main, ["audit", str(SAMPLES["akto"]), "--previous", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2 and "上年文件不存在" in result.output
