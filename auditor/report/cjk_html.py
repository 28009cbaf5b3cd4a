"""Keep rich's cell grid in the browser: every character exactly as wide as rich counted it.

rich lays tables out in terminal cells: ASCII one cell, Chinese two, and
box-drawing, block and "ambiguous" characters (─ │ █ · “ …) one. A browser
draws whatever the font says. The font stack puts a CJK monospace first
(Latin half the width of a Chinese character, so one font keeps the grid);
but CJK monospaces draw ─ │ █ two cells wide, and a reader without one falls
back to a Latin monospace (0.6 em) next to a 1 em Chinese font. So, in the
exported HTML, every run of non-ASCII characters is put in a box of its width
in cells (``ch`` = the width of one ASCII cell in the page's font):

* wide runs (``.cw``): letter-spacing ``2ch - 1em`` makes each Chinese
  character (1 em in every CJK font) exactly two cells; zero with a CJK
  monospace, where they already are;
* narrow runs (``.cn``): drawn in a Latin monospace, where these characters are
  one cell, and clipped to the box, so a 1 em glyph cannot push the line.

Only the text between tags is touched, and it is already escaped by rich (the
only entities, ``&lt;`` and the like, are ASCII and stay as they are).
"""

from __future__ import annotations

import re

from rich.cells import get_character_cell_size

MONO = ('"Sarasa Mono SC", "Sarasa Term SC", "Noto Sans Mono CJK SC", "Source Han Mono SC", '
        '"WenQuanYi Zen Hei Mono", "NSimSun", "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace')
NARROW_MONO = '"DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", "Courier New", monospace'

CSS = f"""
pre {{ font-family: {MONO}; font-size: 14px; line-height: 1.45; margin: 0;
       text-spacing-trim: space-all; font-kerning: none; font-variant-ligatures: none; }}
pre .cw {{ display: inline-block; letter-spacing: calc(2ch - 1em); vertical-align: top; }}
pre .cn {{ display: inline-block; overflow: hidden; vertical-align: top; }}
pre .cn > span {{ font-family: {NARROW_MONO}; }}
pre a .cw, pre a .cn > span {{ text-decoration: underline; }}  /* underlines do not reach into inline-blocks */
"""

_TAG_OR_TEXT = re.compile(r"<[^>]*>|[^<]+")


def fix_cell_widths(fragment: str) -> str:
    """``fragment`` (rich's exported HTML) with each non-ASCII run boxed to its width in cells."""
    return _TAG_OR_TEXT.sub(lambda m: m.group(0) if m.group(0).startswith("<") else _boxed(m.group(0)), fragment)


def _boxed(text: str) -> str:
    out: list[str] = []
    run: list[str] = []
    run_kind = "a"
    run_cells = 0
    for char in text:
        cells = get_character_cell_size(char)
        if ord(char) < 128:
            kind = "a"
        elif cells == 0:
            kind = run_kind  # a combining mark stays with the character before it
        else:
            kind = "w" if cells == 2 else "n"
        if kind != run_kind:
            out.append(_wrap(run_kind, "".join(run), run_cells))
            run, run_cells, run_kind = [], 0, kind
        run.append(char)
        run_cells += cells
    out.append(_wrap(run_kind, "".join(run), run_cells))
    return "".join(out)


def _wrap(kind: str, text: str, cells: int) -> str:
    if kind == "a" or not text:
        return text
    if kind == "w":
        return f'<span class="cw" style="width:{cells}ch">{text}</span>'
    return f'<span class="cn" style="width:{cells}ch"><span>{text}</span></span>'
