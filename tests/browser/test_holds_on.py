"""The questionnaire holds on: reload, Back and Forward keep every answer; a click right after typing acts;
an urgent alert waits until the person settles on a radio answer; a phone shows Start first, and Back
and Next side by side.

The draft lives in one place besides the server's memory of the open session: the tab's own
sessionStorage (ui/keep.py). These tests read it there, and the privacy suite shows it is nowhere else.
"""

import json

from playwright.sync_api import expect

from logic.answers import STEP_FIELDS
from logic.vocab import Field, FlagId, Step
from tests.support.browser import CONTENT, PERSON, Questionnaire, heading, reload, shown_answer, stored, wait_idle
from ui.keep import STORAGE_KEY

STEPS = list(Step)


def test_reload_on_every_step_keeps_every_answer_and_the_page(page_factory):
    page = page_factory()
    q = Questionnaire(page)
    q.start()
    for step in STEPS:
        q.fill(step, PERSON)
        reload(page)
        assert heading(page) == CONTENT.questions.steps[step].title
        for field in STEP_FIELDS[step]:
            assert shown_answer(page, field) == PERSON[field], field
        q.onward(step)
    reload(page)
    assert heading(page) == CONTENT.ui.review.title
    q.click_button(CONTENT.ui.nav.see_summary)
    before = page.get_by_test_id("stMain").inner_text()
    reload(page)
    assert page.get_by_test_id("stMain").inner_text() == before
    assert stored(page)["draft"] == PERSON


def test_back_and_forward_move_between_steps_with_every_answer_kept(page_factory):
    page = page_factory()
    q = Questionnaire(page)
    q.start()
    q.fill(Step.SAFETY, PERSON)
    q.next()
    assert page.url.endswith(f"#{Step.ABOUT_YOU}"), "each step has its own address"
    page.go_back()
    wait_idle(page)
    assert heading(page) == CONTENT.questions.steps[Step.SAFETY].title
    for field in STEP_FIELDS[Step.SAFETY]:
        assert shown_answer(page, field) == PERSON[field]
    page.go_forward()
    wait_idle(page)
    assert heading(page) == CONTENT.questions.steps[Step.ABOUT_YOU].title
    page.go_back()
    page.go_back()
    wait_idle(page)
    assert page.get_by_role("button", name=CONTENT.ui.welcome.start).is_visible()
    assert "distress" not in page.url and "affects" not in page.url, "nothing about the answers in the URL"


def test_a_new_tab_starts_empty_and_start_over_clears_the_tab_s_copy(page_factory):
    page = page_factory()
    q = Questionnaire(page)
    q.complete(PERSON)
    assert stored(page)["draft"] == PERSON
    other = page_factory()  # another tab, as after closing this one: sessionStorage is per tab
    Questionnaire(other)
    assert stored(other) == {}
    q.click_button(CONTENT.ui.nav.start_over)
    q.click_button(CONTENT.ui.nav.start_over_yes)
    assert stored(page) == {}
    reload(page)
    assert page.get_by_role("button", name=CONTENT.ui.welcome.start).is_visible()


def test_leaving_with_answers_makes_the_browser_ask_first(page_factory):
    page = page_factory()
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))
    q = Questionnaire(page)
    q.start()
    q.answer(Field.DISTRESS, "none")
    page.reload()
    wait_idle(page)
    assert asked == ["beforeunload"]


def test_a_first_visit_draws_no_keeper_but_a_copy_in_the_tab_is_still_taken_back(page_factory):
    page = page_factory()
    Questionnaire(page)
    expect(page.locator(".st-key-keeper")).to_have_count(0)  # nothing to keep: the page's own script looks
    given = {f: PERSON[f] for f in STEP_FIELDS[Step.SAFETY]}
    record = json.dumps({"page": str(Step.ABOUT_YOU), "language": "en", "draft": given})
    page.evaluate(f"sessionStorage.setItem({json.dumps(STORAGE_KEY)}, {json.dumps(record)})")
    reload(page)
    assert heading(page) == CONTENT.questions.steps[Step.ABOUT_YOU].title
    Questionnaire(page).click_button(CONTENT.ui.nav.back)
    assert heading(page) == CONTENT.questions.steps[Step.SAFETY].title
    for field in STEP_FIELDS[Step.SAFETY]:
        assert shown_answer(page, field) == PERSON[field], field


