"""The report's own words in Chinese (default) and English (--lang en)."""

from __future__ import annotations

import re

LABELS = {
    "zh": {
        "error": "错误",
        "warning": "警告",
        "info": "提示",
        "document": "文件",
        "unit": "单位",
        "year": "年度",
        "kind": "类型",
        "department": "部门预算",
        "unit_kind": "单位预算",
        "department_final": "部门决算",
        "unit_final": "单位决算",
        "unknown": "未知",
        "stated": "填报",
        "expected": "应为",
        "difference": "差额",
        "evidence": "算式",
        "summary": "汇总",
        "rules_run": "运行规则",
        "claims": "核对的文字说明",
        "not_evaluable": "无法判定的检查",
        "time": "用时",
        "no_findings": "未发现问题。",
        "files": "文件汇总",
        "status": "状态",
        "ok": "通过",
        "failed": "有问题",
        "unreadable": "无法读取",
        "file": "文件",
        "errors": "错误",
        "warnings": "警告",
        "by_rule": "按规则统计",
        "rule": "规则",
        "title": "名称",
        "count": "数量",
        "part_tables": "第二部分 预算公开表",
        "table": "表",
        "hidden": "已按基线隐藏 {n} 条既有问题",
        "related": "上年文件",
        "paired": "与上年文件核对",
        "ambiguous": "有 {n} 行数字无法确定所在列，相关检查已跳过",
        "template": "模板",
        "no_template": "（未识别）",
        "report_title": "预算公开文件审核报告",
        "rule_error": "规则出错",
        "lang": "zh",
        "by_family": "按规则类别统计",
        "family": "规则类别",
        "by_file": "按文件统计",
        "contents": "目录",
        "other": "其他（封面、目录等）",
        "findings_n": "{n} 条",
    },
    "en": {
        "error": "error",
        "warning": "warning",
        "info": "info",
        "document": "Document",
        "unit": "Unit",
        "year": "Year",
        "kind": "Kind",
        "department": "department budget",
        "unit_kind": "unit budget",
        "department_final": "department final accounts",
        "unit_final": "unit final accounts",
        "unknown": "unknown",
        "stated": "stated",
        "expected": "expected",
        "difference": "difference",
        "evidence": "arithmetic",
        "summary": "Summary",
        "rules_run": "rules run",
        "claims": "claims checked",
        "not_evaluable": "checks not evaluable",
        "time": "time",
        "no_findings": "No findings.",
        "files": "Files",
        "status": "status",
        "ok": "ok",
        "failed": "findings",
        "unreadable": "unreadable",
        "file": "file",
        "errors": "errors",
        "warnings": "warnings",
        "by_rule": "By rule",
        "rule": "rule",
        "title": "title",
        "count": "count",
        "part_tables": "Part 2: tables",
        "table": "Table ",
        "hidden": "{n} known findings hidden by the baseline",
        "related": "Last year's document",
        "paired": "Checked against last year's document",
        "ambiguous": "{n} rows have figures whose column is undetermined; checks on them were skipped",
        "template": "template",
        "no_template": "(not recognised)",
        "report_title": "Budget disclosure audit report",
        "rule_error": "rule error",
        "lang": "en",
        "by_family": "By rule family",
        "family": "family",
        "by_file": "By file",
        "contents": "Contents",
        "other": "Other (cover, contents, ...)",
        "findings_n": "{n}",
    },
}


# The engine's own words in arithmetic lines (evidence), for --lang en. Figures, names and
# quotations from the document stay as written; only the connecting words are translated.
ARITHMETIC_EN = (
    (re.compile(r"不成立：两边按书写精度的取值区间 (.+?) 与 (.+?) 不可能满足该关系"),
     r"does not hold: at their written precision the intervals \1 and \2 cannot satisfy it"),
    (re.compile(r"按书写精度可取 "), "at written precision "),
    (re.compile(r"表(\d+) 第 (\d+) 行"), r"table \1 line \2"),
    (re.compile(r"第 (\d+) 行"), r"line \1"),
    (re.compile(r"表(\d+)"), r"table \1"),
    (re.compile(r"说明 "), "text "),
    (re.compile(r"上年 = "), "last year = "),
    (re.compile(r"绩效目标表 "), "performance table "),
    (re.compile(r"万元"), " 10k yuan"),
    (re.compile(r"[；;]"), "; "),
    (re.compile(r"，"), ", "),
)


def arithmetic(text: str, lang: str) -> str:
    """An evidence line in the report's language."""
    if lang != "en":
        return text
    for pattern, replacement in ARITHMETIC_EN:
        text = pattern.sub(replacement, text)
    return re.sub(r" {2,}", " ", text)


def colon(lang: str) -> str:
    return ": " if lang == "en" else "："


def labels(lang: str) -> dict[str, str]:
    return LABELS.get(lang, LABELS["zh"])


def kind_label(kind: str | None, words: dict[str, str], stage: str | None = None) -> str:
    if stage in ("决算", "final"):
        return {"department": words["department_final"], "unit": words["unit_final"]}.get(kind or "", words["unknown"])
    return {"department": words["department"], "unit": words["unit_kind"]}.get(kind or "", words["unknown"])
