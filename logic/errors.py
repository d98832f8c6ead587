"""Every message a person or an editor reads about bad answers or broken content is worded here, and only here:
`logic/parse.py`, `logic/content.py` and the models check, this module says what they found.

Each kind of problem with an answer is a `ProblemKind`: `logic/answers.py` raises it, `answer_problems` words
it for the command line and files, and the web form (`ui/questions.py`) words it beside the question. Each
exception carries its own wording (`format_message`) and the exit status a command ends with (`exit_code`), as
click's `ClickException` does, so the command line only catches and shows them. The FHIR reader
(`exports/fhir.py`) words what is wrong with a FHIR resource's own structure, with this module's limit
(`bounded`) and its way of showing someone else's text (`shown`).
"""

import json
import re
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Any

import pydantic

from .answers import (
    NOTES_MAX_LENGTH,
    STANDALONE_VALUES,
    field_options,
    is_multi,
    is_text,
    is_yes_no,
    needs_one,
    text_length,
)
from .vocab import (
    Advice,
    Evidence,
    Field,
    FlagId,
    GlutathioneFit,
    Level,
    Mark,
    NextStep,
    ProblemKind,
    Relevance,
    Route,
    SectionId,
    SkinType,
    Step,
)

__all__ = [
    "CITATION_NEEDS_AUTHORS",
    "CITATION_NEEDS_JOURNAL",
    "CITATION_NEEDS_YEAR",
    "EMPTY",
    "EXIT_BAD_INPUT",
    "EXIT_FAILED",
    "FILE_MISSING",
    "MAX_PROBLEMS",
    "RECORD_WITHOUT_REVIEWED",
    "REVIEWED_WITHOUT_RECORD",
    "UNREVIEWED_WITHOUT_NOTICE",
    "AnswersError",
    "CannotWrite",
    "ContentError",
    "LogicError",
    "StreamError",
    "allowed",
    "answer_problems",
    "bounded",
    "cannot_read",
    "citation_needs_link",
    "claim_not_stated",
    "content_problems",
    "duplicate_keys",
    "missing",
    "missing_ids",
    "never_cited",
    "no_findable_source",
    "no_language",
    "none_label_needed",
    "none_label_not_taken",
    "not_in_bibliography",
    "not_like_english",
    "not_to_translate",
    "not_toml",
    "options_differ",
    "placeholders_differ",
    "plan_not_given",
    "same_source_twice",
    "shown",
    "too_big",
    "unreadable",
    "untranslated",
]

EXIT_FAILED = 1
EXIT_BAD_INPUT = 2


class LogicError(Exception):
    """Base of the errors this package raises on purpose: a message to show, and the status to end with."""

    exit_code = EXIT_FAILED

    def format_message(self) -> str:
        return str(self)


class ContentError(LogicError):
    """A content file is missing, is not valid TOML, or does not match what the code needs."""

    def __init__(self, path: Path, problems: Iterable[str]) -> None:
        self.path = path
        self.problems = tuple(problems)
        super().__init__(self.format_message())

    def format_message(self) -> str:
        lines = [f"content file {_display(self.path)} is broken:"]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


