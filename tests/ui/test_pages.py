"""ui/pages.py: what each page shows: the welcome page, the review, the reminders on later pages and the
summary's order, words and take-away files."""

from logic import Answers, default_content
from logic.vocab import Field, FlagId, Step
from tests.support.apptest import PERSON, answer, complete, fill_step, page_text
from ui.state import DRAFT, PAGE

CONTENT = default_content()


def test_the_welcome_page_says_what_this_is_and_that_nothing_is_stored(at):
    text = page_text(at)
    assert not at.exception
    assert CONTENT.ui.welcome.privacy in text
    assert CONTENT.ui.welcome.what_it_is_not in text
    assert at.button(key="start").label == CONTENT.ui.welcome.start


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


def test_user_text_is_shown_as_text_not_markup(at):
    complete(at, {**PERSON, "notes": "<img src=x onerror=alert(1)> **bold** [link](http://example.com)"})
    at.session_state[PAGE] = "review"
    at.run()
    assert [e.value for e in at.get("text")] == ["<img src=x onerror=alert(1)> **bold** [link](http://example.com)"]
    assert all("onerror" not in m.value for m in at.markdown)


def test_an_urgent_answer_is_recalled_at_the_top_of_every_later_page(at):
    at.button(key="start").click().run()
    fill_step(at, Step.SAFETY, {**PERSON, "current_symptoms": ["infection_signs"]})
    flag = CONTENT.flags[FlagId.POSSIBLE_INFECTION]
    reminder = CONTENT.ui.nav.reminder.format(title=flag.title, what=CONTENT.general.next_step["today"].label)
    assert not any(reminder in e.value for e in at.error)
    for step in (Step.ABOUT_YOU, Step.SKIN_AND_MARKS, Step.PLANS, "review"):
        at.button(key="next").click().run()
        assert at.session_state[PAGE] == step
        urgent = [e.value for e in at.error if reminder in e.value]
        assert len(urgent) == 1, "in the urgent style, once"
        assert CONTENT.ui.nav.emergency_call in urgent[0], "with the emergency numbers"
        assert at.button(key="now:reminder").label == CONTENT.ui.nav.what_to_do_now
        if step != "review":
            fill_step(at, step, PERSON)


def test_the_welcome_page_names_the_emergency_signs_and_numbers_before_start(at):
    (line,) = [e.value for e in at.error]
    assert CONTENT.ui.welcome.emergency in line and CONTENT.ui.nav.emergency_call in line
    for number in ("911", "999", "112"):
        assert number in line  # that it is above Start, on a phone's first screen: tests/browser/test_safety.py


def test_what_to_do_now_opens_the_next_step_at_once_and_goes_back_with_every_answer(at):
    at.button(key="start").click().run()
    answer(at, Field.CURRENT_SYMPTOMS, ["breathing_or_swelling"])
    flag = FlagId.POSSIBLE_ANAPHYLAXIS
    button = at.button(key=f"now:{Field.CURRENT_SYMPTOMS}:{flag}")
    assert button.label == CONTENT.ui.nav.what_to_do_now
    assert any(CONTENT.ui.nav.emergency_call in e.value for e in at.error), "the numbers under the answer"
    button.click().run()
    assert at.session_state[PAGE] == "now"
    assert at.title[0].value == CONTENT.ui.nav.what_to_do_now
    box = at.error[0].value
    assert CONTENT.general.next_step["now"].label in box and "911" in box
    assert CONTENT.flags[flag].action in box
    at.button(key="back_to_questions").click().run()
    assert at.session_state[PAGE] == Step.SAFETY
    assert at.checkbox(key=f"w:{Field.CURRENT_SYMPTOMS}:breathing_or_swelling").value is True


def test_what_to_do_now_for_care_today_names_the_emergency_numbers_too(at):
    at.button(key="start").click().run()
    answer(at, Field.CURRENT_SYMPTOMS, ["jaundice_or_dark_urine"])
    at.button(key=f"now:{Field.CURRENT_SYMPTOMS}:{FlagId.POSSIBLE_ORGAN_HARM}").click().run()
    text = " ".join(e.value for e in at.error)
    assert CONTENT.general.next_step["today"].label in text and CONTENT.ui.nav.emergency_call in text


