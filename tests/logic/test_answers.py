"""Every kind of bad input is refused with a line that names the field and says what is allowed."""

import json

import pydantic
import pytest

from logic import Answers, AnswersError, parse_answers
from logic.answers import (
    NOTES_MAX_CODE_POINTS,
    NOTES_MAX_LENGTH,
    STEP_FIELDS,
    _several,
    dont_know,
    field_options,
    is_multi,
    is_text,
    is_yes_no,
    needs_one,
    text_length,
)
from logic.errors import answer_problems
from logic.vocab import Distress, Field, Mark, Pregnancy, Route, Setting, SkinType, Step, YesNoNotSure
from tests.factories import answers_dict, make_answers


def problems(data) -> list[str]:
    text = data if isinstance(data, str) else json.dumps(data)
    with pytest.raises(AnswersError) as caught:
        parse_answers(text)
    return list(caught.value.problems)


def test_valid_answers_are_accepted_and_frozen():
    answers = parse_answers(json.dumps(answers_dict()))
    assert answers.marks == ("brown_marks",)
    with pytest.raises(Exception, match="frozen"):
        answers.age_group = "under_18"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"age_group": "teen"},
            'age_group: "teen" is not allowed; allowed: one of under_18, 18_to_24, 25_to_39, 40_plus',
        ),
        ({"skin_type": "iv"}, 'skin_type: "iv" is not allowed; allowed: one of I, II, III, IV, V, VI, not_sure'),
        ({"marks": ["dimple"]}, 'marks[0]: "dimple" is not allowed'),
        ({"marks": []}, "marks: needs at least one value from brown_marks"),
        ({"routes": []}, "routes: needs at least one value"),
        ({"goals": []}, "goals: needs at least one value"),
        ({"marks": ["boxcar", "boxcar"]}, "marks: boxcar is given more than once"),
        ({"conditions": ["asthma", "asthma"]}, "conditions: asthma is given more than once"),
        ({"marks": ["not_sure", "boxcar"]}, "marks: not_sure stands alone and cannot be combined"),
        ({"routes": ["oral", "not_decided"]}, "routes: not_decided stands alone and cannot be combined"),
        ({"changing_spot": "true"}, 'changing_spot: "true" is not allowed; allowed: true or false'),
        ({"changing_spot": 1}, "changing_spot: 1 is not allowed; allowed: true or false"),
        ({"marks": "boxcar"}, 'marks: "boxcar" is not allowed; allowed: a list of distinct values'),
        ({"distress": ["none"]}, 'distress: ["none"] is not allowed; allowed: one of none'),
        ({"notes": 5}, "notes: 5 is not allowed; allowed: text of at most 500 characters"),
        ({"notes": "x" * (NOTES_MAX_LENGTH + 1)}, "notes: 501 characters is too long; at most 500 are allowed"),
        ({"notes": "bell\x07"}, "notes: a control character (U+0007) at position 5"),
        ({"notes": "line\r\nbreak"}, "notes: a control character (U+000D) at position 5"),
        ({"notes": "\x9b"}, "notes: a control character (U+009B) at position 1"),
        ({"shoe_size": 9}, "shoe_size: not a question this questionnaire asks"),
    ],
)
def test_bad_value_is_refused_naming_the_field(changes, expected):
    found = problems(answers_dict(**changes))
    assert any(line.startswith(expected) for line in found), found


@pytest.mark.parametrize("field", [f for f in Field if is_multi(f)])
def test_every_list_question_refuses_a_value_given_twice(field):
    value = str(field_options(field)[0])
    assert problems(answers_dict(**{field: [value, value]})) == [
        f"{field}: {value} is given more than once; each value may appear only once"
    ]


def test_missing_key_is_named_with_what_it_needs():
    data = answers_dict()
    del data["setting"]
    assert problems(data) == [
        "setting: missing; it needs one of dermatologist, other_medical, spa_or_salon, home_service, self_at_home, "
        "online_purchase, not_decided"
    ]


def test_notes_may_be_left_out_but_every_other_key_is_required():
    data = answers_dict()
    del data["notes"]
    assert parse_answers(json.dumps(data)).notes == ""


def test_newline_and_tab_are_allowed_in_notes():
    assert parse_answers(json.dumps(answers_dict(notes="a\n\tb"))).notes == "a\n\tb"


def test_several_problems_are_all_listed():
    found = problems(answers_dict(age_group="x", marks=[], routes=["oral", "oral"]))
    assert [line.split(":")[0] for line in found] == ["age_group", "marks", "routes"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the answers are empty"),
        ("   \n", "the answers are empty"),
        ("{not json", "the answers are not valid JSON"),
        ("[]", "the answers must be a JSON object"),
        ("[1, 2]", "the answers must be a JSON object"),
        ('"marks"', "the answers must be a JSON object"),
        ("null", "the answers must be a JSON object"),
        ("[" * 5000 + "]" * 5000, "the answers are not valid JSON"),
        (" " * 70_000, "the answers are 70,000 bytes long"),
    ],
)
def test_text_that_is_not_an_answers_object_is_refused(text, expected):
    found = problems(text)
    assert len(found) == 1
    assert found[0].startswith(expected)


