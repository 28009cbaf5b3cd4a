"""Hostile documents: huge figures, control sequences, invisible characters, size, encodings, crashes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.hostile.harness import JIASHI, KIZILSU, audit_text, run_cli

# 表2 of the Kizilsu sample: "208 05 01 行政单位离退休 18.94 18.94" (line 145).
ROW = "208\t05\t01\t行政单位离退休\t18.94\t18.94\t"
# 第三部分, 十二 (三) 国有资产占用使用情况: the vehicle sentence.
VEHICLES = "2. 车辆"


def _write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def _summary(run) -> dict:
    return json.loads(run.stdout)["summary"]


def test_a_30_digit_figure_in_a_table_is_reported_not_a_crash(tmp_path):
    text = audit_text()
    assert ROW in text
    doc = _write(tmp_path, "big.txt", text.replace(ROW, ROW.replace("18.94\t18.94", "123456789012345678901234567890.12\t18.94"), 1))
    run = run_cli("audit", doc)
    # The figure is 10^29 万元: BD-U001 calls it implausible, and 表2's sums no longer hold.
    assert run.rc == 1
    assert "位数过多" in run.stdout and "BD-U001" in run.stdout


def test_a_32_digit_figure_in_the_text_is_reported_not_a_crash(tmp_path):
    text = audit_text()
    assert "996.43 万元" in text
    doc = _write(tmp_path, "big.txt", text.replace("996.43 万元", "99999999999999999999999999999999.43 万元", 1))
    run = run_cli("audit", doc, "--format", "json")
    assert run.rc == 1
    messages = [f["message"] for d in json.loads(run.stdout)["documents"] for f in d["findings"]]
    assert any("位数过多" in m for m in messages)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "html"])
def test_terminal_control_sequences_never_reach_any_output(tmp_path, fmt):
    # Window title (OSC 0), screen clear (CSI 2 J), clipboard write (OSC 52), a C1 CSI and a bidi override.
    hostile = "\x1b]0;pwned\x07\x1b[2J\x1b]52;c;aGVsbG8=\x07\x9b31m\u202e"
    text = audit_text().replace(VEHICLES, "2. " + hostile + "车辆", 1)
    doc = _write(tmp_path, "esc.txt", text)
    out = tmp_path / f"report.{fmt}"
    run = run_cli("audit", doc, "--format", fmt, "--output", out, files=(out,))
    assert run.rc == 1
    report = out.read_text(encoding="utf-8")
    for char in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert char not in report and char not in run.output
    if fmt == "text":
        assert "\\x1b]0;pwned" in report  # shown escaped, so the reader sees it was there


def test_invisible_characters_in_headings_give_the_same_findings(tmp_path):
    text = audit_text()
    marked = []
    for line in text.split("\n"):
        if re.match(r"^(第[一二三四]部分|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|表\d)", line):
            line = line[:1] + "\u200d\u200e\u2060\u202e\u2066" + line[1:] + "\u2069\u202c\ufeff"
        marked.append(line)
    doc = _write(tmp_path, "invisible.txt", "\n".join(marked))
    clean, dirty = run_cli("audit", KIZILSU, "--format", "json"), run_cli("audit", doc, "--format", "json")
    assert clean.rc == dirty.rc == 1
    for key in ("errors", "warnings", "info"):
        assert _summary(dirty)[key] == _summary(clean)[key]


def test_a_100k_character_paragraph_is_read_in_linear_time(tmp_path):
    text = audit_text()
    at = text.index("\n", text.index(VEHICLES))
    # 100k characters without a separator or a paren before one amount: the subject of that
    # amount is the whole run, which the old "([^()]+?)\((类|款|项)\)" rescanned from every
    # position (20k characters took 16 s, 40k 74 s).
    paragraph = "一般公共预算支出安排" * 10_000 + "1.00万元。"
    doc = _write(tmp_path, "long.txt", text[:at] + "\n" + paragraph + "\n" + text[at:])
    run = run_cli("audit", doc, "--format", "json")  # the CPU bound of run_cli is the assertion
    assert run.rc == 1


@pytest.mark.parametrize("code", [("208", "05", "01"), ("210", "99", "01")])
def test_a_table_of_10k_rows_is_read_in_linear_time(tmp_path, code):
    text = audit_text()
    # 10 000 项 rows of 0.00 in 表2: under 208 05 (their 款 is there) or under 210 99, which has
    # no 款 row, so the old backward search for a parent scanned every earlier row (10k: 32 s).
    rows = "\n".join("\t".join(code) + f"\t项目{i}\t0.00\t0.00\t" for i in range(10_000))
    doc = _write(tmp_path, "rows.txt", text.replace(ROW, ROW + "\n" + rows, 1))
    run = run_cli("audit", doc, "--format", "json")
    assert run.rc == 1
    assert json.loads(run.stdout)["documents"][0]["error"] is None


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read(tmp_path, encoding):
    doc = _write(tmp_path, "u16.txt", audit_text(JIASHI), encoding)
    run = run_cli("audit", doc)
    assert run.rc == 0  # the same findings as the UTF-8 sample: none at the error level
    assert "伽师县医疗保障局" in run.stdout


def test_binary_and_empty_files_get_a_chinese_message(tmp_path):
    for name, data in (("nul.txt", bytes(range(256)) * 20), ("empty.txt", b"")):
        (tmp_path / name).write_bytes(data)
        run = run_cli("audit", tmp_path / name)
        assert run.rc == 2 and ("二进制" in run.output or "为空" in run.output)


def test_a_folder_with_one_crashing_document_still_writes_its_report(tmp_path, monkeypatch):
    """An unexpected exception in one document: its row says so, the others are audited, exit 2."""
    import auditor.parsing as parsing

    folder = tmp_path / "in"
    folder.mkdir()
    good = folder / KIZILSU.name
    good.write_text(audit_text(), encoding="utf-8")
    bad = folder / "crash.txt"
    bad.write_text(audit_text(JIASHI), encoding="utf-8")
    real = parsing.parse_file

    def parse_or_crash(path, *args, **kwargs):
        if Path(path).name == "crash.txt":
            raise ZeroDivisionError("secret document text")  # stands for any bug a document can trigger
        return real(path, *args, **kwargs)

    monkeypatch.setattr(parsing, "parse_file", parse_or_crash)
    from auditor.cli import main

    report = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["audit", str(folder), "--jobs", "1", "--format", "json", "--output", str(report)])
    assert result.exit_code == 2
    data = json.loads(report.read_text(encoding="utf-8"))
    rows = {Path(d["path"]).name: d for d in data["documents"]}
    assert "内部错误" in rows["crash.txt"]["error"] and "ZeroDivisionError" in rows["crash.txt"]["error"]
    assert "secret document text" not in report.read_text(encoding="utf-8")
    # Kizilsu's own findings are all there (BD-F003: 表10 vs 表6, checked in tests/golden).
    assert rows[KIZILSU.name]["error"] is None
    assert any(f["rule_id"] == "BD-F003" for f in rows[KIZILSU.name]["findings"])


@pytest.mark.skipif(__import__("multiprocessing").get_start_method() != "fork", reason="needs fork to patch workers")
def test_a_worker_that_dies_leaves_error_rows_and_the_report(tmp_path, monkeypatch):
    """A worker killed mid-run (stands for the kernel's OOM killer): rows say so, exit 2, report written."""
    import auditor.audit as audit_module

    folder = tmp_path / "in"
    folder.mkdir()
    for index in range(3):
        (folder / f"{index}-{KIZILSU.name}").write_text(audit_text(), encoding="utf-8")
    _REAL_WORKER.append(audit_module._audit_in_worker)
    monkeypatch.setattr(audit_module, "_audit_in_worker", _die_on_file_2)
    from auditor.cli import main

    report = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["audit", str(folder), "--jobs", "2", "--format", "json", "--output", str(report)])
    assert result.exit_code == 2, result.output
    assert report.exists(), result.output
    rows = json.loads(report.read_text(encoding="utf-8"))["documents"]
    assert len(rows) == 3
    assert any(row["error"] and "意外退出" in row["error"] for row in rows)


_REAL_WORKER: list = []


def _die_on_file_2(path):
    """The worker function, except that it kills its process on "2-…" (module level: workers unpickle it)."""
    import os

    if path.name.startswith("2-"):
        os._exit(9)
    return _REAL_WORKER[0](path)


@pytest.mark.parametrize("extra", [(), ("--format", "json"), ("--claims",)])
def test_parse_output_carries_no_control_sequences(tmp_path, extra):
    text = audit_text().replace(VEHICLES, "2. \x1b]0;pwned\x07\x1b[2J\u202e车辆", 1)
    doc = _write(tmp_path, "esc.txt", text)
    run = run_cli("parse", doc, *extra)
    assert run.rc == 0
    assert "\x1b" not in run.output and "\u202e" not in run.output and "\x07" not in run.output
