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


def _configured(rule_paths, config_path):
    """The config (given, or found from the current folder) and the rules it names, checked together."""
    from pathlib import Path

    from auditor.engine import load_config
    from auditor.engine.config_check import raise_config_problems

    try:
        config = load_config(Path(config_path) if config_path else None, start=Path.cwd())
        ruleset = _load([*map(str, config.rules), *rule_paths])
        raise_config_problems(config, ruleset)
    except AuditorError as error:
        click.echo(str(error), err=True)
        sys.exit(2)
    return config, ruleset


CONFIG_HELP = "配置文件（缺省时从当前目录向上查找 auditor.toml）。"


def _echo(text: str) -> None:
    """Rule files may come from strangers: their text is shown with controls escaped."""
    click.echo(clean_text(text))


@rules.command("list")
@click.option("--rules", "rule_paths", multiple=True, help="追加的规则文件或文件夹。")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help=CONFIG_HELP)
def list_rules(rule_paths, config_path) -> None:
    """列出规则：编号、级别（按配置）、名称；配置未选用的规则标明“未选用”。"""
    config, ruleset = _configured(rule_paths, config_path)
    for rule in ruleset.rules:
        off = "" if config.selects(rule.id) else "\t（未选用）"
        _echo(f"{rule.id}\t{config.severity_of(rule.id, rule.severity).value}\t{rule.title}{off}")


@rules.command("show")
@click.argument("rule_id")
@click.option("--rules", "rule_paths", multiple=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help=CONFIG_HELP)
def show(rule_id, rule_paths, config_path) -> None:
    """显示一条规则的全部内容（按配置的级别与参数），包括值、依据和例子。"""
    from auditor.engine.static import did_you_mean

    config, ruleset = _configured(rule_paths, config_path)
    rule = ruleset.get(rule_id)
    if rule is None:
        click.echo(f"没有编号为 {clean_text(rule_id)} 的规则{did_you_mean(rule_id, [r.id for r in ruleset.rules])}。", err=True)
        sys.exit(2)
    severity = config.severity_of(rule.id, rule.severity)
    changed = "（配置修改）" if severity is not rule.severity else ""
    _echo(f"{rule.id}  [{severity.value}{changed}]  {rule.title}")
    _echo(f"定义于：{rule.where}")
    if not config.selects(rule.id):
        click.echo("配置未选用此规则（select/ignore）。")
    _echo(f"依据：{rule.rationale}")
    _echo(f"提示语：{rule.message}")
    if rule.check:
        _echo(f"检查类型：{rule.check}")
    override = config.params.get(rule.id, {})
    for name, value in {**rule.params, **override}.items():
        source = f"（配置 {config.path}）" if name in override else ""
        _echo(f"参数 {name} = {value!r}{source}")
    if rule.for_each:
        _echo(f"逐项：{rule.for_each}")
    for name, value in rule.values.items():
        _echo(f"值 {name} = {value}")
    if rule.when:
        _echo(f"条件：{rule.when}")
    if rule.assertion:
        _echo(f"断言：{rule.assertion}")
    for example in rule.examples:
        _echo(("应报告" if example.fires else "不应报告") + (f"（第 {example.line} 行）" if example.line else "") + "：")
        _echo("    " + example.text.strip().replace("\n", "\n    "))


@rules.command("validate")
@click.argument("paths", nargs=-1, required=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="同时校验这个配置文件（参数名、参数类型、规则编号）。")
def validate(paths, config_path) -> None:
    """校验规则文件（及配置）；有问题时逐条列出并以 2 退出。

    内置规则一并载入，以便发现与内置规则重复的编号；只统计所给文件中的规则。
    """
    from pathlib import Path

    from auditor.engine import load_config
    from auditor.engine.config_check import raise_config_problems

    ruleset = _load(paths)
    builtin = len(_load([]).rules)
    if config_path:
        try:
            raise_config_problems(load_config(Path(config_path)), ruleset)
        except AuditorError as error:
            click.echo(str(error), err=True)
            sys.exit(2)
    click.echo(f"{len(ruleset.rules) - builtin} 条规则，没有发现问题。")


@rules.command("test")
@click.argument("paths", nargs=-1)
@click.option("--fixtures", "fixture_dir", type=click.Path(exists=True, file_okay=False),
              help="同时运行此文件夹中带“# 应报告: 编号”“# 不报告: 编号”标注的样例文件（*.txt）。")
def test(paths, fixture_dir) -> None:
    """运行规则自带的例子与标注样例文件（缺省为内置规则库）；未报告或多报告的逐条列出。"""
    from pathlib import Path

    from auditor.engine.example_runner import run_examples
    from auditor.engine.fixtures import run_fixtures

    ruleset = _load(paths, builtin=not paths or bool(fixture_dir))
    failures, total = run_examples(ruleset if not fixture_dir or not paths else _load(paths, builtin=False))
    if fixture_dir:
        more, count = run_fixtures(Path(fixture_dir), ruleset)
        failures, total = failures + more, total + count
    for failure in failures:
        _echo(failure)
    click.echo(f"{total - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)
