"""Run a rule set over a document and produce findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from auditor.engine.checks import Context, load_all, validate_params
from auditor.engine.config import Config
from auditor.engine.evaluate import Budget, Evaluator, compare
from auditor.engine.loader import RuleSet
from auditor.engine.rule import Draft, Rule, render
from auditor.engine.views import ExpressionError, NotEvaluable, TableView, View
from auditor.model import Document, Span
from auditor.model.findings import RULE_ERROR, Finding, Severity
from auditor.quantity import Quantity, Truth
from auditor.reading.cite import cite_pages


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    rules_run: int = 0
    not_evaluable: int = 0
    claims_checked: int = 0
    errors: list[str] = field(default_factory=list)


def run_rules(
    ruleset: RuleSet, document: Document, config: Config | None = None, previous: Document | None = None
) -> RunResult:
    """Findings of ``ruleset`` on ``document``; ``previous`` is last year's document, if paired."""
    config = config or Config()
    result = RunResult()
    template = document.template
    context = Context(document, template.profile if template is not None else {}, previous)
    for rule in ruleset.rules:
        if not config.selects(rule.id) or not _applies(rule, template) or not applies_to_stage(rule, document):
            continue
        severity = config.severity_of(rule.id, rule.severity)
        result.rules_run += 1
        try:
            drafts, skipped = _run(rule, context, config)
        except ExpressionError as exc:
            result.errors.append(f"{rule.where} ▸ {rule.id}: 运行出错：{exc}")
            result.findings.append(rule_error(rule, str(exc), document))
            continue
        except RecursionError:
            result.errors.append(f"{rule.where} ▸ {rule.id}: 运行出错：嵌套过深")
            result.findings.append(rule_error(rule, "嵌套过深", document))
            continue
        except (TypeError, ValueError, ArithmeticError, LookupError, AttributeError) as exc:
            # A rule the loader could not fully check (or a bug in a check kind):
            # this rule fails on this document, the others still run.
            result.errors.append(f"{rule.where} ▸ {rule.id}: 运行出错（{type(exc).__name__}）")
            # Never silent: the reader sees that this check did not run on this document.
            result.findings.append(rule_error(rule, f"内部错误（{type(exc).__name__}）", document))
            continue
        result.not_evaluable += skipped
        seen: set[tuple] = set()
        for draft in drafts:
            finding = _finding(rule, severity, draft, document)
            # The same sentence twice in one paragraph is one problem to fix; a rule's value
            # named once says what else makes two findings one (e.g. the paragraph and the year).
            key = ("once", draft.values["once"]) if "once" in draft.values else (
                finding.line, finding.end_line, finding.message)
            if key not in seen:
                seen.add(key)
                result.findings.append(finding)
    if any(config.selects(rule_id) for rule_id in _claim_rules(ruleset)):
        result.claims_checked = len(context.claims.resolved)
    result.findings.sort(key=Finding.sort_key)
    return result


_CLAIM_RULES: dict[int, tuple[RuleSet, tuple[str, ...]]] = {}


def _claim_rules(ruleset: RuleSet) -> tuple[str, ...]:
    """The ids of the rules that check the narrative's claims, found once per rule set."""
    cached = _CLAIM_RULES.get(id(ruleset))
    if cached is None or cached[0] is not ruleset:
        _CLAIM_RULES.clear()  # one rule set per run; the entry keeps it alive, so its id is not reused
        cached = (ruleset, tuple(rule.id for rule in ruleset.rules if _uses_claims(rule)))
        _CLAIM_RULES[id(ruleset)] = cached
    return cached[1]


def _uses_claims(rule: Rule) -> bool:
    """Whether the rule checks the narrative's claims (they are then counted in the summary)."""
    if rule.check:
        return rule.check.startswith("prose_")  # the check kinds that read the claims
    # The text is enough (and decodes no tree of a rule that does not run on this document).
    sources = [e.source for e in (rule.for_each, rule.when, rule.assertion, *rule.values.values()) if e is not None]
    return any("claims(" in source for source in sources)


