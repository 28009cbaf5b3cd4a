"""Line citations a person holding the document can follow.

Checks write "第 315 行" with the line number of the text the parser reads.
For a PDF that number means nothing to the reader, so every such citation is
rewritten to the page and the line on that page ("第 12 页第 9 行"); a list
"第 3、8 行" becomes one citation per line.
"""

from __future__ import annotations

import re

CITATION_RE = re.compile(r"第 ?(\d+(?:、\d+)*) ?行")
LOCATION_RE = re.compile(r"^p(\d+):L(\d+)$")


def page_and_line(location: str) -> tuple[int, int] | None:
    """``"p3:L5"`` → (3, 5)."""
    match = LOCATION_RE.match(location)
    return (int(match.group(1)), int(match.group(2))) if match else None


def cite_pages(text: str | None, locations: tuple[str, ...]) -> str | None:
    """``text`` with each "第 N 行" naming page and line on the page instead."""
    if not text or not locations:
        return text

    def one(number: int) -> str | None:
        place = page_and_line(locations[number - 1]) if 1 <= number <= len(locations) else None
        return f"第 {place[0]} 页第 {place[1]} 行" if place else None

    def replace(match: re.Match[str]) -> str:
        cited = [one(int(n)) for n in match.group(1).split("、")]
        if any(c is None for c in cited):
            return match.group(0)
        return "、".join(c for c in cited if c)

    return CITATION_RE.sub(replace, text)
