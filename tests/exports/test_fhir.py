"""FHIR R4 exports: the Questionnaire and a person's QuestionnaireResponse, checked with fhir.resources.

fhir.resources 8 ships FHIR R5 by default, R4B (4.3.0) and STU3, but no R4 (4.0.1) package. Questionnaire and
QuestionnaireResponse did not change between R4 and R4B, so the R4B models are the closest check the library
offers; they do not check codes against value sets, so the R4 codes and the Questionnaire's R4 invariants
(que-1, que-2, que-5, que-6, que-10) are checked here as well.
"""

import copy
import json
from datetime import date

import pytest
from fhir.resources.R4B import __fhir_version__ as r4b_version
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from hypothesis import given

from exports.fhir import (
    MAX_FHIR_BYTES,
    NONE_OF_THESE,
    OPTION_EXCLUSIVE,
    QUESTIONNAIRE_URL,
    answers_from_fhir,
    answers_from_response,
    bundle,
    code_system,
    questionnaire,
    questionnaire_response,
    takes_none_of_these,
)
from logic import Answers, AnswersError, default_content, parse_answers
from logic.answers import STEP_FIELDS, field_options, is_multi, needs_one
from logic.errors import shown
from logic.vocab import Field, Step
from tests import strategies
from tests.factories import EVERYTHING, make_answers

# Value sets of FHIR R4 (4.0.1), from the specification's pages for these resources.
R4_ITEM_TYPES = {
    "group",
    "display",
    "boolean",
    "decimal",
    "integer",
    "date",
    "dateTime",
    "time",
    "string",
    "text",
    "url",
    "choice",
    "open-choice",
    "attachment",
    "reference",
    "quantity",
}
R4_PUBLICATION_STATUS = {"draft", "active", "retired", "unknown"}
R4_RESPONSE_STATUS = {"in-progress", "completed", "amended", "entered-in-error", "stopped"}

QUIET = make_answers()
FULL = make_answers(**EVERYTHING, notes="Crème — “quoted”\nsecond line")


def question_items(resource: dict) -> list[dict]:
    return [item for group in resource["item"] for item in group["item"]]


# --- The Questionnaire. -----------------------------------------------------------------------------------


def test_the_r4b_models_are_the_ones_checked():
    assert r4b_version == "4.3.0"


def test_the_questionnaire_validates_and_keeps_every_element():
    resource = questionnaire()
    parsed = Questionnaire.model_validate(resource)
    assert json.loads(parsed.model_dump_json(exclude_none=True)) == resource


def test_the_questionnaire_has_a_stable_canonical_url_and_the_content_version():
    resource = questionnaire()
    assert resource["url"] == QUESTIONNAIRE_URL
    assert resource["version"] == default_content().general.content_version
    assert resource["status"] in R4_PUBLICATION_STATUS and resource["status"] == "active"
    assert resource["title"] == default_content().ui.app_title
    assert resource["subjectType"] == ["Patient"]


def test_there_is_one_group_per_step_and_one_item_per_answer_key_in_order():
    resource = questionnaire()
    content = default_content()
    assert [g["linkId"] for g in resource["item"]] == [str(s) for s in STEP_FIELDS]
    assert [g["text"] for g in resource["item"]] == [content.questions.steps[s].title for s in STEP_FIELDS]
    assert all(g["type"] == "group" for g in resource["item"])
    assert [i["linkId"] for i in question_items(resource)] == [str(f) for f in Field]
    assert set(Answers.model_fields) == {i["linkId"] for i in question_items(resource)}


