"""logic/errors.py: the exact words of every refusal, and the exceptions that carry them."""

import ast
import json
from datetime import date
from pathlib import Path

import pydantic
import pytest

from logic import Answers, AnswersError, ContentError, default_content, errors, parse_answers
from logic.answers import (
    NOTES_MAX_LENGTH,
)
from logic.content import CONTENT_DIR
from logic.errors import (
    MAX_PROBLEMS,
    CannotWrite,
    LogicError,
    StreamError,
    allowed,
    answer_problems,
    bounded,
    not_like_english,
    options_differ,
    placeholders_differ,
    shown,
)
from logic.parse import MAX_ANSWERS_BYTES
from logic.vocab import Field, Goal
from tests.factories import answers_dict

CONTENT = default_content()
FIELDS = ", ".join(str(f) for f in Field)


# --- logic/errors.py and logic/parse.py: the exact words of every refusal --------------------------------


def test_what_each_kind_of_question_allows_in_words():
    assert allowed(Field.CHANGING_SPOT) == "true or false"
    assert allowed(Field.NOTES) == (
        f"text of at most {NOTES_MAX_LENGTH} characters, without control characters other than newline and tab"
    )
    assert allowed(Field.SKIN_TYPE) == "one of I, II, III, IV, V, VI, not_sure"
    assert allowed(Field.MARKS) == (
        "a list of distinct values from brown_marks, red_marks, icepick, boxcar, rolling, raised, keloid, "
        "not_sure (at least one; not_sure only on its own)"
    )
    assert allowed(Field.GOALS) == (
        "a list of distinct values from fade_dark_marks, fade_red_marks, smooth_pits, flatten_raised, "
        "lighter_skin_overall (at least one)"
    )
    assert allowed(Field.OTHER_TREATMENTS) == (
        "a list of distinct values from chemical_peel, microneedling, laser, retinoid, other_topicals, "
        "whitening_products (may be empty)"
    )


def refused(text: str | bytes) -> tuple[str, ...]:
    with pytest.raises(AnswersError) as caught:
        parse_answers(text)
    assert str(caught.value) == "\n".join(caught.value.problems)
    return caught.value.problems


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ("{", "the answers are not valid JSON (EOF while parsing an object at line 1 column 1)"),
        ("[]", 'the answers must be a JSON object of question keys and values, like {"marks": ["brown_marks"], ...}'),
        ("   \n", "the answers are empty; expected a JSON object of question keys and values"),
        (
            json.dumps(answers_dict(shoe_size=1)),
            f"shoe_size: not a question this questionnaire asks; the questions are {FIELDS}",
        ),
        (json.dumps(answers_dict(marks=["boxcar", 7])), f"marks[1]: 7 is not allowed; allowed: {allowed(Field.MARKS)}"),
        (json.dumps(answers_dict(goals=[])), "goals: needs at least one value from " + ", ".join(Goal)),
        (
            json.dumps(answers_dict(routes=["oral", "oral"])),
            "routes: oral is given more than once; each value may appear only once",
        ),
        (
            json.dumps(answers_dict(routes=["oral", "not_decided"])),
            "routes: not_decided stands alone and cannot be combined with other values",
        ),
        (json.dumps(answers_dict(notes="x" * 501)), "notes: 501 characters is too long; at most 500 are allowed"),
        (
            json.dumps(answers_dict(notes="ok\x00")),
            "notes: a control character (U+0000) at position 3; only newline and tab may be used",
        ),
        (
            json.dumps(answers_dict(age_group="é")),
            f'age_group: "é" is not allowed; allowed: {allowed(Field.AGE_GROUP)}',
        ),
    ],
)
def test_each_refusal_is_worded_exactly(data, problem):
    assert refused(data) == (problem,)


def test_a_missing_answer_says_what_it_needs():
    data = answers_dict()
    del data["conditions"]
    assert refused(json.dumps(data)) == (f"conditions: missing; it needs {allowed(Field.CONDITIONS)}",)


def test_long_values_are_cut_to_60_characters_and_short_ones_shown_whole():
    assert shown("x" * 58) == '"' + "x" * 58 + '"'  # 60 characters with the quotes: shown whole
    assert shown("x" * 59) == '"' + "x" * 56 + "..."  # 61: cut to 57 and an ellipsis
    assert shown("é") == '"é"'
    assert shown("\x1b[2J \x9b2J") == '"\\u001b[2J \\u009b2J"'  # control characters, C1 too, escaped not dropped
    assert len(shown(list(range(100)))) == 60


def test_a_value_that_is_not_json_is_still_shown():
    """The form's draft is Python, not JSON: a stray object in it must be described, not crash the message."""
    with pytest.raises(pydantic.ValidationError) as caught:
        Answers.model_validate(answers_dict(age_group=date(2026, 1, 1)))
    assert answer_problems(caught.value) == [
        f'age_group: "2026-01-01" is not allowed; allowed: {allowed(Field.AGE_GROUP)}'
    ]


