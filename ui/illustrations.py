"""The hand-drawn cross-sections of each mark type (SVG files beside this module), in the person's skin tone.

Every drawing paints the skin's two layers, and brown pigment, in the same colours (`_DRAWN`); they are
swapped for a tone near the Fitzpatrick type the person chose (with pigment dark enough to see on it), and
for a neutral one before they have chosen or if they are not sure, so nobody is shown marks on a skin that
is not like theirs.
"""

import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

from logic.vocab import Mark, SkinType

FOLDER = Path(__file__).resolve().parent / "illustrations"
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.DOTALL)

# (upper layer, lower layer, brown pigment) as drawn in the SVG files, and the tone used for each skin type.
_DRAWN = ("#d9a27f", "#efc9b0", "#6b4226")
_NEUTRAL = ("#cdbfb4", "#e6ddd5", "#6b4226")
TONES: dict[SkinType, tuple[str, str, str]] = {
    SkinType.I: ("#efcdb9", "#f8e4d8", "#8a5a3c"),
    SkinType.II: ("#e4b899", "#f2d5c3", "#7a4b2e"),
    SkinType.III: _DRAWN,
    SkinType.IV: ("#b57a55", "#d8a687", "#4a2a16"),
    SkinType.V: ("#8a5637", "#b88462", "#2e180b"),
    SkinType.VI: ("#5a3522", "#8b5e44", "#1a0c05"),
    SkinType.NOT_SURE: _NEUTRAL,
}


class Drawing(NamedTuple):
    svg: str
    alt: str  # the drawing's own <title>: what it shows, for people who can't see it


@cache
def _source(mark: Mark) -> Drawing:
    path = FOLDER / f"{mark}.svg"
    svg = path.read_text(encoding="utf-8")
    title = _TITLE.search(svg)
    if title is None:
        raise ValueError(f"{path}: the drawing needs a <title> as its text alternative")
    if not all(f'fill="{colour}"' in svg for colour in _DRAWN[:2]):
        raise ValueError(f"{path}: the skin's layers must be drawn in {' and '.join(_DRAWN[:2])} to take a skin tone")
    return Drawing(svg, " ".join(title.group(1).split()))


@cache
def drawing(mark: Mark, skin_type: SkinType | None = None) -> Drawing:
    """The drawing of `mark` in a tone near `skin_type` (a neutral tone if it is not known yet)."""
    source = _source(mark)
    svg = source.svg
    for drawn, toned in zip(_DRAWN, TONES[skin_type] if skin_type is not None else _NEUTRAL, strict=True):
        svg = svg.replace(f'fill="{drawn}"', f'fill="{toned}"')
    return Drawing(svg, source.alt)
