"""Claims: the figures that the narrative of 第三部分 states."""

from __future__ import annotations

from dataclasses import dataclass, field

from auditor.model import Span
from auditor.quantity import Quantity


@dataclass(frozen=True)
class Figure:
    text: str  # as written, e.g. "622.67 万元", "99.47%"
    quantity: Quantity  # in 万元 for amounts, a fraction for percentages


@dataclass(frozen=True)
class Resolution:
    """The table figure a claim restates."""

    table: int
    row: str  # label of the row (code and name)
    column: str
    figure: Quantity
    line: int


@dataclass
class Claim:
    subject: str
    span: Span
    section: str  # dotted section number, e.g. "5.3"
    amount: Figure | None = None
    share: Figure | None = None
    share_of: str | None = None  # the total the sentence names: 占支出总预算的 X%
    direction: str | None = None  # 增加 / 减少
    change: Figure | None = None
    rate_direction: str | None = None  # 增长 / 下降
    rate: Figure | None = None
    flat: bool = False
    previous: Figure | None = None  # last year's figure when stated in the sentence
    reason: str | None = None
    path: tuple[str, ...] = ()  # (类, 款, 项) names for class/item statements
    whole: Figure | None = None  # the total that opens the paragraph or list
    whole_line: int | None = None
    resolution: Resolution | None = None
    unresolved: str | None = None  # why no table figure was found
    kind: str = "amount"  # amount | total | unparsed
    extra: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        return "/".join(self.path) if self.path else self.subject
