"""Reading answers from JSON text: the one door every file, upload and pipe comes through."""

import json
from typing import Any

import pydantic

from .answers import Answers
from .errors import EMPTY, AnswersError, answer_problems, duplicate_keys, too_big

MAX_ANSWERS_BYTES = 64 * 1024  # a complete answers file is about 1 KB


def parse_answers(data: str | bytes, source: str | None = None) -> Answers:
    """Validate JSON answers. Raises AnswersError with one readable line per problem, naming `source`.

    A leading UTF-8 byte-order mark, which some editors add when a file is saved, is ignored. A key given
    twice in one object is refused: readers disagree on which of the two counts (Python and pydantic keep
    the last, many others the first), so the same file could mean different answers to different readers."""
    size = len(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    if size > MAX_ANSWERS_BYTES:
        raise AnswersError([too_big(size, MAX_ANSWERS_BYTES)], source)
    data = data.removeprefix("\ufeff") if isinstance(data, str) else data.removeprefix(b"\xef\xbb\xbf")
    if not data.strip():
        raise AnswersError([EMPTY], source)
    repeated = _repeated_keys(data)
    if repeated:
        raise AnswersError(duplicate_keys(repeated), source)
    try:
        return Answers.model_validate_json(data)
    except pydantic.ValidationError as error:
        raise AnswersError(answer_problems(error), source) from None


def _repeated_keys(data: str | bytes) -> list[str]:
    """The keys given more than once in any one object of `data`, in order of first repetition.

    Text that Python's reader cannot take (not JSON, not UTF-8, nested too deep) is left to pydantic, whose
    refusal names the problem; this pass only looks for repeated keys."""
    repeated: dict[str, None] = {}

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: set[str] = set()
        for key, _ in items:
            if key in seen:
                repeated.setdefault(key)
            seen.add(key)
        return dict(items)

    try:
        json.loads(data, object_pairs_hook=pairs)
    except (ValueError, RecursionError):
        return []
    return list(repeated)
