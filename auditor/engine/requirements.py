"""What the document's template requires, for expression rules: template_parts(), template_tables(),
template_sections().

Each item says whether the document has it (``.present``) and where a finding about it points
(``.line``): the document's title for a missing part, the heading of 第二部分 for a missing table,
the table itself when it is there under another number, the heading of the part (or of the
parent section) for a missing 说明. The template is data (rules/templates/*.yaml); matching
section titles by keywords is the mechanism here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from auditor.engine.views import View
from auditor.model import Document, Span
from auditor.quantity import Quantity
from auditor.reading.normalize import compact

CN = "零一二三四五六七八九十"


@dataclass(eq=False, repr=False)  # never compared, printed or changed: not frozen, cheaper to create
class RequirementView(View):
    """One part, table or section the template requires."""

    present: bool
    title: str
    label: str
    number: Any  # the table's number (a quantity) or the section's numeral (text)
    where: str  # how or where the requirement is unmet, in words ("（该表编为表3）", "第三部分"), or empty
    place: Span
    table: int | None = None  # the document's table it is about, if any

    LABEL: ClassVar[str] = "模板要求"
    ATTRIBUTES: ClassVar[tuple[str, ...]] = ("present", "title", "label", "number", "where", "line", "end_line")

    @property
    def span(self) -> Span:
        return self.place

    def a_present(self) -> bool:
        if self.table is not None:  # a finding about a table is a finding of that table
            self.tracker.touch(self.place, self.table)
        return self.present

    def a_title(self) -> str:
        return self.title

    def a_label(self) -> str:
        return self.label

    def a_number(self) -> Any:
        return self.number

    def a_where(self) -> str:
        return self.where

    def a_line(self) -> Quantity:
        return Quantity.exact(self.place.line)

    def a_end_line(self) -> Quantity:
        return Quantity.exact(self.place.end_line)


def _profile(document: Document) -> dict[str, Any]:
    template = document.template
    return template.profile if template is not None else {}


def _anchor(document: Document, part: int | None = None) -> Span:
    if part is not None:
        found = document.part(part)
        if found:
            return found.heading_span
    return document.title_span or Span(1, 1)


def template_parts(ev: Any) -> list[RequirementView]:
    """The parts the template requires (第一部分（概况）…), present or not."""
    document = ev.document
    present = {part.number for part in document.parts}
    items = []
    for number, name in sorted(_profile(document).get("parts", {}).items()):
        label = f"第{CN[int(number)]}部分（{name}）"
        items.append(RequirementView(ev.tracker, int(number) in present, name, label,
                                     Quantity.exact(int(number)), "", _anchor(document)))
    return items


def template_tables(ev: Any) -> list[RequirementView]:
    """The tables the template requires; present means there under the template's number."""
    document = ev.document
    by_kind = {table.kind: table for table in document.tables}
    elsewhere = "（文件说明预算公开表见附件：本文件中没有）" if document.attachments_elsewhere else ""
    items = []
    for entry in _profile(document).get("tables", []):
        table = by_kind.get(entry["kind"])
        number = Quantity.exact(entry["number"])
        label = f"表{entry['number']} {entry['title']}"
        if table is None:
            items.append(RequirementView(ev.tracker, False, entry["title"], label, number, elsewhere,
                                         _anchor(document, 2)))
        else:
            right = table.number == entry["number"]
            items.append(RequirementView(ev.tracker, right, entry["title"], label, number,
                                         "" if right else f"（该表编为表{table.number}）", table.span, table.number))
    return items


def _numeral(number: int) -> str:
    return CN[number] if number <= 10 else "十" + CN[number - 10]


def template_sections(ev: Any) -> list[RequirementView]:
    """The 说明 the template requires in its part (found by number, else by title words anywhere in
    the part), then the items required under a section (运行经费, 政府采购… under 其他重要事项)."""
    document = ev.document
    profile = _profile(document)
    where = int(profile.get("sections_part", 3))
    part = document.part(where)
    if part is None:
        return []
    items = []
    for entry in profile.get("sections", []):
        words = [compact(k) for k in entry["keywords"]]
        section = document.section(entry["number"], part=where)
        present = section is not None and any(k in compact(section.title) for k in words)
        if not present:
            present = any(any(k in compact(s.title) for k in words) for s in part.sections)
        items.append(RequirementView(ev.tracker, present, entry["title"], entry["title"],
                                     _numeral(entry["number"]), "第三部分", part.heading_span))
    for entry in profile.get("subsections", []):
        parent = document.section(entry["number"][0])
        if parent is None:
            continue
        words = [compact(k) for k in entry["keywords"]]
        present = any(any(k in compact(s.title) for k in words) for s in parent.walk())
        items.append(RequirementView(ev.tracker, present, entry["title"], entry["title"],
                                     "十二", "“其他重要事项”", parent.heading_span))
    return items
