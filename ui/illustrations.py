"""The hand-drawn cross-sections of each mark type (SVG files beside this module)."""

from functools import cache
from pathlib import Path

from logic.vocab import Mark

FOLDER = Path(__file__).resolve().parent / "illustrations"


@cache
def svg(mark: Mark) -> str:
    """The drawing of `mark`, read once per process."""
    return (FOLDER / f"{mark}.svg").read_text(encoding="utf-8")
