"""A key given twice in an answers file is refused with a line naming it (issue 12, item 9): readers differ on
which of the two counts, so one file must not mean different answers to different readers."""

import json

import pytest
from hypothesis import given

from logic import Answers, AnswersError, parse_answers
from logic.errors import MAX_PROBLEMS
from tests import strategies
from tests.factories import answers_dict


def text_with(*pairs: tuple[str, object]) -> str:
    """A complete answers object as JSON text, with `pairs` appended as extra members (repeats allowed)."""
    body = json.dumps(answers_dict())[:-1]
    return body + "".join(f", {json.dumps(k)}: {json.dumps(v)}" for k, v in pairs) + "}"


def problems(text: str | bytes) -> list[str]:
    with pytest.raises(AnswersError) as raised:
        parse_answers(text)
    return list(raised.value.problems)


def test_a_repeated_question_is_refused_and_named():
    assert problems(text_with(("distress", "yes"))) == [
        "distress: given more than once; each question may appear only once"
    ]


def test_2500_repeats_are_one_line():
    text = text_with(*[("distress", "no")] * 2500)
    assert problems(text) == ["distress: given more than once; each question may appear only once"]


def test_as_bytes_too_and_with_a_byte_order_mark():
    assert problems(b"\xef\xbb\xbf" + text_with(("marks", ["keloid"])).encode()) == [
        "marks: given more than once; each question may appear only once"
    ]


def test_an_unusual_repeated_key_is_shown_escaped():
    [line] = problems(text_with(("a\nb", 1), ("a\nb", 2)))
    assert line.startswith('"a\\nb": given more than once')
    assert "\n" not in line


def test_many_repeated_keys_are_bounded_like_other_problems():
    text = "{" + ", ".join(f'"k{n}": 1, "k{n}": 2' for n in range(50)) + "}"
    lines = problems(text)
    assert len(lines) == MAX_PROBLEMS
    assert lines[-1] == f"... and {50 - MAX_PROBLEMS + 1} more problems"


def test_without_repeats_the_answers_are_read_as_before():
    assert parse_answers(json.dumps(answers_dict())).model_dump(mode="json") == answers_dict()
    # Text Python's reader refuses is still refused by pydantic with its own message.
    assert problems("{") == problems("{")
    assert problems("[1, NaN]")[0].startswith("the answers")


# --- Properties: a saved answers file reads back -------------------------------------------------------------------


@given(strategies.answers())
def test_the_saved_answers_file_reads_back_as_the_same_answers(answers: Answers):
    """What "Save my answers" hands out is exactly what "Resume from a file" accepts."""
    assert parse_answers(answers.model_dump_json(indent=2)) == answers
    assert parse_answers(answers.model_dump_json(indent=2).encode("utf-8")) == answers
