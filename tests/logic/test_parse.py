"""A key given twice in an answers file is refused with a line naming it : readers differ on
which of the two counts, so one file must not mean different answers to different readers."""

import json

import pytest
from hypothesis import given

from logic import Answers, AnswersError, parse_answers
from logic.errors import MAX_PROBLEMS
from logic.parse import FileLine, file_problems
from logic.vocab import Field, FileProblem
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


# --- file_problems: what a person is told about an answers file parse_answers refused ---------------------


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7 ...",
        b"\xff\xfe not text",
        b"[1, 2]",
        b'{"resourceType": "Bundle"}',
        b"null",
        b"{}",
        b"[" * 30_000 + b"]" * 30_000,  # under the size limit, too deep for Python's reader
    ],
    ids=["a pdf", "not utf-8", "a list", "other json", "null", "empty object", "nested too deep"],
)
def test_a_file_that_is_not_answers_at_all_is_told_so_once(data):
    assert file_problems(data) == [FileLine(FileProblem.NOT_ANSWERS_FILE)]


def test_each_question_gets_its_own_line_in_the_form_s_order_then_anything_that_is_not_a_question():
    sent = {**answers_dict(age_group="teen", marks=[]), "shoe_size": 42}
    del sent["distress"]
    assert file_problems(json.dumps(sent)) == [
        FileLine(FileProblem.NO_ANSWER, Field.DISTRESS),
        FileLine(FileProblem.WRONG_ANSWER, Field.AGE_GROUP),
        FileLine(FileProblem.WRONG_ANSWER, Field.MARKS),
        FileLine(FileProblem.NOT_A_QUESTION),
    ]


def test_a_problem_about_no_one_question_is_told_as_not_an_answers_file():
    """A key given twice: each answer on its own is fine, the file is not."""
    assert file_problems(text_with(("age_group", answers_dict()["age_group"]))) == [
        FileLine(FileProblem.NOT_ANSWERS_FILE)
    ]


@given(strategies.answers())
def test_every_file_parse_answers_refuses_gets_at_least_one_line(answers):
    data = answers.model_dump(mode="json")
    data["age_group"] = "teen"
    with pytest.raises(AnswersError):
        parse_answers(json.dumps(data))
    assert FileLine(FileProblem.WRONG_ANSWER, Field.AGE_GROUP) in file_problems(json.dumps(data))


REFUSED = {
    "empty": "",
    "blank": "   ",
    "a wrong answer": json.dumps(answers_dict(age_group="teen")),
    "too big": "x" * 70_000,
    "a key given twice": text_with(("age_group", answers_dict()["age_group"])),
}


@pytest.mark.parametrize("data", REFUSED.values(), ids=REFUSED.keys())
def test_every_refusal_names_where_the_answers_came_from(data):
    for sent in (data, data.encode()):
        with pytest.raises(AnswersError) as refused:
            parse_answers(sent, source="my-answers.json")
        assert refused.value.source == "my-answers.json"
        assert refused.value.format_message().startswith("my-answers.json: the answers are not valid:")


@pytest.mark.parametrize("bom", ["\ufeff", b"\xef\xbb\xbf"], ids=["text", "bytes"])
def test_a_byte_order_mark_at_the_start_is_ignored_as_text_and_as_bytes(bom):
    text = json.dumps(answers_dict())
    assert parse_answers(bom + (text if isinstance(bom, str) else text.encode())) == parse_answers(text)


def test_an_answers_file_saved_by_version_2_still_opens():
    """Version 3 only added values (inhaled, home service): a file saved before, with none of them, opens as it was."""
    saved = answers_dict(routes=["injection", "oral"], setting="spa_or_salon", conditions=["asthma"])
    assert parse_answers(json.dumps(saved)).model_dump(mode="json") == saved
