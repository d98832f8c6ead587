"""The web questionnaire, driven through Streamlit's AppTest."""

import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from logic import Answers, default_content, evaluate
from logic.vocab import Field, FlagId, Step
from tests.app.conftest import APP, answer, complete, fill_step, page_text
from tests.factories import answers_dict
from ui.state import DRAFT, PAGE, widget_key

CONTENT = default_content()
PERSON = answers_dict(
    current_symptoms=[],
    marks=["red_marks", "icepick"],
    skin_type="IV",
    routes=["injection"],
    setting="online_purchase",
    other_treatments=["laser"],
    goals=["fade_red_marks", "smooth_pits"],
    notes="Please check my left cheek.",
)


def test_the_welcome_page_says_what_this_is_and_that_nothing_is_stored(at):
    text = page_text(at)
    assert not at.exception
    assert CONTENT.ui.welcome.privacy in text
    assert CONTENT.ui.welcome.what_it_is_not in text
    assert at.button(key="start").label == CONTENT.ui.welcome.start


def test_a_full_path_reaches_the_summary_with_the_same_flags_as_evaluate(at):
    complete(at, PERSON)
    assert not at.exception
    assert at.session_state[PAGE] == "summary"
    expected = evaluate(Answers.model_validate(PERSON))
    text = page_text(at)
    shown = [f for f in expected.flags if f.title in text]
    assert shown == list(expected.flags)
    assert {FlagId.UNSAFE_INJECTION_SETTING, FlagId.SUNKEN_SCARS, FlagId.DARKER_SKIN_PROCEDURES} <= {
        f.id for f in expected.flags
    }
    for section in expected.article:
        assert section.title in text
    for mark in expected.marks:
        assert mark.name in text
    assert expected.disclaimer in text
    assert at.get("download_button")


def test_no_radio_starts_with_an_answer(at):
    at.button(key="start").click().run()
    for step in Step:
        assert all(radio.value is None for radio in at.radio)
        fill_step(at, step, PERSON)
        at.button(key="next").click().run()


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


def test_a_missing_answer_blocks_next_and_says_which_and_why(at):
    at.button(key="start").click().run()
    answer(at, Field.CURRENT_SYMPTOMS, [])
    answer(at, Field.CHANGING_SPOT, False)
    at.button(key="next").click().run()
    assert at.session_state[PAGE] == Step.SAFETY
    errors = [e.value for e in at.error]
    assert CONTENT.ui.validation.heading in errors
    assert any(CONTENT.ui.validation.why in e and "I’d rather not say" in e for e in errors)
    answer(at, Field.DISTRESS, "none")
    assert CONTENT.ui.validation.why not in page_text(at)
    assert CONTENT.ui.validation.heading not in [e.value for e in at.error]
    at.button(key="next").click().run()
    assert at.session_state[PAGE] == Step.ABOUT_YOU


def test_an_urgent_answer_shows_its_message_at_once_and_the_person_can_go_on(at):
    at.button(key="start").click().run()
    answer(at, Field.CURRENT_SYMPTOMS, ["breathing_or_swelling"])
    flag = CONTENT.flags[FlagId.POSSIBLE_ANAPHYLAXIS]
    assert any(flag.title in e.value and flag.action in e.value for e in at.error)
    answer(at, Field.CHANGING_SPOT, False)
    answer(at, Field.DISTRESS, "none")
    at.button(key="next").click().run()
    assert at.session_state[PAGE] == Step.ABOUT_YOU


def test_signs_of_organ_harm_show_their_message_at_once(at):
    at.button(key="start").click().run()
    answer(at, Field.CURRENT_SYMPTOMS, ["jaundice_or_dark_urine"])
    flag = CONTENT.flags[FlagId.POSSIBLE_ORGAN_HARM]
    assert any(flag.title in e.value and flag.action in e.value for e in at.error)


def test_isotretinoin_while_trying_for_a_baby_is_told_at_once_on_the_about_you_page(at):
    at.button(key="start").click().run()
    fill_step(at, Step.SAFETY, PERSON)
    at.button(key="next").click().run()
    flag = CONTENT.flags[FlagId.ISOTRETINOIN_PREGNANCY]
    answer(at, Field.PREGNANCY, "trying")
    assert not any(flag.title in e.value for e in at.error)
    answer(at, Field.ISOTRETINOIN, "current")
    assert [e.value for e in at.error if flag.title in e.value] == [
        f"**{flag.title}**\n\n{flag.action}\n\n{flag.reason}"
    ]
    answer(at, Field.ISOTRETINOIN, "within_6_months")
    assert not any(flag.title in e.value for e in at.error)


