"""tests/support/browser.py's Questionnaire for Playwright's async API, so many sessions can run at once."""

from playwright.async_api import Page, expect

from logic.answers import STEP_FIELDS
from logic.vocab import Field, Step
from tests.support.actions import actions
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
    """As the Questionnaire's `answer`: the actions of tests/support/actions.py, by the words on the screen.

    Each box or option is checked once the page is idle, and set again if it does not hold its value: with
    many sessions on two cores, a click can land while the app-wide redraw that a new skin type starts (the
    drawings take its tone) is still under way, and that redraw can drop it. A person sees the box unticked
    and ticks it again; so does this driver, at most twice more, and fails if the box still does not hold.
    """
    for action in actions(field, value, CONTENT):
        if action.kind == "type":
            area = page.get_by_role("textbox", name=action.question)
            await area.fill(action.value)
            await area.blur()
            await wait_idle(page)
            continue
        if action.kind == "tick":
            widget = page.get_by_test_id("stCheckbox").filter(has_text=action.label).first
            target, box, held = widget.locator("label"), widget.locator("input"), action.value
        else:  # a radio option is held when it is the one chosen
            group = page.get_by_role("radiogroup", name=action.question)
            target = group.get_by_text(action.label, exact=True)
            option = group.locator("label").filter(has=page.get_by_text(action.label, exact=True)).first
            box, held = option.locator("input"), True
        for _ in range(3):
            if await box.is_checked() == held:
                break
            await target.click()
            await wait_idle(page)
        else:
            assert await box.is_checked() == held, f"{field}: {action.label!r} is not {'set' if held else 'clear'}"


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
    rest = page.get_by_role("button", name=CONTENT.ui.summary.read_rest)
    markdown = page.get_by_role("button", name=CONTENT.ui.summary.download_markdown)
    await rest.or_(markdown).first.wait_for(timeout=30_000)  # the title may be drawn before either
    if await rest.count():
        await go_to(page, CONTENT.ui.summary.read_rest, CONTENT.ui.summary.flags, "h2")
