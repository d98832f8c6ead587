"""logic/vocab.py: the vocabularies every other module reads: how levels rank, how a next step names a time
frame, the order of the questions, and the problem kinds, which must be the names pydantic itself uses."""

import json

import pydantic
import pytest

from logic import Answers
from logic.answers import STEP_FIELDS
from logic.vocab import Field, Level, NextStep, ProblemKind, Step, When
from tests.factories import answers_dict


def test_levels_rank_urgent_over_consult_over_note_over_none():
    assert sorted(Level, key=lambda level: level.rank, reverse=True) == [
        Level.URGENT,
        Level.CONSULT,
        Level.NOTE,
        Level.NONE,
    ]
    assert len({level.rank for level in Level}) == len(Level)


def test_a_next_step_is_a_time_frame_worth_acting_on_or_none():
    assert {str(s) for s in NextStep} == {str(w) for w in When if w is not When.ANYTIME} | {"none"}


def test_the_fields_are_in_the_order_the_pages_ask_them():
    assert list(Field) == [field for step in Step for field in STEP_FIELDS[step]]


def kinds(data: dict) -> list[ProblemKind]:
    try:
        Answers.model_validate_json(json.dumps(data))
    except pydantic.ValidationError as error:
        return [ProblemKind.of(detail["type"]) for detail in error.errors()]
    return []


@pytest.mark.parametrize(
    ("changes", "kind"),
    [
        ({"marks": []}, ProblemKind.TOO_FEW),
        ({"notes": "x" * 501}, ProblemKind.TOO_LONG),
        ({"marks": ["boxcar", "boxcar"]}, ProblemKind.REPEATED_VALUE),
        ({"marks": ["not_sure", "boxcar"]}, ProblemKind.NOT_ALONE),
        ({"notes": "a\x07b"}, ProblemKind.CONTROL_CHARACTER),
        ({"age_group": "teen"}, ProblemKind.NOT_ALLOWED),
        ({"changing_spot": "maybe"}, ProblemKind.NOT_ALLOWED),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_each_kind_is_what_validating_answers_actually_reports(changes, kind):
    assert kinds(answers_dict(**changes)) == [kind]


def test_a_missing_answer_and_text_that_is_not_json_have_kinds_of_their_own():
    data = answers_dict()
    del data["age_group"]
    assert kinds(data) == [ProblemKind.MISSING]
    with pytest.raises(pydantic.ValidationError) as raised:
        Answers.model_validate_json("{not json")
    assert [ProblemKind.of(d["type"]) for d in raised.value.errors()] == [ProblemKind.NOT_JSON]


def test_any_other_error_type_is_a_value_the_question_does_not_take():
    assert ProblemKind.of("int_parsing") is ProblemKind.NOT_ALLOWED
    assert ProblemKind.of("") is ProblemKind.NOT_ALLOWED
    assert all(ProblemKind.of(str(kind)) is kind for kind in ProblemKind)