def test_self_harm_answer_shows_help_at_once(at):
    at.button(key="start").click().run()
    answer(at, Field.DISTRESS, "self_harm_thoughts")
    assert any(CONTENT.flags[FlagId.SELF_HARM].action in e.value for e in at.error)


def test_none_of_these_and_not_sure_stand_alone(at):
    at.button(key="start").click().run()
    answer(at, Field.CURRENT_SYMPTOMS, ["rash_or_blisters"])
    at.checkbox(key=widget_key(Field.CURRENT_SYMPTOMS, "__none__")).check().run()
    assert at.checkbox(key=widget_key(Field.CURRENT_SYMPTOMS, "rash_or_blisters")).value is False
    assert at.session_state[DRAFT][Field.CURRENT_SYMPTOMS] == []
    for step in (Step.SAFETY, Step.ABOUT_YOU):
        fill_step(at, step, PERSON)
        at.button(key="next").click().run()
    answer(at, Field.MARKS, ["boxcar", "rolling"])
    at.checkbox(key=widget_key(Field.MARKS, "not_sure")).check().run()
    assert at.session_state[DRAFT][Field.MARKS] == ["not_sure"]
    at.checkbox(key=widget_key(Field.MARKS, "keloid")).check().run()
    assert at.session_state[DRAFT][Field.MARKS] == ["keloid"]


def test_the_skin_type_helper_suggests_the_darker_type_and_can_fill_it_in(at):
    at.button(key="start").click().run()
    for step in (Step.SAFETY, Step.ABOUT_YOU):
        fill_step(at, step, PERSON)
        at.button(key="next").click().run()
    at.radio(key="helper:burn").set_value("II").run()
    at.radio(key="helper:colour").set_value("IV").run()
    suggested = CONTENT.option_label(Field.SKIN_TYPE, "IV")
    assert any(suggested in i.value for i in at.info)
    at.button(key="helper:use").click().run()
    assert at.radio(key=widget_key(Field.SKIN_TYPE)).value == "IV"
    assert at.session_state[DRAFT][Field.SKIN_TYPE] == "IV"


def test_editing_from_the_review_page_changes_the_summary(at):
    complete(at, PERSON)
    assert CONTENT.flags[FlagId.PREGNANCY_OR_BREASTFEEDING].title not in page_text(at)
    at.session_state[PAGE] = "review"
    at.run()
    at.button(key=f"edit:{Step.ABOUT_YOU}").click().run()
    assert at.session_state[PAGE] == Step.ABOUT_YOU
    answer(at, Field.PREGNANCY, "breastfeeding")
    at.button(key="next").click().run()
    assert at.session_state[PAGE] == "review"
    at.button(key="next").click().run()
    assert CONTENT.flags[FlagId.PREGNANCY_OR_BREASTFEEDING].title in page_text(at)


def test_the_review_page_lists_every_answer_with_a_change_button_per_step(at):
    complete(at, PERSON)
    at.session_state[PAGE] = "review"
    at.run()
    text = page_text(at)
    answers = Answers.model_validate(PERSON)
    for field in Field:
        if field is not Field.NOTES:
            assert CONTENT.answer_text(answers, field) in text
    assert [e.value for e in at.get("text")] == [PERSON["notes"]]
    assert {b.key for b in at.button if b.key and b.key.startswith("edit:")} == {f"edit:{s}" for s in Step}


def test_start_over_asks_first_and_no_keeps_every_answer(at):
    complete(at, PERSON)
    at.button(key="start_over").click().run()
    assert at.session_state[PAGE] == "summary"
    assert CONTENT.ui.nav.start_over_ask in [w.value for w in at.warning]
    at.button(key="start_over_no").click().run()
    assert at.session_state[PAGE] == "summary" and at.session_state[DRAFT] == PERSON
    assert CONTENT.ui.nav.start_over_ask not in [w.value for w in at.warning]


