"""ui/state.py: the draft the widgets feed, moving between pages, starting over, and resuming from an
answers file (refused whole, in plain words, when it is not a good one)."""

import json

import pytest

from logic import Answers, default_content, evaluate
from logic.vocab import Field, Step
from tests.support.apptest import (
    PERSON,
    answer,
    complete,
    fill_step,
    open_files,
    page_text,
    start_over,
    upload,
)
from ui.state import DRAFT, PAGE, widget_key

CONTENT = default_content()

FILES = CONTENT.ui.files
AGE = CONTENT.field_label(Field.AGE_GROUP)
NOT_OURS = [FILES.not_answers_file]


def test_back_keeps_every_answer(at):
    at.button(key="start").click().run()
    fill_step(at, Step.SAFETY, PERSON)
    at.button(key="next").click().run()
    fill_step(at, Step.ABOUT_YOU, PERSON)
    at.button(key="back").click().run()
    assert at.radio(key=widget_key(Field.DISTRESS)).value == PERSON["distress"]
    at.button(key="next").click().run()
    assert at.radio(key=widget_key(Field.AGE_GROUP)).value == PERSON["age_group"]
    assert at.checkbox(key=widget_key(Field.CONDITIONS, "__none__")).value is True


def test_an_answer_the_widget_shows_reaches_the_draft_even_if_its_callback_was_lost(at):
    """Seen under heavy load: a click shown in the browser whose on_change never ran."""
    at.button(key="start").click().run()
    at.session_state[widget_key(Field.DISTRESS)] = "none"
    at.session_state[widget_key(Field.CURRENT_SYMPTOMS, "infection_signs")] = True
    at.run()
    assert at.session_state[DRAFT][Field.DISTRESS] == "none"
    assert at.session_state[DRAFT][Field.CURRENT_SYMPTOMS] == ["infection_signs"]


def test_start_over_clears_every_answer(at):
    complete(at, PERSON)
    start_over(at)
    assert at.session_state[PAGE] == "welcome"
    assert DRAFT not in at.session_state
    at.button(key="start").click().run()
    assert at.checkbox(key=widget_key(Field.CURRENT_SYMPTOMS, "__none__")).value is False
    assert all(radio.value is None for radio in at.radio)


def shows_the_summary_of(at, answers: Answers) -> None:
    """The page is the summary of exactly these answers, with every flag they raise."""
    assert not at.exception
    assert at.session_state[PAGE] == "summary"
    assert Answers.model_validate(at.session_state[DRAFT]) == answers
    text = page_text(at)
    for flag in evaluate(answers).flags:
        assert flag.title in text


def test_a_saved_answers_file_brings_back_the_same_summary(at):
    complete(at, PERSON)
    saved = at.session_state[DRAFT]
    answers = Answers.model_validate(saved)
    start_over(at)
    upload(at, answers.model_dump_json(indent=2).encode())
    shows_the_summary_of(at, answers)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("answers.json", json.dumps({**PERSON, "shoe_size": 42}).encode(), [FILES.not_a_question]),
        (
            "answers.json",
            json.dumps({**PERSON, "age_group": "teen"}).encode(),
            [FILES.wrong_answer.format(question=AGE)],
        ),
        (
            "answers.json",
            json.dumps({k: v for k, v in PERSON.items() if k != "age_group"}).encode(),
            [FILES.no_answer.format(question=AGE)],
        ),
        ("answers.json", b"this is not json", NOT_OURS),
        ("answers.json", json.dumps({"resourceType": "Patient"}).encode(), NOT_OURS),
        ("answers.json", json.dumps({"resourceType": "Bundle"}).encode(), [FILES.fhir_not_read]),
        (
            "response.json",
            json.dumps({"resourceType": "QuestionnaireResponse", "item": []}).encode(),
            [FILES.fhir_not_read],
        ),
        ("answers.json", b"x" * 10_000_000, NOT_OURS),
        ("summary.pdf", b"%PDF-1.7 ...", NOT_OURS),
    ],
    ids=[
        "unknown question",
        "wrong answer",
        "missing answer",
        "not json",
        "other json",
        "an empty FHIR bundle",
        "a FHIR response without answers",
        "too long",
        "a pdf",
    ],
)
def test_a_bad_answers_file_is_refused_whole_with_each_problem_in_plain_words(at, name, content, expected):
    at.button(key="start").click().run()
    answer(at, Field.DISTRESS, "none")
    at.button(key="back").click().run()
    before = dict(at.session_state[DRAFT])
    upload(at, content, name, "application/octet-stream")
    assert not at.exception
    assert at.session_state[PAGE] == "welcome"
    assert at.session_state[DRAFT] == before
    [shown] = [e.value for e in at.error if e.value.startswith(FILES.resume_failed)]
    assert shown == FILES.resume_failed + "\n\n" + "\n".join(f"- {line}" for line in expected)


def test_a_clinic_s_fhir_record_of_the_answers_brings_back_the_same_summary(at):
    """A QuestionnaireResponse to this questionnaire, as a clinic's FHIR form tool saves it (here inside the
    Bundle the summary's FHIR download makes), opens on the welcome page like an answers file."""
    from exports import bundle

    answers = Answers.model_validate(PERSON)
    upload(at, json.dumps(bundle(answers)).encode(), "answers-fhir.json")
    shows_the_summary_of(at, answers)


def test_the_file_chooser_is_drawn_only_once_its_fold_is_opened_and_stays_open_while_a_file_is_refused(at):
    """Issue 27: a first page does not draw the chooser (nearly everyone presses Start); opening the fold does,
    and a refused file leaves it open with the reasons and a new, empty chooser to try again."""
    assert FILES.resume_title in [e.label for e in at.expander]
    assert not at.file_uploader
    assert FILES.resume_help not in page_text(at)
    open_files(at)
    assert [u.label for u in at.file_uploader] == [FILES.resume_label]
    assert FILES.resume_help in page_text(at)
    upload(at, b"this is not json")
    assert [u.label for u in at.file_uploader] == [FILES.resume_label]
    assert at.file_uploader[0].value is None
    assert any(e.value.startswith(FILES.resume_failed) for e in at.error)
    at.run()  # the next run, as after any click on the page: still open, the reasons still shown
    assert at.file_uploader and any(e.value.startswith(FILES.resume_failed) for e in at.error)


def test_a_new_file_clears_the_last_file_s_messages(at):
    def told() -> list[str]:
        return [e.value for e in at.error if e.value.startswith(FILES.resume_failed)]

    upload(at, b"this is not json")
    assert told()
    upload(at, Answers.model_validate(PERSON).model_dump_json().encode())
    assert at.session_state[PAGE] == "summary"
    at.button(key="start_over").click().run()
    at.button(key="start_over_yes").click().run()
    assert at.session_state[PAGE] == "welcome"
    assert not told()