def test_each_item_has_the_type_required_repeats_and_options_of_its_answer_key():
    content = default_content()
    for item in question_items(questionnaire()):
        field = Field(item["linkId"])
        assert item["text"] == content.field_label(field)
        assert item["repeats"] is True if is_multi(field) else "repeats" not in item
        assert item["required"] is (field is not Field.NOTES)
        if field is Field.CHANGING_SPOT:
            assert item["type"] == "boolean"
        elif field is Field.NOTES:
            assert (item["type"], item["maxLength"]) == ("text", 500)
        else:
            assert item["type"] == "choice"
            codings = [option["valueCoding"] for option in item["answerOption"]]
            none_of_these = is_multi(field) and not needs_one(field)
            codes = [str(v) for v in field_options(field)] + ([NONE_OF_THESE] if none_of_these else [])
            displays = [content.option_label(field, v) for v in field_options(field)]
            displays += [content.questions.fields[field].none_label] if none_of_these else []
            assert [c["code"] for c in codings] == codes
            assert [c["display"] for c in codings] == displays
            assert {c["system"] for c in codings} == {code_system(field)}


def test_only_the_note_is_optional_as_in_the_form():
    optional = {i["linkId"] for i in question_items(questionnaire()) if not i["required"]}
    assert optional == {"notes"}


def test_none_of_these_not_sure_and_not_decided_are_exclusive_options():
    exclusive = {
        (item["linkId"], option["valueCoding"]["code"])
        for item in question_items(questionnaire())
        for option in item.get("answerOption", [])
        if option.get("extension") == [{"url": OPTION_EXCLUSIVE, "valueBoolean": True}]
    }
    assert exclusive == {
        ("current_symptoms", NONE_OF_THESE),
        ("conditions", NONE_OF_THESE),
        ("other_treatments", NONE_OF_THESE),
        ("marks", "not_sure"),
        ("routes", "not_decided"),
    }
    assert OPTION_EXCLUSIVE == "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive"


def test_the_questionnaire_keeps_the_r4_rules():
    resource = questionnaire()
    link_ids = []

    def walk(items):
        for item in items:
            link_ids.append(item["linkId"])
            assert item["type"] in R4_ITEM_TYPES
            assert ("item" in item) == (item["type"] == "group")  # que-1
            if "answerOption" in item:
                assert item["type"] in {"choice", "open-choice"}  # que-5
            if "maxLength" in item:
                assert item["type"] in {"string", "text", "url", "open-choice"}  # que-10
            walk(item.get("item", []))

    walk(resource["item"])
    assert len(link_ids) == len(set(link_ids))  # que-2


def test_the_questionnaire_follows_edited_wording():
    content = default_content()
    fields = {**content.questions.fields}
    fields[Field.MARKS] = fields[Field.MARKS].model_copy(update={"label": "Zq which marks?"})
    edited = content.model_copy(update={"questions": content.questions.model_copy(update={"fields": fields})})
    (marks,) = [i for i in question_items(questionnaire(edited)) if i["linkId"] == "marks"]
    assert marks["text"] == "Zq which marks?"


# --- The QuestionnaireResponse. ---------------------------------------------------------------------------


@pytest.mark.parametrize("answers", [QUIET, FULL], ids=["quiet", "full"])
def test_the_response_validates_and_answers_the_questionnaire(answers):
    resource = questionnaire_response(answers)
    parsed = QuestionnaireResponse.model_validate(resource)
    assert json.loads(parsed.model_dump_json(exclude_none=True)) == resource
    assert resource["status"] in R4_RESPONSE_STATUS and resource["status"] == "completed"
    assert resource["questionnaire"] == f"{QUESTIONNAIRE_URL}|{default_content().general.content_version}"
    assert not {"subject", "author", "source", "id"} & set(resource)


def test_every_answer_is_one_of_the_questionnaire_s_options():
    options = {
        i["linkId"]: [o["valueCoding"] for o in i.get("answerOption", [])] for i in question_items(questionnaire())
    }
    for item in question_items(questionnaire_response(FULL)):
        for answer in item["answer"]:
            if "valueCoding" in answer:
                assert answer["valueCoding"] in options[item["linkId"]]