def test_change_my_answers_goes_back_to_the_review_with_every_answer(at):
    complete(at, PERSON)
    at.button(key="change_answers").click().run()
    assert at.session_state[PAGE] == "review" and at.session_state[DRAFT] == PERSON


def start_over(at) -> None:
    at.button(key="start_over").click().run()
    at.button(key="start_over_yes").click().run()


def test_start_over_clears_every_answer(at):
    complete(at, PERSON)
    start_over(at)
    assert at.session_state[PAGE] == "welcome"
    assert DRAFT not in at.session_state
    at.button(key="start").click().run()
    assert at.checkbox(key=widget_key(Field.CURRENT_SYMPTOMS, "__none__")).value is False
    assert all(radio.value is None for radio in at.radio)


def test_user_text_is_shown_as_text_not_markup(at):
    complete(at, {**PERSON, "notes": "<img src=x onerror=alert(1)> **bold** [link](http://example.com)"})
    at.session_state[PAGE] = "review"
    at.run()
    assert [e.value for e in at.get("text")] == ["<img src=x onerror=alert(1)> **bold** [link](http://example.com)"]
    assert all("onerror" not in m.value for m in at.markdown)


def test_answers_stay_out_of_the_url_and_the_logs(at, caplog):
    caplog.set_level(logging.DEBUG)
    complete(at, {**PERSON, "notes": "sentinel-3f9a1c"})
    assert not at.query_params
    assert "sentinel-3f9a1c" not in caplog.text
    assert "online_purchase" not in caplog.text


def upload(at, content: bytes) -> None:
    at.file_uploader[0].set_value(("answers.json", content, "application/json")).run()


def test_a_saved_answers_file_brings_back_the_same_summary(at):
    complete(at, PERSON)
    saved = at.session_state[DRAFT]
    answers = Answers.model_validate(saved)
    start_over(at)
    upload(at, answers.model_dump_json(indent=2).encode())
    assert not at.exception
    assert at.session_state[PAGE] == "summary"
    assert Answers.model_validate(at.session_state[DRAFT]) == answers
    text = page_text(at)
    for flag in evaluate(answers).flags:
        assert flag.title in text


def test_the_summary_offers_every_take_away_file_once_after_what_it_downloads(at):
    complete(at, PERSON)
    files, words = CONTENT.ui.files, CONTENT.ui.summary
    buttons = at.get("download_button")
    offered = [b.proto.label for b in buttons]
    expected = [files.download_pdf, words.download_markdown, files.save_answers, files.download_fhir]
    assert offered == expected  # once, not above the next step
    assert [b.proto.type for b in buttons] == ["primary", "secondary", "secondary", "secondary"]
    assert [b.proto.help for b in buttons if b.proto.label == files.save_answers] == [files.save_help]
    headers = [h.value for h in at.header]
    assert headers[-1] == words.downloads  # after the content they download, under their own heading
    assert headers[0] == words.flags


FILES = CONTENT.ui.files
AGE = CONTENT.field_label(Field.AGE_GROUP)
NOT_OURS = [FILES.not_answers_file]


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
        ("answers.json", json.dumps({"resourceType": "Bundle"}).encode(), NOT_OURS),
        ("answers.json", b"x" * 10_000_000, NOT_OURS),
        ("summary.pdf", b"%PDF-1.7 ...", NOT_OURS),
    ],
    ids=["unknown question", "wrong answer", "missing answer", "not json", "other json", "too long", "a pdf"],
)
def test_a_bad_answers_file_is_refused_whole_with_each_problem_in_plain_words(at, name, content, expected):
    at.button(key="start").click().run()
    answer(at, Field.DISTRESS, "none")
    at.button(key="back").click().run()
    before = dict(at.session_state[DRAFT])
    at.file_uploader[0].set_value((name, content, "application/octet-stream")).run()
    assert not at.exception
    assert at.session_state[PAGE] == "welcome"
    assert at.session_state[DRAFT] == before
    [shown] = [e.value for e in at.error]
    assert shown == FILES.resume_failed + "\n\n" + "\n".join(f"- {line}" for line in expected)


def test_a_new_file_clears_the_last_file_s_messages(at):
    upload(at, b"this is not json")
    assert at.error
    upload(at, Answers.model_validate(PERSON).model_dump_json().encode())
    assert at.session_state[PAGE] == "summary"
    at.button(key="start_over").click().run()
    at.button(key="start_over_yes").click().run()
    assert not at.error


