"""Find the table figure each claim restates, and the whole it is a share of.

Resolution follows the section a claim stands in (二 income → 表1 income
lines, 三 expenditure → 表3 totals, 四 → 表4, 五 → 表5, 六 → 表6, 十 → 表10,
十二(一) → 表6 公用经费) and the 类/款/项 names it gives. Claims that restate
no table (assets, procurement, people) are kept as facts; claims that should
restate a table but do not match one are kept as unresolved, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from auditor.claims.model import Claim, Figure, Resolution
from auditor.claims.parse import GENERIC_RE, parse_claims, path_names
from auditor.model import Document, Row, RowLevel, Section, Table
from auditor.reading.normalize import compact

TABLE_SECTIONS = {"1", "2", "3", "4", "5", "5.1", "5.2", "5.3", "6", "10", "12.1"}

INCOME_NAMES = {
    "一般公共预算": "其中:一般财力",
    "一般公共预算拨款": "1.一般公共预算拨款",
    "上级一般公共预算安排的转移支付资金": "上级一般公共预算安排转移支付",
    "上级一般公共预算安排的转移支付": "上级一般公共预算安排转移支付",
    "单位资金": "5.单位资金",
    "财政拨款结转": "1.财政拨款结转",
    "政府性基金预算": "2.政府性基金预算拨款",
    "国有资本经营预算": "3.国有资本经营预算拨款",
}
THREE_PUBLIC = {
    "因公出国(境)费": "因公出国(境)费",
    "因公出国(境)": "因公出国(境)费",
    "公务用车购置费": "其中:公务用车购置费",
    "公务用车运行费": "公务用车运行费",
    "公务接待费": "公务接待费",
}


@dataclass
class ClaimSet:
    claims: list[Claim] = field(default_factory=list)

    @property
    def table_claims(self) -> list[Claim]:
        return [c for c in self.claims if c.section.split(".")[0] in {s.split(".")[0] for s in TABLE_SECTIONS}
                and (c.resolution is not None or c.unresolved is not None)]

    @property
    def resolved(self) -> list[Claim]:
        return [c for c in self.claims if c.resolution is not None]

    @property
    def unresolved(self) -> list[Claim]:
        return [c for c in self.claims if c.unresolved is not None]


def extract_claims(document: Document) -> ClaimSet:
    """Claims of ``document``.

    Not cached here: the rule runner computes them once per document as a step of
    its pipeline (``Context.claims``) and hands them to every check and expression.
    """
    return _extract(document)


def _extract(document: Document) -> ClaimSet:
    result = ClaimSet()
    part = document.part(3)
    if part is None:
        return result
    # Text directly under the part heading (a one-paragraph 三公 note) is read too.
    groups: list[tuple[str, list[tuple[Section | None, tuple[str, ...]]]]] = []
    if part.paragraphs:
        groups.append(("0", [(None, ())]))
    for top in part.sections:
        groups.append((top.dotted, [(s, path_names(s.title)) for s in top.walk()]))
    for _, sections in groups:
        whole: Claim | None = None  # the total that opens the list, kept across subsections
        for section, title_path in sections:
            paragraphs = section.paragraphs if section is not None else part.paragraphs
            dotted = section.dotted if section is not None else "0"  # once per section, not per claim
            for index, paragraph in enumerate(paragraphs):
                # No 元, no claim (parse_claims says so too, see there); no figure, no claim.
                if "元" not in paragraph.text or not any(map(str.isdigit, paragraph.text)):
                    continue
                for raw in parse_claims(paragraph.text):
                    claim = Claim(
                        subject=raw.subject,
                        span=paragraph.span_of(raw.start, raw.end),
                        section=dotted,
                        amount=raw.amount,
                        share=raw.share,
                        share_of=raw.share_of,
                        direction=raw.direction,
                        change=raw.change,
                        rate_direction=raw.rate_direction,
                        rate=raw.rate,
                        flat=raw.flat,
                        previous=raw.previous,
                        reason=raw.reason,
                        path=raw.path or (title_path if not raw.subject or GENERIC_RE.match(raw.subject) else ()),
                        extra={"text": _clause(paragraph.text, raw.start, raw.end)},
                    )
                    claim.extra["paragraph"] = (claim.section, index)
                    if raw.opens_list or _is_total(claim):
                        claim.kind = "total"
                        whole = claim
                    elif claim.share is not None:
                        named = _named_total(result.claims, claim, whole)
                        if named is not None:
                            claim.whole, claim.whole_line = named.amount, named.span.line
                    if section is None or part.implicit:
                        # A fragment numbers its sections its own way: no table to restate.
                        claim.kind = "fact" if claim.kind != "total" else claim.kind
                    else:
                        _resolve(document, dotted, claim)
                    result.claims.append(claim)
    return result


CLAUSE_MARKS = "，,；;。：:、"


def _clause(text: str, start: int, end: int) -> str:
    """The claim's words as written: back from its start to the previous punctuation mark."""
    begin = start
    while begin > 0 and text[begin - 1] not in CLAUSE_MARKS and start - begin < 80:
        begin -= 1
    return text[begin:end].strip()