def test_values_are_booleans_codings_and_a_string():
    items = {i["linkId"]: i["answer"] for i in question_items(questionnaire_response(FULL))}
    assert items["changing_spot"] == [{"valueBoolean": True}]
    assert items["notes"] == [{"valueString": "Crème — “quoted”\nsecond line"}]
    assert [a["valueCoding"]["code"] for a in items["marks"]] == EVERYTHING["marks"]
    assert items["age_group"] == [
        {"valueCoding": {"system": code_system(Field.AGE_GROUP), "code": "under_18", "display": "Under 18"}}
    ]


def test_none_of_these_is_exported_as_an_answer_and_an_empty_note_is_left_out():
    items = {i["linkId"]: i["answer"] for i in question_items(questionnaire_response(QUIET))}
    assert set(items) == {str(f) for f in Field} - {"notes"}
    for field in ("current_symptoms", "conditions", "other_treatments"):
        assert [a["valueCoding"]["code"] for a in items[field]] == [NONE_OF_THESE]
        assert items[field][0]["valueCoding"]["system"] == code_system(Field(field))
    assert all(answers for answers in items.values())


def test_none_of_these_with_another_answer_is_refused_when_read_back():
    resource = questionnaire_response(QUIET)
    (symptoms,) = [i for i in question_items(resource) if i["linkId"] == "current_symptoms"]
    symptoms["answer"].append(
        {"valueCoding": {"system": code_system(Field.CURRENT_SYMPTOMS), "code": "rash_or_blisters"}}
    )
    with pytest.raises(AnswersError) as caught:
        answers_from_response(resource)
    assert caught.value.problems == ("current_symptoms: none_of_these cannot be combined with other answers",)


def test_a_500_character_note_with_emoji_fits_the_questionnaire_s_limit_in_utf16_units():
    note = "\N{GRINNING FACE}" * 250
    resource = questionnaire_response(make_answers(notes=note))
    (notes,) = [i for i in question_items(resource) if i["linkId"] == "notes"]
    (limit,) = [i["maxLength"] for i in question_items(questionnaire()) if i["linkId"] == "notes"]
    assert len(notes["answer"][0]["valueString"].encode("utf-16-le")) // 2 == limit == 500
    assert answers_from_response(resource).notes == note


def test_authored_is_the_day_only_when_given():
    assert "authored" not in questionnaire_response(QUIET)
    assert questionnaire_response(QUIET, authored=date(2026, 11, 30))["authored"] == "2026-11-30"


def test_the_bundle_is_a_collection_of_the_two_resources():
    resource = bundle(FULL)
    Bundle.model_validate(resource)
    assert resource["type"] == "collection"
    assert [e["resource"]["resourceType"] for e in resource["entry"]] == ["Questionnaire", "QuestionnaireResponse"]
    assert resource["entry"][1]["resource"]["questionnaire"].startswith(resource["entry"][0]["resource"]["url"] + "|")


# --- Reading a response back. -----------------------------------------------------------------------------


@pytest.mark.parametrize("answers", [QUIET, FULL], ids=["quiet", "full"])
def test_a_response_reads_back_as_the_same_answers(answers):
    assert answers_from_response(questionnaire_response(answers)) == answers
    assert answers_from_response(json.loads(json.dumps(questionnaire_response(answers)))) == answers


def test_a_flat_response_without_groups_is_read_too():
    resource = questionnaire_response(FULL)
    resource["item"] = question_items(resource)
    assert answers_from_response(resource) == FULL


def test_the_version_3_values_read_back_from_a_flat_response_as_other_renderers_fill_it():
    """Inhaled glutathione and a drip at home (spec version 3) survive a response without groups, as LHC-Forms
    and other renderers may send it."""
    answers = make_answers(routes=["injection", "inhaled"], setting="home_service", conditions=["asthma"])
    resource = questionnaire_response(answers)
    resource["item"] = question_items(resource)
    codes = {i["linkId"]: [a.get("valueCoding", {}).get("code") for a in i.get("answer", [])] for i in resource["item"]}
    assert codes["routes"] == ["injection", "inhaled"] and codes["setting"] == ["home_service"]
    assert answers_from_response(json.loads(json.dumps(resource))) == answers


