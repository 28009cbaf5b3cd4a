"""Fragments audited for what they hold: the arithmetic inside the prose (issue 15).

The fixtures in tests/fixtures/prose/ are written here in four provinces'
styles with figures computed by hand (shown beside each case). Each clean
fixture is silent apart from the one note that completeness was not checked;
each planted error fires its rule at the line where it stands.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.cli import main
from auditor.engine import load_rules, run_rules
from auditor.parsing import parse_text

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "prose"
RULES = load_rules()
NOTE = "BD-C000"  # completeness not checked: the one note a fragment gets


def _findings(text: str) -> set[tuple[str, int]]:
    return {(f.rule_id, f.line) for f in run_rules(RULES, parse_text(text)).findings if f.rule_id != NOTE}


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


FRAGMENTS = ["guangxi-yuan-shuoming.txt", "sangong-note.txt", "hubei-juesuan-gaikuang.txt", "xinjiang-section.txt"]


@pytest.mark.parametrize("name", FRAGMENTS)
def test_clean_twins_are_silent(name):
    # Guangxi: 2,476,260.58 + 463,739.42 = 2,940,000.00 元; 84.23% and 15.77% of it; 人员 2,200,000.00 +
    # 公用 276,260.58 = 基本; 4,966.66 ÷ (2,476,260.58 + 4,966.66) = 0.20%; 三公 0 + 0 + 40,000 + 12,000 = 52,000.
    # 三公 note: 0 + 0 + 8.00 + 4.50 = 12.50; 1.50 ÷ (12.50 + 1.50) = 10.71%.
    # Hubei: 700.00 + 156.40 = 856.40; 700 ÷ 856.40 = 81.74%, 156.40 ÷ 856.40 = 18.26%; 56.40 ÷ 800.00 = 7.05%;
    # 4 内设机构 listed; 600 + 100 = 700; 三公 0 + 0 + 0 + 3.000 = 3.000, change 0 with 持平;
    # 800.00 − 750.00 = 50.00 and 50.00 ÷ 750.00 = 6.67%.
    # Xinjiang: 100.00 + 20.00 = 120.00; 10.00 + 0.00 + 20.00 = 30.00.
    assert _findings(_fixture(name)) == set()


# (fixture, written, planted, expected findings, why)
PLANTED = [
    ("guangxi-yuan-shuoming.txt", "占支出总预算的15.77%", "占支出总预算的16.77%", {("BD-N002", 4)},
     "463,739.42 ÷ 2,940,000.00 = 15.77%, not 16.77%"),
    ("guangxi-yuan-shuoming.txt", "公用经费276,260.58元", "公用经费286,260.58元", {("BD-S001", 7)},
     "2,200,000.00 + 286,260.58 = 2,486,260.58 ≠ 基本支出 2,476,260.58"),
    ("guangxi-yuan-shuoming.txt", "下降0.2%", "下降2.0%", {("BD-N003", 7)},
     "4,966.66 ÷ 2,481,227.24 = 0.20%, not 2.0%"),
    ("guangxi-yuan-shuoming.txt", "公务接待费12,000.000元", "公务接待费13,000.000元", {("BD-S001", 10)},
     "0 + 0 + 40,000 + 13,000 = 53,000 ≠ 三公 52,000"),
    ("guangxi-yuan-shuoming.txt", "两年接待任务相同", "接待任务增加", {("BD-S006", 10)},
     "an increase of 0.00 元 explained by more receptions"),
    ("sangong-note.txt", "下降10.71%", "下降12.00%", {("BD-S004", 1)},
     "1.50 ÷ 12.50 (this year) = 12.00%; over last year's 14.00 it is 10.71%"),
    ("sangong-note.txt", "公务接待费4.50万元", "公务接待费5.50万元", {("BD-S001", 1)},
     "0 + 0 + 8.00 + 5.50 = 13.50 ≠ 12.50"),
    ("sangong-note.txt", "因公出国（境）费0.00万元；", "", {("BD-S007", 1)},
     "the note no longer names 因公出国（境）费"),
    ("sangong-note.txt", "减少1.50万元，下降", "减少1.50万元，增长", {("BD-N004", 1)},
     "a decrease of 1.50 described as 增长"),
    ("hubei-juesuan-gaikuang.txt", "设4个内设机构", "设5个内设机构", {("BD-F002", 3)},
     "five 内设机构 stated, four names listed"),
    ("hubei-juesuan-gaikuang.txt", "占本年支出合计的18.26%", "占本年支出合计的19.26%", {("BD-N002", 5)},
     "156.40 ÷ 856.40 = 18.26%, not 19.26%"),
    ("hubei-juesuan-gaikuang.txt", "增长7.05%", "增长6.59%", {("BD-S004", 5)},
     "56.40 ÷ 856.40 (this year) = 6.59%; over last year's 800.00 it is 7.05%"),
    ("hubei-juesuan-gaikuang.txt", "人员经费600.00万元", "人员经费610.00万元", {("BD-S001", 7)},
     "610.00 + 100.00 = 710.00 ≠ 基本支出 700.00"),
    ("hubei-juesuan-gaikuang.txt", "2023年度基本支出700.00万元，其中", "2023年度基本支出710.00万元，其中",
     {("BD-S003", 7), ("BD-S001", 7)},
     "基本支出 is 700.00 on line 5 and 710.00 on line 7, which 600 + 100 does not make either"),
    ("hubei-juesuan-gaikuang.txt", "减少0.000万元，与上年持平", "减少0.500万元，与上年持平", {("BD-S005", 9)},
     "持平 with a decrease of 0.500"),
    ("hubei-juesuan-gaikuang.txt", "增加50.00万元，增长6.67%", "增加60.00万元，增长6.67%", {("BD-S008", 11)},
     "800.00 − 750.00 = 50.00, not 60.00"),
    ("hubei-juesuan-gaikuang.txt", "增加50.00万元，增长6.67%", "增加50.00万元，增长6.25%", {("BD-S004", 11)},
     "50.00 ÷ 800.00 (this year) = 6.25%; over 2022's 750.00 it is 6.67%"),
    ("xinjiang-section.txt", "公用经费 20.00 万元", "公用经费 21.00 万元", {("BD-S001", 3)},
     "100.00 + 21.00 = 121.00 ≠ 基本支出 120.00"),
    ("xinjiang-section.txt", "拟采购货物支出 10.00 万元", "拟采购货物支出 12.00 万元", {("BD-S001", 8)},
     "12.00 + 0.00 + 20.00 = 32.00 ≠ 政府采购预算总额 30.00"),
]


@pytest.mark.parametrize(("name", "written", "planted", "expected", "why"), PLANTED,
                         ids=[f"{p[0]}:{sorted(p[3])[0][0]}" for p in PLANTED])
def test_planted_errors_fire_at_their_line(name, written, planted, expected, why):
    text = _fixture(name)
    assert written in text
    assert _findings(text.replace(written, planted, 1)) == expected, why


@pytest.mark.parametrize("name", FRAGMENTS)
def test_fragments_are_audited_with_at_most_one_completeness_note(name):
    result = CliRunner().invoke(main, ["audit", str(FIXTURES / name), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    import json

    findings = json.loads(result.output)["documents"][0]["findings"]
    completeness = [f for f in findings if f["rule_id"].startswith("BD-C")]
    assert [f["rule_id"] for f in completeness] == [NOTE]
    assert "未检查完整性" in completeness[0]["message"]


def test_text_without_budget_words_is_still_refused(tmp_path):
    poem = tmp_path / "poem.txt"
    poem.write_text("床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", str(poem)])
    assert result.exit_code == 2 and "不是预算公开文件" in result.output


# -- properties -------------------------------------------------------------------

CENTS = st.integers(min_value=10_000, max_value=1_000_000_000)  # 100.00 … 10,000,000.00


def _money(cents: int, yuan: bool) -> str:
    value = Decimal(cents) / 100
    return f"{value:,.2f}元" if yuan else f"{value:.2f}万元"


def _pct(part: int, whole: int) -> Decimal:
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _paragraphs(staff: int, office: int, projects: int, yuan: bool, *, staff_shown: int | None = None,
                share_shift: Decimal = Decimal(0)) -> str:
    basic = staff + office
    whole = basic + projects
    basic_share = _pct(basic, whole) + share_shift
    return (
        "一、收支总体情况\n"
        f"2025年支出总预算{_money(whole, yuan)}，其中：基本支出{_money(basic, yuan)}，占支出总预算的{basic_share}%；"
        f"项目支出{_money(projects, yuan)}，占支出总预算的{_pct(projects, whole)}%。\n"
        "二、基本支出情况\n"
        f"2025年基本支出{_money(basic, yuan)}，其中：人员经费{_money(staff if staff_shown is None else staff_shown, yuan)}，"
        f"公用经费{_money(office, yuan)}。\n"
    )


@settings(max_examples=60, deadline=None)
@given(CENTS, CENTS, CENTS, st.booleans())
def test_consistent_prose_never_fires(staff, office, projects, yuan):
    # Every figure is computed from the parts and each share rounded half up, as a 说明 is written.
    assert _findings(_paragraphs(staff, office, projects, yuan)) == set()


@settings(max_examples=60, deadline=None)
@given(CENTS, CENTS, CENTS, st.booleans(), st.integers(min_value=2, max_value=10_000), st.booleans())
def test_a_part_moved_outside_its_interval_always_fires(staff, office, projects, yuan, off, up):
    # 人员经费 off by 0.02 or more: the parts' sum interval (±0.01) no longer meets 基本支出 (±0.005).
    shown = staff + off if up else staff - off
    found = _findings(_paragraphs(staff, office, projects, yuan, staff_shown=shown))
    assert ("BD-S001", 4) in found


@settings(max_examples=60, deadline=None)
@given(CENTS, CENTS, CENTS, st.booleans(), st.integers(min_value=3, max_value=500))
def test_a_share_moved_outside_its_interval_always_fires(staff, office, projects, yuan, off):
    # Amounts of at least 100.00 keep amount ÷ total within 0.01 points of its value; 0.03 points or more is outside.
    basic, whole = staff + office, staff + office + projects
    shift = Decimal(off) / 100 * (-1 if _pct(basic, whole) + Decimal(off) / 100 > 100 else 1)
    found = _findings(_paragraphs(staff, office, projects, yuan, share_shift=shift))
    assert ("BD-N002", 2) in found


@settings(max_examples=60, deadline=None)
@given(CENTS, CENTS, st.integers(min_value=2, max_value=2000))
def test_sibling_shares_without_a_stated_total_must_make_100(basic, projects, off):
    # No total amount is stated, so each share cannot be divided out; 基本 and 项目 are the whole,
    # so their shares (each ±0.005 points) must add to 100%. Adding 0.02 points or more to one is outside.
    whole = basic + projects
    shares = (_pct(basic, whole), _pct(projects, whole))
    text = "一、支出情况\n基本支出{}万元，占{}%；项目支出{}万元，占{}%。\n"
    amounts = (f"{Decimal(basic) / 100:.2f}", f"{Decimal(projects) / 100:.2f}")
    assert _findings(text.format(amounts[0], shares[0], amounts[1], shares[1])) == set()
    moved = shares[0] + Decimal(off) / 100
    assert ("BD-S002", 2) in _findings(text.format(amounts[0], moved, amounts[1], shares[1]))
