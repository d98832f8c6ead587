"""The whole questionnaire with only Tab, Shift+Tab, Space, Enter, arrow keys (and typing the note)."""

from playwright.sync_api import Page

from logic.answers import STEP_FIELDS, field_options, is_multi, is_yes_no
from logic.vocab import Field, FlagId, Step
from tests.support.browser import CONTENT, PERSON, focused_within, press, tab_to, wait_idle

KEYBOARD_PERSON = {**PERSON, "current_symptoms": ["infection_signs"], "notes": "Typed with the keyboard only."}


def answer_by_keyboard(page: Page, field: Field, value) -> None:
    if is_multi(field):
        labels = [CONTENT.option_label(field, v) for v in value] or [CONTENT.questions.fields[field].none_label]
        for label in labels:
            tab_to(page, page.get_by_test_id("stCheckbox").filter(has_text=label))
            press(page, "Space")
    elif field is Field.NOTES:
        tab_to(page, page.get_by_role("textbox", name=CONTENT.field_label(field)))
        page.keyboard.type(value)
        press(page, "Tab")
    else:
        options = [True, False] if is_yes_no(field) else [str(v) for v in field_options(field)]
        index = options.index(value)
        tab_to(page, page.get_by_role("radiogroup", name=CONTENT.field_label(field)))
        if index == 0:
            press(page, "Space")
        for _ in range(index):
            press(page, "ArrowDown")


def activate(page: Page, label: str) -> None:
    tab_to(page, page.get_by_role("button", name=label, exact=True))
    press(page, "Enter")


def test_a_keyboard_user_completes_the_questionnaire_and_downloads_the_summary(page_factory, tmp_path):
    page = page_factory()
    wait_idle(page)
    activate(page, CONTENT.ui.welcome.start)
    for step in Step:
        heading = CONTENT.questions.steps[step].title
        # A function, not an expression: Playwright evals expressions, which the page's CSP forbids.
        page.wait_for_function(
            "(heading) => document.activeElement && document.activeElement.innerText.trim() === heading", arg=heading
        )
        for field in STEP_FIELDS[step]:
            answer_by_keyboard(page, field, KEYBOARD_PERSON[field])
            if field is Field.CURRENT_SYMPTOMS:
                alert = page.get_by_role("alert").filter(has_text=CONTENT.flags[FlagId.POSSIBLE_INFECTION].title)
                assert alert.count() == 1, "the urgent message is not announced as an alert"
        activate(page, CONTENT.ui.nav.review if step is Step.PLANS else CONTENT.ui.nav.next)

    # Back, then going on, as they are seen side by side; Shift+Tab goes back the way it came.
    tab_to(page, page.get_by_role("button", name=CONTENT.ui.nav.back, exact=True))
    page.keyboard.press("Tab")
    assert focused_within(page.get_by_role("button", name=CONTENT.ui.nav.see_summary))
    page.keyboard.press("Shift+Tab")
    assert focused_within(page.get_by_role("button", name=CONTENT.ui.nav.back, exact=True))
    activate(page, CONTENT.ui.nav.see_summary)
    assert CONTENT.flags[FlagId.POSSIBLE_INFECTION].title in page.get_by_test_id("stMain").inner_text()

    tab_to(page, page.get_by_role("button", name=CONTENT.ui.summary.download_markdown))
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    saved = tmp_path / "summary.md"
    download.value.save_as(saved)
    assert "Typed with the keyboard only" in saved.read_text(encoding="utf-8")