STAGE_TAGS = {"预算": "budget", "决算": "final"}


def applies_to_stage(rule: Rule, document: Document) -> bool:
    """A rule tagged 预算 or 决算 runs only on documents of that stage; untagged rules run on both."""
    stages = {STAGE_TAGS[tag] for tag in rule.tags if tag in STAGE_TAGS}
    return not stages or document.stage.value in stages


def _applies(rule: Rule, template: Any) -> bool:
    """A built-in rule runs on the documents whose template lists it; a user's rule on all.

    A document matching no template gets the built-in rules tagged ``generic``
    (table arithmetic, and the one note that completeness was not checked).
    """
    if not rule.path.startswith("rules/"):
        return True
    if template is None:
        return "generic" in rule.tags
    return template.applies(rule.id)


def _run(rule: Rule, context: Context, config: Config) -> tuple[list[Draft], int]:
    if rule.check:
        kind = load_all()[rule.check]
        params = dict(rule.params)
        override = config.params.get(rule.id)
        if override:
            merged, problems = validate_params(kind, {**{k: v for k, v in rule.params.items() if v is not None}, **override})
            if problems:
                raise ExpressionError("；".join(f"{k}: {m}" for k, m in problems))
            params = merged
        drafts, skipped = [], 0
        try:
            for draft in kind.run(context, params):
                drafts.append(draft)
        except NotEvaluable:
            skipped += 1
        return drafts, skipped
    params = {**rule.params, **config.params.get(rule.id, {})}
    return _run_assertion(rule, context, constants(params))


def constants(params: dict[str, Any]) -> dict[str, Any]:
    """An expression rule's params as expression values: numbers become exact quantities."""
    def one(value: Any) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return Quantity.exact(Decimal(str(value)))
        if isinstance(value, list):
            return [one(v) for v in value]
        return value

    return {name: one(value) for name, value in params.items()}


def _run_assertion(rule: Rule, context: Context, params: dict[str, Any] | None = None) -> tuple[list[Draft], int]:
    items: list[Any] = [None]
    skipped = 0
    params = params or {}
    document = context.document

    def claims():
        return context.claims

    shared = None
    # One evaluator for the whole rule, its names set afresh for each item: the budget is the
    # rule's (a for_each cannot multiply it), and so is the tracker the items' views report to.
    evaluator = Evaluator(document, params, Budget(), claims)
    if rule.for_each is not None:
        try:
            value = evaluator.value_of(rule.for_each)
        except NotEvaluable:
            return [], 1
        items = value if isinstance(value, list) else [value]
        shared = evaluator.tracker
    drafts = []
    # A condition that uses no value is decided first: the values need not exist for items it skips.
    when_first = rule.when is not None and not (rule.when.names & set(rule.values))
    needed = _needed(rule)
    first = [(name, expr) for name, expr in rule.values.items() if name in needed]  # in order
    for item in items:
        evaluator.variables = {**params, "it": item} if item is not None else dict(params)
        if shared is not None:  # start each item afresh
            shared.spans.clear()
            shared.rows.clear()
            shared.tables.clear()
        try:
            if when_first and evaluator.truth_of(rule.when) is not Truth.TRUE:
                continue
            named: dict[str, Any] = {}
            for name, expr in first:  # in order: a value may use the ones before it
                named[name] = evaluator.value_of(expr)
                evaluator.variables[name] = named[name]
            if not when_first and rule.when is not None and evaluator.truth_of(rule.when) is not Truth.TRUE:
                continue
            draft = _assert(rule, evaluator, item)
            if draft is not None:  # the values only a finding shows (its message, place, evidence)
                for name, expr in rule.values.items():
                    if name not in named:
                        named[name] = evaluator.value_of(expr)
                        evaluator.variables[name] = named[name]
        except NotEvaluable:
            skipped += 1
            continue
        if draft is not None:
            # Raw values: the message formatter renders them bounded, with their precision.
            draft.values.update({**params, **named})
            # Values named stated/expected/difference are what the finding shows (for example the
            # figure as written, "1.90 万元", rather than the number compared).
            for name in ("stated", "expected", "difference"):
                if name in named:  # an empty text means: show none
                    setattr(draft, name, str(_shown(named[name])) or None)
            if "evidence" in named:  # the arithmetic or the reason, in the rule's own words
                draft.evidence = str(_shown(named["evidence"])) or None
            if "stated" in named or "expected" in named:
                draft.figures = tuple(x for x in (draft.stated, draft.expected) if x)
            if "in_table" in named:  # and in_table, which table it is a finding of
                draft.table = quantity_of(named["in_table"])
                draft.values["table"] = draft.table
            if "line" in named:  # values line (and end_line) say where the finding points
                line = int(quantity_of(named["line"]))
                end = int(quantity_of(named["end_line"])) if "end_line" in named else line
                draft.span = Span(line, max(line, end))
            if isinstance(item, View) and "section" in type(item).ATTRIBUTES:
                draft.section = str(item.attribute("section")) or None
            drafts.append(draft)
    return drafts, skipped