def test_a_broken_or_hostile_copy_in_the_tab_is_ignored_without_an_error(page_factory):
    page = page_factory()
    junk = {
        "page": "<script>",
        "language": "xx",
        "draft": {"distress": "self_harm_thoughts", "changing_spot": "yes", "marks": ["nope"], "shoe": 1},
    }
    for record in ("not json", json.dumps([1, 2]), "x" * 20_000, json.dumps(junk)):
        page.evaluate(f"sessionStorage.setItem({json.dumps(STORAGE_KEY)}, {json.dumps(record)})")
        reload(page)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        assert page.get_by_role("button", name=CONTENT.ui.welcome.start).is_visible()
    # Of the junk, only the valid answer came back (and its urgent message with it), on the welcome page.
    assert stored(page)["draft"] == {"distress": "self_harm_thoughts"}
    assert stored(page)["page"] == "welcome"


def the_note(page_factory):
    """On the last step with every other answer given: the note's box, clicked into."""
    page = page_factory()
    area = Questionnaire(page).to_the_note(PERSON)
    area.click()
    return page, area


def test_a_click_right_after_typing_a_note_acts_and_keeps_the_note(page_factory):
    page, _ = the_note(page_factory)
    page.keyboard.type("Typed, then straight on.")
    page.get_by_role("button", name=CONTENT.ui.nav.review, exact=True).click(delay=0)  # no pause, no blur first
    wait_idle(page)
    page.wait_for_timeout(300)
    wait_idle(page)
    assert heading(page) == CONTENT.ui.review.title
    assert "Typed, then straight on." in page.get_by_test_id("stMain").inner_text()


def test_arrowing_through_the_distress_options_shows_the_urgent_alert_only_once_settled(page_factory):
    page = page_factory()
    q = Questionnaire(page)
    q.start()
    q.answer(Field.CHANGING_SPOT, False)
    alert = page.get_by_text(CONTENT.flags[FlagId.SELF_HARM].title).first
    group = page.get_by_role("radiogroup", name=CONTENT.field_label(Field.DISTRESS))
    page.keyboard.press("Tab")  # from the question before, into the distress options
    options = list(CONTENT.questions.fields[Field.DISTRESS].options)
    target = options.index("self_harm_thoughts")
    for _ in range(target):
        page.keyboard.press("ArrowDown")
        wait_idle(page)
    assert group.get_by_role(
        "radio", name=CONTENT.option_label(Field.DISTRESS, "self_harm_thoughts"), exact=True
    ).is_checked()
    expect(alert).to_be_hidden()
    page.keyboard.press("ArrowDown")  # passes on to the next option: the alert goes without ever showing
    wait_idle(page)
    expect(alert).to_have_count(0)
    page.keyboard.press("ArrowUp")  # back, and this time the person settles and moves on
    wait_idle(page)
    page.keyboard.press("Tab")
    expect(alert).to_be_visible()


def test_a_phone_shows_start_on_the_first_screen_and_back_and_next_side_by_side(page_factory):
    page = page_factory(viewport={"width": 390, "height": 844})
    q = Questionnaire(page)
    start = page.get_by_role("button", name=CONTENT.ui.welcome.start).bounding_box()
    assert start["y"] + start["height"] <= 844, "Start is below the first screen"
    q.start()
    next_box = page.get_by_role("button", name=CONTENT.ui.nav.next, exact=True).bounding_box()
    back_box = page.get_by_role("button", name=CONTENT.ui.nav.back, exact=True).bounding_box()
    assert back_box["x"] < next_box["x"] and abs(back_box["y"] - next_box["y"]) < 2, "one row, Back on the left"


def test_no_tab_stop_does_nothing_useful(page_factory):
    page = page_factory()
    q = Questionnaire(page)
    q.start()
    for step in STEPS[:2]:
        q.fill(step, PERSON)
        q.onward(step)
    dead = page.evaluate(
        """() => [...document.querySelectorAll('a[href], button, input, textarea, [tabindex]')]
        .filter(e => e.tabIndex >= 0 && e.offsetParent !== null && !e.disabled)
        .filter(e => e.closest('h1, h2, h3') || /fullscreen|main menu/i.test(e.getAttribute('aria-label') || ''))
        .map(e => e.outerHTML.slice(0, 80))"""
    )
    assert dead == []
