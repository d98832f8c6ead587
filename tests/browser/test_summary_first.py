"""The summary reads first things first: on a phone, each person knows within the first screen what to do
and how soon; what shows by default is short; "read the rest" and every disclosure are reachable by keyboard."""

import json

import pytest
from playwright.sync_api import Page

from logic import Answers, evaluate
from logic.layout import GATE_WORDS, WEB_WORDS, count_words, layout
from logic.vocab import NextStep
from tests.factories import EVERYTHING, answers_dict
from tests.support import SCREENSHOTS
from tests.support.browser import (
    CONTENT,
    MIN_TAP,
    VISIBLE_TEXT,
    Questionnaire,
    focused_within,
    layout_problems,
    press,
    wait_idle,
)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# A person for each next step, and the largest summary there is.
PERSONAS = {
    "now": answers_dict(
        current_symptoms=["breathing_or_swelling"],
        routes=["injection"],
        setting="spa_or_salon",
        goals=["fade_dark_marks"],
        notes="Face swelling after a drip at the salon today.",
    ),
    "today": answers_dict(
        current_symptoms=["infection_signs"],
        skin_type="IV",
        marks=["brown_marks", "boxcar"],
        routes=["injection"],
        setting="spa_or_salon",
        goals=["fade_dark_marks", "smooth_pits"],
    ),
    "within_2_weeks": answers_dict(changing_spot=True, marks=["brown_marks"], goals=["fade_dark_marks"]),
    "before_treatment": answers_dict(
        age_group="under_18",
        skin_type="V",
        marks=["brown_marks", "rolling"],
        routes=["injection"],
        setting="dermatologist",
        other_treatments=["chemical_peel"],
        goals=["fade_dark_marks", "smooth_pits"],
    ),
    "notes_only": answers_dict(marks=["red_marks"], goals=["fade_red_marks"], skin_type="II"),
    # Most people: healthy, weighing a drip at a clinic. Nothing to book, and the plan's "avoid" opens the page.
    "drip": answers_dict(
        routes=["injection"], setting="other_medical", marks=["brown_marks"], goals=["fade_dark_marks"]
    ),
    "nothing": answers_dict(),
    "largest": answers_dict(**EVERYTHING),
}
EXPECTED_STEP = {
    "now": NextStep.NOW,
    "today": NextStep.TODAY,
    "within_2_weeks": NextStep.WITHIN_2_WEEKS,
    "before_treatment": NextStep.BEFORE_TREATMENT,
    "notes_only": NextStep.NONE,
    "drip": NextStep.NONE,
    "nothing": NextStep.NONE,
    "largest": NextStep.NOW,
}


# The elements of the page in order, each by its kind, its text, and where it starts and ends.
ELEMENTS = """() => Array.from(document.querySelectorAll('[data-testid=stMain] [data-testid=stElementContainer]'))
  .filter(el => el.offsetHeight > 2 && !el.parentElement.closest('[data-testid=stElementContainer]'))
  .map(el => {
    const box = el.getBoundingClientRect();
    const kind = el.querySelector('h1') ? 'title' : el.querySelector('[data-testid=stAlert]') ? 'alert'
      : el.querySelector('button') ? 'button' : 'other';
    return {kind, text: el.innerText, top: box.top, bottom: box.bottom};
  })"""


def open_summary(page: Page, answers: dict, tmp_path) -> Questionnaire:
    """Bring the answers back from a saved answers file, as a person coming back does: it opens the summary."""
    q = Questionnaire(page)
    saved = tmp_path / "answers.json"
    saved.write_text(json.dumps(answers), encoding="utf-8")
    page.get_by_text(CONTENT.ui.files.resume_title).click()
    page.locator("input[type=file]").set_input_files(str(saved))
    wait_idle(page)
    page.get_by_role("heading", name=CONTENT.ui.summary.title, level=1).wait_for()  # a good file: straight there
    wait_idle(page)
    return q


def visible_words(page: Page) -> int:
    return count_words(page.evaluate(VISIBLE_TEXT))


def tab_until(page: Page, target, limit: int = 200) -> None:
    for _ in range(limit):
        if focused_within(target):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