def test_a_page_that_needs_answers_opened_without_them_leads_to_one_that_can_be_used(at):
    for target in ("review", "summary", "now"):
        at.session_state[PAGE] = target
        at.run()
        assert at.session_state[PAGE] == "welcome", target
        assert at.button(key="start")
    at.session_state[DRAFT] = {Field.CURRENT_SYMPTOMS: []}
    at.session_state[PAGE] = "summary"
    at.run()
    assert at.session_state[PAGE] == Step.SAFETY, "the first step still to answer"
    assert not at.exception


def test_the_banner_says_what_kind_of_problem_the_page_has(at):
    words = CONTENT.ui.validation
    at.session_state[PAGE] = Step.PLANS
    at.run()
    fill_step(at, Step.PLANS, {**PERSON, "notes": "x" * 501})
    at.button(key="next").click().run()
    assert at.error[0].value == words.heading_too_long, "nothing is missing"
    at.session_state[PAGE] = Step.SAFETY
    at.run()
    at.button(key="next").click().run()
    assert at.error[0].value == words.heading


def test_each_flag_level_is_said_in_words_not_only_by_colour(at):
    complete(at, {**PERSON, "current_symptoms": ["infection_signs"]})
    headings = [h.value for h in at.get("subheader")]
    for level in ("urgent", "consult", "note"):
        words = CONTENT.general.levels[level].label
        assert any(words in heading for heading in headings), words
    next_step = next(e.value for e in at.error)
    assert CONTENT.general.next_step["today"].label in next_step


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
    assert at.subheader[0].value == words.plan  # the person's question answered under the next step


def test_the_plan_gives_each_route_its_advice_once_with_the_reason_one_click_away(at):
    complete(at, {**PERSON, "routes": ["injection", "inhaled", "oral"]})
    words, plan = CONTENT.ui.summary, CONTENT.plan
    titles = [m.value for m in at.markdown if m.value.startswith("**")]
    advice = [("injection", "avoid"), ("inhaled", "avoid"), ("oral", "unlikely_to_help")]
    expected = [plan[route][said].title for route, said in advice]
    assert [t for t in titles if t.strip("*") in expected] == [f"**{t}**" for t in expected]
    reasons = [e for e in at.expander if e.label == words.plan_more]
    assert len(reasons) == 3
    assert plan["inhaled"]["avoid"].reason in [m.value for m in reasons[1].markdown]


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


def test_thoughts_of_self_harm_alone_are_met_with_the_free_lines_not_the_emergency_numbers_first(at):
    """The flag's own action says when to call the emergency number and, otherwise, a free line today; the
    general "call your emergency number" line would put an ambulance first for everyone with these thoughts."""
    flag = CONTENT.flags[FlagId.SELF_HARM]
    at.button(key="start").click().run()
    answer(at, Field.DISTRESS, "self_harm_thoughts")
    (under,) = [e.value for e in at.error if flag.title in e.value]
    assert flag.action in under and CONTENT.ui.nav.emergency_call not in under
    fill_step(at, Step.SAFETY, {**PERSON, "distress": "self_harm_thoughts"})
    at.button(key="next").click().run()
    (reminder,) = [e.value for e in at.error if flag.title in e.value]
    assert CONTENT.general.next_step["now"].only[FlagId.SELF_HARM].label in reminder
    assert CONTENT.ui.nav.emergency_call not in reminder
    at.button(key="back").click().run()
    answer(at, Field.CURRENT_SYMPTOMS, ["breathing_or_swelling"])
    at.button(key="next").click().run()
    (reminder,) = [e.value for e in at.error if flag.title in e.value]
    assert CONTENT.ui.nav.emergency_call in reminder, "with anaphylaxis too, the numbers come back"