GENERIC_TOTALS = ("总预算", "合计", "总计", "总额")
NAMED_TOTAL_LOOKBACK = 60


def _named_total(earlier: list[Claim], claim: Claim, whole: Claim | None) -> Claim | None:
    """The total a share is of: the one the sentence names, else the list's leading total.

    A named total that matches no stated amount leaves the share unchecked
    rather than divided by the wrong whole.
    """
    if not claim.share_of:
        return whole
    name = _core(claim.share_of)
    # A named total stands in the same passage: looking back a bounded number of
    # claims keeps a document of many shares linear.
    for other in reversed(earlier[-NAMED_TOTAL_LOOKBACK:]):
        if other.amount is None or other is claim:
            continue
        subject = other.extra.get("core")
        if subject is None:
            subject = other.extra["core"] = _core(other.subject)
        if subject and (name == subject or (len(name) >= 2 and name in subject) or
                        (len(subject) >= 4 and subject in name)):
            return other
    if whole is not None and whole.amount is not None:
        ending = next((w for w in GENERIC_TOTALS if name.endswith(w)), None)
        if ending and _core(whole.subject).endswith(ending):
            return whole
    return None


YEAR_PREFIX_RE = re.compile(r"^.*?\d{4}年(?:度)?")  # "某局2025年基本支出" → "基本支出"
QUOTES_RE = re.compile(r"[“”\"'《》]")
CORE_SUFFIX_RE = re.compile(r"(?:预算数|数|的|为|是)$")


def _core(text: str) -> str:
    """A subject without its year, quotes and trailing 数/的: 2024年收支总预算数 → 收支总预算."""
    text = YEAR_PREFIX_RE.sub("", compact(text))
    text = QUOTES_RE.sub("", text)
    return CORE_SUFFIX_RE.sub("", text)


TOTAL_WORDS = ("收支总预算", "收入预算", "支出预算", "拨款合计", "收支总预算", "基本支出", "“三公”经费数", "三公经费数")


def _is_total(claim: Claim) -> bool:
    subject = compact(claim.subject)
    return claim.share is None and any(word in subject for word in ("总预算", "收入预算", "支出预算", "拨款合计"))


def _row_by_name(table: Table, name: str, side: str | None = None, level: RowLevel | None = None) -> Row | None:
    target = compact(name)
    for row in table.rows:
        if side and row.side != side:
            continue
        if level and row.level is not level:
            continue
        if compact(row.name) == target:
            return row
    return None



def _set(claim: Claim, table: Table, row: Row | None, column: str) -> None:
    from auditor.quantity import Quantity

    if row is None:
        if claim.amount is not None and claim.amount.quantity.value == 0:
            # "预算数为 0.00 万元" for a 项 the table no longer lists: the table says 0 too.
            claim.resolution = Resolution(table.number or 0, "（表中无此行）", column, Quantity.zero(),
                                          table.span.line)
            return
        claim.unresolved = f"表{table.number} 中没有与“{claim.label}”对应的行"
        return
    amount = row.values.get(column)
    if amount is None:
        if row.ambiguous and any(column in c.values for c in row.candidates):
            claim.unresolved = f"表{table.number} 第 {row.span.line} 行的数字所在列无法确定"
            return
        claim.resolution = Resolution(table.number or 0, row.name, column, Quantity.zero(), row.span.line)
        return
    label = " ".join(row.code_parts) + " " + row.name if row.code else row.name
    claim.resolution = Resolution(table.number or 0, label.strip(), column, amount.quantity, row.span.line)


