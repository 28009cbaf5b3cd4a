"""Never silent: a rule that fails while running is a finding of its own kind, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from click.testing import CliRunner
from conftest import SAMPLES

from auditor.cli import main

ROOT = Path(__file__).resolve().parent.parent

# Loads cleanly (names and attributes exist) but fails on every document:
# contains() wants two texts and gets a number.
BROKEN = """\
rules:
  - id: MY-E001
    title: 会出错的规则
    severity: warning
    message: "不会用到"
    rationale: 测试：运行时出错的规则必须被报告。
    assert: 'contains(table(6).title, 3)'
"""


def _broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_rule_error_is_reported_in_text_and_exits_2(tmp_path):
    result = run("audit", str(SAMPLES["jiashi"]), "--rules", str(_broken(tmp_path)), "--select", "MY-E001")
    assert result.exit_code == 2, result.output
    assert "规则出错" in result.output and "MY-E001" in result.output
    assert "broken.yaml:2" in "".join(result.output.split())  # the rule's own file and line (wrapped)
    assert "未发现问题" not in result.output


def test_keep_going_reports_the_error_and_exits_by_other_findings(tmp_path):
    # jiashi has no finding of its own (test_cli.test_clean_sample_exits_0): exit 0.
    result = run("audit", str(SAMPLES["jiashi"]), "--rules", str(_broken(tmp_path)), "--keep-going")
    assert result.exit_code == 0, result.output
    assert "MY-E001" in result.output
    # kizilsu has real errors (BD-F003 at line 593): exit 1 even with the broken rule.
    result = run("audit", str(SAMPLES["kizilsu"]), "--rules", str(_broken(tmp_path)), "--keep-going")
    assert result.exit_code == 1


def test_rule_error_in_json_matches_schema(tmp_path):
    result = run("audit", str(SAMPLES["jiashi"]), "--rules", str(_broken(tmp_path)), "--format", "json")
    assert result.exit_code == 2
    data = json.loads(result.output)
    jsonschema.validate(data, json.loads((ROOT / "docs" / "report-schema.json").read_text(encoding="utf-8")))
    errors = [f for d in data["documents"] for f in d["findings"] if f["kind"] == "rule-error"]
    assert [f["rule_id"] for f in errors] == ["MY-E001"]
    assert errors[0]["severity"] == "error"
    assert errors[0]["rule_location"].endswith("broken.yaml:2")
    assert data["summary"]["rule_errors"] == 1


def test_rule_error_in_sarif_and_html(tmp_path):
    result = run("audit", str(SAMPLES["jiashi"]), "--rules", str(_broken(tmp_path)), "--format", "sarif")
    assert result.exit_code == 2
    results = json.loads(result.output)["runs"][0]["results"]
    errors = [r for r in results if r.get("properties", {}).get("kind") == "rule-error"]
    assert len(errors) == 1 and errors[0]["ruleId"] == "MY-E001" and errors[0]["level"] == "error"
    html = run("audit", str(SAMPLES["jiashi"]), "--rules", str(_broken(tmp_path)), "--format", "html")
    assert html.exit_code == 2 and "MY-E001" in html.output and "规则出错" in html.output


def test_lang_en_translates_labels_and_the_arithmetic_line(tmp_path):
    rules = tmp_path / "r.yaml"
    # 表10 合计 is 2.00 in the base fixture: "<= 1" fails.
    rules.write_text(BROKEN.replace("MY-E001", "MY-E002").replace("'contains(table(6).title, 3)'",
                                                                 "'table(10).total[\"合计\"] <= 1'"), encoding="utf-8")
    base = ROOT / "tests" / "fixtures" / "xinjiang" / "base.txt"
    result = run("audit", str(base), "--rules", str(rules), "--select", "MY-E002", "--lang", "en")
    flat = " ".join(result.output.split())
    assert "arithmetic: 2.00 <= 1 does not hold" in flat and "[1.995, 2.005]" in flat
    assert "Summary:" in flat and "不成立" not in flat and "：" not in flat.split("Summary")[1]


def test_a_figure_with_misplaced_thousands_separators_is_not_read_and_costs_no_check():
    """“2,305,44.29” is a typo: no check reads it as a number, and the plausibility check still
    runs on the rest of the 说明 (it used to stop with a silent internal error)."""
    from auditor.engine import load_rules, run_rules
    from auditor.parsing import parse_text

    text = SAMPLES["kizilsu"].read_text(encoding="utf-8")
    line = next(i for i, x in enumerate(text.split("\n"), 1) if "车辆" in x and "万元" in x)
    lines = text.split("\n")
    # A vehicle worth 900,000 万元 is implausible; the typo beside it must not hide that.
    lines[line - 1] = "车辆1辆，价值900000.00万元，另有经费2,305,44.29万元。"
    rules = load_rules()
    before = {f.line for f in run_rules(rules, parse_text(text, path="k.txt")).findings if f.rule_id == "BD-U001"}
    run = run_rules(rules, parse_text("\n".join(lines), path="k.txt"))
    assert not run.errors
    assert {f.line for f in run.findings if f.rule_id == "BD-U001"} == before | {line}


def test_an_internal_error_in_a_check_kind_is_a_rule_error_finding(monkeypatch):
    """A built-in check that crashes on a document is reported, never dropped."""
    import dataclasses

    from auditor.engine import load_rules, run_rules
    from auditor.engine.checks import load_all
    from auditor.model.findings import RULE_ERROR
    from auditor.parsing import parse_text

    kinds = load_all()

    def crash(context, params):
        raise ValueError("boom")
        yield  # pragma: no cover

    monkeypatch.setitem(kinds, "unit_plausibility", dataclasses.replace(kinds["unit_plausibility"], run=crash))
    run = run_rules(load_rules(), parse_text(SAMPLES["jiashi"].read_text(encoding="utf-8"), path="j.txt"))
    errors = [f for f in run.findings if f.kind == RULE_ERROR]
    assert [f.rule_id for f in errors] == ["BD-U001"]
    assert "内部错误（ValueError）" in errors[0].message