class AnswersError(LogicError):
    """The answers are not valid: one readable line per problem, each naming the field.

    `source` names where they came from (a file, standard input) in the message a command shows."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, problems: Iterable[str], source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        super().__init__("\n".join(self.problems))

    def format_message(self) -> str:
        head = f"{self.source}: the answers are not valid:" if self.source else "the answers are not valid:"
        return "\n".join([head, *(f"  - {problem}" for problem in self.problems)])


class CannotWrite(LogicError):
    """A file to write the output to cannot be written."""

    def __init__(self, file: str, error: OSError) -> None:
        super().__init__(f"{file}: cannot write the file: {error.strerror or error}")


class StreamError(LogicError):
    """Standard input or output cannot be used: which one, and why, in one line."""

    @classmethod
    def closed(cls, name: str) -> "StreamError":
        """The process was started with `name` ("stdin" or "stdout") closed."""
        if name == "stdin":
            return cls("standard input is closed: nothing to read")
        return cls("standard output is closed: nowhere to write")

    @classmethod
    def cannot_encode(cls, encoding: str) -> "StreamError":
        return cls(
            f"standard output cannot take this text in its encoding ({encoding}); "
            "set PYTHONIOENCODING=utf-8 or write to a file with --output"
        )

    @classmethod
    def cannot_write(cls, error: BaseException) -> "StreamError":
        reason = (error.strerror if isinstance(error, OSError) else None) or str(error) or type(error).__name__
        return cls(f"cannot write to standard output: {reason}")


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# --- Answers -----------------------------------------------------------------------------------------------


def allowed(field: Field) -> str:
    """What a field accepts, in words."""
    if is_yes_no(field):
        return "true or false"
    if is_text(field):
        return f"text of at most {NOTES_MAX_LENGTH} characters, without control characters other than newline and tab"
    values = ", ".join(str(v) for v in field_options(field))
    if not is_multi(field):
        return f"one of {values}"
    rules = "a list of distinct values from " + values
    if needs_one(field):
        rules += " (at least one"
        alone = STANDALONE_VALUES.get(field)
        rules += f"; {alone} only on its own)" if alone else ")"
    else:
        rules += " (may be empty)"
    return rules


MAX_PROBLEMS = 20
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_]{1,40}")


def bounded(lines: list[str]) -> list[str]:
    """At most MAX_PROBLEMS lines, the last saying how many more there were."""
    if len(lines) <= MAX_PROBLEMS:
        return lines
    return [*lines[: MAX_PROBLEMS - 1], f"... and {len(lines) - MAX_PROBLEMS + 1} more problems"]


def answer_problems(error: pydantic.ValidationError) -> list[str]:
    """Turn pydantic's errors about Answers into one plain line per problem, at most MAX_PROBLEMS lines."""
    return bounded([_answer_problem(detail) for detail in error.errors()])


def missing(field: Field) -> str:
    """The line for a question a draft has not answered yet."""
    return f"{field}: missing"


def _answer_problem(detail: Any) -> str:
    kind, loc, ctx = ProblemKind.of(detail["type"]), detail["loc"], detail.get("ctx") or {}
    if not loc:
        if kind is ProblemKind.NOT_JSON:
            return f"the answers are not valid JSON ({ctx['error']})"
        return 'the answers must be a JSON object of question keys and values, like {"marks": ["brown_marks"], ...}'
    name = str(loc[0])
    try:
        field = Field(name)
    except ValueError:
        known = ", ".join(str(f) for f in Field)
        return f"{_key(name)}: not a question this questionnaire asks; the questions are {known}"
    where = field + "".join(f"[{part}]" for part in loc[1:])
    if kind is ProblemKind.MISSING:
        return f"{missing(field)}; it needs {allowed(field)}"
    if kind is ProblemKind.REPEATED_VALUE:
        return f"{field}: {ctx['value']} is given more than once; each value may appear only once"
    if kind is ProblemKind.NOT_ALONE:
        return f"{field}: {ctx['value']} stands alone and cannot be combined with other values"
    if kind is ProblemKind.TOO_FEW and is_multi(field):
        return f"{field}: needs at least one value from {', '.join(str(v) for v in field_options(field))}"
    if kind is ProblemKind.TOO_LONG:
        return f"{field}: {text_length(detail['input'])} characters is too long; at most {NOTES_MAX_LENGTH} are allowed"
    if kind is ProblemKind.CONTROL_CHARACTER:
        code, position = ctx["code"], ctx["position"]
        return f"{field}: a control character ({code}) at position {position}; only newline and tab may be used"
    return f"{where}: {shown(detail['input'])} is not allowed; allowed: {allowed(field)}"


def too_big(size: int, limit: int) -> str:
    return f"the answers are {size:,} bytes long; an answers file is at most {limit:,} bytes"


EMPTY = "the answers are empty; expected a JSON object of question keys and values"


def cannot_read(error: OSError) -> str:
    return f"cannot read the file: {error.strerror or error}"


def duplicate_keys(names: Iterable[str]) -> list[str]:
    """One line per key given more than once in one JSON object, at most MAX_PROBLEMS lines."""
    return bounded([f"{_key(name)}: given more than once; each question may appear only once" for name in names])


def _key(name: str) -> str:
    return name if _PLAIN_KEY.fullmatch(name) else shown(name)


def shown(value: Any) -> str:
    """Someone else's value as JSON, short, with every control character escaped so it can't act on a terminal."""
    text = _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, default=str, ensure_ascii=False))
    return text if len(text) <= 60 else text[:57] + "..."


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


# --- Content -----------------------------------------------------------------------------------------------


def no_language(language: str) -> str:
    return f"there is no content in the language {language!r}"


FILE_MISSING = "the file is missing"


def not_toml(error: Exception) -> str:
    return f"not valid TOML: {error}"


