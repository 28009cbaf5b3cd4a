"""Read a template file: safe YAML, JSON Schema, cross-references; errors as ``file:line``."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.errors import RuleError, UsageError
from auditor.resources import builtin_rules_dir, data_text
from auditor.template.model import TableTemplate, Template

if TYPE_CHECKING:
    from auditor.engine.yaml_lines import LineDict

FOLDER = "templates"
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")  # a shipped template's name


def _folder():
    return builtin_rules_dir() / FOLDER


def available_templates() -> list[str]:
    return sorted(e.name[:-5] for e in _folder().iterdir() if e.name.endswith(".yaml"))


@cache
def load_template(name: str) -> Template:
    """A shipped template by name (``xinjiang``) or a template file by path.

    A name is looked up among the shipped templates only, never joined to a
    path (``../x`` cannot walk the disk); a file of one's own is an explicit
    path to an existing ``.yaml`` file (the command line; configs name only).
    """
    if not NAME.fullmatch(name):
        path = Path(name)
        if path.suffix.lower() not in (".yaml", ".yml") or not path.is_file():
            raise UsageError(
                f"未知的模板 {name}：模板应为名称（可用：{', '.join(available_templates())}）或已存在的 .yaml 模板文件的路径"
            )
        return load_template_file(path)
    entry = _folder() / f"{name}.yaml"
    if not entry.is_file():
        raise UsageError(f"未知的模板 {name}（可用：{', '.join(available_templates())}；或给出模板文件的路径）")
    # Shipped templates are checked against the schema by the test suite
    # (tests/test_templates.py); skipping it here spares every run the import
    # of jsonschema, a tenth of a short run's start-up.
    return parse_template(f"rules/{FOLDER}/{name}.yaml", entry.read_text(encoding="utf-8"), validate=False,
                          cached=True)


def load_template_file(path: Path) -> Template:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"无法读取模板文件 {path}（{exc}）") from None
    return parse_template(str(path), text)


@cache
def _validator() -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(json.loads(data_text("template.schema.json")))


def _line_of(data: Any, path: list[Any]) -> int:
    """The line of the deepest key on ``path`` that the YAML remembers."""
    from auditor.engine.yaml_lines import LineDict

    line = getattr(data, "line", 1) or 1
    node = data
    for step in path:
        if isinstance(node, LineDict) and str(step) in node:
            line = node.lines.get(str(step), line)
            node = node[str(step)]
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
            line = getattr(node, "line", line) or line
        else:
            break
    return line


def parse_template(shown: str, text: str, *, validate: bool = True, cached: bool = False) -> Template:
    """The template in ``text``; ``cached``: its data may come from (and go to) the private cache."""
    data = _cache_load(shown, text) if cached else None
    from_yaml = data is None
    if from_yaml:
        # not needed for a cached template
        from auditor.engine.yaml_lines import YamlProblem, load_yaml

        try:
            data = load_yaml(text)
        except YamlProblem as problem:
            raise RuleError([f"{shown}:{problem.line or 1}: {problem.message}"]) from None
    if not isinstance(data, dict):
        raise RuleError([f"{shown}:1: 模板文件应为一个映射（name、parts、tables…）"])
    problems = []
    errors = _validator().iter_errors(_plain(data)) if validate else ()
    for error in sorted(errors, key=lambda e: list(map(str, e.absolute_path))):
        path = list(error.absolute_path)
        extra = _extra_keys(error)
        if extra:  # point at the unknown key itself
            path.append(extra[0])
        where = ".".join(str(p) for p in path) or "-"
        problems.append(f"{shown}:{_line_of(data, path)}: {where}: {_message(error)}")
    if problems:
        raise RuleError(problems)
    template = _build(shown, data, problems)
    if problems:
        raise RuleError(problems)
    if cached and from_yaml:
        _cache_store(shown, text, data)
    return template


# A shipped template's YAML takes a few milliseconds to read on every run (libyaml, then
# a Python object per node); the same data as JSON, kept in the private cache under a key
# made of the file's text, loads in a fraction of that. Only a template that built without
# a problem is stored, so problems (with their lines) always come from the YAML itself.
_CACHE_FORMAT = "1"


def _cache_file(shown: str, text: str) -> tuple[Path, str] | None:
    from auditor.cache import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    import hashlib

    prefix = f"template-{hashlib.sha256(shown.encode('utf-8')).hexdigest()[:16]}-"
    key = hashlib.sha256(f"{_CACHE_FORMAT}\0{text}".encode()).hexdigest()[:32]
    return folder / f"{prefix}{key}.json", prefix


def _cache_load(shown: str, text: str) -> Any:
    place = _cache_file(shown, text)
    if place is None:
        return None
    from auditor.cache import read_entry

    data = read_entry(place[0])  # None when absent or damaged: the YAML is read
    return data if isinstance(data, dict) else None


def _cache_store(shown: str, text: str, data: Any) -> None:
    """Keep the data when JSON gives it back exactly; silent on any failure."""
    place = _cache_file(shown, text)
    if place is None:
        return
    file, prefix = place
    plain = _plain(data)
    try:
        payload = json.dumps(plain, ensure_ascii=False)
        if json.loads(payload) != plain:
            return
    except (TypeError, ValueError):  # a value JSON cannot hold (a date…): not cached
        return
    from auditor.cache import write_entry

    write_entry(file, payload, prefix)


def _plain(data: Any) -> Any:
    """LineDict keys are strings already; integer keys (parts: {1: 概况}) became strings."""
    if isinstance(data, dict):
        return {str(k): _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data


def _extra_keys(error: Any) -> list[str]:
    if error.validator != "additionalProperties" or not isinstance(error.instance, dict):
        return []
    known = set(error.schema.get("properties", {}))
    return sorted(k for k in error.instance if k not in known)


def _message(error: Any) -> str:
    validator = error.validator
    if validator == "required":
        return f"缺少必需的键（{error.message.split(' ')[0]}）"
    if validator == "additionalProperties":
        return f"未知的键：{'、'.join(_extra_keys(error)) or error.message}"
    if validator == "enum":
        return f"取值应为 {'、'.join(map(str, error.validator_value))} 之一"
    if validator == "type":
        return f"类型不对（应为 {error.validator_value}）"
    return f"不符合模板格式：{error.message}"


def _columns(entry: dict[str, Any]) -> tuple[tuple[str, ...], dict[str, str]]:
    keys, headers = [], {}
    for column in entry["columns"]:
        if isinstance(column, str):
            keys.append(column)
        else:
            keys.append(column["key"])
            if "header" in column:
                headers[column["key"]] = column["header"]
    return tuple(keys), headers


def _fund_lines(value: Any) -> dict[str, str]:
    """Income line -> expenditure column; a list names lines that have the column's own name."""
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    return {str(v): str(v) for v in value}


