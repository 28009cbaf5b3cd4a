"""Properties of rebuilding lines from character boxes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from auditor.pdf.lines import group_lines
from auditor.pdf.page import Char

SIZE = 10.0
LEADING = 14.0  # body text: lines 1.4 characters apart

texts = st.text(alphabet="预算收入支出合计一般公共服务", min_size=1, max_size=8)
figures = st.text(alphabet="0123456789.,", min_size=1, max_size=10)
# What real exports do to a line (templates.md §13): figures on the text's
# baseline or 5 pt below it, quote marks 2 pt above it.
pieces = st.one_of(
    st.tuples(texts, st.just(0.0)),
    st.tuples(figures, st.sampled_from([0.0, 5.0])),
    st.tuples(st.sampled_from(["“", "”"]), st.just(-2.0)),
)


def _page(lines: list[list[tuple[str, float]]]) -> list[Char]:
    """Lines of (word, baseline shift) laid out left to right, words 2 characters apart."""
    chars = []
    for number, line in enumerate(lines):
        x = 40.0
        for word, shift in line:
            top = 100 + number * LEADING + shift
            for text in word:
                chars.append(Char(text, x, x + SIZE, top, top + SIZE))
                x += SIZE
            x += 2 * SIZE
    return chars


# Every line starts with Chinese text, as the lines of a disclosure do.
pages = st.lists(
    st.tuples(texts, st.lists(pieces, max_size=4)).map(lambda t: [(t[0], 0.0), *t[1]]),
    min_size=1,
    max_size=8,
)


@given(pages, st.randoms(use_true_random=False))
def test_lines_do_not_depend_on_the_order_characters_are_stored(page, random):
    # A content stream may draw a page's characters in any order (figures
    # after the text, overflow copies first): the lines read are the same.
    chars = _page(page)
    shuffled = list(chars)
    random.shuffle(shuffled)
    expected = [[w for w, _ in line] for line in page]
    for order in (chars, shuffled):
        read = [[s.text for s in line.segments(titles=False)] for line in group_lines(order)]
        assert read == expected


@given(pages)
def test_every_character_lands_on_exactly_one_line(page):
    chars = _page(page)
    read = [c for line in group_lines(chars) for c in line.chars]
    assert sorted(read, key=lambda c: (c.top, c.x0)) == sorted(chars, key=lambda c: (c.top, c.x0))
