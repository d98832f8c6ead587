"""Safety at the moment it matters (docs/safety-case.md): the emergency numbers before Start; an urgent answer
brought into view with one way to what to do now; the reminder on every later page; a problem after Next or
Review brought into view and focused; the note counted as a person counts; and the small ones (Back after
"Start over", the focus ring's contrast, the Tab order). On a phone (390 x 844) and a desktop."""

import time

import pytest
from playwright.sync_api import Locator, Page, expect

from logic import default_content
from logic.answers import NOTES_MAX_LENGTH, STEP_FIELDS, text_length
from logic.partial import early_flags
from logic.vocab import Field, Step, When
from tests.support import SCREENSHOTS
from tests.support.browser import CONTENT, PERSON, Questionnaire, shown_answer, violations, wait_idle

STEPS = list(Step)
SYMPTOMS = ("breathing_or_swelling", "rash_or_blisters", "infection_signs", "jaundice_or_dark_urine", "acne_with_fever")
URGENT = [(Field.CURRENT_SYMPTOMS, [s]) for s in SYMPTOMS] + [(Field.DISTRESS, "self_harm_thoughts")]
NAV = CONTENT.ui.nav


def inside(page: Page, target: Locator) -> bool:
    """The whole of `target` is on the screen (below Streamlit's top bar)."""
    box = target.bounding_box()
    size = page.viewport_size
    return bool(box) and box["y"] >= 0 and box["y"] + box["height"] <= size["height"] and box["x"] >= 0


