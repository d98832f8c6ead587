"""Reading answers from JSON text: the one door every file, upload and pipe comes through."""

import pydantic

from .answers import Answers
from .errors import AnswersError, answer_problems

MAX_ANSWERS_BYTES = 64 * 1024  # a complete answers file is about 1 KB


def parse_answers(data: str | bytes) -> Answers:
    """Validate JSON answers. Raises AnswersError with one readable line per problem.

    A leading UTF-8 byte-order mark, which some editors add when a file is saved, is ignored."""
    size = len(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    if size > MAX_ANSWERS_BYTES:
        raise AnswersError(
            [f"the answers are {size:,} bytes long; an answers file is at most {MAX_ANSWERS_BYTES:,} bytes"]
        )
    data = data.removeprefix("\ufeff") if isinstance(data, str) else data.removeprefix(b"\xef\xbb\xbf")
    if not data.strip():
        raise AnswersError(["the answers are empty; expected a JSON object of question keys and values"])
    try:
        return Answers.model_validate_json(data)
    except pydantic.ValidationError as error:
        raise AnswersError(answer_problems(error)) from None