CHECK_BROKEN_APP = """
import json
from streamlit.testing.v1 import AppTest
at = AppTest.from_file("app.py", default_timeout=60).run()
print(json.dumps({"errors": [e.value for e in at.error], "buttons": len(at.button)}))
"""


def test_broken_content_stops_the_app_with_a_message_naming_the_file_and_field(tmp_path):
    """Run in a fresh interpreter on a copy of the app, so the copy's broken content is what loads."""
    root = Path(APP).parent
    for part in ("app.py", "logic", "exports", "ui", "content", ".streamlit"):
        source = root / part
        if source.is_dir():
            shutil.copytree(source, tmp_path / part)
        else:
            shutil.copy(source, tmp_path / part)
    flags = tmp_path / "content" / "flags.toml"
    flags.write_text(flags.read_text(encoding="utf-8").replace("[changing_spot]", "[changing_spott]"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", CHECK_BROKEN_APP], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    page = json.loads(result.stdout.strip().splitlines()[-1])
    message = "\n".join(page["errors"])
    assert "flags.toml" in message
    assert "changing_spott: not a known id" in message
    assert page["buttons"] == 0


def test_each_flag_level_is_said_in_words_not_only_by_colour(at):
    complete(at, {**PERSON, "current_symptoms": ["infection_signs"]})
    headings = [h.value for h in at.get("subheader")]
    for level in ("urgent", "consult", "note"):
        words = CONTENT.general.levels[level].label
        assert any(words in heading for heading in headings), words
    next_step = next(e.value for e in at.error)
    assert CONTENT.general.next_step["today"].label in next_step


def test_an_answer_the_widget_shows_reaches_the_draft_even_if_its_callback_was_lost(at):
    """Seen under heavy load: a click shown in the browser whose on_change never ran."""
    at.button(key="start").click().run()
    at.session_state[widget_key(Field.DISTRESS)] = "none"
    at.session_state[widget_key(Field.CURRENT_SYMPTOMS, "infection_signs")] = True
    at.run()
    assert at.session_state[DRAFT][Field.DISTRESS] == "none"
    assert at.session_state[DRAFT][Field.CURRENT_SYMPTOMS] == ["infection_signs"]


def test_an_urgent_answer_is_recalled_at_the_top_of_every_later_page(at):
    at.button(key="start").click().run()
    fill_step(at, Step.SAFETY, {**PERSON, "current_symptoms": ["infection_signs"]})
    flag = CONTENT.flags[FlagId.POSSIBLE_INFECTION]
    reminder = CONTENT.ui.nav.reminder.format(title=flag.title, what=CONTENT.general.next_step["today"].label)
    assert reminder not in [w.value for w in at.warning]
    for step in (Step.ABOUT_YOU, Step.SKIN_AND_MARKS, Step.PLANS):
        at.button(key="next").click().run()
        assert at.session_state[PAGE] == step
        assert [w.value for w in at.warning].count(reminder) == 1
        fill_step(at, step, PERSON)


def test_change_on_the_review_page_comes_back_to_the_review(at):
    at.button(key="start").click().run()
    for step in Step:
        fill_step(at, step, PERSON)
        at.button(key="next").click().run()
    assert at.session_state[PAGE] == "review"
    at.button(key="edit:about_you").click().run()
    assert at.session_state[PAGE] == Step.ABOUT_YOU
    assert at.button(key="next").label == CONTENT.ui.nav.back_to_review
    at.button(key="next").click().run()
    assert at.session_state[PAGE] == "review"
    at.button(key="edit:safety").click().run()
    at.button(key="next").click().run()
    assert at.session_state[PAGE] == "review"


def test_a_note_over_the_limit_is_kept_whole_and_told_its_length_at_once(at):
    at.session_state[PAGE] = Step.PLANS
    at.run()
    words = CONTENT.ui.validation
    assert words.notes_limit.format(limit=500) in [c.value for c in at.caption], "the limit is said from the start"
    answer(at, Field.NOTES, "x" * 500)
    assert not at.warning
    answer(at, Field.NOTES, "x" * 600)
    assert at.session_state[DRAFT][Field.NOTES] == "x" * 600, "nothing is cut"
    assert [w.value for w in at.warning] == [words.notes_too_long.format(length=600, limit=500)]
