"""Command line: parses options and calls the library; nothing else."""

from __future__ import annotations

import click

from auditor import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="auditor")
def main() -> None:
    """审核部门（单位）预算公开文件的完整性与内部一致性。"""


if __name__ == "__main__":
    main()
