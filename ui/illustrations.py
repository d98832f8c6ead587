"""The hand-drawn cross-sections of each mark type (SVG files beside this module)."""

import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

from logic.vocab import Mark

FOLDER = Path(__file__).resolve().parent / "illustrations"
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.DOTALL)


class Drawing(NamedTuple):
    svg: str
    alt: str  # the drawing's own <title>: what it shows, for people who can't see it


@cache
def drawing(mark: Mark) -> Drawing:
    """The drawing of `mark`, read once per process."""
    svg = (FOLDER / f"{mark}.svg").read_text(encoding="utf-8")
    title = _TITLE.search(svg)
    if title is None:
        raise ValueError(f"{FOLDER / f'{mark}.svg'}: the drawing needs a <title> as its text alternative")
    return Drawing(svg, " ".join(title.group(1).split()))
