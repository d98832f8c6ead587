"""Phone-sized screens: nothing scrolls sideways, every button is a comfortable tap target."""

import pytest

from logic.vocab import Step
from tests.support import SCREENSHOTS
from tests.support.browser import CONTENT, PERSON, Questionnaire, layout_problems


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