def test_fhir_json_text_reads_back_from_a_response_or_a_bundle_holding_one():
    for resource in (questionnaire_response(FULL), bundle(FULL, default_content("fil"))):
        text = json.dumps(resource, ensure_ascii=False)
        assert answers_from_fhir(text) == answers_from_fhir(text.encode()) == FULL


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{", "the FHIR text is not valid JSON (Expecting property name enclosed in double quotes: line 1 column 2"),
        (b"\xff{}", "the FHIR text is not valid JSON ('utf-8' codec can't decode byte 0xff in position 0"),
        ("[" * 50_000, "the FHIR text is nested too deep to be a QuestionnaireResponse"),
        (
            " " * (MAX_FHIR_BYTES + 1),
            f"the FHIR text is {MAX_FHIR_BYTES + 1:,} bytes long; it may be at most 1,048,576",
        ),
        ('{"resourceType": "Bundle"}', "a Bundle must hold exactly one QuestionnaireResponse; this one holds 0"),
        ("[]", 'not a FHIR QuestionnaireResponse: expected an object with "resourceType": "QuestionnaireResponse"'),
    ],
)
def test_fhir_json_text_that_holds_no_response_is_refused_naming_where_it_came_from(text, problem):
    with pytest.raises(AnswersError) as caught:
        answers_from_fhir(text, source="response.json")
    assert caught.value.source == "response.json"
    assert len(caught.value.problems) == 1
    assert caught.value.problems[0].startswith(problem)


def test_a_bundle_with_two_responses_is_refused_as_it_cannot_say_whose_answers_to_read():
    two = bundle(FULL)
    two["entry"].append({"resource": questionnaire_response(QUIET)})
    with pytest.raises(AnswersError) as caught:
        answers_from_fhir(json.dumps(two))
    assert caught.value.problems == ("a Bundle must hold exactly one QuestionnaireResponse; this one holds 2",)


def test_the_problems_of_a_response_in_fhir_text_name_where_it_came_from():
    resource = questionnaire_response(FULL)
    resource["questionnaire"] = "https://example.org/other|1"
    with pytest.raises(AnswersError) as caught:
        answers_from_fhir(json.dumps(resource), source="standard input")
    assert caught.value.format_message() == (
        "standard input: the answers are not valid:\n"
        f"  - the response answers another questionnaire; expected {QUESTIONNAIRE_URL}"
    )


def refusal(resource) -> tuple[str, ...]:
    with pytest.raises(AnswersError) as caught:
        answers_from_response(resource)
    return caught.value.problems


def changed(change) -> dict:
    resource = copy.deepcopy(questionnaire_response(FULL))
    change({i["linkId"]: i for i in question_items(resource)}, resource)
    return resource


@pytest.mark.parametrize(
    ("resource", "expected"),
    [
        ([], "not a FHIR QuestionnaireResponse"),
        ({"resourceType": "Patient"}, "not a FHIR QuestionnaireResponse"),
        ({**questionnaire_response(QUIET), "questionnaire": "https://e.invalid/Q|1"}, "another questionnaire"),
        ({**questionnaire_response(QUIET), "item": "nope"}, "item: expected a list"),
        (changed(lambda i, r: i["marks"]["answer"][0]["valueCoding"].update(code="mole")), 'marks[0]: "mole"'),
        (changed(lambda i, r: i["marks"]["answer"][0]["valueCoding"].update(system="x")), "valueCoding from"),
        (changed(lambda i, r: i["age_group"].update(answer=[{"valueString": "under_18"}])), "age_group: each answer"),
        (changed(lambda i, r: i["changing_spot"].update(answer=[{"valueBoolean": "yes"}])), "changing_spot: "),
        (changed(lambda i, r: i["age_group"]["answer"].append(i["age_group"]["answer"][0])), "takes one answer"),
        (changed(lambda i, r: r["item"][0]["item"].append(i["distress"])), "answered more than once"),
        (changed(lambda i, r: r["item"][0]["item"].remove(i["distress"])), "distress: missing"),
        (changed(lambda i, r: r["item"][0]["item"].append({"linkId": "shoe"})), 'item "shoe": not a question'),
        (changed(lambda i, r: r["item"][0]["item"].append({"text": "x"})), "needs a linkId"),
        (changed(lambda i, r: i["marks"].update(answer={})), "marks: answer must be a list"),
        (changed(lambda i, r: i["routes"]["answer"].append(i["routes"]["answer"][0])), "given more than once"),
    ],
)
def test_a_response_that_does_not_fit_is_refused_with_a_readable_line(resource, expected):
    problems = refusal(resource)
    assert any(expected in problem for problem in problems), problems


