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


if __name__ == "__main__":
    print(check_kinds_markdown())
