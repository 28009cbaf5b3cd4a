"""Configs from the documents' folder, bad toml values, profiles that walk the disk, outputs and baselines."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from tests.hostile.harness import KIZILSU, assert_chinese_error, run_cli


def test_a_config_in_the_documents_folder_is_not_used(tmp_path):
    # A folder received from outside brings auditor.toml silencing every rule: it must not apply.
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(KIZILSU, inbox / KIZILSU.name)
    (inbox / "auditor.toml").write_text('ignore = ["BD-*"]\nfail_on = "never"\n', encoding="utf-8")
    reviewer = tmp_path / "reviewer"
    reviewer.mkdir()
    run = run_cli("audit", inbox, cwd=reviewer)
    assert run.rc == 1 and "BD-F003" in run.stdout  # Kizilsu's 表10/表6 error still reported


def test_the_reviewers_config_is_found_from_the_current_directory(tmp_path):
    (tmp_path / "auditor.toml").write_text('ignore = ["BD-*"]\n', encoding="utf-8")
    work = tmp_path / "sub"
    work.mkdir()
    run = run_cli("audit", KIZILSU, cwd=work)
    assert run.rc == 0 and "BD-F003" not in run.stdout


@pytest.mark.parametrize(
    ("toml", "words"),
    [
        ('severity = "x"\n', "severity"),
        ("params = 5\n", "params"),
        ('[severity]\n"BD-T001" = "loud"\n', "BD-T001"),
        ('profile = "../../../etc/passwd"\n', "profile"),
        ("rules = [1, 2]\n", "rules"),
        ("select = 3\n", "select"),
        ("this is not toml\n", "TOML"),
    ],
)
def test_bad_config_values_name_the_file_and_key(tmp_path, toml, words):
    config = tmp_path / "auditor.toml"
    config.write_text(toml, encoding="utf-8")
    run = run_cli("audit", KIZILSU, "--config", config)
    assert_chinese_error(run, str(config), words)


@pytest.mark.parametrize("profile", ["../../../etc/passwd", "../rules/profiles/xinjiang", "/etc/hostname"])
def test_a_profile_name_does_not_walk_the_disk(profile):
    assert_chinese_error(run_cli("audit", KIZILSU, "--profile", profile), "未知的模板")


def test_an_explicit_profile_file_is_used(tmp_path):
    from auditor.resources import builtin_rules_dir

    mine = tmp_path / "mine.yaml"
    mine.write_text((builtin_rules_dir() / "templates" / "xinjiang.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert run_cli("audit", KIZILSU, "--profile", mine).rc == 1  # same template, same findings as by name


def test_output_to_a_missing_folder_or_a_folder(tmp_path):
    assert_chinese_error(run_cli("audit", KIZILSU, "--output", tmp_path / "nowhere" / "r.html", "--format", "html"),
                         "文件夹不存在")
    assert_chinese_error(run_cli("audit", KIZILSU, "--write-baseline", tmp_path), "这是一个文件夹")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write a read-only file")
def test_output_to_an_unwritable_file(tmp_path):
    locked = tmp_path / "locked.json"
    locked.write_text("{}", encoding="utf-8")
    locked.chmod(0o444)
    assert_chinese_error(run_cli("audit", KIZILSU, "--output", locked, "--format", "json"), "无法写入")


@pytest.mark.parametrize(
    "content",
    [
        "[]",
        '{"findings": 5}',
        '{"findings": [[1]]}',
        '{"findings": {"a": 1}}',
        '"findings"',
        "[" * 100_000 + "]" * 100_000,
        "not json",
        "\xff\xfe",
    ],
)
def test_hostile_baselines_are_refused_with_a_message(tmp_path, content):
    baseline = tmp_path / "base.json"
    baseline.write_text(content, encoding="utf-8", errors="surrogateescape")
    assert_chinese_error(run_cli("audit", KIZILSU, "--baseline", baseline), "基线文件")


def test_a_written_baseline_is_read_back(tmp_path):
    baseline = tmp_path / "base.json"
    assert run_cli("audit", KIZILSU, "--write-baseline", baseline).rc == 1
    assert json.loads(baseline.read_text(encoding="utf-8"))["version"] == 1
    assert run_cli("audit", KIZILSU, "--baseline", baseline).rc == 0  # every finding is known
