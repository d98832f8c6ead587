"""Reading answers from JSON text: the one door every file, upload and pipe comes through."""

import json
from typing import Any, NamedTuple

import pydantic

from .answers import Answers
from .errors import EMPTY, AnswersError, answer_problems, duplicate_keys, too_big
from .partial import field_problems
from .vocab import Field, FileProblem, ProblemKind

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


class FileLine(NamedTuple):
    """One line of what is wrong with an answers file: which problem, and about which question."""

    problem: FileProblem
    field: Field | None = None


def file_problems(data: str | bytes) -> list[FileLine]:
    """What is wrong with a file `parse_answers` refused, as a person is told it: a line per question, in
    the form's order, then one for anything that is not a question.

    A file that is not a JSON object of this questionnaire's questions (a PDF chosen by mistake, another
    program's JSON) is told that once, not once per question; so is one whose problem is not about any one
    question (too big, a key given twice)."""
    try:
        sent = json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError):  # nested too deep is not an answers file either
        return [FileLine(FileProblem.NOT_ANSWERS_FILE)]
    if not isinstance(sent, dict) or not any(k in sent for k in Field):
        return [FileLine(FileProblem.NOT_ANSWERS_FILE)]
    found = [
        FileLine(FileProblem.NO_ANSWER if problem.kind is ProblemKind.MISSING else FileProblem.WRONG_ANSWER, field)
        for field, problem in field_problems(sent, list(Field)).items()
    ]
    if any(k not in set(Field) for k in sent):
        found.append(FileLine(FileProblem.NOT_A_QUESTION))
    return found or [FileLine(FileProblem.NOT_ANSWERS_FILE)]
