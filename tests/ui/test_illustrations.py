"""The mark drawings: each has its own text alternative and is drawn in a tone near the person's skin type."""

import pytest

from logic.vocab import Mark, SkinType
from ui.illustrations import _DRAWN, _NEUTRAL, TONES, drawing


@pytest.mark.parametrize("mark", list(Mark))
def test_each_drawing_takes_the_tone_of_each_skin_type_and_keeps_its_words(mark):
    plain = drawing(mark)
    assert plain.alt and "<title" in plain.svg
    for skin_type, (upper, lower, pigment) in TONES.items():
        toned = drawing(mark, skin_type)
        assert toned.alt == plain.alt
        assert f'fill="{upper}"' in toned.svg and f'fill="{lower}"' in toned.svg
        assert (f'fill="{pigment}"' in toned.svg) == (mark is Mark.BROWN_MARKS)
        for drawn, used in zip(_DRAWN, TONES[skin_type], strict=True):
            assert drawn == used or f'fill="{drawn}"' not in toned.svg


def test_a_neutral_tone_before_the_person_chooses_or_when_they_are_not_sure():
    assert TONES[SkinType.NOT_SURE] == _NEUTRAL
    assert f'fill="{_NEUTRAL[0]}"' in drawing(Mark.BOXCAR).svg
    assert set(TONES) == set(SkinType)


def test_darker_types_are_drawn_darker():
    def lightness(colour: str) -> int:
        return sum(int(colour[i : i + 2], 16) for i in (1, 3, 5))

    fitzpatrick = [t for t in SkinType if t is not SkinType.NOT_SURE]
    for layer in range(3):
        shades = [lightness(TONES[t][layer]) for t in fitzpatrick]
        assert shades == sorted(shades, reverse=True)
    # Brown pigment stays darker than the skin it sits in, so the mark can be seen on every tone.
    assert all(lightness(TONES[t][2]) < lightness(TONES[t][0]) / 2 for t in fitzpatrick)
