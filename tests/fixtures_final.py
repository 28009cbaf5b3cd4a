"""A small 部门决算 in the Shanghai final-accounts template, and defects to plant in it.

Everything here is our own wording and our own figures (万元, two decimals),
chosen so that every identity of the template holds and every sentence of
the 说明 agrees with the tables. The arithmetic is written out next to each
figure so that a reader can check the fixture without running anything.

``final_text()`` gives the clean document; ``DEFECTS`` maps a name to a
function that plants one defect and returns the changed text together with
the line (1-based) where an auditor must point, and the rule expected there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

UNIT = "上海市示例局"
YEAR = 2024

# 功能分类 items: code, 类/款/项 names, basic, project (一般公共预算财政拨款), other-income project,
# 年初预算 (for 五(三)). Totals below are sums of these rows.
#   2010301 行政运行             300.00 + 0      ; 年初 310.00 → 96.77%
#   2010302 一般行政管理事务       0 + 50.00 (+5.00 其他收入) ; 年初 60.00 → 83.33%
#   2080505 基本养老保险缴费        40.00         ; 年初 40.00 → 100.00%
#   2101101 行政单位医疗           20.00         ; 年初 15.00 → 133.33%
#   2210201 住房公积金             30.00         ; 年初 25.00 → 120.00%
# 一般公共预算财政拨款支出 440.00 = 390.00 基本 + 50.00 项目; 年初预算 450.00 → 97.78%.
# 本年支出合计 445.00 = 440.00 + 5.00 (其他收入安排的项目支出).
# 本年收入合计 450.00 = 440.00 财政拨款 + 10.00 其他收入.

TOC = [
    "目录",
    f"第一部分 {UNIT}概况",
    "一、主要职能",
    "二、部门决算单位构成",
    f"第二部分 {UNIT}{YEAR}年度部门决算表",
    "一、收入支出决算总表",
    "二、收入决算表",
    "三、支出决算表",
    "四、财政拨款收入支出决算总表",
    "五、一般公共预算财政拨款支出决算表",
    "六、一般公共预算财政拨款基本支出决算表",
    "七、财政拨款“三公”经费支出决算表",
    "八、政府性基金预算财政拨款收入支出决算表",
    "九、国有资本经营预算财政拨款收入支出决算表",
    f"第三部分 {UNIT}{YEAR}年度部门决算情况说明",
    "第四部分 名词解释",
]

PART1 = [
    f"第一部分 {UNIT}概况",
    "一、主要职能",
    f"{UNIT}负责本市示例事务的管理和服务工作。",
    "二、部门决算单位构成",
    f"纳入{UNIT}{YEAR}年度部门决算编制范围的单位包括：",
    "序号\t单位名称\t备注",
    f"1\t{UNIT}（本级）\t",
]

T1 = [
    "收入支出决算总表",
    "单位：万元",
    "收入\t\t支出\t",
    "项目\t决算数\t项目\t决算数",
    "一、一般公共预算财政拨款收入\t440.00\t一、一般公共服务支出\t355.00",
    "二、政府性基金预算财政拨款收入\t\t二、外交支出\t",
    "三、国有资本经营预算财政拨款收入\t\t三、国防支出\t",
    "四、上级补助收入\t\t四、公共安全支出\t",
    "五、事业收入\t\t五、教育支出\t",
    "六、经营收入\t\t六、科学技术支出\t",
    "七、附属单位上缴收入\t\t七、文化旅游体育与传媒支出\t",
    "八、其他收入\t10.00\t八、社会保障和就业支出\t40.00",
    "\t\t九、卫生健康支出\t20.00",
    "\t\t十、节能环保支出\t",
    "\t\t十一、城乡社区支出\t",
    "\t\t十二、住房保障支出\t30.00",
    # 450.00 = 440.00 + 10.00 ; 445.00 = 355.00 + 40.00 + 20.00 + 30.00
    "本年收入合计\t450.00\t本年支出合计\t445.00",
    "使用非财政拨款结余（含专用结余）\t\t结余分配\t",
    # 470.00 = 450.00 + 0 + 20.00 = 445.00 + 0 + 25.00
    "年初结转和结余\t20.00\t年末结转和结余\t25.00",
    "总计\t470.00\t总计\t470.00",
    "注：本表反映部门本年度的总收支和年末结转结余情况。",
]

CODED_HEAD = ["项目\t\t\t\t{columns}", "科目编码\t\t\t科目名称\t", "类\t款\t项\t\t"]

T2 = [
    "收入决算表",
    "单位：万元",
    "项目\t\t\t\t本年收入合计\t财政拨款收入\t上级补助收入\t事业收入\t经营收入\t附属单位上缴收入\t其他收入",
    "科目编码\t\t\t科目名称\t\t\t\t\t\t\t",
    "类\t款\t项\t\t\t\t\t\t\t\t",
    "\t\t\t合计\t450.00\t440.00\t\t\t\t\t10.00",
    "201\t\t\t一般公共服务支出\t360.00\t350.00\t\t\t\t\t10.00",
    "201\t03\t\t政府办公厅（室）及相关机构事务\t360.00\t350.00\t\t\t\t\t10.00",
    "201\t03\t01\t行政运行\t300.00\t300.00\t\t\t\t\t",
    "201\t03\t02\t一般行政管理事务\t60.00\t50.00\t\t\t\t\t10.00",
    "208\t\t\t社会保障和就业支出\t40.00\t40.00\t\t\t\t\t",
    "208\t05\t\t行政事业单位养老支出\t40.00\t40.00\t\t\t\t\t",
    "208\t05\t05\t机关事业单位基本养老保险缴费支出\t40.00\t40.00\t\t\t\t\t",
    "210\t\t\t卫生健康支出\t20.00\t20.00\t\t\t\t\t",
    "210\t11\t\t行政事业单位医疗\t20.00\t20.00\t\t\t\t\t",
    "210\t11\t01\t行政单位医疗\t20.00\t20.00\t\t\t\t\t",
    "221\t\t\t住房保障支出\t30.00\t30.00\t\t\t\t\t",
    "221\t02\t\t住房改革支出\t30.00\t30.00\t\t\t\t\t",
    "221\t02\t01\t住房公积金\t30.00\t30.00\t\t\t\t\t",
    "注：本表反映部门本年度取得的各项收入情况。",
]

T3 = [
    "支出决算表",
    "单位：万元",
    "项目\t\t\t\t本年支出合计\t基本支出\t项目支出\t上缴上级支出\t经营支出\t对附属单位补助支出",
    "科目编码\t\t\t科目名称\t\t\t\t\t\t",
    "类\t款\t项\t\t\t\t\t\t\t",
    "\t\t\t合计\t445.00\t390.00\t55.00\t\t\t",
    "201\t\t\t一般公共服务支出\t355.00\t300.00\t55.00\t\t\t",
    "201\t03\t\t政府办公厅（室）及相关机构事务\t355.00\t300.00\t55.00\t\t\t",
    "201\t03\t01\t行政运行\t300.00\t300.00\t\t\t\t",
    "201\t03\t02\t一般行政管理事务\t55.00\t\t55.00\t\t\t",
    "208\t\t\t社会保障和就业支出\t40.00\t40.00\t\t\t\t",
    "208\t05\t\t行政事业单位养老支出\t40.00\t40.00\t\t\t\t",
    "208\t05\t05\t机关事业单位基本养老保险缴费支出\t40.00\t40.00\t\t\t\t",
    "210\t\t\t卫生健康支出\t20.00\t20.00\t\t\t\t",
    "210\t11\t\t行政事业单位医疗\t20.00\t20.00\t\t\t\t",
    "210\t11\t01\t行政单位医疗\t20.00\t20.00\t\t\t\t",
    "221\t\t\t住房保障支出\t30.00\t30.00\t\t\t\t",
    "221\t02\t\t住房改革支出\t30.00\t30.00\t\t\t\t",
    "221\t02\t01\t住房公积金\t30.00\t30.00\t\t\t\t",
    "注：本表反映部门本年度各项支出情况。",
]

T4 = [
    "财政拨款收入支出决算总表",
    "单位：万元",
    "收入\t\t支出\t\t\t\t",
    "项目\t决算数\t项目\t合计\t一般公共预算财政拨款\t政府性基金预算财政拨款\t国有资本经营预算财政拨款",
    "一、一般公共预算财政拨款\t440.00\t一、一般公共服务支出\t350.00\t350.00\t\t",
    "二、政府性基金预算财政拨款\t\t二、社会保障和就业支出\t40.00\t40.00\t\t",
    "三、国有资本经营预算财政拨款\t\t三、卫生健康支出\t20.00\t20.00\t\t",
    "\t\t四、住房保障支出\t30.00\t30.00\t\t",
    # 440.00 = 350.00 + 40.00 + 20.00 + 30.00 ; 总计 450.00 = 440.00 + 10.00
    "本年收入合计\t440.00\t本年支出合计\t440.00\t440.00\t\t",
    "年初财政拨款结转和结余\t10.00\t年末财政拨款结转和结余\t10.00\t10.00\t\t",
    "一、一般公共预算财政拨款\t10.00\t\t\t\t\t",
    "二、政府性基金预算财政拨款\t\t\t\t\t\t",
    "三、国有资本经营预算财政拨款\t\t\t\t\t\t",
    "总计\t450.00\t总计\t450.00\t450.00\t\t",
    "注：本表反映部门本年度财政拨款的总收支和年末结转结余情况。",
]

T5 = [
    "一般公共预算财政拨款支出决算表",
    "单位：万元",
    "项目\t\t\t\t合计\t基本支出\t项目支出",
    "科目编码\t\t\t科目名称\t\t\t",
    "类\t款\t项\t\t\t\t",
    "201\t\t\t一般公共服务支出\t350.00\t300.00\t50.00",
    "201\t03\t\t政府办公厅（室）及相关机构事务\t350.00\t300.00\t50.00",
    "201\t03\t01\t行政运行\t300.00\t300.00\t",
    "201\t03\t02\t一般行政管理事务\t50.00\t\t50.00",
    "208\t\t\t社会保障和就业支出\t40.00\t40.00\t",
    "208\t05\t\t行政事业单位养老支出\t40.00\t40.00\t",
    "208\t05\t05\t机关事业单位基本养老保险缴费支出\t40.00\t40.00\t",
    "210\t\t\t卫生健康支出\t20.00\t20.00\t",
    "210\t11\t\t行政事业单位医疗\t20.00\t20.00\t",
    "210\t11\t01\t行政单位医疗\t20.00\t20.00\t",
    "221\t\t\t住房保障支出\t30.00\t30.00\t",
    "221\t02\t\t住房改革支出\t30.00\t30.00\t",
    "221\t02\t01\t住房公积金\t30.00\t30.00\t",
    "合计\t\t\t\t440.00\t390.00\t50.00",
    "注：本表反映部门本年度一般公共预算财政拨款实际支出情况。",
]

T6 = [
    "一般公共预算财政拨款基本支出决算表",
    "单位：万元",
    "经济分类科目编码\t\t科目名称\t决算数\t经济分类科目编码\t\t科目名称\t决算数",
    "类\t款\t\t\t类\t款\t\t",
    # 301: 300.00 = 100.00 + 110.00 + 40.00 + 20.00 + 30.00 ; 303: 10.00
    # 302: 75.00 = 20.00 + 5.00 + 1.00 + 6.00 + 43.00 ; 310: 5.00
    "301\t\t工资福利支出\t300.00\t302\t\t商品和服务支出\t75.00",
    "301\t01\t基本工资\t100.00\t302\t01\t办公费\t20.00",
    "301\t02\t津贴补贴\t110.00\t302\t11\t差旅费\t5.00",
    "301\t08\t机关事业单位基本养老保险缴费\t40.00\t302\t17\t公务接待费\t1.00",
    "301\t10\t职工基本医疗保险缴费\t20.00\t302\t31\t公务用车运行维护费\t6.00",
    "301\t13\t住房公积金\t30.00\t302\t99\t其他商品和服务支出\t43.00",
    "303\t\t对个人和家庭的补助\t10.00\t310\t\t资本性支出\t5.00",
    "303\t02\t退休费\t10.00\t310\t02\t办公设备购置\t5.00",
    # 人员经费 310.00 = 300.00 + 10.00 ; 公用经费 80.00 = 75.00 + 5.00 ; 310.00 + 80.00 = 390.00 = 表五基本支出
    "人员经费合计\t\t\t310.00\t公用经费合计\t\t\t80.00",
    "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。",
]

T7 = [
    "财政拨款“三公”经费支出决算表",
    "单位：万元",
    "合计\t\t因公出国（境）费\t\t公务用车购置及运行维护费\t\t\t\t\t\t公务接待费\t",
    "\t\t\t\t小计\t\t公务用车购置费\t\t公务用车运行维护费\t\t\t",
    "预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数",
    # 预算 12.00 = 3.00 + 7.00 + 2.00 ; 决算 9.00 = 2.00 + 6.00 + 1.00 ; 小计 = 购置 + 运维
    "12.00\t9.00\t3.00\t2.00\t7.00\t6.00\t0.00\t0.00\t7.00\t6.00\t2.00\t1.00",
    "注：本表反映部门本年度“三公”经费支出预算和决算情况。",
]


def _empty_fund(title: str, what: str) -> list[str]:
    return [
        title,
        "单位：万元",
        "项目\t\t\t\t年初结转和结余\t本年收入\t本年支出\t\t\t年末结转和结余",
        "科目编码\t\t\t科目名称\t\t\t小计\t基本支出\t项目支出\t",
        "类\t款\t项\t\t\t\t\t\t\t",
        "\t\t\t合计\t\t\t\t\t\t",
        f"说明：{UNIT}本年度没有{what}财政拨款收入和支出，故本表无数据。",
    ]


T8 = _empty_fund("政府性基金预算财政拨款收入支出决算表", "政府性基金预算")
T9 = _empty_fund("国有资本经营预算财政拨款收入支出决算表", "国有资本经营预算")

PART3 = [
    f"第三部分 {UNIT}{YEAR}年度部门决算情况说明",
    "一、收入支出决算总体情况说明",
    # 470.00 vs 450.00 in 2023: +20.00, 20.00 / 450.00 = 4.44%
    f"{UNIT}{YEAR}年度收入支出总计470.00万元。与2023年度相比，收入支出总计增加20.00万元，增长4.44%。主要原因：业务量增加。",
    "二、收入决算情况说明",
    # 440.00 / 450.00 = 97.78% ; 10.00 / 450.00 = 2.22%
    "本年收入合计450.00万元，其中：财政拨款收入440.00万元，占97.78%；其他收入10.00万元，占2.22%。",
    "三、支出决算情况说明",
    # 390.00 / 445.00 = 87.64% ; 55.00 / 445.00 = 12.36%
    "本年支出合计445.00万元，其中：基本支出390.00万元，占87.64%；项目支出55.00万元，占12.36%。",
    "四、财政拨款收入支出决算总体情况说明",
    # 450.00 vs 420.00 in 2023: +30.00, 30.00 / 420.00 = 7.14%
    f"{UNIT}{YEAR}年度财政拨款收入支出总计450.00万元。与2023年度相比，财政拨款收入支出总计增加30.00万元，增长7.14%。主要原因：人员经费增加。",
    "五、一般公共预算财政拨款支出决算情况说明",
    "（一）一般公共预算财政拨款支出决算总体情况",
    # 440.00 / 445.00 = 98.88% ; 440.00 vs 400.00: +40.00, 10.00%
    "一般公共预算财政拨款支出440.00万元，占本年支出合计的98.88%。与2023年度相比，一般公共预算财政拨款支出增加40.00万元，增长10.00%。主要原因：人员经费增加。",
    "（二）一般公共预算财政拨款支出决算结构情况",
    # 350/440 = 79.55% ; 40/440 = 9.09% ; 20/440 = 4.55% ; 30/440 = 6.82%
    "一般公共预算财政拨款支出440.00万元，主要用于以下方面：一般公共服务支出（类）350.00万元，占79.55%；社会保障和就业支出（类）40.00万元，占9.09%；卫生健康支出（类）20.00万元，占4.55%；住房保障支出（类）30.00万元，占6.82%。",
    "（三）一般公共预算财政拨款支出决算具体情况",
    # 440.00 / 450.00 = 97.78%
    "一般公共预算财政拨款支出年初预算为450.00万元，支出决算为440.00万元，完成年初预算的97.78%。决算数小于预算数的主要原因：项目结余。其中：",
    "1、一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）。主要用于：机关基本运转。年初预算为310.00万元，支出决算为300.00万元，完成年初预算的96.77%。决算数小于预算数的主要原因：人员变动。",
    "2、一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）一般行政管理事务（项）。主要用于：专项工作。年初预算为60.00万元，支出决算为50.00万元，完成年初预算的83.33%。决算数小于预算数的主要原因：项目结余。",
    "3、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。主要用于：缴纳养老保险。年初预算为40.00万元，支出决算为40.00万元，完成年初预算的100.00%。决算数等于预算数。",
    "4、卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）。主要用于：缴纳医疗保险。年初预算为15.00万元，支出决算为20.00万元，完成年初预算的133.33%。决算数大于预算数的主要原因：人员增加。",
    "5、住房保障支出（类）住房改革支出（款）住房公积金（项）。主要用于：缴纳住房公积金。年初预算为25.00万元，支出决算为30.00万元，完成年初预算的120.00%。决算数大于预算数的主要原因：缴存基数调整。",
    "六、一般公共预算财政拨款基本支出决算情况说明",
    "一般公共预算财政拨款基本支出390.00万元。其中：人员经费310.00万元，主要包括：基本工资、津贴补贴、住房公积金；公用经费80.00万元，主要包括：办公费、差旅费、办公设备购置。",
    "七、财政拨款“三公”经费支出决算情况说明",
    "（一）“三公”经费财政拨款支出决算总体情况说明",
    # 9/12 = 75.00% ; 2/3 = 66.67% ; 6/7 = 85.71% ; 1/2 = 50.00%
    "“三公”经费财政拨款支出年初预算为12.00万元，支出决算为9.00万元，完成预算的75.00%，其中：因公出国（境）费决算为2.00万元，完成预算的66.67%；公务用车购置及运行维护费决算为6.00万元，完成预算的85.71%；公务接待费决算为1.00万元，完成预算的50.00%。决算数小于预算数的主要原因：厉行节约。",
    "（二）“三公”经费财政拨款支出决算具体情况说明",
    # 2/9 = 22.22% ; 6/9 = 66.67% ; 1/9 = 11.11%
    f"{YEAR}年度“三公”经费财政拨款支出决算中，因公出国（境）费支出决算2.00万元，占22.22%；公务用车购置及运行维护费支出决算6.00万元，占66.67%；公务接待费支出决算1.00万元，占11.11%。",
    f"{UNIT}{YEAR}年度公务用车保有量为2辆。",
    "八、政府性基金预算财政拨款收入支出决算情况说明",
    f"{UNIT}{YEAR}年度无政府性基金预算财政拨款收入和支出。",
    "九、国有资本经营预算财政拨款收入支出决算情况说明",
    f"{UNIT}{YEAR}年度无国有资本经营预算财政拨款收入和支出。",
    "十、预算绩效管理情况",
    # 优 1 + 良 1 + 合格 0 + 不合格 0 = 2 projects
    f"编报绩效目标的{YEAR}年度项目2个，涉及预算金额50.00万元；绩效自评的{YEAR}年度项目2个，涉及预算金额50.00万元，平均得分92.50分（其中，绩效评级为“优”的项目1个；绩效评级为“良”的项目1个；绩效评级为“合格”的项目0个；绩效评级为“不合格”的项目0个）。",
    "十一、其他重要事项的情况说明",
    "（一）机关运行经费支出情况",
    # 80.00 = 公用经费合计 ; 80.00 vs 75.00: +5.00, 5.00 / 75.00 = 6.67%
    f"{UNIT}{YEAR}年度机关运行经费支出80.00万元，比2023年度增加5.00万元，增长6.67%。主要原因：办公设备更新。",
    "（二）政府采购支出情况",
    # 30.00 = 5.00 + 0.00 + 25.00 ; 28.00 / 30.00 = 93.33% ; 20.00 / 30.00 = 66.67%
    f"{UNIT}{YEAR}年度政府采购金额（以合同签订为准）为30.00万元，其中：货物采购金额5.00万元、工程采购金额0.00万元、服务采购金额25.00万元。",
    f"{YEAR}年度授予中小企业合同金额28.00万元，占政府采购支出总金额的93.33%，其中：授予小微企业合同金额20.00万元，占政府采购支出总金额的66.67%。",
    "（三）国有资产占有使用情况说明",
    # 2 = 0 + 0 + 0 + 0 + 0 + 0 + 0 + 2
    f"截至{YEAR}年12月31日，{UNIT}共有车辆2辆，其中：部级领导干部用车0辆、主要领导干部用车0辆、机要通信用车0辆、应急保障用车0辆、执法执勤用车0辆、特种专业技术用车0辆、离退休干部用车0辆、其他用车2辆。单价100万元（含）以上设备（不含车辆）0台（套）。",
]

PART4 = [
    "第四部分 名词解释",
    "一、财政拨款收入：指单位本年度从本级财政部门取得的财政拨款。",
    "二、机关运行经费：指为保障行政单位运行用于购买货物和服务的各项资金。",
]


def logical_lines() -> list[str]:
    """The document with each paragraph on one line (before wrapping)."""
    tables = [*T1, *T2, *T3, *T4, *T5, *T6, *T7, *T8, *T9]
    return [
        f"{UNIT}",
        f"{YEAR}年度部门决算",
        *TOC,
        *PART1,
        f"第二部分 {UNIT}{YEAR}年度部门决算表",
        *tables,
        *PART3,
        *PART4,
    ]


WIDTH = 38  # characters per printed line, as in the published PDFs


def _wrap(line: str) -> list[str]:
    """Hard-wrap a paragraph as a printed page does, never inside a figure."""
    if "\t" in line or len(line) <= WIDTH:
        return [line]
    pieces: list[str] = []
    rest = line
    while len(rest) > WIDTH:
        cut = WIDTH
        while cut > 1 and (rest[cut - 1].isascii() and rest[cut].isascii()) and rest[cut - 1] not in " ":
            cut -= 1  # keep 445.00 or 97.78% on one line
        pieces.append(rest[:cut])
        rest = rest[cut:]
    pieces.append(rest)
    return pieces


def wrap(logical: list[str]) -> tuple[list[str], list[int]]:
    """The printed lines, and for each logical line the number of its first printed line."""
    printed: list[str] = []
    starts: list[int] = []
    for line in logical:
        starts.append(len(printed) + 1)
        printed.extend(_wrap(line))
    return printed, starts


def final_lines() -> list[str]:
    return wrap(logical_lines())[0]


def final_text() -> str:
    return "\n".join(final_lines()) + "\n"


def write_final(folder: Path, text: str | None = None, name: str = "示例局2024年度部门决算.txt") -> Path:
    path = folder / name
    path.write_text(text if text is not None else final_text(), encoding="utf-8")
    return path


@dataclass(frozen=True)
class Planted:
    text: str
    line: int  # first printed line of the planted text: where the finding must point
    end_line: int  # last printed line of the planted text
    rule: str  # the rule expected there
    marker: str  # the planted text, to find it again in a PDF rendering


def _planted(lines: list[str], index: int, position: int, new: str, rule: str) -> Planted:
    """Wrap the changed logical lines and say which printed lines hold ``new``."""
    printed, starts = wrap(lines)
    first = starts[index]
    pieces = _wrap(lines[index])
    offset = 0
    start_line = end_line = first
    for number, piece in enumerate(pieces):
        if offset <= position < offset + len(piece):
            start_line = first + number
        if offset < position + len(new) <= offset + len(piece):
            end_line = first + number
        offset += len(piece)
    return Planted("\n".join(printed) + "\n", start_line, max(start_line, end_line), rule, new)


def _replace(old: str, new: str, *, after: str | None = None, at: str | None = None,
             rule: str) -> Callable[[], Planted]:
    """Plant by changing the first ``old`` (at or after the line containing ``after``) into ``new``.

    The finding must point at the changed text, or, for a sum whose part was
    changed, at the line holding ``at`` (the total that no longer adds up).
    """

    def plant() -> Planted:
        lines = logical_lines()
        start = 0
        if after is not None:
            start = next(i for i, line in enumerate(lines) if after in line)
        index = next(i for i in range(start, len(lines)) if old in lines[i])
        position = lines[index].index(old)
        lines[index] = lines[index].replace(old, new, 1)
        shown = new
        if at is not None:
            index = next(i for i, line in enumerate(lines) if at in line)
            position, shown = lines[index].index(at), at
        return _planted(lines, index, position, shown, rule)

    return plant


def _drop_note(title: str, rule: str) -> Callable[[], Planted]:
    def plant() -> Planted:
        lines = logical_lines()
        start = lines.index(title)
        note = next(i for i in range(start, len(lines)) if "故本表无数据" in lines[i])
        del lines[note]
        return _planted(lines, start, 0, title, rule)

    return plant


def _drop_table(title: str, rule: str) -> Callable[[], Planted]:
    def plant() -> Planted:
        lines = logical_lines()
        start = lines.index(title)
        end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("第三部分"))
        del lines[start:end]
        toc = next(i for i, line in enumerate(lines) if line.endswith(title) and "、" in line)
        return _planted(lines, toc, line_offset(lines[toc], title), title, rule)

    return plant


def line_offset(line: str, text: str) -> int:
    return line.index(text)


# Each defect, what it breaks, and why it must be found where it is planted.
DEFECTS: dict[str, Callable[[], Planted]] = {
    # 年末结转和结余 25.00 → 26.00: 445.00 + 0 + 26.00 = 471.00 ≠ 总计 470.00 (reported at the 总计 row).
    "t1_balance": _replace("年末结转和结余\t25.00", "年末结转和结余\t26.00", at="总计\t470.00\t总计", rule="BD-JS001"),
    # 表三 合计行 本年支出合计 445.00 → 446.00: 446.00 ≠ 390.00 + 55.00.
    "t3_row_sum": _replace("\t合计\t445.00\t390.00", "\t合计\t446.00\t390.00", rule="BD-JS002"),
    # 表二 一般公共服务支出 (类) 360.00 → 365.00: the class ≠ its 款 (360.00), reported on the class row.
    "t2_tree": _replace("201\t\t\t一般公共服务支出\t360.00", "201\t\t\t一般公共服务支出\t365.00", rule="BD-JS002"),
    # 表一 住房保障支出 30.00 → 35.00: the 支出 items no longer add to 本年支出合计 445.00.
    "t1_items": _replace("十二、住房保障支出\t30.00", "十二、住房保障支出\t35.00", at="本年支出合计\t445.00", rule="BD-JS001"),
    # 表五 合计 基本支出 390.00 → 391.00 while 表六 人员 310.00 + 公用 80.00 = 390.00 (and 合计 ≠ 基本 + 项目).
    "t5_vs_t6": _replace("合计\t\t\t\t440.00\t390.00", "合计\t\t\t\t440.00\t391.00", rule="BD-JS003"),
    # 表四 本年支出合计 440.00 → 441.00 (all three cells): ≠ 表五 合计 440.00.
    "t4_vs_t5": _replace("本年支出合计\t440.00\t440.00", "本年支出合计\t441.00\t441.00", rule="BD-JS003"),
    # 表四 卫生健康支出 20.00 → 21.00 while 表五 类 210 is 20.00 (compared 类 by 类).
    "t4_class_vs_t5": _replace("三、卫生健康支出\t20.00\t20.00", "三、卫生健康支出\t21.00\t21.00", rule="BD-JS003"),
    # 三公 公务用车 小计 决算 6.00 → 7.00 ≠ 购置 0.00 + 运维 6.00.
    "three_public_subtotal": _replace("7.00\t6.00\t0.00\t0.00", "7.00\t7.00\t0.00\t0.00", rule="BD-JS004"),
    # 完成年初预算的 97.78% → 97.87%: 440.00 / 450.00 = 97.78%.
    "completion_total": _replace("完成年初预算的97.78%", "完成年初预算的97.87%", rule="BD-JS010"),
    # item 4: 20.00 / 15.00 = 133.33%, not 113.33%.
    "completion_item": _replace("完成年初预算的133.33%", "完成年初预算的113.33%", rule="BD-JS010"),
    # 一般公共服务支出 350.00 / 440.00 = 79.55%, not 75.95%.
    "share": _replace("占79.55%", "占75.95%", rule="BD-JS011"),
    # item 4 决算 20.00 > 年初预算 15.00, so “小于” is wrong.
    "direction": _replace("决算数大于预算数的主要原因：人员增加", "决算数小于预算数的主要原因：人员增加", rule="BD-JS012"),
    # 20.00 / 450.00 = 4.44%, not 4.54%.
    "yoy_rate": _replace("增长4.44%", "增长4.54%", rule="BD-JS013"),
    # 表一 says 本年支出合计 445.00; the 说明 must say the same.
    "text_amount": _replace("本年支出合计445.00万元", "本年支出合计454.00万元", rule="BD-JS014"),
    # 五(二): 一般公共服务支出（类） is 350.00 in 表五, not 360.00.
    "class_amount": _replace("一般公共服务支出（类）350.00万元", "一般公共服务支出（类）360.00万元", rule="BD-JS014"),
    # 三公 table: 因公出国（境）费 决算数 2.00; the 说明 says 2.50.
    "three_public_amount": _replace("因公出国（境）费决算为2.00万元", "因公出国（境）费决算为2.50万元", rule="BD-JS014"),
    # 三公: 9.00 / 12.00 = 75.00%, not 57.00%.
    "three_public_rate": _replace("完成预算的75.00%", "完成预算的57.00%", rule="BD-JS010"),
    # 机关运行经费 must equal 表六 公用经费合计 80.00.
    "running_costs": _replace("机关运行经费支出80.00万元", "机关运行经费支出85.00万元", rule="BD-JS015"),
    # 政府采购 30.00 ≠ 5.00 + 0.00 + 26.00 (reported at the total).
    "procurement_sum": _replace("服务采购金额25.00万元", "服务采购金额26.00万元", at="（以合同签订为准）为30.00万元", rule="BD-JS016"),
    # 授予中小企业 32.00 > 政府采购 30.00.
    "procurement_sme": _replace("授予中小企业合同金额28.00万元", "授予中小企业合同金额32.00万元", rule="BD-JS016"),
    # 车辆 3 ≠ 0×7 + 2.
    "vehicles": _replace("共有车辆2辆", "共有车辆3辆", rule="BD-JS017"),
    # a 2024 决算's assets are as at 2024-12-31.
    "asset_date": _replace(f"截至{YEAR}年12月31日", f"截至{YEAR - 1}年12月31日", rule="BD-Y001"),
    # 优 2 + 良 1 + 0 + 0 = 3 ≠ 2 self-evaluated projects (reported at the count).
    "performance_counts": _replace("“优”的项目1个", "“优”的项目2个", at=f"绩效自评的{YEAR}年度项目2个", rule="BD-JS018"),
    # 表九 listed in the 目录 but not in 第二部分.
    "table_absent": _drop_table("国有资本经营预算财政拨款收入支出决算表", rule="BD-JS020"),
    # 表八 empty without “故本表无数据”.
    "empty_without_note": _drop_note("政府性基金预算财政拨款收入支出决算表", rule="BD-JS021"),
    # the template's placeholders left in.
    "placeholder_unit": _replace(f"{UNIT}{YEAR}年度收入支出总计", f"上海市XX局{YEAR}年度收入支出总计", rule="BD-D001"),
    "placeholder_amount": _replace("其他收入10.00万元，占2.22%", "其他收入XXX万元，占XX%", rule="BD-D001"),
}


def national_lines() -> list[str]:
    """The same accounts in the central order: “三公” table last, no 上海 in the names.

    Only the order of the tables and of 第三部分's items changes; every figure stays.
    """
    rename = {UNIT: "某某部"}

    def named(lines: list[str]) -> list[str]:
        out = []
        for line in lines:
            for old, new in rename.items():
                line = line.replace(old, new)
            out.append(line)
        return out

    toc = [line for line in TOC if "三公" not in line]
    toc.insert(toc.index("九、国有资本经营预算财政拨款收入支出决算表") + 1, "九、财政拨款“三公”经费支出决算表")
    toc = [line.replace("八、政府性基金", "七、政府性基金").replace("九、国有资本", "八、国有资本") for line in toc]
    tables = [*T1, *T2, *T3, *T4, *T5, *T6, *T8, *T9, *T7]
    return named(wrap([
        "某某部",
        f"{YEAR}年度部门决算",
        *toc,
        *PART1,
        f"第二部分 {UNIT}{YEAR}年度部门决算表",
        *tables,
        *PART3,
        *PART4,
    ])[0])
