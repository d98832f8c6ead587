"""Each problem is one short, plain line, and there are not too many of them.

The fuzzers found both gaps: an unknown key was echoed raw (a newline in it forged a second line on
stderr, escape codes reached the terminal) and 20,000 wrong items gave 20,000 lines.
"""

import json
import unicodedata

import pytest

from logic import AnswersError, parse_answers
from tests.factories import answers_dict


def refusal(data: dict) -> tuple[str, ...]:
    with pytest.raises(AnswersError) as caught:
        parse_answers(json.dumps(data))
    return caught.value.problems


@pytest.mark.parametrize(
    "key",
    ["shoe\n  - marks: forged line", "\x1b[31mred\x1b[0m", "\u009b2J", "k" * 5_000],
    ids=["newline", "escape", "c1-control", "5000-chars"],
)
def test_an_unknown_key_is_named_on_one_short_line_without_control_characters(key):
    (problem,) = refusal({**answers_dict(), key: 1})
    assert "not a question this questionnaire asks" in problem
    assert not any(unicodedata.category(c) == "Cc" for c in problem), problem
    assert len(problem) < 1_000


def test_the_problems_listed_are_bounded():
    assert len(refusal(answers_dict(marks=[1] * 20_000))) <= 50


def test_the_control_characters_of_a_known_field_are_shown_escaped():
    """What is already right: a wrong value is shown as JSON, so its control characters are escaped."""
    (problem,) = refusal(answers_dict(distress="\x1b[31m\nnone"))
    assert "\n" not in problem
    assert "\x1b" not in problem
    assert problem.startswith("distress: ")
