"""Choosing the language: from the browser first, then a switch on every page that keeps every answer."""

import pytest

from logic import Answers, default_content, evaluate
from logic.content import languages
from logic.vocab import Step
from tests.support.apptest import PERSON, complete, fill_step, page_text
from ui.language import preferred
from ui.state import DRAFT, LANGUAGE_WIDGET, PAGE

ENGLISH, FILIPINO = default_content("en"), default_content("fil")
OFFERED = languages()


@pytest.mark.parametrize(
    ("locale", "accept", "expected"),
    [
        ("fil-PH", None, "fil"),
        ("tl", None, "fil"),
        ("en-US", "fil-PH,fil;q=0.9", "en"),
        (None, "fr-FR,fil;q=0.8,en;q=0.5", "fil"),
        ("fr-FR", "de-DE", "en"),
        (None, None, "en"),
        ("FIL_ph", "", "fil"),
    ],
)
def test_the_first_language_the_browser_asks_for_that_we_have(locale, accept, expected):
    assert preferred(locale, accept, OFFERED) == expected


def test_switching_language_mid_questionnaire_keeps_every_answer(at):
    at.button(key="start").click().run()
    fill_step(at, Step.SAFETY, PERSON)
    at.button(key="next").click().run()
    fill_step(at, Step.ABOUT_YOU, PERSON)
    before = dict(at.session_state[DRAFT])

    at.segmented_control(key=LANGUAGE_WIDGET).set_value("fil").run()
    assert not at.exception
    assert at.session_state[PAGE] == Step.ABOUT_YOU
    assert at.header[0].value == FILIPINO.questions.steps[Step.ABOUT_YOU].title
    assert dict(at.session_state[DRAFT]) == before
    assert FILIPINO.language.notice in page_text(at)

    at.segmented_control(key=LANGUAGE_WIDGET).set_value("en").run()
    assert at.header[0].value == ENGLISH.questions.steps[Step.ABOUT_YOU].title
    assert dict(at.session_state[DRAFT]) == before
    assert FILIPINO.language.notice not in page_text(at)


def test_the_summary_reads_in_the_language_chosen_and_says_the_translation_is_unchecked(at):
    at.segmented_control(key=LANGUAGE_WIDGET).set_value("fil").run()
    complete(at, PERSON)
    assert not at.exception
    text = page_text(at)
    summary = evaluate(Answers.model_validate(PERSON), FILIPINO)
    for flag in summary.flags:
        assert flag.title in text
    assert text.count(FILIPINO.language.notice) == 1
    assert not [f.title for f in evaluate(Answers.model_validate(PERSON), ENGLISH).flags if f.title in text]


def test_clicking_the_language_already_chosen_keeps_it(at):
    at.segmented_control(key=LANGUAGE_WIDGET).set_value(None).run()
    assert not at.exception
    assert at.title[0].value == ENGLISH.ui.app_title


@pytest.mark.parametrize("code", ["en", "fil"])
def test_the_welcome_page_says_first_that_no_doctor_has_checked_the_wording(at, code):
    at.segmented_control(key=LANGUAGE_WIDGET).set_value(code).run()
    notice = default_content(code).language.notice
    order = _in_order(at)
    assert order.index(("caption", notice)) < [kind for kind, _ in order].index("button"), "before Start"
    assert page_text(at).count(notice) == 1


def test_the_english_summary_says_once_outside_the_about_part_that_no_doctor_has_checked_it(at):
    complete(at, PERSON)
    assert not at.exception
    notice = ENGLISH.language.notice
    assert page_text(at).count(notice) == 1
    about = next(e for e in at.expander if e.label == ENGLISH.ui.summary.about)
    assert notice not in [c.value for c in about.caption]
    texts = [str(value) for _, value in _in_order(at)]
    assert texts.index(notice) < texts.index(ENGLISH.ui.summary.flags), "before the flags"


def _in_order(at) -> list[tuple[str, object]]:
    """The page's elements as it draws them, top to bottom: (kind, value or label)."""

    def walk(node, out):
        for child in getattr(node, "children", {}).values():
            out.append((child.type, getattr(child, "value", getattr(child, "label", None))))
            walk(child, out)
        return out

    return walk(at.main, [])