def unreadable(error: Exception) -> str:
    return f"cannot be read: {error}"


def content_problems(error: pydantic.ValidationError) -> list[str]:
    """Turn pydantic's errors about a content file into one line per problem, each naming the key."""
    problems = []
    for detail in error.errors():
        loc = [str(part) for part in detail["loc"] if part != "[key]"]
        where = ".".join(loc) if loc else "(top level)"
        message = detail["msg"].removeprefix("Value error, ")
        if detail["type"] == "enum" and detail["loc"] and detail["loc"][-1] == "[key]":
            message = f"not a known id; allowed: {detail['ctx']['expected']}"
        problems.append(f"{where}: {message}")
    return problems


# What a content file holds for each id of a kind, named in the line that says which ids have none.
_ENTRY = {
    FlagId: "text for the flag",
    SectionId: "text for the article section",
    Mark: "text for the mark",
    Route: "question for the route",
    Advice: "plan text for the route and advice",
    NextStep: "words for the next step",
    Level: "text for the level",
    Evidence: "label for the evidence grade",
    GlutathioneFit: "label for the glutathione fit",
    Relevance: "sentence for the reason",
    SkinType: "option for the skin type",
    Step: "title for the step",
    Field: "question text for the field",
}


def missing_ids(kind: type[StrEnum], ids: Iterable[str]) -> str:
    """The line for a content file that leaves out some ids of `kind`."""
    return f"no {_ENTRY[kind]} for: {', '.join(ids)}"


def plan_not_given(entries: Iterable[str]) -> str:
    """The line for plan texts the rules never use, which a clinician may think are shown."""
    return f"the rules never give this advice, so its text would never show: {', '.join(entries)}"


def options_differ(field: Field, missing: list[str], unknown: list[str]) -> str:
    problems = [f"missing {', '.join(missing)}"] if missing else []
    problems += [f"unknown {', '.join(unknown)}"] if unknown else []
    return f"fields.{field}.options: {'; '.join(problems)}"


def none_label_not_taken(field: Field) -> str:
    return f"fields.{field}.none_label: only questions that may be left empty take one"


def none_label_needed(field: Field) -> str:
    return f"fields.{field}.none_label: a question that may be left empty needs one"


UNREVIEWED_WITHOUT_NOTICE = "notice: wording no clinician has reviewed must say so"
REVIEWED_WITHOUT_RECORD = (
    "review: reviewed_by_clinician = true needs the review recorded (reviewer, qualification, date, content_version)"
)
RECORD_WITHOUT_REVIEWED = "reviewed_by_clinician: a recorded review needs reviewed_by_clinician = true"


def claim_not_stated(section: str, opening: str) -> str:
    return f"{section}.claim: must start with {opening!r}"


def same_source_twice(reference_id: str, other_id: str, what: str) -> str:
    return f"{reference_id}.{what}: the same as {other_id}.{what}; keep one entry per source"


CITATION_NEEDS_AUTHORS = 'citation: a journal article starts with its authors ("Surname AB, Surname C.")'
CITATION_NEEDS_YEAR = "citation: a journal article needs its year"
CITATION_NEEDS_JOURNAL = (
    'citation: a journal article needs the journal\'s volume and pages ("2016;26(3):177-181") or a DOI ("doi:10....")'
)


def citation_needs_link(kind: StrEnum) -> str:
    return f"url: a {kind} source that is not a journal article needs a public link (https://...)"


def not_in_bibliography(entry_id: str, source: str) -> str:
    return f"{entry_id}.sources: {source!r} is not in references.toml"


def no_findable_source(entry_id: str) -> str:
    return f"{entry_id}.sources: none has a public link, DOI or PMID; add one that a reader can find"


def never_cited(reference_id: str) -> str:
    return f"{reference_id}: cited by no flag, mark or article section"


# A translation, against the English.


def not_like_english(at: str, wanted: str) -> str:
    """`wanted` says what the English has there: "expected a table", "expected text", "needs 3 items"."""
    return f"{at or '(top level)'}: {wanted}, as in English"


def untranslated(at: str) -> str:
    return f"{at}: missing (the English has it)"


def not_to_translate(at: str, *, in_english: bool) -> str:
    return f"{at}: " + ("not translated: leave it out" if in_english else "not in the English")


def placeholders_differ(at: str, theirs: list[str], ours: list[str]) -> str:
    return f"{at}: placeholders {', '.join(theirs) or 'none'} differ from the English {', '.join(ours)}"
