"""``auditor templates``: list the shipped templates and show one."""

from __future__ import annotations

import sys

import click

from auditor.errors import AuditorError


@click.group()
def templates() -> None:
    """查看预算公开模板（rules/templates/*.yaml）。"""


@templates.command("list")
def list_templates() -> None:
    """列出内置模板：名称、表数、说明。"""
    from auditor.template import available_templates, load_template

    for name in available_templates():
        template = load_template(name)
        click.echo(f"{name}\t{len(template.tables)} 张表\t{template.description}")


@templates.command("show")
@click.argument("name")
def show_template(name: str) -> None:
    """显示一个模板：部分、表（表号、种类、版式、列、金额单位）与说明各项。NAME 可为模板文件路径。"""
    from auditor.template import load_template

    try:
        template = load_template(name)
    except AuditorError as error:
        click.echo(str(error), err=True)
        sys.exit(error.exit_code)
    click.echo(f"模板 {template.name}：{template.description}（{template.source}）")
    click.echo(f"部分（编号方式“{template.part_numbering}”）：")
    for number, title in sorted(template.parts.items()):
        headings = template.part_headings.get(number)
        click.echo(f"  {number}. {title}" + (f"（正文标题以 {'、'.join(headings)} 结尾）" if headings else ""))
    click.echo("表：")
    for table in template.tables:
        click.echo(f"  表{table.number} {table.title}  种类 {table.kind} · 版式 {table.family} · 单位 {table.money_unit}")
        click.echo(f"      列：{'、'.join(table.columns)}")
        for whole, parts in table.parts.items():
            click.echo(f"      {whole} = {' + '.join(parts)}")
        for total, parts in table.row_sums:
            click.echo(f"      行 {total} = {' + '.join(parts)}")
    if template.sections:
        click.echo(f"说明各项（第{template.sections_part}部分）：")
        for section in template.sections:
            restates = f"，复述表{section['restates']}" if section.get("restates") else ""
            click.echo(f"  {section['number']}. {section['title']}（关键词：{'、'.join(section['keywords'])}{restates}）")
    rules = "、".join(template.rules_include)
    excluded = f"，除去 {'、'.join(template.rules_exclude)}" if template.rules_exclude else ""
    click.echo(f"适用规则：{rules}{excluded}")
