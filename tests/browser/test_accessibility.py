"""WCAG 2.2 AA checks with axe-core on every page, in the light and the dark theme."""

import pytest

from logic.vocab import Mark, Step
from tests.support import SCREENSHOTS
from tests.support.browser import CONTENT, PERSON, Questionnaire, violations
from ui.illustrations import drawing


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_has_no_serious_accessibility_violation(page_factory, scheme, capsys):
    page = page_factory(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    q = Questionnaire(page, SCREENSHOTS if scheme == "dark" else None, scheme)
    found, report = [], {}
    found += violations(page, "welcome", report)
    q.start()
    q.next()  # with every "please answer" message showing
    found += violations(page, "safety, unanswered", report)
    for step in Step:
        q.fill(step, {**PERSON, "current_symptoms": ["infection_signs"]})
        found += violations(page, str(step), report)
        if step is Step.SKIN_AND_MARKS:
            alts = page.locator("[data-testid=stMain] [data-testid=stImage] img").evaluate_all(
                "els => els.map(e => e.alt)"
            )
            assert alts == [drawing(mark).alt for mark in Mark], "every drawing needs its own text alternative"
        q.screenshot(str(step))
        q.onward(step)
    found += violations(page, "review", report)
    q.click_button(CONTENT.ui.nav.see_summary)
    found += violations(page, "summary", report)
    q.screenshot("summary")
    with capsys.disabled():
        print(f"\naxe-core WCAG 2.2 A/AA rules over 8 pages, {scheme} theme:")
        for outcome, rules in report.items():
            print(f"  {outcome} ({len(rules)}): {', '.join(sorted(rules))}")
    assert found == []