def test_answers_of_exactly_the_size_limit_are_read_and_one_byte_more_is_refused():
    text = json.dumps(answers_dict())
    exact = text + " " * (MAX_ANSWERS_BYTES - len(text))
    assert len(exact.encode()) == MAX_ANSWERS_BYTES
    assert parse_answers(exact) == parse_answers(text)
    assert parse_answers(exact.encode()) == parse_answers(text)
    assert refused(exact + " ") == (
        f"the answers are {MAX_ANSWERS_BYTES + 1:,} bytes long; an answers file is at most {MAX_ANSWERS_BYTES:,} bytes",
    )


def test_a_content_error_lists_each_problem_on_its_own_line():
    error = ContentError(CONTENT_DIR / "flags.toml", ["a: one", "b: two"])
    assert str(error) == "content file content/flags.toml is broken:\n  - a: one\n  - b: two"
    assert error.problems == ("a: one", "b: two")


# --- The last few: a refusal of several lines, and early flags in edited wording -------------------------


def test_a_refusal_of_several_problems_reads_one_per_line():
    with pytest.raises(AnswersError) as caught:
        parse_answers(json.dumps(answers_dict(age_group="old", marks=[])))
    assert len(caught.value.problems) == 2
    assert str(caught.value) == "\n".join(caught.value.problems)


# --- The exceptions carry their words and exit status ---------------------------------------------------------


def test_answers_errors_are_shown_headed_by_their_source_and_end_with_status_2():
    named, unnamed = AnswersError(["a: one", "b: two"], source="mine.json"), AnswersError(["a: one"])
    assert named.format_message() == "mine.json: the answers are not valid:\n  - a: one\n  - b: two"
    assert unnamed.format_message() == "the answers are not valid:\n  - a: one"
    assert str(named) == "a: one\nb: two"
    assert (named.exit_code, ContentError(Path("x.toml"), []).exit_code, LogicError("x").exit_code) == (2, 1, 1)


def test_a_file_that_cannot_be_written_is_named_with_why():
    error = CannotWrite("out.pdf", PermissionError(13, "Permission denied"))
    assert error.format_message() == "out.pdf: cannot write the file: Permission denied"
    assert error.exit_code == 1


def test_at_most_max_problems_lines_the_last_counting_the_rest():
    assert bounded([str(n) for n in range(MAX_PROBLEMS)]) == [str(n) for n in range(MAX_PROBLEMS)]
    lines = bounded([str(n) for n in range(MAX_PROBLEMS + 5)])
    assert lines == [*(str(n) for n in range(MAX_PROBLEMS - 1)), "... and 6 more problems"]


def test_the_content_messages_name_the_key_and_what_differs():
    assert options_differ(Field.MARKS, ["a", "b"], []) == "fields.marks.options: missing a, b"
    assert options_differ(Field.MARKS, [], ["c", "d"]) == "fields.marks.options: unknown c, d"
    assert options_differ(Field.MARKS, ["a"], ["c"]) == "fields.marks.options: missing a; unknown c"
    assert not_like_english("", "expected a table") == "(top level): expected a table, as in English"
    assert not_like_english("nav.items", "needs 3 items") == "nav.items: needs 3 items, as in English"
    assert placeholders_differ("nav.progress", ["{all}"], ["{number}", "{total}"]) == (
        "nav.progress: placeholders {all} differ from the English {number}, {total}"
    )
    assert placeholders_differ("x", [], ["{n}"]) == "x: placeholders none differ from the English {n}"


def test_all_names_every_message_and_error_the_module_defines():
    own = set(
        name
        for name, value in vars(errors).items()
        if not name.startswith("_")
        and "__mutmut" not in name  # `make mutation` adds a copy of each function per mutant beside it
        and (getattr(value, "__module__", None) == errors.__name__ or (name.isupper() and name in _assigned()))
    )
    assert len(set(errors.__all__)) == len(errors.__all__)
    assert set(errors.__all__) == own


def _assigned() -> set[str]:
    """The names the module itself assigns at its top level (its constants), read from its source."""
    tree = ast.parse(Path(errors.__file__).read_text(encoding="utf-8"))
    return {t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets if isinstance(t, ast.Name)}


# --- StreamError: standard input or output that cannot be used, in one line --------------------------------


def test_a_closed_stream_is_named_with_what_cannot_be_done():
    assert StreamError.closed("stdin").format_message() == "standard input is closed: nothing to read"
    assert StreamError.closed("stdout").format_message() == "standard output is closed: nowhere to write"
    assert StreamError.closed("stdout").exit_code == 1


def test_an_encoding_that_cannot_take_the_text_says_how_to_get_round_it():
    assert StreamError.cannot_encode("ascii").format_message() == (
        "standard output cannot take this text in its encoding (ascii); "
        "set PYTHONIOENCODING=utf-8 or write to a file with --output"
    )


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (BrokenPipeError(32, "Broken pipe"), "Broken pipe"),
        (OSError("disk full"), "disk full"),
        (ValueError("I/O operation on closed file."), "I/O operation on closed file."),
        (ValueError(), "ValueError"),
    ],
)
def test_a_failed_write_says_why_in_the_system_s_words_or_the_error_s(error, reason):
    assert StreamError.cannot_write(error).format_message() == f"cannot write to standard output: {reason}"