_NEEDED: dict[int, tuple[Rule, frozenset[str]]] = {}


def _needed(rule: Rule) -> frozenset[str]:
    """The values the rule's when and assert use, directly or through other values.

    Only these are computed for every item; the others (what a finding shows: its message's
    words, its place, its evidence) only for the items that fail.
    """
    cached = _NEEDED.get(id(rule))
    if cached is not None and cached[0] is rule:
        return cached[1]
    wanted: set[str] = set()
    pending = [e for e in (rule.when, rule.assertion) if e is not None]
    while pending:
        for name in pending.pop().names & set(rule.values):
            if name not in wanted:
                wanted.add(name)
                pending.append(rule.values[name])
    if len(_NEEDED) > 10_000:  # the rule is kept alive by its entry, so its id is not reused
        _NEEDED.clear()
    _NEEDED[id(rule)] = (rule, frozenset(wanted))
    return _NEEDED[id(rule)][1]


def _assert(rule: Rule, evaluator: Evaluator, item: Any) -> Draft | None:
    tree = rule.assertion.tree if rule.assertion else ("name", "true")
    stated = expected = difference = evidence = None
    if tree[0] == "compare" and rule.assertion is not None:
        _, _, left_tree, right_tree = tree
        op, left_side, right_side = rule.assertion.sides  # each side is shown: no step for the comparison
        left, right = left_side(evaluator), right_side(evaluator)
        truth = compare(op, left, right)
        if truth is not Truth.FALSE:
            return None
        stated, expected = _shown(left), _shown(right)
        if isinstance(left, Quantity) and isinstance(right, Quantity):
            difference = (left - right).format(max(left.places, right.places))
            evidence = (
                f"{_written(left_tree, left, rule, evaluator)} {op} {_written(right_tree, right, rule, evaluator)} "
                f"不成立：两边按书写精度的取值区间 {left.format_interval()} 与 {right.format_interval()} 不可能满足该关系"
            )
    else:
        truth = evaluator.truth_of(rule.assertion) if rule.assertion is not None else evaluator.truth(tree)
        if truth is not Truth.FALSE:
            return None
    span = _span_of(item, evaluator)
    values: dict[str, Any] = {"stated": stated, "expected": expected, "difference": difference}
    table = evaluator.tracker.tables[0] if evaluator.tracker.tables else None
    if isinstance(item, TableView):  # a finding on a table is a finding of that table
        table = item.table.number
    if isinstance(item, View):
        for name in ("name", "code", "project", "title", "subject", "section"):
            if name in type(item).ATTRIBUTES:
                values[name] = item.attribute(name)
    values["table"] = table
    return Draft(span, stated, expected, difference, evidence, table, None, values,
                 tuple(x for x in (stated, expected) if x))


MAX_TERMS = 20  # a longer sum is shown by its total only