def comes_inside(page: Page, target: Locator, seconds: float) -> float:
    """How long `target` took to be wholly on the screen; fails after `seconds`."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if target.count() and inside(page, target.first):
            return time.monotonic() - start
        page.wait_for_timeout(50)
    raise AssertionError(f"{target} was not wholly on the screen within {seconds} s")


def tick(page: Page, field: Field, value) -> None:
    """One tap on the option, without waiting for the page to settle."""
    if field is Field.CURRENT_SYMPTOMS:
        label = CONTENT.option_label(field, value[0])
        page.get_by_test_id("stCheckbox").filter(has_text=label).first.locator("label").click()
    else:
        group = page.get_by_role("radiogroup", name=CONTENT.field_label(field))
        group.get_by_text(CONTENT.option_label(field, value), exact=True).click()


@pytest.mark.parametrize(("field", "value"), URGENT, ids=[str(v[0]) if isinstance(v, list) else v for _, v in URGENT])
def test_an_urgent_answer_comes_into_view_and_one_tap_shows_what_to_do_now(page_factory, viewport, field, value):
    (flag,) = [f for f in early_flags({field: value}) if f.when in (When.NOW, When.TODAY)]
    page = page_factory(viewport=viewport)
    q = Questionnaire(page, SCREENSHOTS, f"urgent-{flag.id}-{viewport['width']}")
    q.start()
    tick(page, field, value)
    alert = page.locator(f".st-key-urgent-{field}-{flag.id}")
    took = comes_inside(page, alert.get_by_test_id("stAlert"), seconds=2)
    assert took < 2
    button = alert.get_by_role("button", name=NAV.what_to_do_now, exact=True)
    assert inside(page, button), "the way to what to do now is on the same screen"
    said = alert.get_by_test_id("stAlert").inner_text()
    if flag.id in CONTENT.general.next_step[flag.when].only:  # its action names its own help, 911 among it
        assert "911" in said and " ".join(flag.action.split()) in " ".join(said.split())
    else:
        assert NAV.emergency_call in said
    assert alert.get_by_role("alert").count() >= 1, "announced as an alert"
    wait_idle(page)
    q.screenshot("1-alert")
    button.click()
    wait_idle(page)
    box = page.get_by_test_id("stMain").get_by_test_id("stAlert").first
    assert box.bounding_box()["y"] >= 0, "the next step starts on the first screen"
    # In the box for help now; for care today, the box names no number and the line under it does.
    number = page.get_by_test_id("stMain").get_by_test_id("stAlert").locator("p, li").filter(has_text="911").first
    assert inside(page, number), "with the number on the first screen"
    text = page.get_by_test_id("stMain").inner_text()
    assert "911" in text and flag.action in text
    q.screenshot("2-what-to-do-now")
    q.click_button(NAV.back_to_questions)
    assert shown_answer(page, field) == value, "the questionnaire stays, with its answers"
    page.go_back()  # the browser's Back from the questions goes to what to do now, and Back again returns
    wait_idle(page)
    assert "911" in page.get_by_test_id("stMain").inner_text()


def test_the_urgent_reminder_with_the_numbers_is_at_the_top_of_every_later_page(page_factory, viewport):
    page = page_factory(viewport=viewport)
    q = Questionnaire(page, SCREENSHOTS, f"reminder-{viewport['width']}")
    q.start()
    answers = {**PERSON, "current_symptoms": ["breathing_or_swelling"]}
    q.fill(Step.SAFETY, answers)
    for step in [*STEPS[1:], "review"]:
        q.onward(STEPS[STEPS.index(step) - 1] if step != "review" else STEPS[-1])
        reminder = page.locator(".st-key-urgent-reminder")
        expect(reminder).to_be_visible()
        assert NAV.emergency_call in reminder.inner_text()
        assert inside(page, reminder.get_by_role("button", name=NAV.what_to_do_now)), step
        q.screenshot(f"{step}")
        if step != "review":
            q.fill(step, answers)


def active_in(page: Page, field: Field) -> bool:
    return page.evaluate(
        "f => !!document.activeElement && !!document.activeElement.closest('.st-key-question-' + f)", str(field)
    )


def test_a_missing_answer_after_next_is_brought_into_view_and_focused(page_factory, viewport):
    page = page_factory(viewport=viewport)
    q = Questionnaire(page, SCREENSHOTS, f"missing-{viewport['width']}")
    q.start()
    q.fill(Step.SAFETY, PERSON, leave=frozenset({Field.DISTRESS}))
    q.next()
    page.wait_for_timeout(500)
    block = page.locator(f".st-key-question-{Field.DISTRESS}")
    assert inside(page, block.get_by_test_id("stAlert")), "its message is in view"
    assert active_in(page, Field.DISTRESS), "focus is on the question with the problem"
    assert (
        page.get_by_test_id("stMain")
        .get_by_test_id("stAlert")
        .first.inner_text()
        .strip()
        .endswith(CONTENT.ui.validation.heading)
    )
    q.screenshot("missing")


@pytest.mark.parametrize("kind", ["too long", "not allowed"])
def test_a_note_with_a_problem_after_review_is_brought_into_view_and_the_banner_says_which(
    page_factory, viewport, kind
):
    words = CONTENT.ui.validation
    page = page_factory(viewport=viewport)
    q = Questionnaire(page)
    area = q.to_the_note(PERSON)
    if kind == "too long":
        # As where the page's script did not run (it stops the note at the limit): the server still refuses.
        page.evaluate("window.__glutathioneWatch.data = {...window.__glutathioneWatch.data, limit: 1e9}")
        area.fill("word " * 120)
        expected = words.heading_too_long
    else:
        area.fill("A bell \x07 in my note")
        expected = words.heading_not_allowed
    area.blur()
    wait_idle(page)
    page.evaluate("document.querySelector('[data-testid=stMain]').scrollTo(0, 0)")
    q.click_button(NAV.review)
    page.wait_for_timeout(500)
    block = page.locator(f".st-key-question-{Field.NOTES}")
    assert inside(page, block.get_by_test_id("stAlert").first)
    assert active_in(page, Field.NOTES)
    banner = page.get_by_test_id("stMain").get_by_test_id("stAlert").first.inner_text()
    assert expected in banner and words.heading not in banner, banner


def test_the_note_is_counted_as_a_person_counts_and_stops_at_the_limit(page_factory):
    page = page_factory()
    q = Questionnaire(page)
    q.start()
    for step in STEPS[:-1]:
        q.fill(step, PERSON)
        q.onward(step)
    q.fill(STEPS[-1], PERSON, leave=frozenset({Field.NOTES}))
    area = page.get_by_role("textbox", name=CONTENT.field_label(Field.NOTES))
    count = page.locator(".st-key-notes-count")
    words = CONTENT.ui.validation
    area.click()
    page.keyboard.insert_text("\N{THUMBS UP SIGN}\N{EMOJI MODIFIER FITZPATRICK TYPE-4}ok")
    expect(count).to_have_text(words.notes_limit.format(length=3, limit=NOTES_MAX_LENGTH))
    page.keyboard.insert_text("word " * 120)  # a paste of 600 more
    kept = area.input_value()
    assert text_length(kept) == NOTES_MAX_LENGTH, "the note stops at the limit"
    assert kept.startswith("\N{THUMBS UP SIGN}")
    expect(count).to_contain_text(words.notes_cut.format(limit=NOTES_MAX_LENGTH))
    page.keyboard.type("more")
    assert area.input_value() == kept, "nothing more goes in"
    area.blur()
    wait_idle(page)
    q.click_button(NAV.review)
    assert page.get_by_role("heading", name=CONTENT.ui.review.title).is_visible(), "what was kept is accepted"


def test_back_after_start_over_lands_on_the_welcome_page(page_factory):
    page = page_factory()
    page.on("dialog", lambda dialog: dialog.accept())
    q = Questionnaire(page)
    q.complete(PERSON)
    q.click_button(NAV.start_over)
    q.click_button(NAV.start_over_yes)
    page.go_back()
    wait_idle(page)
    page.wait_for_timeout(500)
    wait_idle(page)
    expect(page.get_by_role("button", name=CONTENT.ui.welcome.start)).to_be_visible()
    assert CONTENT.ui.validation.heading not in page.get_by_test_id("stMain").inner_text()


@pytest.mark.parametrize("code", ["en", "fil"])
def test_the_welcome_page_names_the_emergency_numbers_above_start_on_a_phone(page_factory, code):
    words = default_content(code).ui
    page = page_factory(viewport={"width": 390, "height": 844}, locale="fil-PH" if code == "fil" else "en-US")
    wait_idle(page)
    line = page.get_by_test_id("stAlert").filter(has_text=words.nav.emergency_call)
    start = page.get_by_role("button", name=words.welcome.start, exact=True)
    assert inside(page, line) and inside(page, start)
    assert line.bounding_box()["y"] < start.bounding_box()["y"]
    assert words.welcome.emergency in line.inner_text()


def contrast(one: tuple[float, ...], two: tuple[float, ...]) -> float:
    def luminance(rgb):
        c = [v / 255 for v in rgb[:3]]
        c = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    light, dark = sorted((luminance(one), luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_focused_option_has_a_ring_of_at_least_3_to_1_and_tab_follows_the_page(page_factory, scheme):
    page = page_factory(color_scheme=scheme)
    q = Questionnaire(page, SCREENSHOTS, f"focus-{scheme}")
    q.start()
    page.get_by_role("checkbox", name=CONTENT.questions.fields[Field.CURRENT_SYMPTOMS].none_label).focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, as a person moving with Tab has it
    ring = page.evaluate(
        """() => {
          const label = document.activeElement.closest('label');
          const style = getComputedStyle(label);
          const rgb = s => s.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
          let el = label.parentElement, bg = 'rgba(0, 0, 0, 0)';
          while (el && /rgba\\(0, 0, 0, 0\\)|transparent/.test(bg)) {
            bg = getComputedStyle(el).backgroundColor;
            el = el.parentElement;
          }
          const ring = rgb(style.outlineColor);
          return {style: style.outlineStyle, width: parseFloat(style.outlineWidth), ring, bg: rgb(bg)};
        }"""
    )
    assert ring["style"] == "solid" and ring["width"] >= 2
    assert contrast(ring["ring"], ring["bg"]) >= 3, ring
    q.screenshot("option")
    # Tab from the last question meets Back, then Next, as they are seen, and never an invisible frame.
    q.fill(Step.SAFETY, PERSON)
    page.get_by_role("radiogroup", name=CONTENT.field_label(STEP_FIELDS[Step.SAFETY][-1])).get_by_role(
        "radio"
    ).first.focus()
    met = []
    for _ in range(6):
        page.keyboard.press("Tab")
        met.append(page.evaluate("document.activeElement.tagName + ':' + document.activeElement.innerText"))
    buttons = [m.split(":", 1)[1].strip() for m in met if m.startswith("BUTTON")]
    assert buttons[:2] == [NAV.back, NAV.next], met
    assert not any(m.startswith("IFRAME") for m in met), met
    back = page.get_by_role("button", name=NAV.back, exact=True).bounding_box()
    forward = page.get_by_role("button", name=NAV.next, exact=True).bounding_box()
    assert back["x"] < forward["x"] and abs(back["y"] - forward["y"]) < 2


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_urgent_message_what_to_do_now_and_the_reminder_have_no_serious_accessibility_violation(
    page_factory, scheme
):
    page = page_factory(color_scheme=scheme)
    q = Questionnaire(page)
    found, report = [], {}
    found += violations(page, "welcome", report)
    q.start()
    q.answer(Field.CURRENT_SYMPTOMS, ["breathing_or_swelling"])
    found += violations(page, "urgent message", report)
    q.click_button(NAV.what_to_do_now)
    found += violations(page, "what to do now", report)
    q.click_button(NAV.back_to_questions)
    q.fill(Step.SAFETY, {**PERSON, "current_symptoms": ["breathing_or_swelling"]})
    q.next()
    found += violations(page, "reminder", report)
    assert found == []
