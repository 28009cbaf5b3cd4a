"""Run each rule's own examples: ``fires`` must produce a finding (at its line), ``passes`` none."""

from __future__ import annotations

from auditor.engine.config import Config
from auditor.engine.loader import RuleSet
from auditor.engine.runner import run_rules


def _template_of(rule):
    """The shipped templates that list a built-in rule (None for a user's rule: detect)."""
    if not rule.path.startswith("rules/"):
        return None
    from auditor.template.detect import shipped_templates

    return [t for t in shipped_templates() if t.applies(rule.id)]


def _parse(text: str, path: str, templates, generic: bool = False):
    """The example read with the template detected from it, if that one lists the rule, else the first that does.

    A ``generic`` rule's example that matches no template is read without one.
    """
    from auditor.parsing import parse_text

    if templates is None:
        return parse_text(text, path=path)
    document = parse_text(text, path=path)
    if document.template is not None and any(t.name == document.template.name for t in templates):
        return document
    if document.template is None and generic:
        return document
    return parse_text(text, path=path, template=templates[0] if templates else None)


def run_examples(ruleset: RuleSet) -> tuple[list[str], int]:

    failures: list[str] = []
    total = 0
    for rule in ruleset.rules:
        config = Config(select=[rule.id])
        single = RuleSet([rule])
        for number, example in enumerate(rule.examples, start=1):
            total += 1
            document = _parse(example.text, f"<{rule.id} 例{number}>", _template_of(rule), "generic" in rule.tags)
            previous = (
                _parse(example.previous, f"<{rule.id} 例{number} 上年>", _template_of(rule)) if example.previous else None
            )
            result = run_rules(single, document, config, previous)
            lines = sorted({f.line for f in result.findings})
            where = f"{rule.where} ▸ {rule.id} ▸ 例{number}"
            if result.errors:
                failures.append(f"{where}: 运行出错：{'；'.join(result.errors)}")
            elif example.fires and not lines:
                failures.append(f"{where}: 应报告问题，但没有报告")
            elif example.fires and example.line is not None and example.line not in lines:
                failures.append(f"{where}: 应在第 {example.line} 行报告，实际在第 {lines} 行")
            elif not example.fires and lines:
                failures.append(f"{where}: 不应报告问题，但在第 {lines} 行报告了：{result.findings[0].message}")
    return failures, total
