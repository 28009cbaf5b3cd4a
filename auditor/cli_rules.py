"""``auditor rules``: list, show, validate and test rules."""

from __future__ import annotations

import sys

import click

from auditor.errors import AuditorError
from auditor.sanitize import clean_text


@click.group()
def rules() -> None:
    """查看、校验和测试规则。"""


def _load(paths, builtin: bool = True):
    from auditor.engine import load_rules

    try:
        return load_rules(list(paths), builtin=builtin)
    except AuditorError as error:
        click.echo(clean_text(str(error)), err=True)
        sys.exit(2)


def _echo(text: str) -> None:
    """Rule files may come from strangers: their text is shown with controls escaped."""
    click.echo(clean_text(text))


@rules.command("list")
@click.option("--rules", "rule_paths", multiple=True, help="追加的规则文件或文件夹。")
def list_rules(rule_paths) -> None:
    """列出规则：编号、级别、名称。"""
    for rule in _load(rule_paths).rules:
        _echo(f"{rule.id}\t{rule.severity.value}\t{rule.title}")


@rules.command("show")
@click.argument("rule_id")
@click.option("--rules", "rule_paths", multiple=True)
def show(rule_id, rule_paths) -> None:
    """显示一条规则的全部内容，包括依据和例子。"""
    rule = _load(rule_paths).get(rule_id)
    if rule is None:
        click.echo(f"没有编号为 {clean_text(rule_id)} 的规则。", err=True)
        sys.exit(2)
    _echo(f"{rule.id}  [{rule.severity.value}]  {rule.title}")
    _echo(f"定义于：{rule.where}")
    _echo(f"依据：{rule.rationale}")
    _echo(f"提示语：{rule.message}")
    if rule.check:
        _echo(f"检查类型：{rule.check}  参数：{rule.params}")
    if rule.for_each:
        _echo(f"逐项：{rule.for_each}")
    if rule.when:
        _echo(f"条件：{rule.when}")
    if rule.assertion:
        _echo(f"断言：{rule.assertion}")
    for example in rule.examples:
        _echo(("应报告" if example.fires else "不应报告") + (f"（第 {example.line} 行）" if example.line else "") + "：")
        _echo("    " + example.text.strip().replace("\n", "\n    "))


@rules.command("validate")
@click.argument("paths", nargs=-1, required=True)
def validate(paths) -> None:
    """校验规则文件；有问题时逐条列出并以 2 退出。"""
    ruleset = _load(paths, builtin=False)
    click.echo(f"{len(ruleset.rules)} 条规则，没有发现问题。")


@rules.command("test")
@click.argument("paths", nargs=-1)
def test(paths) -> None:
    """运行规则自带的例子（缺省为内置规则库）；未报告或多报告的例子逐条列出。"""
    from auditor.engine.example_runner import run_examples

    ruleset = _load(paths, builtin=not paths)
    failures, total = run_examples(ruleset)
    for failure in failures:
        _echo(failure)
    click.echo(f"{total - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)