def test_the_notes_limit_counts_characters_as_a_person_does():
    emoji = "\N{THUMBS UP SIGN}\N{EMOJI MODIFIER FITZPATRICK TYPE-4}"  # one emoji, two code points, four UTF-16 units
    flag = "\N{REGIONAL INDICATOR SYMBOL LETTER P}\N{REGIONAL INDICATOR SYMBOL LETTER H}"
    accent = "e\N{COMBINING ACUTE ACCENT}"
    family = "\N{MAN}\N{ZERO WIDTH JOINER}\N{WOMAN}\N{ZERO WIDTH JOINER}\N{GIRL}\N{ZERO WIDTH JOINER}\N{BOY}"
    assert [text_length(t) for t in (emoji, flag, accent, family, "ab\n")] == [1, 1, 1, 1, 3]
    assert make_answers(notes=emoji * 500).notes == emoji * 500
    assert make_answers(notes=family * 500).notes == family * 500
    with pytest.raises(pydantic.ValidationError) as caught:
        make_answers(notes="a" + emoji * 500)
    assert answer_problems(caught.value) == ["notes: 501 characters is too long; at most 500 are allowed"]
    assert "grapheme" in Answers.model_json_schema()["properties"]["notes"]["description"]


def test_a_character_stacked_with_many_accents_counts_as_its_code_points():
    stacked = "a" + "\N{COMBINING ACUTE ACCENT}" * 40  # one cluster of 41 code points
    assert text_length(stacked) == 41
    with pytest.raises(pydantic.ValidationError) as caught:
        make_answers(notes=stacked * 13)
    assert answer_problems(caught.value) == ["notes: 533 characters is too long; at most 500 are allowed"]
    assert Answers.model_json_schema()["properties"]["notes"]["maxLength"] == NOTES_MAX_CODE_POINTS


# --- logic/answers.py: what kind each question is ------------------------------------------------------


def test_a_list_answer_type_refuses_empty_only_when_it_needs_one_and_is_unique_in_the_schema():
    needs = pydantic.TypeAdapter(_several(Mark, at_least_one=True))
    may = pydantic.TypeAdapter(_several(Mark))
    assert may.validate_python([]) == ()
    with pytest.raises(pydantic.ValidationError):
        needs.validate_python([])
    assert needs.validate_python(["keloid"]) == (Mark.KELOID,)
    assert needs.json_schema()["minItems"] == 1
    assert needs.json_schema()["uniqueItems"] is True
    assert may.json_schema()["minItems"] == 0
    assert may.json_schema()["uniqueItems"] is True


def test_the_kind_of_each_question():
    assert field_options(Field.CHANGING_SPOT) == ()
    assert field_options(Field.NOTES) == ()
    assert field_options(Field.MARKS) == tuple(Mark)
    assert field_options(Field.SKIN_TYPE) == tuple(SkinType)
    assert [f for f in Field if is_yes_no(f)] == [Field.CHANGING_SPOT]
    assert [f for f in Field if is_text(f)] == [Field.NOTES]
    assert [f for f in Field if needs_one(f)] == [Field.MARKS, Field.ROUTES, Field.GOALS]
    assert not needs_one(Field.NOTES)
    assert not needs_one(Field.CHANGING_SPOT)
    assert not needs_one(Field.CONDITIONS)
    assert {f for f in Field if is_multi(f)} == {
        Field.CURRENT_SYMPTOMS,
        Field.CONDITIONS,
        Field.MARKS,
        Field.ROUTES,
        Field.OTHER_TREATMENTS,
        Field.GOALS,
    }


def test_each_question_is_on_exactly_one_page():
    pages = [field for fields in STEP_FIELDS.values() for field in fields]
    assert sorted(pages) == sorted(Field)
    assert Field.CURRENT_SYMPTOMS in STEP_FIELDS[Step.SAFETY]
    assert Field.NOTES in STEP_FIELDS[Step.PLANS]


def test_the_answer_that_means_i_dont_know_is_named_for_each_question_that_has_one():
    assert dont_know(Field.DISTRESS) is Distress.PREFER_NOT_TO_SAY
    assert dont_know(Field.PREGNANCY) is Pregnancy.PREFER_NOT_TO_SAY
    assert dont_know(Field.PREVIOUS_REACTION) is YesNoNotSure.NOT_SURE
    assert dont_know(Field.SKIN_TYPE) is SkinType.NOT_SURE
    assert dont_know(Field.MARKS) is Mark.NOT_SURE
    assert dont_know(Field.ROUTES) is Route.NOT_DECIDED
    assert dont_know(Field.SETTING) is Setting.NOT_DECIDED
    for field in (Field.AGE_GROUP, Field.CHANGING_SPOT, Field.NOTES, Field.GOALS, Field.CONDITIONS):
        assert dont_know(field) is None
    # The other five that have one: isotretinoin, severity, mark age, active acne, keloid history.
    assert sum(dont_know(f) is not None for f in Field) == 12