@pytest.mark.parametrize("link_id", ["shoe\n  - marks: forged line", "\x1b[31mred\x1b[0m", "\u009b2J", "k" * 5_000])
def test_someone_else_s_text_is_shown_on_one_short_line(link_id):
    (problem,) = refusal(changed(lambda i, r: r["item"][0]["item"].append({"linkId": link_id})))
    assert "not a question this questionnaire asks" in problem
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in problem)
    assert len(problem) < 200


def test_the_problems_listed_are_bounded():
    resource = changed(lambda i, r: i["marks"].update(answer=[{"valueCoding": {}}] * 20_000))
    problems = refusal(resource)
    assert len(problems) <= 20
    assert "more problems" in problems[-1]


def test_a_note_of_only_spaces_is_left_out_because_fhir_has_no_string_for_it():
    for note in ("\u00a0", "  \n\t"):
        resource = questionnaire_response(make_answers(notes=note))
        QuestionnaireResponse.model_validate(resource)
        assert "notes" not in {i["linkId"] for i in question_items(resource)}


# --- Properties over every answer set the spec allows: FHIR round trips --------------------------------------------


QUESTIONNAIRE = questionnaire()


OPTIONS = {
    item["linkId"]: [option["valueCoding"] for option in item.get("answerOption", [])]
    for group in QUESTIONNAIRE["item"]
    for item in group["item"]
}


@given(strategies.answers())
def test_answers_come_back_unchanged_from_a_questionnaire_response(answers: Answers):
    resource = questionnaire_response(answers)
    # A note of only spaces is no note: FHIR has no string for it.
    expected = answers if answers.notes.strip() else answers.model_copy(update={"notes": ""})
    assert answers_from_response(resource) == expected
    assert answers_from_response(json.loads(json.dumps(resource))) == expected


@given(strategies.answers())
def test_every_questionnaire_response_validates_and_uses_only_the_questionnaire_s_options(answers: Answers):
    resource = questionnaire_response(answers)
    QuestionnaireResponse.model_validate(resource)
    for group in resource["item"]:
        for item in group["item"]:
            assert item["answer"]
            for answer in item["answer"]:
                if "valueCoding" in answer:
                    assert answer["valueCoding"] in OPTIONS[item["linkId"]]


def test_every_item_is_an_answer_key_and_every_option_code_a_spec_value():
    assert set(OPTIONS) == set(Answers.model_fields) == {str(f) for f in Field}
    for link_id, codings in OPTIONS.items():
        extra = [NONE_OF_THESE] if takes_none_of_these(Field(link_id)) else []
        assert [c["code"] for c in codings] == [str(v) for v in field_options(Field(link_id))] + extra


def test_the_bundle_s_response_carries_the_day_it_was_authored():
    made = bundle(QUIET, authored=date(2026, 11, 30))
    [response] = [e["resource"] for e in made["entry"] if e["resource"]["resourceType"] == "QuestionnaireResponse"]
    assert response["authored"] == "2026-11-30"


def refused(resource: dict) -> list[str]:
    with pytest.raises(AnswersError) as error:
        answers_from_response(resource)
    return list(error.value.problems)


def test_a_response_whose_items_are_not_a_list_is_told_so():
    resource = questionnaire_response(QUIET)
    resource["item"] = {"linkId": "safety"}
    assert refused(resource) == ["item: expected a list of items"]


