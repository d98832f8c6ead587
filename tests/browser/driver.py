"""Drive the questionnaire the way a person does: by the words on the screen, read from content/."""

from pathlib import Path

from playwright.sync_api import Page, expect

from logic import Content, default_content
from logic.answers import STEP_FIELDS
from logic.vocab import Field, Step
from tests.support.actions import actions

CONTENT = default_content()
LAST_STEP = list(Step)[-1]


def wait_idle(page: Page, timeout: float = 30_000) -> None:
    """Wait the way Streamlit's own e2e tests do: connected, script finished, no skeletons."""
    page.wait_for_timeout(250)
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=timeout)


class Questionnaire:
    def __init__(self, page: Page, shots: Path | None = None, name: str = "", content: Content = CONTENT) -> None:
        self.page = page
        self.content = content  # the language the page is read in
        self.shots = shots
        self.name = name
        wait_idle(page)

    def click_button(self, label: str) -> None:
        self.page.get_by_role("button", name=label, exact=True).first.click()
        wait_idle(self.page)

    def start(self) -> None:
        self.click_button(self.content.ui.welcome.start)

    def next(self) -> None:
        self.click_button(self.content.ui.nav.next)

    def back(self) -> None:
        self.click_button(self.content.ui.nav.back)

    def onward(self, step: Step) -> None:
        """Leave a filled-in step: "Next", or, after the last step, on to the review page."""
        self.click_button(self.content.ui.nav.review if step is LAST_STEP else self.content.ui.nav.next)

    def complete(self, answers: dict) -> None:
        """From the welcome page to the summary, answering every question with `answers`."""
        self.start()
        for step in Step:
            self.fill(step, answers)
            self.onward(step)
        self.click_button(self.content.ui.nav.see_summary)

    def fill(self, step: Step, answers: dict, *, leave: frozenset[Field] = frozenset()) -> None:
        """Answer every question of `step` with `answers`, but those in `leave`; stay on the page."""
        for field in STEP_FIELDS[step]:
            if field not in leave:
                self.answer(field, answers[field])

    def answer(self, field: Field, value) -> None:
        """Give an answer through its widgets (tests/support/actions.py), by the words on the screen."""
        for action in actions(field, value, self.content):
            if action.kind == "tick":
                box = self.page.get_by_test_id("stCheckbox").filter(has_text=action.label).first
                if box.locator("input").is_checked() == action.value:
                    continue
                box.locator("label").click()
            elif action.kind == "type":
                area = self.page.get_by_role("textbox", name=action.question)
                area.fill(action.value)
                area.blur()
            else:
                group = self.page.get_by_role("radiogroup", name=action.question)
                group.get_by_text(action.label, exact=True).click()
            wait_idle(self.page)

    def screenshot(self, step: str) -> None:
        """The whole page: Streamlit scrolls inside its own container, so grow the window to fit it."""
        if self.shots is None:
            return
        self.shots.mkdir(parents=True, exist_ok=True)
        size = self.page.viewport_size
        height = self.page.evaluate(
            "Math.max(...['[data-testid=stMain]', '[data-testid=stAppViewContainer]', 'html']"
            ".map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight))"
        )
        self.page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
        self.page.wait_for_timeout(300)
        self.page.screenshot(path=str(self.shots / f"{self.name}-{step}.png"), full_page=True)
        self.page.set_viewport_size(size)
