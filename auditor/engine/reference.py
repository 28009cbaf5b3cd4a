"""The check-kind reference of docs/rules.md, generated from the check modules."""

from __future__ import annotations

from auditor.engine.checks import load_all


def check_kinds_markdown() -> str:
    lines = ["| 检查类型 | 作用 | 参数 |", "|---|---|---|"]
    for name, kind in sorted(load_all().items()):
        params = "；".join(
            f"`{key}`{'（必需）' if spec.required else ''}：{spec.doc}" for key, spec in kind.params.items()
        ) or "无"
        lines.append(f"| `{name}` | {kind.doc.splitlines()[0] if kind.doc else ''} | {params} |")
    return "\n".join(lines)


def update_guide(path: str) -> None:
    """Replace the check-kind table of the rule-writing guide with a fresh one."""
    from pathlib import Path

    guide = Path(path)
    text = guide.read_text(encoding="utf-8")
    start = text.index("| 检查类型 | 作用 | 参数 |")
    end = text.index("\n## ", start)
    guide.write_text(text[:start] + check_kinds_markdown() + "\n" + text[end:], encoding="utf-8")


if __name__ == "__main__":
    import sys

    if len(sys.argv) == 3 and sys.argv[1] == "--write":
        update_guide(sys.argv[2])
    else:
        print(check_kinds_markdown())