def _written(tree: tuple, value: Quantity, rule: Rule, evaluator: Evaluator) -> str:
    """A side of a failed comparison with its arithmetic: "2900000.00 + 0 + 0 = 2900000.00".

    A value's name is followed to its expression (a few steps); a sum() of a list or a chain of
    + and − shows its terms. Anything else, or a term that cannot be read, shows the figure alone.
    """
    for _ in range(3):
        if tree[0] == "name" and tree[1] in rule.values:
            tree = rule.values[tree[1]].tree
    terms: list[str] = []
    try:
        if tree[0] == "call" and tree[1] == ("name", "sum") and len(tree[2]) == 1 and not tree[3]:
            items = evaluator.evaluate(tree[2][0])
            if isinstance(items, list) and all(isinstance(q, Quantity) for q in items):
                terms = [q.format() for q in items]
        elif tree[0] == "arith" and tree[1] in "+-":
            chain, signs = [], []
            node = tree
            while node[0] == "arith" and node[1] in "+-" and len(chain) < MAX_TERMS:
                chain.append(node[3])
                signs.append(node[1])
                node = node[2]
            leaves = [evaluator.evaluate(node), *(evaluator.evaluate(t) for t in reversed(chain))]
            if all(isinstance(q, Quantity) for q in leaves):
                ops = ["", *reversed(signs)]
                terms = [f"{op} {q.format()}".strip() if op else q.format() for op, q in zip(ops, leaves, strict=True)]
    except (NotEvaluable, ExpressionError):
        terms = []
    if 2 <= len(terms) <= MAX_TERMS:
        return f"{' + '.join(terms).replace('+ -', '-')} = {value.format()}"
    return value.format()


def _span_of(item: Any, evaluator: Evaluator) -> Span:
    span = getattr(item, "span", None)
    if isinstance(span, Span):
        return span
    if evaluator.tracker.rows:
        return evaluator.tracker.rows[0]
    if evaluator.tracker.spans:
        return evaluator.tracker.spans[0]
    return Span(1, 1)


def quantity_of(value: Any) -> int:
    if not isinstance(value, Quantity) or not value.is_exact or value.value < 1:
        raise ExpressionError("值 line / end_line 应为行号")
    return int(value.value)


def _shown(value: Any) -> Any:
    if isinstance(value, Quantity):
        return value.format()
    if isinstance(value, Truth):
        return {"true": "是", "false": "否", "unknown": "不确定"}[value.value]
    if isinstance(value, View):
        return getattr(value, "span", "")
    return value


def _finding(rule: Rule, severity: Severity, draft: Draft, document: Document) -> Finding:
    values = {"line": draft.span.line, **draft.values}
    values.setdefault("table", draft.table)
    # On a PDF, "第 N 行" cites page and line on the page (auditor.reading.cite).
    locations = document.locations
    return Finding(
        rule_id=rule.id,
        severity=severity,
        title=rule.title,
        message=cite_pages(render(rule.message, values), locations) or "",
        path=document.source.path,
        line=draft.span.line,
        end_line=draft.span.end_line,
        table=draft.table,
        section=draft.section,
        stated=draft.stated,
        expected=draft.expected,
        difference=draft.difference,
        evidence=cite_pages(draft.evidence, locations),
        figures=draft.figures or tuple(x for x in (draft.stated, draft.expected) if x),
        related=draft.related,
    )


def rule_error(rule: Rule, problem: str, document: Document) -> Finding:
    """A rule that failed while running, as a finding of its own kind: never silent."""
    return Finding(
        rule_id=rule.id,
        severity=Severity.ERROR,
        title="规则运行出错",
        message=f"规则 {rule.id}（{rule.where}）运行出错：{problem}。请修改规则文件后重试。",
        path=document.source.path,
        line=1,
        end_line=1,
        evidence=f"{rule.where} ▸ {rule.id}: {problem}",
        kind=RULE_ERROR,
        rule_location=rule.where,
    )
