"""Phone-sized screens: nothing scrolls sideways, every button is a comfortable tap target."""

import pytest

from logic.vocab import Step
from tests.browser.conftest import SCREENSHOTS
from tests.browser.driver import CONTENT, Questionnaire
from tests.browser.test_questionnaire_in_browser import PERSON

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


@pytest.mark.parametrize(("width", "height"), [(390, 844), (360, 740)])
def test_phone_pages_do_not_scroll_sideways_and_buttons_are_easy_to_tap(page_factory, width, height):
    page = page_factory(viewport={"width": width, "height": height})
    q = Questionnaire(page, SCREENSHOTS, f"phone{width}")
    found = layout_problems(page, "welcome")
    q.start()
    for step in Step:
        q.fill(step, PERSON)
        found += layout_problems(page, str(step))
        q.screenshot(str(step))
        q.onward(step)
    found += layout_problems(page, "review")
    q.click_button(CONTENT.ui.nav.see_summary)
    found += layout_problems(page, "summary")
    q.screenshot("summary")
    assert found == []
