"""Reading answers from JSON text: the one door every file, upload and pipe comes through."""

import pydantic

from .answers import Answers
from .errors import AnswersError, answer_problems

MAX_ANSWERS_BYTES = 64 * 1024  # a complete answers file is about 1 KB


def parse_answers(data: str | bytes) -> Answers:
    """Validate JSON answers. Raises AnswersError with one readable line per problem."""
    size = len(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    if size > MAX_ANSWERS_BYTES:
        raise AnswersError(
            [f"the answers are {size:,} bytes long; an answers file is at most {MAX_ANSWERS_BYTES:,} bytes"]
        )
    if not data.strip():
        raise AnswersError(["the answers are empty; expected a JSON object of question keys and values"])
    try:
        return Answers.model_validate_json(data)
    except pydantic.ValidationError as error:
        raise AnswersError(answer_problems(error)) from None
