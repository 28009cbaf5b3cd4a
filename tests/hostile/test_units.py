"""The mechanisms behind the hostile-input promises, tested directly."""

from __future__ import annotations

from decimal import Decimal

import pytest
from click.testing import CliRunner

from auditor.engine.message_format import (
    MAX_MESSAGE,
    TemplateError,
    check_template,
    parse_template,
    render,
)
from auditor.quantity import Quantity
from auditor.reading.normalize import normalize_line
from auditor.sanitize import clean_text

Q = Quantity.parse


def test_quantities_render_with_their_precision():
    # 570.03 / 996.43 = 0.57207… : a share of two figures, shown as a percentage with 2 decimals.
    assert render("{r}", {"r": Q("570.03") / Q("996.43")}) == "57.21%"
    # 996.43 万元 × 0.5% = 4.98215 万元: an amount, with the amount's two decimals (not "498%").
    assert render("{m}", {"m": Q("996.43") * Q("0.5%")}) == "4.98"
    assert render("{p:.1%}", {"p": Q("99.15%")}) == "99.2%"  # 99.15% rounded half-even to one decimal
    assert render("{a:.1f}", {"a": Q("625.99")}) == "626.0"
    assert render("{a:>8}|{s:<4}|", {"a": Q("6.21"), "s": "甲"}) == "    6.21|甲   |"
    assert render("{{字面}} {line}", {"line": 7}) == "{字面} 7"


def test_an_interval_is_shown_bounded():
    # 6.21 stands for [6.205, 6.215]: one digit more than written, never 28-digit bounds.
    assert Q("6.21").format_approx() == "约 6.21（6.205–6.215）"
    third = Q("1.00") / Quantity.exact(3)
    # [0.995/3, 1.005/3] = [0.331666…, 0.335], with one digit more than the 4 shown, rounded outwards.
    assert third.format_interval() == "[0.33166, 0.335]"
    assert Quantity.exact(5).format_approx() == "5"


def test_lists_and_long_values_are_bounded():
    shown = render("{x}", {"x": [Q("1.00")] * 100_000})
    assert shown == "1.00、1.00、1.00等 100000 项"
    assert len(render("{x}{x}{x}{x}{x}{x}", {"x": "长" * 10_000})) <= MAX_MESSAGE


def test_other_objects_are_never_printed():
    import os

    assert render("{x}", {"x": os.environ}) == ""
    assert render("{x}", {"x": object()}) == ""


@pytest.mark.parametrize("template", ["{a.b}", "{a[0]}", "{a!r}", "{a:>41}", "{a:.11f}", "{a:x}", "{", "}", "{0}", "{}"])
def test_templates_outside_the_whitelist_are_refused(template):
    with pytest.raises(TemplateError):
        parse_template(template)
    assert check_template(template, {"a"}) is not None


def test_names_must_come_from_values_or_the_finding():
    assert check_template("{stated} {public}", {"public"}) is None
    assert "未知的名称" in check_template("{environ}", {"public"})
    assert check_template("{anything}", None) is None  # a check rule: its kind decides its fields


def test_figures_beyond_28_digits_format_without_trapping():
    big = Q("123456789012345678901234567890.12")
    assert big.format() == "123456789012345678901234567890.12"
    assert big.implausible and not Q("996.43").implausible
    assert (big + Q("1.00")).format()  # no decimal.InvalidOperation
    assert Quantity.exact(Decimal("1e40")).format() == "1" + "0" * 40


def test_controls_are_escaped_and_invisible_characters_normalised_away():
    assert clean_text("a\x1b[2Jb\u202ec\td\n") == "a\\x1b[2Jb\\u202ec\td\n"
    assert normalize_line("第\u200d\u200e\u2060三\u202e部分\u2066 说明\u2069\ufeff") == "第三部分 说明"
    assert normalize_line("表\x1b[31m3") == "表[31m3"


def test_table_parents_match_the_backward_scan():
    from auditor.model import RowLevel
    from auditor.parsing.tables.coded import parents
    from auditor.parsing.tables.rows import RawRow

    def row(code, level=RowLevel.ITEM):
        return RawRow([(1, "")], code=code, level=level)

    rows = [row("208", RowLevel.CLASS), row("20805"), row("2080501"), row("209", RowLevel.CLASS),
            row("2080502"), row("2080502", RowLevel.PROJECT), row("20806"), row("2080601")]
    # 2080502 after 209: a shorter code of another branch lies between, so no parent; the
    # project's parent is its 项; 20806 still finds 208 (209 is not shorter than "208").
    assert parents(rows) == [None, 0, 1, None, None, 4, 0, 6]


def test_a_crash_anywhere_in_the_cli_ends_with_a_message(monkeypatch):
    import auditor.commands
    from auditor.cli import main

    def crash(*args, **kwargs):
        raise KeyError("secret")

    monkeypatch.setattr(auditor.commands, "run_audit", crash)
    monkeypatch.delenv("AUDITOR_DEBUG", raising=False)
    result = CliRunner().invoke(main, ["audit", "x.txt"], catch_exceptions=False)
    assert result.exit_code == 2
    assert "内部错误（KeyError）" in result.output and "secret" not in result.output
