"""Every message a person or an editor reads about bad input is worded here, and only here."""

import json
import re
from collections.abc import Iterable
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
from .vocab import Field


class LogicError(Exception):
    """Base of the errors this package raises on purpose."""


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
    """The answers are not valid: one readable line per problem, each naming the field."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


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


def answer_problems(error: pydantic.ValidationError) -> list[str]:
    """Turn pydantic's errors about Answers into one plain line per problem, at most MAX_PROBLEMS lines."""
    lines = [_answer_problem(detail) for detail in error.errors(include_url=False)]
    if len(lines) > MAX_PROBLEMS:
        lines[MAX_PROBLEMS - 1 :] = [f"... and {len(lines) - MAX_PROBLEMS + 1} more problems"]
    return lines


def _answer_problem(detail: Any) -> str:
    kind, loc, ctx = detail["type"], detail["loc"], detail.get("ctx") or {}
    if not loc:
        if kind == "json_invalid":
            return f"the answers are not valid JSON ({ctx.get('error', 'unreadable')})"
        return 'the answers must be a JSON object of question keys and values, like {"marks": ["brown_marks"], ...}'
    name = str(loc[0])
    try:
        field = Field(name)
    except ValueError:
        known = ", ".join(str(f) for f in Field)
        return f"{_key(name)}: not a question this questionnaire asks; the questions are {known}"
    where = field + "".join(f"[{part}]" for part in loc[1:])
    if kind == "missing":
        return f"{field}: missing; it needs {allowed(field)}"
    if kind == "repeated_value":
        return f"{field}: {ctx['value']} is given more than once; each value may appear only once"
    if kind == "not_alone":
        return f"{field}: {ctx['value']} stands alone and cannot be combined with other values"
    if kind == "too_short" and is_multi(field):
        return f"{field}: needs at least one value from {', '.join(str(v) for v in field_options(field))}"
    if kind == "string_too_long":
        return f"{field}: {text_length(detail['input'])} characters is too long; at most {NOTES_MAX_LENGTH} are allowed"
    if kind == "control_character":
        code, position = ctx["code"], ctx["position"]
        return f"{field}: a control character ({code}) at position {position}; only newline and tab may be used"
    return f"{where}: {_shown(detail['input'])} is not allowed; allowed: {allowed(field)}"


NOT_AN_ANSWERS_FILE = "the file's name must end in .json: an answers file is the .json file this questionnaire saved"


def duplicate_keys(names: Iterable[str]) -> list[str]:
    """One line per key given more than once in one JSON object, at most MAX_PROBLEMS lines."""
    lines = [f"{_key(name)}: given more than once; each question may appear only once" for name in names]
    if len(lines) > MAX_PROBLEMS:
        lines[MAX_PROBLEMS - 1 :] = [f"... and {len(lines) - MAX_PROBLEMS + 1} more problems"]
    return lines


def _key(name: str) -> str:
    return name if _PLAIN_KEY.fullmatch(name) else _shown(name)


def _shown(value: Any) -> str:
    """A value as JSON, short, with every control character escaped so it can't act on a terminal."""
    text = _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, default=str, ensure_ascii=False))
    return text if len(text) <= 60 else text[:57] + "..."


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
