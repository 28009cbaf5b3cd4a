"""The 说明 of a 决算 against its tables and against itself.

Sentences follow the template's standard wording (docs: templates.md §3):
“X万元，占Y%”, “年初预算为B万元，支出决算为A万元，完成年初预算的Y%”,
“增加A万元，增长Y%”, “决算数大于（小于）预算数”. Every comparison is by
interval arithmetic on the printed figures; a share is only compared with
its own amount over its own base, never with another percentage.
Each finder scans each paragraph once with a fixed set of expressions and yields every
figure it could bind, with the figure it should equal (or not exceed); the rules BD-JS010–JS018
compare the two (rules/final.yaml, final_statements()).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from auditor.final.identities import resolve
from auditor.final.tables import FinalRow, plain
from auditor.final.view import FinalView
from auditor.model import Document, LinePiece, Paragraph, Span
from auditor.quantity import Quantity, QuantityError, Truth, total

AMOUNT = r"(\d[\d,]*(?:\.\d+)?)\s*万元"
PERCENT = r"(\d+(?:\.\d+)?)\s*%"
AMOUNT_RE = re.compile(AMOUNT)
SHARE_RE = re.compile(r"(两项合计|合计)?占\s*(?:([^,，;；。%\d]{2,20}?)的)?\s*" + PERCENT)
PAIR_RE = re.compile(
    r"年初预算(?:数)?为\s*" + AMOUNT + r"\s*[,，]?\s*(?:支出)?决算(?:数)?为\s*" + AMOUNT
    + r"(?:\s*[,，]?\s*完成(?:年初)?预算的\s*" + PERCENT + ")?"
)
DIRECTION_RE = re.compile(r"决算数\s*(大于|小于|等于|与(?:年初)?预算数(?:基本)?持平)")
CHANGE_RE = re.compile(r"(增加|减少)\s*" + AMOUNT + r"\s*[,，]?\s*(增长|下降|降低|减少)\s*" + PERCENT)
PRIOR_RE = re.compile(r"比\s*20\d{2}\s*年度?的\s*" + AMOUNT + r"\s*[,，]?\s*$")
# A name starts after punctuation and runs to the next: each search step is bounded by the
# distance to the next punctuation mark, so a long unpunctuated text costs linear time.
NAME_START = r"(?:^|(?<=[,，;；:：。()、\s]))"
ITEM_RE = re.compile(NAME_START + r"([^,，;；:：。()、]+?)\(类\)([^()]+?)\(款\)([^()]+?)\(项\)")
CLASS_AMOUNT_RE = re.compile(NAME_START + r"([^,，;；:：。()、\s]+?)\(类\)\s*" + AMOUNT)
SPENT_RE = re.compile(r"支出决算(?:数)?为\s*" + AMOUNT)
PROCUREMENT_RE = re.compile(r"政府采购(?:支出)?金额\s*(?:\(以合同签订为准\))?\s*为\s*" + AMOUNT)
# The three kinds are looked for one by one in the rest of the sentence (no nested
# lazy scans: a hostile sentence cannot make the search polynomial).
KIND_RES = tuple(re.compile(kind + r"采购金额\s*" + AMOUNT) for kind in ("货物", "工程", "服务"))
SME_RE = re.compile(r"授予中小企业合同金额\s*" + AMOUNT + r"(?:\s*[,，]\s*占政府采购支出总金额的\s*" + PERCENT + ")?")
SMALL_RE = re.compile(r"授予小微企业合同金额\s*" + AMOUNT + r"(?:\s*[,，]\s*占政府采购支出总金额的\s*" + PERCENT + ")?")
VEHICLES_RE = re.compile(r"共有车辆\s*(\d+)\s*辆\s*[,，]\s*其中\s*[:：]([^。]*)")
COUNT_RE = re.compile(r"(\d+)\s*辆")
SELF_EVALUATED_RE = re.compile(r"绩效自评的[^。;；]*?项目\s*(\d+)\s*个")
GRADE_RE = re.compile(r"“?(优|良|合格|不合格)”?的项目\s*(\d+)\s*个")


@dataclass
class Stated:
    """A figure the 说明 states, bound to the figure it should equal (or not exceed)."""

    kind: str  # amount | completion | share | direction | change | running | procurement | vehicles | performance
    span: Span
    stated: str  # as written
    expected: str  # what a finding shows as the right figure
    evidence: str
    values: dict[str, object] = field(default_factory=dict)
    value: Quantity | None = None  # the stated figure (决算数 for a direction word)
    target: Quantity | None = None  # what it is compared with
    relation: str = "=="  # value RELATION target must hold: ==, <=, < or >


def _q(text: str) -> Quantity | None:
    try:
        return Quantity.parse(text)
    except QuantityError:
        return None


def _percent(text: str) -> Quantity | None:
    return _q(text + "%")


def _ratio(part: Quantity, base: Quantity) -> Quantity | None:
    if base.lo <= 0 <= base.hi:
        return None  # a base that may be 0 proves nothing
    try:
        return part / base
    except QuantityError:
        return None


def _pct(value: Quantity, places: int = 2) -> str:
    return (value * Quantity.exact(100)).format(places) + "%"


def part3(document: Document) -> Iterator[tuple[int, Paragraph]]:
    """(top-level section number, text) for every (sub)section of 第三部分.

    The paragraphs of one (sub)section are read as one text: a line that
    happens to end with “；” closes a paragraph, yet the shares after it
    still belong to the total before it.
    """
    part = document.part(3)
    if part is None:
        return
    if part.paragraphs:
        yield 0, joined(part.paragraphs)
    for section in part.sections:
        for sub in section.walk():
            if sub.paragraphs:
                yield section.number[0], joined(sub.paragraphs)


def joined(paragraphs: tuple[Paragraph, ...]) -> Paragraph:
    """Several paragraphs as one, each offset still mapped to its original line."""
    if len(paragraphs) == 1:
        return paragraphs[0]
    text, pieces = "", []
    for paragraph in paragraphs:
        own = paragraph.pieces or (LinePiece(0, paragraph.span.line),)
        pieces.extend(LinePiece(len(text) + piece.offset, piece.line) for piece in own)
        text += paragraph.text
    span = Span(paragraphs[0].span.line, paragraphs[-1].span.end_line)
    return Paragraph(text, span, tuple(pieces))


# -- amounts restated from the tables -------------------------------------------
def amounts(document: Document, view: FinalView) -> Iterator[Stated]:
    tables = view.by_key
    statements = sorted(view.template.statements, key=lambda s: -len(s.say))
    patterns = [(s, re.compile(re.escape(plain(s.say)) + r"\s*(?:为|是)?\s*" + AMOUNT)) for s in statements]
    for number, paragraph in part3(document):
        taken: list[tuple[int, int]] = []
        for statement, pattern in patterns:
            if statement.section is not None and statement.section != number:
                continue
            for match in pattern.finditer(paragraph.text):
                if any(start <= match.start() < end for start, end in taken):
                    continue
                taken.append((match.start(), match.end()))
                cell = resolve(statement.cell, tables)
                stated = _q(match.group(1))
                if cell is None or cell.row is None or stated is None:
                    continue
                yield Stated("amount", paragraph.span_of(match.start(1), match.end(1)), match.group(1),
                             cell.value.format(), f"{statement.say} {match.group(1)} 万元，{cell.label} 为 {cell.value.format()}",
                             {"what": statement.say, "where": cell.label}, stated, cell.value)
    yield from _item_amounts(document, view)
    yield from _three_public_amounts(document, view)


def _three_public_amounts(document: Document, view: FinalView) -> Iterator[Stated]:
    """“三公”经费说明中的预算数、决算数等于“三公”经费支出决算表的同一格。"""
    table = view.by_key.get("three_public")
    if table is None or not table.rows:
        return
    row = table.rows[0]
    total_column = next((column for say, column in view.template.three_public_items if "三公" in say), "合计")
    for number, paragraph in part3(document):
        if number not in (table.spec.number, 7):
            continue
        checks: list[tuple[re.Match[str], str, str]] = []
        for pair in PAIR_RE.finditer(paragraph.text):
            if "三公" in paragraph.text[max(0, pair.start() - 30):pair.start()]:
                checks += [(pair, f"{total_column}/预算数", "“三公”经费年初预算"), (pair, f"{total_column}/决算数", "“三公”经费支出决算")]
        for say, column in view.template.three_public_items:
            if "三公" in say:
                continue
            pattern = re.compile(re.escape(say) + r"(?:支出)?决算(?:数)?为\s*" + AMOUNT)
            checks += [(match, f"{column}/决算数", f"{say}决算") for match in pattern.finditer(paragraph.text)]
        for match, column, what in checks:
            group = 1 if column.endswith("预算数") or match.re is not PAIR_RE else 2
            stated = _q(match.group(group))
            value = row.value(column)
            if stated is not None:
                yield Stated("amount", paragraph.span_of(match.start(group), match.end(group)), match.group(group),
                             value.format(), f"{what} {match.group(group)} 万元，{table.spec.title}为 {value.format()}",
                             {"what": what, "where": f"{table.spec.title}（{column}）"}, stated, value)


def _item_amounts(document: Document, view: FinalView) -> Iterator[Stated]:
    """每个项级科目的“支出决算为A万元”等于一般公共预算财政拨款支出决算表该项的合计。"""
    general = view.by_key.get("general")
    if general is None:
        return
    classes = {plain(row.label): row for row in general.rows if row.code and len(row.code) == 3}
    for number, paragraph in part3(document):
        if number != 5:
            continue
        # “一般公共服务支出（类）350.00万元”: a 类 of the structure paragraph.
        for match in CLASS_AMOUNT_RE.finditer(paragraph.text):
            row = classes.get(plain(match.group(1)))
            stated = _q(match.group(2))
            if row is None or stated is None:
                continue
            value = row.value(general.spec.columns[0])
            yield Stated("amount", paragraph.span_of(match.start(2), match.end(2)), match.group(2), value.format(),
                         f"{match.group(1)}（类）{match.group(2)} 万元，{general.spec.title} {row.code} 为 {value.format()}",
                         {"what": f"{match.group(1)}（类）", "where": general.spec.title}, stated, value)
        item = ITEM_RE.search(paragraph.text)
        spent = SPENT_RE.search(paragraph.text, item.end()) if item else None
        if item is None or spent is None:
            continue
        row = _find_item(general.rows, *(plain(g) for g in item.groups()))
        stated = _q(spent.group(1))
        if row is None or stated is None:
            continue
        value = row.value(general.spec.columns[0])
        name = "".join(item.groups())
        yield Stated("amount", paragraph.span_of(spent.start(1), spent.end(1)), spent.group(1), value.format(),
                     f"{name} 支出决算 {spent.group(1)} 万元，{general.spec.title} {row.code} 为 {value.format()}",
                     {"what": f"{item.group(3)}（项）支出决算", "where": general.spec.title}, stated, value)


def _find_item(rows: tuple[FinalRow, ...], klass: str, section: str, item: str) -> FinalRow | None:
    def named(row: FinalRow, name: str) -> bool:
        return plain(row.label) == name

    for top in (r for r in rows if r.code and len(r.code) == 3 and named(r, klass)):
        for mid in (r for r in rows if r.code and len(r.code) == 5 and r.code.startswith(top.code or "") and named(r, section)):
            found = next((r for r in rows if r.code and len(r.code) == 7 and r.code.startswith(mid.code or "")
                          and named(r, item)), None)
            if found:
                return found
    return None


# -- completion rates and 决算数大于/小于预算数 ------------------------------------------
def completion(document: Document, view: FinalView) -> Iterator[Stated]:
    for _, paragraph in part3(document):
        text = paragraph.text
        pairs = list(PAIR_RE.finditer(text))
        for index, pair in enumerate(pairs):
            budget, spent = _q(pair.group(1)), _q(pair.group(2))
            if budget is None or spent is None:
                continue
            if pair.group(3) is not None:
                yield from _rate(paragraph, pair, 3, spent, budget, "完成年初预算")
            end = pairs[index + 1].start() if index + 1 < len(pairs) else len(text)
            direction = DIRECTION_RE.search(text, pair.end(), end)
            if direction:
                yield from _direction(paragraph, direction, spent, budget)
    yield from _three_public_rates(document, view)


def _rate(paragraph: Paragraph, match: re.Match[str], group: int, spent: Quantity, budget: Quantity,
          what: str) -> Iterator[Stated]:
    stated = _percent(match.group(group))
    ratio = _ratio(spent, budget)
    if stated is None or ratio is None:
        return
    yield Stated("completion", paragraph.span_of(match.start(group), match.end(group)), match.group(group) + "%",
                 _pct(ratio), f"{spent.format()} ÷ {budget.format()} = {_pct(ratio)}",
                 {"what": what}, stated, ratio)


def _direction(paragraph: Paragraph, match: re.Match[str], spent: Quantity, budget: Quantity) -> Iterator[Stated]:
    word = match.group(1)
    # What the word claims of 决算 against 年初预算, and the word that would be right if it is wrong.
    if word == "大于":
        relation, right = ">", "小于" if spent.lt(budget) is Truth.TRUE else "等于"
    elif word == "小于":
        relation, right = "<", "大于" if budget.lt(spent) is Truth.TRUE else "等于"
    else:
        relation, right = "==", "大于" if budget.lt(spent) is Truth.TRUE else "小于"
    yield Stated("direction", paragraph.span_of(match.start(), match.end()), f"决算数{word}",
                 f"决算数{right}预算数", f"决算 {spent.format()}，年初预算 {budget.format()}",
                 {"spent": spent.format(), "budget": budget.format()}, spent, budget, relation)


def _three_public_rates(document: Document, view: FinalView) -> Iterator[Stated]:
    """“因公出国（境）费决算为A万元，完成预算的Y%”：预算数取“三公”经费决算表。"""
    table = view.by_key.get("three_public")
    if table is None or not table.rows:
        return
    row = table.rows[0]
    for number, paragraph in part3(document):
        if number != table.spec.number and number != 7:
            continue
        for say, column in view.template.three_public_items:
            pattern = re.compile(re.escape(say) + r"(?:支出)?决算(?:数)?为\s*" + AMOUNT + r"\s*[,，]?\s*完成预算的\s*" + PERCENT)
            for match in pattern.finditer(paragraph.text):
                spent = _q(match.group(1))
                if spent is None:
                    continue
                yield from _rate(paragraph, match, 2, spent, row.value(f"{column}/预算数"), "完成预算")


# -- shares -----------------------------------------------------------------------
def shares(document: Document, view: FinalView) -> Iterator[Stated]:
    says = {plain(s.say): s.cell for s in view.template.statements}
    for _, paragraph in part3(document):
        text = paragraph.text
        amounts_found = [(m.start(), m.end(), _q(m.group(1))) for m in AMOUNT_RE.finditer(text)]
        share_matches = list(SHARE_RE.finditer(text))
        if not share_matches or not amounts_found:
            continue
        owners = []
        for match in share_matches:
            before = [a for a in amounts_found if a[1] <= match.start()]
            owners.append(before[-1] if before else None)
        owned = {id(o) for o in owners if o is not None}
        first = amounts_found[0]
        for match, owner in zip(share_matches, owners, strict=True):
            if match.group(1) or owner is None or owner[2] is None:
                continue  # “两项合计占”: the share of several items together
            if text[owner[1]:match.start()].strip(" ,，") != "":
                continue  # the share is not of the amount just before it
            named = match.group(2)
            base: Quantity | None
            if named:
                cell = says.get(plain(named))
                resolved = resolve(cell, view.by_key) if cell else None
                if resolved is None or resolved.row is None:
                    continue
                base = resolved.value
            elif id(first) not in owned and first[2] is not None:
                base = first[2]
            else:
                parts = [o[2] for o in owners if o is not None and o[2] is not None]
                base = total(list({id(p): p for p in parts}.values())) if parts else None
            if base is None:
                continue
            ratio = _ratio(owner[2], base)
            stated = _percent(match.group(3))
            if ratio is None or stated is None:
                continue
            yield Stated("share", paragraph.span_of(match.start(3), match.end(3)), match.group(3) + "%", _pct(ratio),
                         f"{owner[2].format()} ÷ {base.format()} = {_pct(ratio)}", {}, stated, ratio)


# -- changes against last year -----------------------------------------------------
def changes(document: Document, view: FinalView) -> Iterator[Stated]:
    for _, paragraph in part3(document):
        text = paragraph.text
        for match in CHANGE_RE.finditer(text):
            change, stated = _q(match.group(2)), _percent(match.group(4))
            if change is None or stated is None:
                continue
            prior = _prior(text, match, change)
            if prior is None:
                continue
            ratio = _ratio(change, prior)
            if ratio is None:
                continue
            yield Stated("change", paragraph.span_of(match.start(4), match.end(4)), match.group(4) + "%", _pct(ratio),
                         f"{change.format()} ÷ 上年 {prior.format()} = {_pct(ratio)}", {}, stated, ratio)


def _prior(text: str, match: re.Match[str], change: Quantity) -> Quantity | None:
    """Last year's figure: “比2023年的B万元，增加…” names it; else this year's amount ∓ the change.

    This year's amount must be in the same sentence, or end the sentence
    before when this one opens with “与YYYY年度相比”.
    """
    head = text[: match.start()]
    named = PRIOR_RE.search(head)
    if named:
        return _q(named.group(1))
    sentence_start = max(head.rfind("。"), head.rfind(";")) + 1
    window = head[sentence_start:]
    if re.match(r"\s*与\s*20\d{2}\s*年度?相比", window):
        previous_start = max(head.rfind("。", 0, sentence_start - 1), head.rfind(";", 0, sentence_start - 1)) + 1
        window = head[previous_start:]
    found = list(AMOUNT_RE.finditer(window))
    if not found:
        return None
    current = _q(found[-1].group(1))
    if current is None:
        return None
    return current - change if match.group(1) == "增加" else current + change


# -- 机关运行经费, 政府采购, 车辆, 绩效 ------------------------------------------------
def running_costs(document: Document, view: FinalView) -> Iterator[Stated]:
    if view.template.running_costs is None:
        return
    say, limit = view.template.running_costs
    cell = resolve(limit, view.by_key)
    if cell is None or cell.row is None:
        return
    pattern = re.compile(re.escape(say) + r"\s*(?:为)?\s*" + AMOUNT)
    for _, paragraph in part3(document):
        for match in pattern.finditer(paragraph.text):
            stated = _q(match.group(1))
            if stated is not None:
                yield Stated("running", paragraph.span_of(match.start(1), match.end(1)), match.group(1),
                             f"≤ {cell.value.format()}", f"{say} {match.group(1)} 万元，{cell.label} 仅 {cell.value.format()}",
                             {"limit": cell.label}, stated, cell.value, "<=")


def procurement(document: Document, view: FinalView) -> Iterator[Stated]:
    whole: Quantity | None = None
    sme: Quantity | None = None
    for _, paragraph in part3(document):
        text = paragraph.text
        for match in PROCUREMENT_RE.finditer(text):
            end = text.find("。", match.end())
            end = len(text) if end < 0 else end
            kinds = [regex.search(text, match.end(), end) for regex in KIND_RES]
            if any(kind is None for kind in kinds):
                continue
            figures = [_q(match.group(1))] + [_q(kind.group(1)) for kind in kinds if kind is not None]
            if any(f is None for f in figures):
                continue
            whole, parts = figures[0], figures[1:]
            expected = total([p for p in parts if p is not None])
            if whole is not None:
                yield Stated("procurement", paragraph.span_of(match.start(1), match.end(1)), match.group(1),
                             expected.format(), f"政府采购金额 {match.group(1)} ≠ 货物 + 工程 + 服务 = {expected.format()}",
                             {"problem": "政府采购金额与货物、工程、服务之和不符"}, whole, expected)
        for regex, label, limit_name in ((SME_RE, "授予中小企业合同金额", "政府采购金额"),
                                         (SMALL_RE, "授予小微企业合同金额", "授予中小企业合同金额")):
            for match in regex.finditer(text):
                amount = _q(match.group(1))
                limit = whole if regex is SME_RE else sme
                if amount is None:
                    continue
                if regex is SME_RE:
                    sme = amount
                if limit is not None:
                    yield Stated("procurement", paragraph.span_of(match.start(1), match.end(1)), match.group(1),
                                 f"≤ {limit.format()}", f"{label} {match.group(1)} 超过{limit_name} {limit.format()}",
                                 {"problem": f"{label}超过{limit_name}"}, amount, limit, "<=")
                if match.group(2) is not None and whole is not None:
                    ratio, stated = _ratio(amount, whole), _percent(match.group(2))
                    if ratio is not None and stated is not None:
                        yield Stated("procurement", paragraph.span_of(match.start(2), match.end(2)), match.group(2) + "%",
                                     _pct(ratio), f"{amount.format()} ÷ {whole.format()} = {_pct(ratio)}",
                                     {"problem": f"{label}占政府采购支出总金额的比重"}, stated, ratio)


def vehicles(document: Document, view: FinalView) -> Iterator[Stated]:
    for _, paragraph in part3(document):
        for match in VEHICLES_RE.finditer(paragraph.text):
            counts = [int(n) for n in COUNT_RE.findall(match.group(2))]
            if counts:
                yield Stated("vehicles", paragraph.span_of(match.start(1), match.end(1)), match.group(1), str(sum(counts)),
                             f"共有车辆 {match.group(1)} 辆，各类合计 {' + '.join(map(str, counts))} = {sum(counts)} 辆", {},
                             Quantity.exact(int(match.group(1))), Quantity.exact(sum(counts)))


def performance(document: Document, view: FinalView) -> Iterator[Stated]:
    for _, paragraph in part3(document):
        text = paragraph.text
        evaluated = SELF_EVALUATED_RE.search(text)
        if not evaluated:
            continue
        grades = {grade: int(n) for grade, n in GRADE_RE.findall(text[evaluated.end():])}
        if len(grades) == 4:
            yield Stated("performance", paragraph.span_of(evaluated.start(1), evaluated.end(1)), evaluated.group(1),
                         str(sum(grades.values())),
                         f"绩效自评项目 {evaluated.group(1)} 个，优、良、合格、不合格合计 {sum(grades.values())} 个", {},
                         Quantity.exact(int(evaluated.group(1))), Quantity.exact(sum(grades.values())))


FINDERS = {
    "amount": amounts,
    "completion": completion,
    "share": shares,
    "change": changes,
    "running": running_costs,
    "procurement": procurement,
    "vehicles": vehicles,
    "performance": performance,
}
