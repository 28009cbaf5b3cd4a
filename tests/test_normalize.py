"""normalize_lines, which translates a whole text at once, gives each line what normalize_line gives it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from auditor.reading.normalize import normalize_line, normalize_lines

# The characters the normalisation acts on (markup, bullets, footers, full-width forms,
# spaces, invisible and control characters) mixed with ordinary text.
PIECES = st.sampled_from([
    "a", "预算", " ", "\t", "\u3000", "#", "# ", "*", "**", "-", "- ", "+", "—", "–", "<b>", "</P>", "<br/>",
    "<span >", "１２", "＊", "－", "＃", "＜", "＞", "\u200b", "\ufeff", "\x0b", "\x1f", "\x85", "\u202e", "12", ".",
])
LINE = st.lists(PIECES, max_size=10).map("".join)


@given(st.lists(LINE, min_size=1, max_size=20))
def test_every_line_as_if_normalised_alone(lines: list[str]) -> None:
    assert normalize_lines(tuple(lines)) == tuple(normalize_line(line) for line in lines)


def test_markup_and_bullets_are_still_removed() -> None:
    """The shortcuts (a line without "<", "#" or "-" skips those patterns) keep what each pattern does."""
    assert normalize_lines(("## 一、收入", "- 第一项", "<b>合计</b>", "- 16 -", "**注**：无")) == (
        "一、收入", "第一项", "合计", "- 16 -", "注:无")
