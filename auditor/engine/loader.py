"""Load and validate YAML rule files; every problem is reported at once.

Problems read ``file:line ▸ rule id ▸ key: what is wrong`` and are raised
together as one RuleError before any document is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.engine.checks import load_all, validate_params
from auditor.engine.evaluate import FUNCTIONS
from auditor.engine.expression import Expression, ExpressionSyntaxError, compile_expression
from auditor.engine.message_format import check_template
from auditor.engine.rule import ID_RE, Example, Rule
from auditor.engine.static import (
    Shape,
    check_names,
    check_shapes,
    did_you_mean,
    element_shape,
    names_used,
    shape_of,
)
from auditor.errors import RuleError
from auditor.model.findings import Severity
from auditor.resources import builtin_rules_dir

KEYS = {
    "id": str,
    "title": str,
    "message": str,
    "severity": str,
    "rationale": str,
    "for_each": str,
    "when": str,
    "assert": str,
    "check": str,
    "params": dict,
    "values": dict,
    "examples": dict,
    "tags": list,
}
REQUIRED = ("id", "title", "message", "severity", "rationale")
NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
MAX_PROBLEMS = 200


@dataclass
class RuleSet:
    rules: list[Rule] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def __len__(self) -> int:
        return len(self.rules)


def load_rules(paths: Sequence[str | Path] = (), *, builtin: bool = True, examples: bool = True) -> RuleSet:
    """The built-in rules (unless ``builtin`` is false) and those of ``paths``; RuleError lists every problem.

    An audit passes ``examples=False``: the rules' examples are then left out where the cache allows
    (only ``rules test`` runs them).
    """
    problems: list[str] = []
    ruleset = RuleSet()
    files: list[tuple[str, str]] = []
    if builtin:
        files.extend(_builtin_files())
    for path in paths:
        files.extend(_files(Path(path), problems))
    seen: dict[str, str] = {}
    for shown, text in files:
        for rule in _load_file_cached(shown, text, problems, examples):
            if rule.id in seen:
                problems.append(f"{rule.where} ▸ {rule.id} ▸ id: 编号重复（已在 {seen[rule.id]} 定义）")
                continue
            seen[rule.id] = rule.where
            ruleset.rules.append(rule)
        ruleset.files.append(shown)
    if problems:
        if len(problems) > MAX_PROBLEMS:  # a huge broken file: the first ones say enough
            problems = [*problems[:MAX_PROBLEMS], f"……共 {len(problems)} 个问题，只列出前 {MAX_PROBLEMS} 个"]
        raise RuleError(problems)
    return ruleset


def _builtin_files() -> list[tuple[str, str]]:
    root = builtin_rules_dir()
    found = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml") and entry.is_file():
            found.append((f"rules/{entry.name}", entry.read_text(encoding="utf-8")))
    return found


def _files(path: Path, problems: list[str]) -> list[tuple[str, str]]:
    from auditor.engine.yaml_lines import MAX_BYTES

    if not path.exists():
        problems.append(f"{path} ▸ - ▸ -: 规则文件或文件夹不存在")
        return []
    targets = sorted(path.rglob("*.yaml")) + sorted(path.rglob("*.yml")) if path.is_dir() else [path]
    result = []
    for target in targets:
        try:
            if target.stat().st_size > MAX_BYTES:
                problems.append(f"{target} ▸ - ▸ -: 规则文件过大（{target.stat().st_size // 1024} KB，上限 {MAX_BYTES // 1024} KB）")
                continue
            result.append((str(target), target.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{target} ▸ - ▸ -: 无法读取（{exc}）")
    return result


def _load_file_cached(shown: str, text: str, problems: list[str], examples: bool = True) -> Iterable[Rule]:
    """_load_file, or its earlier result for the same text (see rule_cache)."""
    from auditor.engine import rule_cache

    rules = rule_cache.load(shown, text, examples=examples)
    if rules is None:
        before = len(problems)
        rules = list(_load_file(shown, text, problems))
        if len(problems) == before:
            rule_cache.store(shown, text, rules)
    return rules


def _load_file(shown: str, text: str, problems: list[str]) -> Iterable[Rule]:
    # YAML is imported when a rule file is read, not when it comes from the cache.
    from auditor.engine.yaml_lines import YamlProblem, load_yaml

    try:
        data = load_yaml(text)
    except YamlProblem as problem:
        problems.append(f"{shown}:{problem.line or 1} ▸ - ▸ -: {problem.message}")
        return []
    if data is None:
        return []
    items = data.get("rules") if isinstance(data, dict) else data
    if isinstance(data, dict):
        extra = set(data) - {"rules"}
        for key in sorted(extra):
            problems.append(f"{shown}:{data.lines.get(key, 1)} ▸ - ▸ {key}: 未知的顶层键（应为 rules）")
    if not isinstance(items, list):
        problems.append(f"{shown}:1 ▸ - ▸ rules: 应为规则列表")
        return []
    rules = []
    for item in items:
        rule = _load_rule(shown, item, problems)
        if rule is not None:
            rules.append(rule)
    return rules


def _load_rule(shown: str, item: Any, problems: list[str]) -> Rule | None:
    from auditor.engine.yaml_lines import LineDict

    if not isinstance(item, LineDict):
        problems.append(f"{shown}:1 ▸ - ▸ -: 每条规则应为映射")
        return None
    rule_id = item.get("id") if isinstance(item.get("id"), str) else "?"
    before = len(problems)

    def problem(key: str, message: str) -> None:
        line = item.lines.get(key.split(".")[0], item.line)
        problems.append(f"{shown}:{line} ▸ {rule_id} ▸ {key}: {message}")

    for key, value in item.items():
        expected = KEYS.get(key)
        if expected is None:
            problem(key, "未知的键")
        elif not isinstance(value, expected):
            problem(key, f"类型错误：应为{'文字' if expected is str else '映射' if expected is dict else '列表'}")
    for key in REQUIRED:
        if key not in item:
            problem(key, "缺少必需的键")
    if isinstance(item.get("id"), str) and not ID_RE.match(item["id"]):
        problem("id", "编号格式应如 BD-T003（2-5 个大写字母、连字符、1-3 个大写字母和三位数字）")
    severity = item.get("severity")
    if isinstance(severity, str) and severity not in ("error", "warning", "info"):
        problem("severity", "应为 error、warning 或 info")
    has_assert, has_check = "assert" in item, "check" in item
    if has_assert == has_check:
        problem("assert", "每条规则须有且只有 assert（表达式）或 check（检查类型）之一")

    expressions: dict[str, Expression] = {}
    params: dict[str, Any] = {}
    if has_check and isinstance(item.get("check"), str):
        kinds = load_all()
        kind = kinds.get(item["check"])
        if kind is None:
            problem("check", f"未知的检查类型 {item['check']}{did_you_mean(item['check'], kinds)}"
                             f"（可用：{', '.join(sorted(kinds))}）")
        else:
            params, param_problems = validate_params(kind, item.get("params"))
            for key, message in param_problems:
                problem(key, message)
    elif isinstance(item.get("params"), dict):
        # An expression rule's params are named constants, overridable in the config.
        for name, value in item["params"].items():
            message = param_value_problem(name, value)
            if message:
                problem(f"params.{name}", message)
            else:
                params[name] = value
    param_names = set(params) if not has_check else set()
    env: dict[str, Shape] = {}
    if isinstance(item.get("for_each"), str):
        compiled = _compile(item["for_each"], "for_each", problem, param_names)
        if compiled:
            expressions["for_each"] = compiled
            element = element_shape(shape_of(compiled.tree, env))
            _shapes(compiled, "for_each", problem, env, item.get("id"))
            if element:
                env["it"] = element
    values: dict[str, Expression] = {}
    all_values = list(item["values"]) if isinstance(item.get("values"), dict) else []
    if isinstance(item.get("values"), dict):
        for name, source in item["values"].items():
            if not isinstance(source, str):
                problem(f"values.{name}", "应为表达式文字")
                continue
            if name in param_names:
                problem(f"values.{name}", f"与参数 {name} 重名")
                continue
            if name in FUNCTIONS or name in ("document", "true", "false", "it"):
                problem(f"values.{name}", f"值不能与函数或名称 {name} 同名")
                continue
            earlier = set(values)
            later = sorted((names_used_in(source) & set(all_values)) - earlier - {name}) if source else []
            if name in names_used_in(source):
                problem(f"values.{name}", f"值 {name} 不能使用它自己")
                continue
            if later:
                problem(f"values.{name}", f"使用了后面才定义的值 {'、'.join(later)}（值按书写顺序计算，只能使用前面的值）")
                continue
            compiled = _compile(source, f"values.{name}", problem, earlier | param_names | {"it"})
            if compiled:
                values[name] = compiled
                _shapes(compiled, f"values.{name}", problem, env, item.get("id"))
                found = shape_of(compiled.tree, env)
                if found:
                    env[name] = found
    if isinstance(item.get("message"), str):
        wrong = check_template(item["message"], None if has_check else set(all_values) | param_names)
        if wrong:
            problem("message", f"消息模板错误：{wrong}")
    for key in ("assert", "when"):
        if isinstance(item.get(key), str):
            compiled = _compile(item[key], key, problem, set(all_values) | param_names | {"it"})
            if compiled:
                expressions[key] = compiled
                _shapes(compiled, key, problem, env, item.get("id"))
    examples = _examples(item.get("examples"), problem)
    if len(problems) > before:
        return None
    return Rule(
        id=item["id"],
        title=item["title"],
        message=item["message"],
        severity=Severity(item["severity"]),
        rationale=item["rationale"],
        path=shown,
        line=item.line,
        check=item.get("check"),
        params=params,
        assertion=expressions.get("assert"),
        for_each=expressions.get("for_each"),
        when=expressions.get("when"),
        values=values,
        examples=examples,
        tags=tuple(str(t) for t in item.get("tags", [])),
    )


def names_used_in(source: str) -> set[str]:
    try:
        return names_used(compile_expression(source).tree)
    except ExpressionSyntaxError:
        return set()


def param_value_problem(name: str, value: Any) -> str | None:
    """Why ``value`` cannot be a parameter of an expression rule (numbers, texts, lists of them)."""
    if not NAME_RE.match(name):
        return "参数名应为字母、数字或下划线组成的名称"
    scalar = (int, float, str)

    def plain(v: Any) -> bool:
        return isinstance(v, scalar) and not isinstance(v, bool)

    def items(v: Any) -> bool:
        return isinstance(v, list) and all(plain(x) for x in v)

    if not (plain(value) or items(value) or (isinstance(value, list) and all(items(x) for x in value))):
        return "参数值应为数字、文字、由它们组成的列表，或这样的列表的列表"
    return None


def _shapes(compiled: Expression, key: str, problem, env: dict[str, Shape], rule_id: Any = None) -> None:
    for message in check_shapes(compiled.tree, env, lambda table: columns_of(table, rule_id)):
        problem(key, f"表达式错误：{message}")


def columns_of(table: object, rule_id: Any = None) -> tuple[str, ...]:
    """The column keys a table may have for this rule, or () when unknown.

    A numbered table's columns are those of that table in the templates whose rules include
    ``rule_id`` (表2 of the Shanghai template is not 表2 of Xinjiang's), or in any template
    for a rule no template names (a user's rule runs on every document).
    """
    from auditor.template import available_templates, load_template

    templates = [load_template(name) for name in available_templates()]
    chosen = [t for t in templates if isinstance(rule_id, str) and t.applies(rule_id) and "*" not in t.rules_include]
    columns: list[str] = []
    for template in chosen or templates:
        entry = template.table(table) if isinstance(table, int) else template.table_of_kind(table)
        if entry is not None:
            columns.extend(c for c in entry.columns if c not in columns)
    return tuple(columns)


def _compile(source: str, key: str, problem, names: set[str]) -> Expression | None:
    try:
        compiled = compile_expression(source)
    except ExpressionSyntaxError as exc:
        problem(key, f"表达式错误：{exc}")
        return None
    unknown = check_names(compiled.tree, names)
    if unknown:
        problem(key, f"表达式错误：{unknown}")
        return None
    return compiled


def _examples(data: Any, problem) -> tuple[Example, ...]:
    if data is None:
        return ()
    if not isinstance(data, dict):
        problem("examples", "应为映射，含 fires 与 passes")
        return ()
    result = []
    for key in data:
        if key not in ("fires", "passes"):
            problem(f"examples.{key}", "未知的键（应为 fires 或 passes）")
    for key in ("fires", "passes"):
        entries = data.get(key) or []
        if not isinstance(entries, list):
            problem(f"examples.{key}", "应为列表")
            continue
        for entry in entries:
            if isinstance(entry, str):
                result.append(Example(entry, key == "fires"))
            elif isinstance(entry, dict) and isinstance(entry.get("text"), str):
                line = entry.get("line")
                if line is not None and not isinstance(line, int):
                    problem(f"examples.{key}", "line 应为整数")
                    continue
                previous = entry.get("previous")
                if previous is not None and not isinstance(previous, str):
                    problem(f"examples.{key}", "previous（上年文件的文字）应为文字")
                    continue
                result.append(Example(entry["text"], key == "fires", line, getattr(entry, "line", 0), previous))
            else:
                problem(f"examples.{key}", "每个例子应为文字，或含 text（及可选 line、previous）的映射")
    return tuple(result)
