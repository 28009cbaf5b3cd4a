"""Words and text joins shared by the performance-table readers.

The column contents of 绩效目标表 come from a small, fixed vocabulary (level
names, 指标值设置依据, 赋分规则, 佐证资料). Recognising those words is what lets a
flattened table, whose cells wrap over several lines and lose their borders,
be cut back into rows and columns.
"""

from __future__ import annotations

import re

from auditor.reading.normalize import HAN_CHARACTER

Token = tuple[int, str]  # (original line number, text without spaces)

# A figure as printed in a header cell: "5.26", "1,318.91", "0".
FIGURE = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"

# 指标赋分规则. The generic branch keeps rules we have not seen (按…赋分) but
# stays short so that it cannot swallow the next row.
RULE_RE = re.compile(rf"^(?:按照?[^\d<>=≥≤]{{0,8}}?赋分|满意度赋分|直接赋分|{HAN_CHARACTER}{{2,6}}赋分)")

# 佐证资料 closes a project row; several may be listed (工作资料, 原始凭证).
EVIDENCE_WORDS = ("工作资料", "原始凭证", "说明材料", "正式材料", "佐证材料", "会议纪要", "其他资料")
EVIDENCE_RE = re.compile(
    r"^(?:(?:" + "|".join(EVIDENCE_WORDS) + r")[,，、;；]?)+"
)

# 指标值设置依据 of project tables (the whole-unit table's 依据 is free text).
BASIS_WORDS = frozenset(
    {"计划标准", "预算支出标准", "行业标准", "历史标准", "行业或国家标准", "国家标准", "其他标准", "经验标准"}
)

_LEVEL1_NAMES = (
    "产出", "成本", "效益", "满意度", "履职效能", "管理效率", "运行成本", "社会效益", "经济效益", "生态效益",
    "服务对象满意度", "可持续影响", "社会效应", "产出数量", "产出质量",
)
_LEVEL2_NAMES = (
    "数量", "质量", "时效", "成本", "经济成本", "社会成本", "生态环境成本", "经济效益", "社会效益", "生态效益",
    "可持续影响", "服务对象满意度", "满意度",
)
LEVEL1_RE = re.compile(r"^(?:" + "|".join(_LEVEL1_NAMES) + r")(?:指标)?$")
LEVEL2_RE = re.compile(r"^(?:" + "|".join(_LEVEL2_NAMES) + r")指标$")
# The same names as sets, for match_words: the patterns accept exactly these strings
# (tokens hold no line break, which ``$`` would also accept at the end).
LEVEL1_WORDS = frozenset(name + suffix for name in _LEVEL1_NAMES for suffix in ("", "指标"))
LEVEL2_WORDS = frozenset(name + "指标" for name in _LEVEL2_NAMES)
# Either level's names: the longest spelling of either is the longest spelling of one of them.
LEVEL_WORDS = LEVEL1_WORDS | LEVEL2_WORDS

# A value (指标值) that is a comparison: ">=95%", "≤2 万元", "=0 人", "< =100%".
COMPARATOR_RE = re.compile(r"^[<>=≥≤]")
# Words a qualitative value starts with: 有效减轻, 有所提升, 提高, 保障…
QUALITATIVE_RE = re.compile(r"^(?:有效|有所|显著|明显|逐步|不断|持续|稳步|大幅|进一步|提高|提升|保障|降低|减少|改善|基本|全年|长期|每)")
# Units that may follow a wrapped comparison value on its own line.
UNIT_WORDS = frozenset(
    {"%", "人", "万人", "人次", "次", "场", "场次", "批", "批次", "元", "万元", "个", "家", "户", "辆", "条", "种",
     "张", "份", "天", "日", "月", "年", "项", "平方米", "台", "套", "分", "所", "篇", "期", "册"}
)
WEIGHT_RE = re.compile(r"^\d{1,3}$")
LONE_NUMBER_RE = re.compile(r"^\s*[-—–]?\s*\d{1,4}\s*[-—–]?\s*$")

_ASCII_WORD = re.compile(r"[A-Za-z0-9.%]")


def compact(text: str) -> str:
    """The text with every space removed (wrapping and cell borders undone)."""
    return "".join(text.split())  # (what removing \s+ gives: str.split cuts at str.isspace, as \s)


def tidy(text: str) -> str:
    """Spaces removed except between two ASCII words ("DRG DIP", "1085 82").

    The PDF converters put a space between every Latin/digit run and the
    Chinese around it ("2025 年", "=0 人"); that space is not in the document.
    """
    parts = text.split()  # (the words of text.strip() cut at \s+; [] rather than [""] for a blank text)
    out = parts[0] if parts else ""
    for part in parts[1:]:
        if out and part and _ASCII_WORD.match(out[-1]) and _ASCII_WORD.match(part[0]):
            out += " "
        out += part
    return out


def join_tokens(tokens: list[tuple[int, str]]) -> str:
    """Join line fragments: a space only inside a line, nothing across a wrap."""
    lines: list[list[str]] = []
    last = None
    for number, text in tokens:
        if number != last:
            lines.append([])
            last = number
        lines[-1].append(text)
    return "".join(tidy(" ".join(words)) for words in lines)


def is_weight(text: str) -> bool:
    return bool(WEIGHT_RE.match(text)) and 0 < int(text) <= 100


def match_words(tokens: list[Token], start: int, pattern: re.Pattern[str] | frozenset[str], most: int = 4) -> int:
    """How many tokens from ``start`` spell one word of ``pattern`` (0 when none).

    The longest spelling wins so that ``满意度`` / ``指标`` is one level name.
    """
    if isinstance(pattern, frozenset):
        return _match_set(tokens, start, pattern, most)
    found = 0
    text = ""
    for count in range(1, min(most, len(tokens) - start) + 1):
        text += tokens[start + count - 1][1]
        if pattern.match(text):
            found = count
    return found


def _match_set(tokens: list[Token], start: int, words: frozenset[str], most: int) -> int:
    """match_words for a set of words: the spelling stops once it begins no word.

    Most tokens begin none (a 三级指标, a value): one set test settles them, instead of
    joining up to ``most`` tokens. A longer spelling extends a shorter one, so nothing
    the full search would find is missed.
    """
    prefixes = _PREFIXES.get(words)
    if prefixes is None:
        prefixes = _PREFIXES[words] = frozenset(word[:end] for word in words for end in range(1, len(word) + 1))
    found = 0
    text = ""
    for count in range(1, min(most, len(tokens) - start) + 1):
        text += tokens[start + count - 1][1]
        if text not in prefixes:
            break
        if text in words:
            found = count
    return found


# Per set of words given to match_words (the module's few constant sets), every prefix of its words.
_PREFIXES: dict[frozenset[str], frozenset[str]] = {}


def level_name(text: str) -> str:
    return compact(text)
