"""The command line: formats, folders, exit codes, bad input, baselines."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from auditor.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_text_report_shows_finding_location_excerpt_and_arithmetic():
    result = run("audit", str(SAMPLES["kizilsu"]))
    assert result.exit_code == 1
    assert "BD-F003" in result.output
    assert f"{SAMPLES['kizilsu']}:593" in result.output
    assert "78.40" in result.output and "86.43" in result.output
    assert "汇总" in result.output


def _clean_jiashi(tmp_path) -> str:
    """jiashi with its two BD-E004 warnings corrected: 表11's remark (line 877) and the 十一 说明
    (line 1145) call 上年结转结余情况明细表 by another name; nothing else is reported on jiashi."""
    text = SAMPLES["jiashi"].read_text(encoding="utf-8")
    text = text.replace("上年结转结余预算支出情况表", "上年结转结余情况明细表")
    text = text.replace("结转结余预算支出情况表", "上年结转结余情况明细表")
    clean = tmp_path / SAMPLES["jiashi"].name
    clean.write_text(text, encoding="utf-8")
    return str(clean)


def test_clean_sample_exits_0(tmp_path):
    result = run("audit", _clean_jiashi(tmp_path))
    assert result.exit_code == 0, result.output
    assert "未发现问题" in result.output


@pytest.mark.parametrize(
    ("fail_on", "code"), [("error", 1), ("warning", 1), ("info", 1), ("never", 0)]
)
def test_fail_on_threshold(fail_on, code):
    assert run("audit", str(SAMPLES["kizilsu"]), "--fail-on", fail_on).exit_code == code


def test_warning_only_findings_pass_at_error_threshold(tmp_path):
    result = run("audit", str(SAMPLES["kizilsu"]), "--select", "BD-U001,BD-Y002")
    assert result.exit_code == 0
    assert run("audit", str(SAMPLES["kizilsu"]), "--select", "BD-U001", "--fail-on", "warning").exit_code == 1


def test_json_validates_against_the_documented_schema():
    result = run("audit", str(SAMPLES["kizilsu"]), "--format", "json")
    data = json.loads(result.output)
    schema = json.loads((ROOT / "docs" / "report-schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert "小微企业" in result.output  # Chinese is not escaped
    lines = [f["line"] for f in data["documents"][0]["findings"]]
    assert lines == sorted(lines)


def test_sarif_validates_and_points_at_lines():
    result = run("audit", str(SAMPLES["kizilsu"]), "--format", "sarif")
    data = json.loads(result.output)
    schema = json.loads((ROOT / "tests" / "data" / "sarif-2.1.0-subset.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    run_ = data["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    rule_ids = {r["id"] for r in run_["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in run_["results"]} <= rule_ids
    regions = {r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in run_["results"]}
    assert 593 in regions


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text = []
        self.tags = []

    def handle_data(self, data):
        self.text.append(data)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def test_html_is_self_contained_escaped_and_holds_every_finding(tmp_path):
    planted = tmp_path / "planted.txt"
    text = SAMPLES["kizilsu"].read_text(encoding="utf-8").replace(
        "2.车辆" if "2.车辆" in SAMPLES["kizilsu"].read_text(encoding="utf-8") else "2. 车辆",
        "2. <script>alert(1)</script>车辆", 1)
    planted.write_text(text, encoding="utf-8")
    out = tmp_path / "r.html"
    result = run("audit", str(planted), "--format", "html", "--output", str(out))
    assert result.exit_code == 1
    page = out.read_text(encoding="utf-8")
    parser = _Text()
    parser.feed(page)
    assert "script" not in parser.tags
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "http" not in page.split("<body")[0].replace("http-equiv", "")  # no external assets in head
    shown = "".join(parser.text)
    data = json.loads(run("audit", str(planted), "--format", "json").output)
    for finding in data["documents"][0]["findings"]:
        assert finding["rule_id"] in shown
        assert finding["message"][:20] in shown.replace("\n", "")


@pytest.mark.skipif(not shutil.which("chromium"), reason="chromium not installed")
def test_html_renders_in_headless_chromium(tmp_path):
    out = tmp_path / "r.html"
    run("audit", str(SAMPLES["kizilsu"]), "--format", "html", "--output", str(out))
    png = tmp_path / "shot.png"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'u'}",
         f"--screenshot={png}", "--window-size=1200,1600", out.as_uri()],
        check=True, capture_output=True, timeout=60,
    )
    assert png.stat().st_size > 10_000


def test_folder_with_a_binary_file_reports_it_and_goes_on(tmp_path):
    for name in ("kizilsu", "jiashi"):
        shutil.copy(SAMPLES[name], tmp_path / SAMPLES[name].name)
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    result = run("audit", str(tmp_path), "--jobs", "2")
    assert result.exit_code == 2  # a document that could not be audited is "error", not "findings"
    assert "文件汇总" in result.output
    assert "photo.txt" in result.output and "PNG" in result.output
    assert "克孜勒苏柯尔克孜自治州医疗保障局" in result.output and "伽师县医疗保障局" in result.output


def _file(name: str, data: bytes):
    def make(folder: Path) -> Path:
        (folder / name).write_bytes(data)
        return folder / name

    return make


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p / "missing.txt", "路径不存在"),
        (_file("empty.txt", b""), "文件为空"),
        (_file("zip.txt", b"PK\x03\x04" + bytes(50)), "ZIP"),
        (_file("png.txt", b"\x89PNG\r\n\x1a\n" + bytes(50)), "PNG"),
        (_file("bad.txt", b"abc \xff\xfe\xfd \x81" * 3), "无法识别文件编码"),
        (lambda p: p, "没有预算公开文件"),
    ],
)
def test_bad_input_gives_a_chinese_message_and_exit_2(tmp_path, make, words):
    target = make(tmp_path)
    result = run("audit", str(target))
    assert result.exit_code == 2
    assert words in result.output
    assert "Traceback" not in result.output


def test_file_over_the_size_limit_says_how_to_raise_it(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("第一部分 概况\n" + "x" * 2_000_000, encoding="utf-8")
    result = run("audit", str(big), "--max-size", "1")
    assert result.exit_code == 2 and "--max-size" in result.output


def test_text_that_is_not_a_disclosure_says_so(tmp_path):
    # One line of 3 MB as well: reading it must stay quick and quiet.
    other = tmp_path / "poem.txt"
    other.write_text("床前明月光\n疑是地上霜\n" + "x" * 3_000_000 + "\n", encoding="utf-8")
    result = run("audit", str(other))
    assert result.exit_code == 2
    assert "不是预算公开文件" in result.output and "Traceback" not in result.output


def test_truncated_disclosure_says_so(tmp_path):
    text = SAMPLES["kizilsu"].read_text(encoding="utf-8").split("\n")
    cut = tmp_path / "cut.txt"
    cut.write_text("\n".join(text[:200]), encoding="utf-8")  # stops inside 表2
    result = run("audit", str(cut))
    # Issue 15: a cut document is audited, not refused. It keeps its 封面 and 目录,
    # so it presents itself as complete and the missing parts are reported.
    assert result.exit_code == 1
    assert "第三部分" in result.output and "第四部分" in result.output and "Traceback" not in result.output


def test_json_and_sarif_stay_valid_whatever_the_text_holds(tmp_path):
    text = SAMPLES["kizilsu"].read_text(encoding="utf-8").replace("2. 车辆", "2. \x07\x1b[31m车辆", 1)
    odd = tmp_path / "odd.txt"
    odd.write_text(text, encoding="utf-8")
    for fmt in ("json", "sarif"):
        json.loads(run("audit", str(odd), "--format", fmt).output)


def test_baseline_hides_known_findings_even_after_lines_move(tmp_path):
    baseline = tmp_path / "base.json"
    assert run("audit", str(SAMPLES["kizilsu"]), "--write-baseline", str(baseline)).exit_code == 1
    shifted = tmp_path / SAMPLES["kizilsu"].name
    shifted.write_text("\n\n\n" + SAMPLES["kizilsu"].read_text(encoding="utf-8"), encoding="utf-8")
    result = run("audit", str(shifted), "--baseline", str(baseline))
    assert result.exit_code == 0
    assert "已按基线隐藏" in result.output


def test_custom_rules_and_config(tmp_path, monkeypatch):
    rules = ROOT / "examples" / "custom-rules"
    result = run("audit", str(SAMPLES["akto"]), "--rules", str(rules), "--select", "MY-*", "--format", "json")
    data = json.loads(result.output)
    assert {f["rule_id"] for f in data["documents"][0]["findings"]} <= {"MY-C001", "MY-C002"}
    config = tmp_path / "auditor.toml"
    config.write_text('ignore = ["BD-U001"]\n[severity]\n"BD-F003" = "info"\n', encoding="utf-8")
    # The reviewer's auditor.toml is found from the current directory upward.
    monkeypatch.chdir(tmp_path)
    data = json.loads(run("audit", str(SAMPLES["kizilsu"]), "--format", "json").output)
    ids = {(f["rule_id"], f["severity"]) for f in data["documents"][0]["findings"]}
    assert ("BD-F003", "info") in ids and not any(i == "BD-U001" for i, _ in ids)


def test_config_extends_cycle_is_an_error(tmp_path):
    (tmp_path / "a.toml").write_text('extends = "b.toml"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('extends = "a.toml"\n', encoding="utf-8")
    result = run("audit", str(SAMPLES["jiashi"]), "--config", str(tmp_path / "a.toml"))
    assert result.exit_code == 2 and "循环引用" in result.output


def test_english_labels(tmp_path):
    result = run("audit", _clean_jiashi(tmp_path), "--lang", "en")
    assert "No findings." in result.output


def test_parse_command_tree_and_json():
    tree = run("parse", str(SAMPLES["akto"]))
    assert tree.exit_code == 0 and "表5" in tree.output
    data = json.loads(run("parse", str(SAMPLES["akto"]), "--format", "json").output)
    assert data["document"]["unit"] == "阿克陶县医疗保障局"
    assert [t["number"] for t in data["tables"]] == list(range(1, 12))


def test_python_dash_m_works_from_another_directory(tmp_path):
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "auditor", "audit", str(SAMPLES["jiashi"])],
        cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "\x1b[" not in done.stdout  # plain when not a terminal