def _resolve(document: Document, number: str, claim: Claim) -> None:
    """Resolve ``claim``, stated in the section numbered ``number`` (dotted)."""
    top = number.split(".")[0]
    subject = compact(claim.subject)
    if top not in {"1", "2", "3", "4", "5", "6", "10", "12"} or (top == "12" and number != "12.1"):
        claim.kind = "fact" if claim.kind != "total" else claim.kind
        return
    try:
        if top == "1" or (claim.kind == "total" and top in ("2", "3")):
            table = document.table(1)
            if table:
                _set(claim, table, table.total_row("income"), "预算数")
        elif top == "2":
            table = document.table(1)
            name = next((v for k, v in INCOME_NAMES.items() if compact(k) == subject), None)
            if table and name:
                _set(claim, table, _row_by_name(table, name, "income"), "预算数")
            else:
                claim.unresolved = f"收入说明中的“{claim.subject}”不是表1 的收入项"
        elif top == "3":
            table = document.table(3)
            column = "基本支出" if "基本支出" in subject else "项目支出" if "项目支出" in subject else None
            if table and column:
                _set(claim, table, table.total_row(), column)
            else:
                claim.unresolved = f"支出说明中的“{claim.subject}”不是表3 的列"
        elif top == "4":
            table = document.table(4)
            if table is None:
                return
            if "总预算" in subject:
                _set(claim, table, table.total_row("income"), "合计")
            elif subject.endswith("支出"):
                _set(claim, table, _row_by_name(table, claim.subject, "expenditure", RowLevel.CLASS), "合计")
            else:
                name = "一般公共预算" if "一般公共预算" in subject else subject
                _set(claim, table, _row_by_name(table, name, "income"), "合计")
        elif top == "5":
            table = document.table(5)
            if table is None:
                return
            if claim.path:
                _set(claim, table, _row_for_path(table, claim.path), "合计")
            elif "拨款合计" in subject or claim.kind == "total":
                _set(claim, table, table.total_row(), "合计")
            elif "基本支出" in subject or "项目支出" in subject:
                _set(claim, table, table.total_row(), "基本支出" if "基本支出" in subject else "项目支出")
            else:
                claim.unresolved = f"无法确定“{claim.subject}”对应表5 的哪一行"
        elif top == "6":
            table = document.table(6)
            if table is None:
                return
            column = "人员经费" if "人员经费" in subject else "公用经费" if "公用经费" in subject else "合计"
            _set(claim, table, table.total_row(), column)
        elif top == "10":
            table = document.table(10)
            if table is None:
                return
            name = next((v for k, v in THREE_PUBLIC.items() if compact(k) in subject), None)
            if name is None and "三公" in subject:
                name = "合计"
            if name:
                _set(claim, table, _row_by_name(table, name), "合计")
            else:
                claim.unresolved = f"“{claim.subject}”不是表10 的行"
        elif number == "12.1":
            table = document.table(6)
            if table is not None and "运行经费" in subject:
                _set(claim, table, table.total_row(), "公用经费")
            else:
                claim.kind = "fact"
    except (KeyError, IndexError) as exc:  # pragma: no cover - defensive
        claim.unresolved = f"解析说明时出错：{exc}"


def _row_for_path(table: Table, path: tuple[str, ...]) -> Row | None:
    """The 类/款/项 named in prose, matched within its parent (项 names repeat across 款)."""
    rows = list(table.rows)
    wanted = compact(path[0])  # the names asked for, compacted once, not once per row
    candidates = [r for r in rows if r.level is RowLevel.CLASS and compact(r.name) == wanted]
    for depth, name in enumerate(path[1:], start=1):
        parents = candidates
        level = RowLevel.SECTION if depth == 1 else RowLevel.ITEM
        wanted = compact(name)
        # The name first: it rules out nearly every row, before the walk over the parents.
        candidates = [
            r for r in rows
            if r.level is level and r.code and compact(r.name) == wanted
            and any(p.code and r.code.startswith(p.code) for p in parents)
        ]
    if candidates:
        return candidates[0]
    return None


def render_claims(claims: ClaimSet) -> str:
    lines = []
    for claim in claims.claims:
        figures = [f for f in (claim.amount, claim.share, claim.change, claim.rate) if f]
        shown = "  ".join(f.text for f in figures)
        if claim.direction:
            shown += f"  ({claim.direction}{'/' + claim.rate_direction if claim.rate_direction else ''})"
        if claim.resolution:
            r = claim.resolution
            where = f"→ 表{r.table} 第 {r.line} 行 {r.row}〔{r.column}〕 {r.figure.format()}"
        elif claim.unresolved:
            where = f"× 未对应：{claim.unresolved}"
        else:
            where = "· 不对应表格（文字事实）" if claim.kind == "fact" else "·"
        lines.append(f"L{claim.span}\t{claim.section}\t{claim.kind}\t{claim.label}\t{shown}\t{where}")
    resolved, unresolved = len(claims.resolved), len(claims.unresolved)
    lines.append(f"共 {len(claims.claims)} 处数字说明；对应到表格 {resolved} 处，未能对应 {unresolved} 处。")
    return "\n".join(lines)


__all__ = ["ClaimSet", "Figure", "extract_claims", "render_claims"]
