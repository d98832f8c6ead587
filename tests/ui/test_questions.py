"""ui/questions.py: each question's widgets, what they start with, what they say at once (urgent answers,
problems, a note over its limit), and the skin-type helper."""

from logic import default_content
from logic.vocab import Field, FlagId, Step
from tests.support.apptest import PERSON, answer, fill_step, page_text
from ui.state import DRAFT, HELPER, PAGE, widget_key

CONTENT = default_content()


def test_no_radio_starts_with_an_answer(at):
    at.button(key="start").click().run()
    for step in Step:
        assert all(radio.value is None for radio in at.radio)
        fill_step(at, step, PERSON)
        at.button(key="next").click().run()


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
        f"**{flag.title}**\n\n{flag.action}\n\n{CONTENT.ui.nav.emergency_call}"
    ], "care today: its own action first, then the numbers for if it gets worse"
    assert at.button(key=f"now:{Field.ISOTRETINOIN}:{FlagId.ISOTRETINOIN_PREGNANCY}")
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
    at.radio(key=f"{HELPER}burn").set_value("II").run()
    at.radio(key=f"{HELPER}colour").set_value("IV").run()
    suggested = CONTENT.option_label(Field.SKIN_TYPE, "IV")
    assert any(suggested in i.value for i in at.info)
    at.button(key=f"{HELPER}use").click().run()
    assert at.radio(key=widget_key(Field.SKIN_TYPE)).value == "IV"
    assert at.session_state[DRAFT][Field.SKIN_TYPE] == "IV"


def test_a_note_over_the_limit_is_kept_whole_and_told_its_length_at_once(at):
    """The browser stops the note at the limit as it is typed (tests/browser/test_safety.py); a note that comes
    some other way is kept whole and told its length."""
    at.session_state[PAGE] = Step.PLANS
    at.run()
    words = CONTENT.ui.validation
    captions = [c.value for c in at.caption]
    assert words.notes_limit.format(length=0, limit=500) in captions, "the limit is said from the start"
    answer(at, Field.NOTES, "\N{THUMBS UP SIGN}\N{EMOJI MODIFIER FITZPATRICK TYPE-4} ok")
    assert words.notes_limit.format(length=4, limit=500) in [c.value for c in at.caption], "an emoji is one"
    answer(at, Field.NOTES, "x" * 500)
    assert not at.warning
    answer(at, Field.NOTES, "x" * 600)
    assert at.session_state[DRAFT][Field.NOTES] == "x" * 600, "nothing is cut"
    assert [w.value for w in at.warning] == [words.notes_too_long.format(length=600, limit=500)]
