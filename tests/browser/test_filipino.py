"""In Filipino: a browser that prefers Filipino gets the whole questionnaire, summary and PDF in Filipino, with
no English leaking onto the page, axe clean, on a phone and a desktop; switching to English and back keeps
every answer."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from logic import default_content
from logic.answers import STEP_FIELDS
from logic.vocab import Step
from tests.support import SCREENSHOTS
from tests.support.apptest import UPLOAD_MEGABYTES
from tests.support.browser import PERSON, Questionnaire, shown_answer, tab_to, violations, wait_idle

FILIPINO, ENGLISH = default_content("fil"), default_content()
# Everyday English words that are not also Filipino ones: any of them on the Filipino page is a leak.
ENGLISH_WORDS = frozenset(
    re.findall(
        r"[a-z]+",
        "the and your you with what this that for are from have will should about before after is it if how "
        "when who which or not can be please answer click choose upload browse drag drop limit per step next back "
        "skip main content",
    )
)
# Where English stands on the Filipino page on purpose: the switch's own name for English, proper names of
# scales and sources (each source is cited by its English title), and the person's own note.
MEANT = ("Goodman and Baron", PERSON["notes"], *PERSON["notes"].split("\n"))


def leaks(page, where: str) -> list[str]:
    """Lines of the page, and names given to screen readers, with an everyday English word in them."""
    app = page.get_by_test_id("stApp")
    lines = app.inner_text().split("\n")
    lines += app.evaluate(
        "el => [...el.querySelectorAll('[aria-label], [title], [placeholder]')]"
        ".filter(e => e.offsetParent !== null && e.getAttribute('aria-hidden') !== 'true')"
        ".flatMap(e => ['aria-label', 'title', 'placeholder'].map(a => e.getAttribute(a)).filter(Boolean))"
    )
    sources = FILIPINO.ui.summary.sources
    found = []
    for line in lines:
        text = line.strip()
        if not text or text in ENGLISH.ui.language.label or text.startswith(f"{sources}:") or text == "English":
            continue
        for meant in MEANT:
            text = text.replace(meant, "")
        english = sorted({w for w in re.findall(r"[a-z]+", text.lower()) if w in ENGLISH_WORDS})
        if english:
            found.append(f"{where}: {english} in {line.strip()[:120]!r}")
    return found


def test_a_browser_that_prefers_filipino_gets_everything_in_filipino(page_factory, viewport):
    page = page_factory(viewport=viewport, locale="fil-PH", color_scheme="light")
    page.on("dialog", lambda dialog: dialog.accept())
    name = f"fil-{viewport['width']}"
    q = Questionnaire(page, SCREENSHOTS, name, content=FILIPINO)
    assert page.get_by_role("heading", name=FILIPINO.ui.app_title).is_visible()
    # Set by ui/document.py's script, which the page loads as a module a moment after it is drawn.
    expect(page.locator("html")).to_have_attribute("lang", "fil", timeout=30_000)  # read as Filipino
    expect(page.get_by_test_id("stSkipToContent")).to_have_text(FILIPINO.ui.nav.skip)
    found, report = leaks(page, "welcome"), {}
    found += violations(page, "welcome", report)
    q.screenshot("0-welcome")
    q.start()
    for number, step in enumerate(Step, 1):
        q.fill(step, PERSON)
        found += leaks(page, str(step)) + violations(page, str(step), report)
        q.screenshot(f"{number}-{step}")
        q.onward(step)
    found += leaks(page, "review") + violations(page, "review", report)
    q.click_button(FILIPINO.ui.nav.see_summary)
    found += leaks(page, "summary") + violations(page, "summary", report)
    q.screenshot("6-summary")
    assert found == []
    notice = FILIPINO.language.notice
    assert page.get_by_test_id("stApp").inner_text().count(notice) == 1, "the unreviewed notice, once"

    with page.expect_download() as download:
        page.get_by_role("button", name=FILIPINO.ui.files.download_pdf).first.click()
    reader = PdfReader(io.BytesIO(open(download.value.path(), "rb").read()))  # noqa: SIM115 - read at once
    text = "".join("".join(p.extract_text() for p in reader.pages).split())
    assert "".join(notice.split()) in text
    assert "".join(FILIPINO.ui.summary.title.split()) in text or "".join(FILIPINO.ui.files.pdf_title.split()) in text


def test_switching_to_english_and_back_keeps_every_answer(page_factory):
    page = page_factory(locale="fil-PH")
    page.on("dialog", lambda dialog: dialog.accept())
    q = Questionnaire(page, content=FILIPINO)
    q.start()
    q.fill(Step.SAFETY, PERSON)
    q.onward(Step.SAFETY)
    q.fill(Step.ABOUT_YOU, PERSON)
    page.get_by_role("radio", name="English", exact=True).click()
    wait_idle(page)
    assert page.get_by_role("heading", name=ENGLISH.questions.steps[Step.ABOUT_YOU].title).is_visible()
    for field in STEP_FIELDS[Step.ABOUT_YOU]:
        assert shown_answer(page, field) == PERSON[field], field
    # Back by keyboard: the switch is one tab stop, and the arrow keys move between its languages.
    page.evaluate("document.activeElement.blur()")  # from the top of the page, as a keyboard user comes
    tab_to(page, page.get_by_role("radio", name="English", exact=True))
    page.keyboard.press("ArrowRight")
    filipino = page.get_by_role("radio", name="Filipino", exact=True)
    assert filipino.evaluate("el => el === document.activeElement"), "the arrow key reaches the other language"
    page.keyboard.press("Space")
    wait_idle(page)
    assert filipino.get_attribute("aria-checked") == "true"
    assert page.get_by_role("heading", name=FILIPINO.questions.steps[Step.ABOUT_YOU].title).is_visible()
    q.back()
    assert page.get_by_role("heading", name=FILIPINO.questions.steps[Step.SAFETY].title).is_visible()


@pytest.mark.parametrize("code", ["en", "fil"])
def test_a_file_the_browser_turns_away_is_told_why_on_the_screen_in_the_page_s_language(page_factory, code):
    """A photo chosen by mistake is over the upload limit: the browser refuses it before sending it, and
    Streamlit says why in English, to screen readers and on hover only. Here the reason is on the screen."""
    words = default_content(code)
    page = page_factory(viewport={"width": 390, "height": 844}, locale="fil-PH" if code == "fil" else "en-GB")
    expect(page.locator("html")).to_have_attribute("lang", code, timeout=30_000)
    page.get_by_text(words.ui.files.resume_title).click()
    wait_idle(page)
    photo = {"name": "cheek.jpg", "mimeType": "image/jpeg", "buffer": b"\xff" * (UPLOAD_MEGABYTES * 1024 * 1024 + 1)}
    page.locator("input[type=file]").set_input_files(files=[photo])
    refused = words.ui.files.refused.format(megabytes=UPLOAD_MEGABYTES)
    said = page.get_by_test_id("stFileChip").get_by_role("alert")
    expect(said).to_have_text(refused)
    assert said.is_visible() and said.bounding_box()["height"] > 16, "shown, not only read out"
    remove = page.get_by_role("button", name=words.ui.files.remove_file.format(name="cheek.jpg"))
    expect(remove).to_be_visible()
    expect(page.get_by_role("button", name=words.ui.files.choose_file)).to_have_count(1)
    uploader = page.get_by_test_id("stFileUploader")
    page.get_by_test_id("stFileChip").hover()  # the tooltip Streamlit keeps for screen readers: ours too
    said_anywhere = [uploader.inner_text(), *page.locator("[role=tooltip]").all_text_contents()]
    assert not [text for text in said_anywhere if "must be" in text], said_anywhere
    if code == "fil":
        assert leaks(page, "refused file") == []
    q = Questionnaire(page, SCREENSHOTS, f"refused-{code}", content=words)
    q.screenshot("file")
    remove.click()
    expect(page.get_by_test_id("stFileChip")).to_have_count(0)