def _build(shown: str, data: LineDict, problems: list[str]) -> Template:
    line_sets = data.get("line_sets", {})
    default_unit = data.get("money_unit", "万元")
    tables = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(data["tables"]):
        line = getattr(entry, "line", 1)
        columns, headers = _columns(entry)
        if entry["kind"] in seen:
            problems.append(f"{shown}:{line}: tables.{index}.kind: 种类 {entry['kind']} 重复")
        seen[entry["kind"]] = entry["number"]
        identities = {k: tuple(v) for k, v in entry.get("identities", {}).items()}
        for whole, parts in identities.items():
            for name in (whole, *parts):
                if name not in columns:
                    problems.append(f"{shown}:{line}: tables.{index}.identities: 列 {name} 不在 columns 中")
        lines = entry.get("lines", ())
        if isinstance(lines, str):
            if lines not in line_sets:
                problems.append(f"{shown}:{line}: tables.{index}.lines: 没有名为 {lines} 的 line_sets")
            lines = line_sets.get(lines, ())
        tables.append(
            TableTemplate(
                kind=entry["kind"],
                number=entry["number"],
                title=entry["title"],
                titles=tuple(entry.get("titles") or (entry["title"],)),
                family=entry.get("family", "coded"),
                columns=columns,
                headers=headers,
                parts=identities,
                label_cells=entry.get("label_cells", 4),
                lines=tuple(lines),
                row_sums=tuple((s["total"], tuple(s["parts"])) for s in entry.get("row_sums", ())),
                fund_lines=_fund_lines(entry.get("fund_lines", ())),
                code_columns={k: tuple(v) for k, v in entry.get("code_columns", {}).items()},
                codes=entry.get("codes"),
                project_cell=entry.get("project_cell", False),
                money_unit=entry.get("money_unit", default_unit),
                row_name=entry.get("row_name", "预算数"),
            )
        )
    rules = data.get("rules", {})
    return Template(
        name=data["name"],
        description=data["description"],
        source=shown,
        part_numbering=data["part_numbering"],
        parts={int(k): v if isinstance(v, str) else v["title"] for k, v in data["parts"].items()},
        part_headings={
            int(k): tuple(v.get("headings", ())) for k, v in data["parts"].items() if not isinstance(v, str)
        },
        table_numbering=data.get("table_numbering", "label"),
        repeated_parts=frozenset(
            int(k) for k, v in data["parts"].items() if not isinstance(v, str) and v.get("repeated")
        ),
        sections_part=data.get("sections_part", 3),
        optional_parts=frozenset(
            int(k) for k, v in data["parts"].items() if not isinstance(v, str) and v.get("optional")
        ),
        tables_part=data.get("tables_part"),
        tables=tuple(tables),
        sections=tuple(dict(s) for s in data.get("sections", ())),
        subsections=tuple(dict(s) for s in data.get("subsections", ())),
        empty_note=tuple(data.get("empty_note", ())),
        rules_include=tuple(rules.get("include", ("*",))),
        rules_exclude=tuple(rules.get("exclude", ())),
        detect=dict(data.get("detect", {})),
        raw=_plain(data),
    )
