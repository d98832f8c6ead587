"""tests/support/browser.py's Questionnaire for Playwright's async API, so many sessions can run at once."""

from playwright.async_api import Page, expect

from logic.answers import STEP_FIELDS, is_multi, is_yes_no
from logic.vocab import Field, Step
from tests.support.browser import CONTENT


async def wait_idle(page: Page, timeout: float = 60_000) -> None:
    """As driver.wait_idle: connected, script finished, no skeletons (longer timeout: many sessions share a CPU)."""
    await page.wait_for_timeout(250)
    await page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout)
    await page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
    await expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=timeout)


async def click_button(page: Page, label: str) -> None:
    await page.get_by_role("button", name=label, exact=True).first.click()
    await wait_idle(page)


async def answer(page: Page, field: Field, value) -> None:
    if is_multi(field):
        labels = [CONTENT.option_label(field, v) for v in value] or [CONTENT.questions.fields[field].none_label]
        for label in labels:
            await page.get_by_test_id("stCheckbox").filter(has_text=label).first.locator("label").click()
            await wait_idle(page)
    elif field is Field.NOTES:
        area = page.get_by_role("textbox", name=CONTENT.field_label(field))
        await area.fill(value)
        await area.blur()
        await wait_idle(page)
    else:
        group = page.get_by_role("radiogroup", name=CONTENT.field_label(field))
        label = CONTENT.option_label(field, value if not is_yes_no(field) else bool(value))
        await group.get_by_text(label, exact=True).click()
        await wait_idle(page)


async def go_to(page: Page, button: str, heading: str, level: str) -> None:
    """Click a button that changes page and wait for the new page's heading.

    Under load the server may not have started the rerun within wait_idle's first 250 ms, so "idle" alone can
    still be the old page; the new heading cannot.
    """
    await page.get_by_role("button", name=button, exact=True).first.click()
    await page.locator(level, has_text=heading).first.wait_for(timeout=60_000)
    await wait_idle(page)


async def answer_all(page: Page, answers: dict) -> None:
    """From the welcome page to the review page, answering every question by clicking."""
    await wait_idle(page)
    steps = list(Step)
    await go_to(page, CONTENT.ui.welcome.start, CONTENT.questions.steps[steps[0]].title, "h2")
    for number, step in enumerate(steps):
        for field in STEP_FIELDS[step]:
            await answer(page, field, answers[field])
        if step is Step.PLANS:
            await go_to(page, CONTENT.ui.nav.review, CONTENT.ui.review.title, "h2")
        else:
            await go_to(page, CONTENT.ui.nav.next, CONTENT.questions.steps[steps[number + 1]].title, "h2")


async def see_summary(page: Page) -> None:
    """Open the summary, and the rest of it where help is needed now (it waits behind one button)."""
    await go_to(page, CONTENT.ui.nav.see_summary, CONTENT.ui.summary.title, "h1")
    if await page.get_by_role("button", name=CONTENT.ui.summary.read_rest).count():
        await go_to(page, CONTENT.ui.summary.read_rest, CONTENT.ui.summary.flags, "h2")