@pytest.mark.parametrize("name", PERSONAS)
def test_on_a_phone_the_next_step_comes_first_inside_the_first_screen_and_the_page_is_short(
    page_factory, name, tmp_path, capsys
):
    answers = Answers.model_validate(PERSONAS[name])
    summary = evaluate(answers)
    assert summary.next_step is EXPECTED_STEP[name]
    lay = layout(summary).fold()
    box = lay.next_step

    page = page_factory(viewport=PHONE)
    q = open_summary(page, PERSONAS[name], tmp_path)
    q.name, q.shots = f"summary-{name}-phone", SCREENSHOTS
    elements = page.evaluate(ELEMENTS)
    first = elements.index(next(e for e in elements if e["kind"] == "title"))
    box_at = next(i for i, e in enumerate(elements) if e["kind"] == "alert")
    between = elements[first + 1 : box_at]
    if lay.plan_first:  # nothing to act on: the answer to the person's question comes first, then the box
        assert between[0]["text"] == CONTENT.ui.summary.plan, f"the plan is not first under the title: {between}"
        shown = "\n".join(e["text"] for e in between)
        assert all(line.entry.title in shown for line in lay.plan) and CONTENT.ui.summary.flags not in shown
    else:
        assert between == [], f"the next step is not the first thing under the title: {between}"
    after = elements[box_at]
    assert box.label in after["text"]
    assert box.instruction in after["text"]
    label = page.get_by_test_id("stAlert").first.get_by_text(box.label, exact=True)
    assert label.bounding_box()["y"] + label.bounding_box()["height"] <= PHONE["height"], "not in the first screen"
    if summary.next_step is not NextStep.NONE:  # something to do: announced by screen readers
        assert page.get_by_role("alert").first.inner_text() == after["text"]

    if summary.next_step is NextStep.NOW:
        assert "emergency" in box.label.lower()
        before = visible_words(page) - sum(count_words(text) for text in lay.frame)
        assert before <= GATE_WORDS
        assert before == lay.opening_words()
        page.screenshot(path=str(SCREENSHOTS / f"summary-{name}-phone-first-screen.png"))
        rest = page.get_by_role("button", name=CONTENT.ui.summary.read_rest)
        assert rest.count() == 1
        assert page.get_by_role("heading", name=CONTENT.ui.summary.flags).count() == 0  # the rest waits
        tab_until(page, rest)
        press(page, "Enter")
        flags = page.get_by_role("heading", name=CONTENT.ui.summary.flags)
        flags.wait_for()
        page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'H2'")
        assert focused_within(flags)
    else:
        before = None
        assert page.get_by_role("button", name=CONTENT.ui.summary.read_rest).count() == 0

    shown = visible_words(page)
    assert shown <= WEB_WORDS
    assert shown == lay.web_words(), "the page and the layout disagree on what is shown"
    for flag in summary.flags:
        assert flag.title in page.get_by_test_id("stMain").inner_text()
    assert layout_problems(page, name) == []
    for disclosure in page.locator("[data-testid=stMain] summary:visible").all():
        assert disclosure.bounding_box()["height"] >= MIN_TAP, f"{disclosure.inner_text()!r} is a small target"
    q.screenshot("all")
    with capsys.disabled():
        print(f"\n  {name}: {shown} words shown by default" + (f", {before} before 'read the rest'" if before else ""))

    desktop = page_factory(viewport=DESKTOP)
    d = open_summary(desktop, PERSONAS[name], tmp_path)
    d.name, d.shots = f"summary-{name}-desktop", SCREENSHOTS
    if summary.next_step is NextStep.NOW:
        d.click_button(CONTENT.ui.summary.read_rest)
    d.screenshot("all")


def test_every_disclosure_and_button_of_the_summary_is_reached_with_tab(page_factory, tmp_path):
    page = page_factory(viewport=PHONE)
    open_summary(page, PERSONAS["largest"], tmp_path)
    rest = page.get_by_role("button", name=CONTENT.ui.summary.read_rest)
    tab_until(page, rest)
    press(page, "Enter")
    page.get_by_role("heading", name=CONTENT.ui.summary.flags).wait_for()
    # The summary's own controls; the language switch above the title is the page's, not the summary's.
    targets = page.locator(
        "[data-testid=stMain] summary, [data-testid=stMain] button:visible:not([data-testid=stButtonGroup] *)"
    )
    count = targets.count()
    assert count > 20
    reached = set()
    for _ in range(count * 3):
        page.keyboard.press("Tab")
        index = targets.evaluate_all("(els) => els.findIndex(el => el === document.activeElement)")
        if index >= 0:
            assert page.evaluate("document.activeElement.matches(':focus-visible')"), "focus is not visible"
            reached.add(index)
        if len(reached) == count:
            break
    assert len(reached) == count, f"Tab reached {len(reached)} of {count} disclosures and buttons"
    # A disclosure opens from the keyboard: Enter on a flag's "why am I seeing this" shows its reason.
    first = page.locator("[data-testid=stMain] summary").first
    tab_until(page, first)
    press(page, "Enter")
    assert page.locator("[data-testid=stMain] details[open]").count() >= 1


# Whatever else they answered, a person planning a drip reads "avoid" with its reason inside the first phone screen,
# and nothing above it reads as approval.
DRIP_PLANNERS = {
    "healthy": PERSONAS["drip"],
    "not_decided": answers_dict(routes=["not_decided"], setting="home_service", marks=["brown_marks", "red_marks"]),
    "urgent": PERSONAS["today"],
    "before_treatment": PERSONAS["before_treatment"],
}
APPROVAL = ("nothing to book", "nothing you need to book", "no doctor needed", "doesn't need a doctor", "safe for you")


@pytest.mark.parametrize("name", DRIP_PLANNERS)
def test_a_person_planning_a_drip_reads_avoid_with_its_reason_on_the_first_phone_screen(page_factory, name, tmp_path):
    summary = evaluate(Answers.model_validate(DRIP_PLANNERS[name]))
    avoid = next(e for e in summary.plan if e.route == "injection")
    assert avoid.advice == "avoid"

    page = page_factory(viewport=PHONE)
    open_summary(page, DRIP_PLANNERS[name], tmp_path)
    main = page.get_by_test_id("stMain")
    line = main.get_by_text(avoid.title, exact=True)
    page.screenshot(path=str(SCREENSHOTS / f"plan-{name}-phone-first-screen.png"))
    assert line.count() == 1, "the plan says each route's advice once"
    box = line.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], f"the avoid line is below the first screen ({box})"
    above = page.evaluate(
        """(title) => { const t = document.querySelector('[data-testid=stMain]').innerText;
                        return t.slice(0, t.indexOf(title)); }""",
        avoid.title,
    )
    assert not [p for p in APPROVAL if p in above.lower()], above
    for entry in summary.plan:  # one line per route, each once
        assert main.get_by_text(entry.title, exact=True).count() == 1
    # Its reason and sources are one click away.
    more = line.locator("xpath=ancestor::*[@data-testid='stVerticalBlock'][1]").get_by_text(
        CONTENT.ui.summary.plan_more
    )
    more.click()
    main.get_by_text(avoid.reason).wait_for()
