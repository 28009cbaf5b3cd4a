"""Which documents of a folder are the same unit's disclosures of consecutive years.

Unit names are compared after normalisation: whitespace, years, brackets and
the words that name the kind of document (部门预算, 年度, 区级 …) are removed, so
"上海市普陀区人民政府万里街道办事处" printed on two title pages with different
spacing is one unit. Two documents pair when their unit, stage (预算/决算) and
kind (部门/单位) agree and their years differ by one. When a unit has two
candidates for one year the pairing is ambiguous and nothing is paired for it:
guessing would compare the wrong documents.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

YEAR_RE = re.compile(r"20\d{2}\s*年度?")
BRACKETS_RE = re.compile(r"[（(][^（）()]{0,20}[）)]")
NOISE_RE = re.compile(r"部门预算|单位预算|部门决算|单位决算|预算公开|决算公开|区级|市级|县级|预算|决算|公开|[\s\"“”'‘’:：,，.。·、]")
MAX_UNIT_CHARS = 80


@dataclass(frozen=True)
class Identity:
    """What pairing needs to know of one audited document."""

    path: str
    unit: str | None
    year: int | None
    stage: str  # "预算" | "决算"
    kind: str | None  # "department" | "unit" | None


@dataclass(frozen=True)
class Pair:
    current: str  # path of this year's document
    previous: str  # path of last year's document
    unit: str
    years: tuple[int, int]


def unit_key(unit: str | None) -> str:
    """The form in which two spellings of one unit's name compare equal ("" if none)."""
    if not unit:
        return ""
    text = unit[:MAX_UNIT_CHARS]
    text = YEAR_RE.sub("", text)
    text = BRACKETS_RE.sub("", text)
    return NOISE_RE.sub("", text)


def pair_documents(identities: Iterable[Identity]) -> tuple[list[Pair], list[str]]:
    """Pairs of (this year, last year) documents, and notes on what could not be paired."""
    groups: dict[tuple[str, str, str | None], dict[int, list[Identity]]] = defaultdict(lambda: defaultdict(list))
    for identity in identities:
        key = unit_key(identity.unit)
        if not key or identity.year is None:
            continue
        groups[(key, identity.stage, identity.kind)][identity.year].append(identity)
    pairs: list[Pair] = []
    notes: list[str] = []
    for (key, stage, _), by_year in sorted(groups.items(), key=lambda item: item[0][:2]):
        for year in sorted(by_year):
            last = by_year.get(year - 1)
            if not last:
                continue
            this = by_year[year]
            if len(this) > 1 or len(last) > 1:
                names = "、".join(sorted(i.path for i in (*this, *last)))
                notes.append(f"{this[0].unit} {year - 1}/{year} 年{stage}有多份文件（{names}），未配对。")
                continue
            pairs.append(Pair(this[0].path, last[0].path, this[0].unit or key, (year - 1, year)))
    return pairs, notes