def test_each_malformed_item_is_named_and_reading_goes_on_past_it():
    resource = questionnaire_response(QUIET)
    system = code_system(Field.DISTRESS)
    groups = resource["item"]
    groups[0]["item"] = [
        item for item in groups[0]["item"] if item["linkId"] not in (Field.DISTRESS, Field.CHANGING_SPOT)
    ] + [
        5,
        {"linkId": "about_you", "item": []},  # a group inside a group is no question
        {"linkId": str(Field.DISTRESS), "answer": [5]},
        {"linkId": str(Field.DISTRESS), "answer": [{"valueCoding": {"system": system, "code": "none"}}]},
        {"linkId": str(Field.CHANGING_SPOT), "answer": {"valueBoolean": False}},
    ]
    age = next(item for item in groups[1]["item"] if item["linkId"] == Field.AGE_GROUP)
    age["answer"] = [{"valueCoding": {"system": code_system(Field.AGE_GROUP)}}]
    conditions = next(item for item in groups[1]["item"] if item["linkId"] == Field.CONDITIONS)
    conditions["answer"] = [{"valueString": "kidney"}]
    problems = refused(resource)
    assert problems == [
        f"item {shown(5)}: needs a linkId naming a question",
        f"item {shown('about_you')}: not a question this questionnaire asks",
        f"distress: each answer needs a valueCoding from {system}",
        "distress: answered more than once in the response",
        "changing_spot: answer must be a list",
        "age_group: each answer needs a valueCoding",
        f"conditions: each answer needs a valueCoding from {code_system(Field.CONDITIONS)}",
    ]


def test_an_item_without_answers_is_an_unanswered_question():
    resource = questionnaire_response(QUIET)
    age = next(item for item in resource["item"][1]["item"] if item["linkId"] == Field.AGE_GROUP)
    del age["answer"]
    data = QUIET.model_dump(mode="json")
    del data[Field.AGE_GROUP]
    with pytest.raises(AnswersError) as unanswered:  # the same answers given as a file, without that answer
        parse_answers(json.dumps(data))
    assert refused(resource) == list(unanswered.value.problems)


def test_a_versioned_canonical_names_the_questionnaire_by_what_comes_before_its_first_bar():
    resource = questionnaire_response(QUIET)
    resource["questionnaire"] = f"{QUESTIONNAIRE_URL}|2|draft"
    assert answers_from_response(resource) == QUIET


def test_what_is_not_a_response_is_told_in_one_line():
    assert refused([]) == [
        'not a FHIR QuestionnaireResponse: expected an object with "resourceType": "QuestionnaireResponse"'
    ]


def unanswered(fields) -> list[str]:
    """The problems of the quiet answers given as a file without `fields`."""
    data = QUIET.model_dump(mode="json")
    for field in fields:
        del data[field]
    with pytest.raises(AnswersError) as caught:
        parse_answers(json.dumps(data))
    return list(caught.value.problems)


def test_a_response_or_a_group_without_items_has_its_questions_unanswered():
    resource = questionnaire_response(QUIET)
    del resource["item"]
    assert refused(resource) == unanswered(f for f in Field if f is not Field.NOTES and not takes_none_of_these(f))
    resource = questionnaire_response(QUIET)
    del resource["item"][1]["item"]
    fields = [f for f in STEP_FIELDS[Step.ABOUT_YOU] if not takes_none_of_these(f)]
    assert refused(resource) == unanswered(fields)


def test_a_group_inside_a_group_is_not_read_for_answers():
    resource = questionnaire_response(QUIET)
    about_you = resource["item"].pop(1)
    resource["item"][0]["item"].append(about_you)
    assert refused(resource)[0] == f"item {shown('about_you')}: not a question this questionnaire asks"


def test_an_answer_without_its_value_is_told_which_value_it_needs():
    resource = changed(lambda i, r: i["changing_spot"].update(answer=[{}]))
    assert refused(resource) == ["changing_spot: each answer needs a valueBoolean"]
