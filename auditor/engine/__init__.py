"""The rule engine: YAML rules, a safe expression language, interval arithmetic.

    ruleset = load_rules(["my-rules/"])          # raises RuleError listing every problem
    result = run_rules(ruleset, document, config)
    result.findings, result.rules_run, result.not_evaluable
"""

from auditor.engine.config import Config, find_config, load_config
from auditor.engine.loader import RuleSet, load_rules
from auditor.engine.runner import RunResult, run_rules

__all__ = ["Config", "RuleSet", "RunResult", "find_config", "load_config", "load_rules", "run_rules"]
