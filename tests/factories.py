"""Small builders for answers used across the tests."""

from typing import Any

from logic import Answers
from logic.partial import NEUTRAL

# Answers that fire no flag at all (a unit test holds it to that): the baseline each case changes.
QUIET: dict[str, Any] = NEUTRAL


def answers_dict(**changes: Any) -> dict[str, Any]:
    return {**QUIET, **changes}


def make_answers(**changes: Any) -> Answers:
    return Answers.model_validate(answers_dict(**changes))
