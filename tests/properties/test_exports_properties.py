"""Properties of the exports over every answer set the spec allows: FHIR round trips, and the PDF never fails."""

import io
import json

from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader

from exports import answers_from_response, questionnaire, questionnaire_response, render_pdf
from exports.fhir import NONE_OF_THESE, takes_none_of_these
from logic import Answers, evaluate, parse_answers
from logic.answers import field_options
from logic.vocab import Field
from tests import strategies
from tests.unit.test_pdf import DAY, check_first_things_first

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


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.answers())
def test_any_answers_make_a_pdf_of_two_pages_at_most_that_puts_first_things_first(answers: Answers):
    pdf = render_pdf(evaluate(answers), answers, today=DAY)
    assert pdf.startswith(b"%PDF-")
    assert 1 <= len(PdfReader(io.BytesIO(pdf)).pages) <= 2
    check_first_things_first(answers, pdf)


@given(strategies.answers())
def test_the_saved_answers_file_reads_back_as_the_same_answers(answers: Answers):
    """What "Save my answers" hands out is exactly what "Resume from a file" accepts."""
    assert parse_answers(answers.model_dump_json(indent=2)) == answers
    assert parse_answers(answers.model_dump_json(indent=2).encode("utf-8")) == answers
