"""Command line: parses options and calls the library; nothing else.

AuditorError ends with its message and exit 2. Any other exception is a bug,
but the user still gets a short Chinese message and exit 2, never a
traceback (set AUDITOR_DEBUG=1 to see it): documents and rule files come from
strangers, and a traceback can print their content or the environment.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from auditor import __version__
from auditor.errors import AuditorError, UsageError
from auditor.model.findings import Severity
from auditor.sanitize import clean_text

if TYPE_CHECKING:
    from rich.console import Console

FAIL_ON = ("error", "warning", "info", "never")


def _console(stderr: bool = False, *, lazy: bool = False) -> Console:
    plain = bool(os.environ.get("NO_COLOR"))
    if lazy:  # made on first use: a JSON run never imports rich's console
        from auditor.lazy_console import LazyConsole

        return LazyConsole(stderr=stderr, no_color=plain, highlight=False, soft_wrap=False)  # type: ignore[return-value]
    from rich.console import Console

    return Console(stderr=stderr, no_color=plain, highlight=False, soft_wrap=False)


def _fail(error: AuditorError) -> None:
    click.echo(clean_text(str(error)), err=True)
    sys.exit(error.exit_code)


class _Guarded(click.Group):
    """The top-level guard: every crash ends with a message and exit 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except AuditorError as error:
            click.echo(clean_text(str(error)), err=True)
            ctx.exit(error.exit_code)
        except Exception as error:  # noqa: BLE001 - the one place that turns a bug into a message
            if os.environ.get("AUDITOR_DEBUG"):
                raise
            what = "嵌套过深" if isinstance(error, RecursionError) else "内存不足" if isinstance(error, MemoryError) else type(error).__name__
            click.echo(f"auditor 内部错误（{what}），已停止；请把所用的命令与文件报告给维护者。", err=True)
            ctx.exit(2)


@click.group(cls=_Guarded, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="auditor")
def main() -> None:
    """审核部门（单位）预算公开文件的完整性与内部一致性。"""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--rules", "rule_paths", multiple=True, help="追加的规则文件或文件夹（可重复）。")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="配置文件（缺省时从当前目录向上查找 auditor.toml，不从被审文件所在目录查找）。")
@click.option("--template", "template", help="模板名称，或模板文件（.yaml）的路径（缺省按文件自动识别；见 auditor templates list）。")
@click.option("--profile", "template", hidden=True, help="--template 的旧名。")
@click.option("--format", "fmt", type=click.Choice(["text", "html", "json", "sarif"]), default="text", show_default=True)
@click.option("--output", help="写入文件而不是标准输出。")
@click.option("--select", help="只运行这些规则（逗号分隔，可用 * 通配）。")
@click.option("--ignore", help="不运行这些规则（逗号分隔，可用 * 通配）。")
@click.option("--fail-on", type=click.Choice(FAIL_ON), help="达到此级别的问题使退出码为 1（缺省 error）。")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--jobs", type=click.IntRange(min=1), help="并行审核的进程数（缺省为 CPU 核数）。")
@click.option("--max-size", type=click.FloatRange(min=0.001), default=50.0, show_default=True, help="单个文件大小上限（MB）。")
@click.option("--baseline", type=click.Path(dir_okay=False), help="只报告不在此基线中的问题。")
@click.option("--write-baseline", help="把本次发现的问题写成基线。")
@click.option("--previous", type=click.Path(dir_okay=False), help="同一单位上年的公开文件：核对“比上年”的数字。")
@click.option("--no-pairing", is_flag=True, help="审核文件夹时不自动配对相邻年度的文件。")
@click.option("--keep-going", is_flag=True, help="规则运行出错时照常报告其余问题，退出码只由其余问题决定（缺省为 2）。")
def audit(paths, rule_paths, config_path, template, fmt, output, select, ignore, fail_on, lang, jobs,
          max_size, baseline, write_baseline, previous, no_pairing, keep_going) -> None:
    """审核一个或多个文件（或文件夹）。"""
    from auditor.commands import AuditRequest, run_audit

    request = AuditRequest(
        paths=list(paths), rule_paths=list(rule_paths), config_path=config_path, profile=template, fmt=fmt,
        output=output, select=select, ignore=ignore, fail_on=fail_on, lang=lang, jobs=jobs,
        max_bytes=int(max_size * 1024 * 1024), baseline=baseline, write_baseline=write_baseline,
        previous=previous, pairing=not no_pairing,
        keep_going=keep_going,
    )
    try:
        code = run_audit(request, _console(lazy=fmt != "text"))
    except AuditorError as error:
        _fail(error)
    sys.exit(code)


@main.command()
@click.argument("path")
@click.option("--format", "fmt", type=click.Choice(["tree", "json"]), default="tree", show_default=True)
@click.option("--claims", is_flag=True, help="列出第三部分中读到的每一处数字说明。")
@click.option("--template", help="模板名称或模板文件（缺省自动识别）。")
def parse(path, fmt, claims, template) -> None:
    """显示解析结果：结构树或语法树 JSON。"""
    from auditor.parsing import parse_file
    from auditor.parsing.cli_output import render_parse

    try:
        document = parse_file(path, template=template)
    except AuditorError as error:
        _fail(error)
    if claims:
        try:
            from auditor.claims import extract_claims, render_claims
        except ImportError:
            _fail(UsageError("本版本尚不支持 --claims。"))
        click.echo(clean_text(render_claims(extract_claims(document))))
        return
    console = _console()
    if fmt == "json":
        click.echo(clean_text(render_parse(document, "json")))
    else:
        # The tree holds the parsing form of the text, from which normalisation removed
        # control characters; in plain output they are escaped once more.
        color = console.is_terminal and not console.no_color
        tree = render_parse(document, "tree", color=color, width=console.width)
        console.print(tree if color else clean_text(tree), end="", markup=False, highlight=False)


def _register_rules() -> None:
    from auditor.cli_rules import rules
    from auditor.cli_templates import templates

    main.add_command(rules)
    main.add_command(templates)


_register_rules()


def severity_at_least(severity: Severity, threshold: str) -> bool:
    if threshold == "never":
        return False
    return severity.rank >= Severity(threshold).rank


if __name__ == "__main__":
    main()


__all__ = ["main", "Path"]
