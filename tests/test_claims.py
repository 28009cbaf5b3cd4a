"""Claims: every figure of 第三部分 is read, resolved to its table, and checked with intervals."""

from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.claims import extract_claims, parse_claims
from auditor.engine import load_rules, run_rules
from auditor.parsing import parse_text


def test_an_item_with_share_change_rate_and_reason(parsed):
    # akto line 398.
    claims = extract_claims(parsed("akto"))
    claim = next(c for c in claims.claims if c.span.line == 398)
    assert claim.subject == "一般公共预算"
    assert claim.amount.text == "622.67 万元" and claim.share.text == "99.47%"
    assert (claim.direction, claim.change.text, claim.rate_direction, claim.rate.text) == ("减少", "30.79 万元", "下降", "4.71%")
    assert claim.reason.startswith("2 人退休金福利待遇减少")
    assert claim.whole.text == "625.99 万元" and claim.whole_line == 396
    assert (claim.resolution.table, claim.resolution.line) == (1, 98)


def test_class_item_statement_resolves_within_its_parents(parsed):
    # akto line 461: 卫生健康支出(类)医疗保障管理事务(款)行政运行(项) 216.83 — 行政运行 exists under several 款.
    claim = next(c for c in extract_claims(parsed("akto")).claims if c.span.line == 461)
    assert claim.path == ("卫生健康支出", "医疗保障管理事务", "行政运行")
    assert (claim.resolution.table, claim.resolution.line) == (5, 266)


def test_wrapped_figures_are_joined(parsed):
    # jiashi lines 900-902: "比上年预算增\n加 38.19 万元，增长 15.97%".
    claim = next(c for c in extract_claims(parsed("jiashi")).claims if c.subject == "一般公共预算")
    assert (claim.direction, claim.change.text, claim.rate.text) == ("增加", "38.19 万元", "15.97%")


def test_yuan_become_wan_yuan_with_their_precision():
    (claim,) = parse_claims("基本医疗保险A4纸经费 4400 元")
    assert claim.amount.quantity.value == Decimal("0.44")
    assert claim.amount.quantity.hi - claim.amount.quantity.lo == Decimal("0.0001")


def test_every_money_sentence_of_the_table_sections_yields_a_claim(parsed):
    for name in ("akto", "jiashi", "kashgar", "kizilsu", "shanshan"):
        document = parsed(name)
        lines = {c.span.line for c in extract_claims(document).claims} | {
            n for c in extract_claims(document).claims for n in range(c.span.line, c.span.end_line + 1)
        }
        for number in (1, 2, 3, 4, 5, 6, 10):
            section = document.section(number)
            for sub in section.walk():
                for paragraph in sub.paragraphs:
                    if re.search(r"\d\s*万\s*元", paragraph.text):
                        assert any(paragraph.span.line <= n <= paragraph.span.end_line for n in lines), (
                            name, paragraph.span, paragraph.text[:40])


def test_at_least_95_percent_of_table_claims_resolve(parsed):
    for name in ("akto", "jiashi", "kashgar", "kizilsu", "shanshan"):
        claims = extract_claims(parsed(name))
        resolved, unresolved = len(claims.resolved), len(claims.unresolved)
        assert resolved / (resolved + unresolved) >= 0.95, name


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_claim_parsing_never_raises(text):
    parse_claims(text)


RULES = load_rules()
SNIPPET = "第三部分 说明\n二、关于某局 2025 年收入预算情况说明\n某局部门收入预算 {total} 万元，其中：\n一般公共预算 {part} 万元，占 {share}%，比上年预算减少 {change} 万元，下降 {rate}%。\n"


def _findings(total, part, share, change, rate):
    text = SNIPPET.format(total=total, part=part, share=share, change=change, rate=rate)
    return [f.rule_id for f in run_rules(RULES, parse_text(text)).findings if f.rule_id in ("BD-N002", "BD-N003")]


amounts = st.integers(min_value=100, max_value=10_000_000)


@settings(max_examples=80, deadline=None)
@given(amounts, amounts, amounts)
def test_consistent_claims_never_produce_a_finding(a, b, c):
    part, total, change = min(a, b), max(a, b) + 1, c
    share = Decimal(part) / Decimal(total) * 100
    rate = Decimal(change) / Decimal(part + change) * 100
    assert _findings(f"{total / 100:.2f}", f"{part / 100:.2f}", f"{share:.2f}", f"{change / 100:.2f}", f"{rate:.2f}") == []


@settings(max_examples=80, deadline=None)
@given(amounts, amounts, st.integers(min_value=50, max_value=5000))
def test_a_share_moved_outside_its_interval_is_found(a, b, off):
    part, total = min(a, b) + 10_000, max(a, b) + 20_000  # at least 100 万元, so 0.5% off is far outside rounding
    share = Decimal(part) / Decimal(total) * 100 + Decimal(off) / 100
    assert "BD-N002" in _findings(f"{total / 100:.2f}", f"{part / 100:.2f}", f"{share:.2f}", "0.00", "0.00")
