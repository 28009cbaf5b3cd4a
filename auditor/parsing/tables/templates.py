"""What each standard table looks like: its title, columns and arithmetic.

The column keys are the canonical headers (docs/ast-json.md). ``parts`` says
which columns add up to which (a row identity such as 合计 = 基本支出 + 项目支出);
the binding solver uses these to place figures when empty cells were lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from auditor.model import TableKind


@dataclass(frozen=True)
class Template:
    kind: TableKind
    number: int
    columns: tuple[str, ...]
    # total column -> the columns that add up to it
    parts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # how many label cells precede the figures in a tabbed row
    label_cells: int = 4
    family: str = "coded"  # coded | sided | labelled | carryover


T2_COLUMNS = (
    "总计",
    "财政拨款(补助)小计",
    "一般公共预算",
    "上级一般公共预算安排的转移支付",
    "政府性基金预算",
    "上级政府性基金安排的转移支付",
    "国有资本经营预算",
    "上级国有资本经营预算安排的转移支付",
    "财政专户(教育收费)",
    "单位资金",
    "财政拨款结转",
    "非财政拨款结转结余",
)
T7_ECONOMIC = (
    "工资福利支出",
    "商品和服务支出",
    "对个人和家庭的补助",
    "债务利息及费用支出",
    "资本性支出(基本建设)",
    "资本性支出",
    "对企业补助(基本建设)",
    "对企业补助",
    "对社会保障基金补助",
    "其他支出",
)
T11_COLUMNS = (
    "合计",
    "财政拨款/小计",
    "财政拨款/人员经费",
    "财政拨款/公用经费",
    "财政拨款/项目支出",
    "非财政拨款/小计",
    "非财政拨款/人员经费",
    "非财政拨款/公用经费",
    "非财政拨款/项目支出",
)

TEMPLATES: dict[TableKind, Template] = {
    t.kind: t
    for t in (
        Template(TableKind.INCOME_EXPENDITURE_SUMMARY, 1, ("预算数",), family="sided", label_cells=1),
        Template(
            TableKind.INCOME_SUMMARY,
            2,
            T2_COLUMNS,
            {
                "总计": ("财政拨款(补助)小计", "财政专户(教育收费)", "单位资金", "财政拨款结转", "非财政拨款结转结余"),
                "财政拨款(补助)小计": T2_COLUMNS[2:8],
            },
        ),
        Template(TableKind.EXPENDITURE_SUMMARY, 3, ("合计", "基本支出", "项目支出"), {"合计": ("基本支出", "项目支出")}),
        Template(
            TableKind.FISCAL_GRANT_SUMMARY,
            4,
            ("合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"),
            {"合计": ("一般公共预算", "政府性基金预算", "国有资本经营预算")},
            family="sided",
            label_cells=1,
        ),
        Template(
            TableKind.GENERAL_BUDGET_EXPENDITURE, 5, ("合计", "基本支出", "项目支出"), {"合计": ("基本支出", "项目支出")}
        ),
        Template(
            TableKind.GENERAL_BUDGET_BASIC,
            6,
            ("合计", "人员经费", "公用经费"),
            {"合计": ("人员经费", "公用经费")},
            label_cells=3,
        ),
        Template(
            TableKind.GENERAL_BUDGET_PROJECTS, 7, ("项目支出合计", *T7_ECONOMIC), {"项目支出合计": T7_ECONOMIC}, label_cells=5
        ),
        Template(
            TableKind.GOVERNMENT_FUND,
            8,
            ("合计", "人员经费", "公用经费", "项目支出"),
            {"合计": ("人员经费", "公用经费", "项目支出")},
        ),
        Template(
            TableKind.STATE_CAPITAL,
            9,
            ("合计", "人员经费", "公用经费", "项目支出"),
            {"合计": ("人员经费", "公用经费", "项目支出")},
        ),
        Template(
            TableKind.THREE_PUBLIC,
            10,
            ("合计", "一般公共预算", "政府性基金", "国有资本经营预算"),
            {"合计": ("一般公共预算", "政府性基金", "国有资本经营预算")},
            family="labelled",
            label_cells=1,
        ),
        Template(
            TableKind.CARRYOVER,
            11,
            T11_COLUMNS,
            {
                "合计": ("财政拨款/小计", "非财政拨款/小计"),
                "财政拨款/小计": T11_COLUMNS[2:5],
                "非财政拨款/小计": T11_COLUMNS[6:9],
            },
            family="carryover",
            label_cells=1,
        ),
    )
}

# Checked in this order: more specific titles first.
TITLE_KEYS: tuple[tuple[str, TableKind], ...] = (
    ("财政拨款收支预算总体情况表", TableKind.FISCAL_GRANT_SUMMARY),
    ("财政拨款收支总体情况表", TableKind.FISCAL_GRANT_SUMMARY),
    ("收支总体情况表", TableKind.INCOME_EXPENDITURE_SUMMARY),
    ("收入总体情况表", TableKind.INCOME_SUMMARY),
    ("支出总体情况表", TableKind.EXPENDITURE_SUMMARY),
    ("一般公共预算基本支出情况表", TableKind.GENERAL_BUDGET_BASIC),
    ("一般公共预算项目支出情况表", TableKind.GENERAL_BUDGET_PROJECTS),
    ("一般公共预算支出情况表", TableKind.GENERAL_BUDGET_EXPENDITURE),
    ("政府性基金预算支出情况表", TableKind.GOVERNMENT_FUND),
    ("国有资本经营预算支出情况表", TableKind.STATE_CAPITAL),
    ("三公", TableKind.THREE_PUBLIC),
    ("上年结转结余情况明细表", TableKind.CARRYOVER),
    ("结转结余情况明细表", TableKind.CARRYOVER),
)

# Words that identify each column in a printed header (spaces removed).
HEADER_WORDS: dict[str, str] = {
    "财政拨款(补助)小计": "小计",
    "上级一般公共预算安排的转移支付": "上级一般公共预算安排的转移支付",
    "财政专户(教育收费)": "财政专户",
    "项目支出合计": "项目支出合计",
    "资本性支出(基本建设)": "资本性支出(基本建设)",
    "对企业补助(基本建设)": "对企业补助(基本建设)",
}

# 表1 income lines and 表10 lines, as printed (spaces removed, half-width).
INCOME_LINES = (
    "一、本年收入",
    "1.一般公共预算拨款",
    "其中:一般财力",
    "上级一般公共预算安排转移支付",
    "2.政府性基金预算拨款",
    "其中:政府性基金收入",
    "上级政府性基金安排转移支付",
    "3.国有资本经营预算拨款",
    "其中:国有资本经营收入",
    "上级国有资本经营预算安排转移支付",
    "4.财政专户核拨",
    "5.单位资金",
    "其中:事业收入",
    "上级补助收入",
    "附属单位上缴收入",
    "事业单位经营收入",
    "其他收入",
    "二、上年结转结余",
    "1.财政拨款结转",
    "其中:一般公共预算拨款",
    "政府性基金预算拨款",
    "国有资本经营预算拨款",
    "2.非财政拨款结转结余",
    "2.非财政拨款结余",
    "其中:财政专户核拨",
    "单位资金",
    "一、财政拨款(补助)",
    "一般公共预算",
    "政府性基金预算",
    "国有资本经营预算",
)
THREE_PUBLIC_LINES = (
    "因公出国(境)费",
    "公务接待费",
    "公务用车购置及运行费(小计)",
    "其中:公务用车购置费",
    "公务用车运行费",
)
TOTAL_LABELS = ("总计", "合计", "收入总计", "支出总计")


def kind_of_title(title: str) -> TableKind:
    compact = title.replace(" ", "")
    for key, kind in TITLE_KEYS:
        if key in compact:
            return kind
    return TableKind.UNKNOWN
