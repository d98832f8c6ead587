"""Small builders for answers used across the tests, laid on `logic.partial.NEUTRAL` (answers that fire no flag)."""

from typing import Any

from logic import Answers
from logic.partial import NEUTRAL


def answers_dict(**changes: Any) -> dict[str, Any]:
    """NEUTRAL as JSON-shaped answers, with `changes`: what a file or a draft would hold."""
    return {**NEUTRAL.model_dump(mode="json"), **changes}


def make_answers(**changes: Any) -> Answers:
    return Answers.model_validate(answers_dict(**changes))
