"""The browser tests' harness: drive the questionnaire the way a person does, by the words on the screen read
from content/, and the checks several of them make (axe, phone layout, the keyboard, what an answer shows)."""

import json
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect

from logic import Content, default_content
from logic.answers import STEP_FIELDS, is_multi, is_yes_no
from logic.vocab import Field, Step
from tests.factories import answers_dict
from tests.support.actions import actions
from ui.keep import STORAGE_KEY

CONTENT = default_content()
LAST_STEP = list(Step)[-1]


def wait_idle(page: Page, timeout: float = 30_000) -> None:
    """Wait the way Streamlit's own e2e tests do: connected, script finished, no skeletons."""
    page.wait_for_timeout(250)
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=timeout)


def heading(page: Page) -> str:
    return page.get_by_test_id("stMain").locator("h1, h2").first.inner_text()


def reload(page: Page) -> None:
    page.reload()
    wait_idle(page)
    page.wait_for_timeout(500)  # the tab's copy comes back in one more run
    wait_idle(page)


def stored(page: Page) -> dict:
    """The tab's copy of the draft (ui/keep.py), read where it is kept: the tab's sessionStorage."""
    return json.loads(page.evaluate(f"sessionStorage.getItem({json.dumps(STORAGE_KEY)})") or "{}")


# What a person reads in the main column: its text, leaving out the names of icons (Streamlit draws its arrows
# from a font of words such as "keyboard_arrow_down") and whatever a closed fold hides (innerText leaves out
# what is not rendered). The language switch above the title is read with the page, as a person reads it.
VISIBLE_TEXT = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  const icons = Array.from(main.querySelectorAll('[data-testid=stIconMaterial]'));
  icons.forEach(icon => { icon.dataset.display = icon.style.display; icon.style.display = 'none'; });
  const text = main.innerText;
  icons.forEach(icon => { icon.style.display = icon.dataset.display; });
  return text;
}"""


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
        """From the welcome page to the summary, answering every question with `answers` (and a screenshot
        of each page, when the questionnaire takes them)."""
        self.screenshot("0-welcome")
        self.start()
        for number, step in enumerate(Step, 1):
            self.fill(step, answers)
            self.screenshot(f"{number}-{step}")
            self.onward(step)
        self.screenshot("5-review")
        self.click_button(self.content.ui.nav.see_summary)

    def to_the_note(self, answers: dict) -> Locator:
        """From the welcome page to the last step, every question but the note answered: the note's box."""
        self.start()
        for step in Step:
            self.fill(step, answers, leave=frozenset({Field.NOTES}))
            if step is not LAST_STEP:
                self.onward(step)
        return self.page.get_by_role("textbox", name=self.content.field_label(Field.NOTES))

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


# --- One person's answers, and the checks several tests make --------------------------------------


PERSON = answers_dict(
    current_symptoms=[],
    changing_spot=False,
    distress="affects_daily_life",
    skin_type="V",
    marks=["brown_marks", "rolling"],
    routes=["injection"],
    setting="spa_or_salon",
    other_treatments=["chemical_peel"],
    goals=["fade_dark_marks", "smooth_pits"],
    notes="Marks on both cheeks since 2024.\nCan we talk about peels?",
)


def shown_answer(page: Page, field: Field):
    """What the page shows as the answer to `field`, in the draft's shape."""
    if field is Field.NOTES:
        return page.get_by_role("textbox", name=CONTENT.field_label(field)).input_value()
    if is_multi(field):
        ticked = [
            value
            for value in CONTENT.questions.fields[field].options
            if page.get_by_role("checkbox", name=CONTENT.option_label(field, value), exact=True).is_checked()
        ]
        return ticked
    group = page.get_by_role("radiogroup", name=CONTENT.field_label(field))
    options = [True, False] if is_yes_no(field) else list(CONTENT.questions.fields[field].options)
    chosen = [
        o for o in options if group.get_by_role("radio", name=CONTENT.option_label(field, o), exact=True).is_checked()
    ]
    return chosen[0] if chosen else None


def focused_within(target: Locator) -> bool:
    return target.evaluate("el => el === document.activeElement || el.contains(document.activeElement)")


def tab_to(page: Page, target: Locator, limit: int = 120) -> None:
    """Press Tab until focus is on (or inside) `target`; the focus must be visible when it gets there."""
    target = target.first
    for _ in range(limit):
        if focused_within(target):
            assert page.evaluate("document.activeElement.matches(':focus-visible')"), "focus is not visible"
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


def press(page: Page, key: str) -> None:
    page.keyboard.press(key)
    wait_idle(page)


AXE = Axe()


WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


SERIOUS = {"serious", "critical"}


def violations(page, where: str, report: dict[str, set[str]]) -> list[str]:
    results = AXE.run(page, options=WCAG).response
    for outcome in ("passes", "violations", "incomplete", "inapplicable"):
        report.setdefault(outcome, set()).update(rule["id"] for rule in results[outcome])
    return [
        f"{where}: {v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(f"{n['target'][-1]}: {n.get('failureSummary', '')}" for n in v["nodes"][:3])
        for v in results["violations"]
        if v["impact"] in SERIOUS
    ]


MIN_TAP = 44  # px, the size the issue asks for (WCAG 2.2's AAA target size; AA asks only 24)


MIN_OPTION = 24  # px: WCAG 2.2's minimum target size (AA), for each radio and checkbox option


MIN_TEXT = 16  # px: body text, options and help texts


def layout_problems(page, where: str) -> list[str]:
    problems = []
    overflow = page.evaluate(
        "Math.max(...['[data-testid=stMain]', '[data-testid=stAppViewContainer]', 'html', 'body']"
        ".map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollWidth - e.clientWidth))"
    )
    if overflow > 0:
        problems.append(f"{where}: the page scrolls sideways by {overflow}px")
    for button in page.locator("[data-testid=stMain] button:visible").all():
        box = button.bounding_box()
        if box and box["height"] < MIN_TAP:
            problems.append(f"{where}: button {button.inner_text()!r} is {box['height']:.0f}px tall")
    options = ", ".join(
        f"[data-testid=stMain] [data-testid={kind}] label:visible" for kind in ("stRadio", "stCheckbox")
    )
    for option in page.locator(options).all():
        box = option.bounding_box()
        if box and box["height"] < MIN_OPTION:
            problems.append(f"{where}: option {option.inner_text()!r} is {box['height']:.0f}px tall")
    small = page.evaluate(
        """min => [...document.querySelectorAll('[data-testid=stMain] p, [data-testid=stMain] label')]
        .filter(e => e.offsetParent && e.innerText.trim())
        .map(e => [e.innerText.trim().slice(0, 40), parseFloat(getComputedStyle(e).fontSize)])
        .filter(([, size]) => size < min)""",
        MIN_TEXT,
    )
    problems += [f"{where}: {text!r} is set in {size}px type" for text, size in small]
    return problems
