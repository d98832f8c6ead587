"""User text is inert in the page: hostile notes show as the very characters typed, and nothing in them runs.

On a phone-sized (390 px) page each note reaches the review page (as a saved answers file, the way a person
resumes, and once typed into the notes box), then the summary, and is downloaded as Markdown. Checked on
each page: the note's text exactly, no element made from it, no `window` side effect, no dialog, no request
off the machine, and no horizontal scrolling.
"""

import json
import re

import pytest
from markdown_it import MarkdownIt

from exports.markdown import escape
from logic.answers import STEP_FIELDS
from logic.vocab import Step
from tests.factories import answers_dict
from tests.privacy.hostile_notes import ACTIVE_TAGS, HTML, NOTES, UNICODE
from tests.privacy.scan import loopback_only
from tests.support.browser import CONTENT, Questionnaire, wait_idle

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SIDE_EFFECTS = """() => ({
    pwned: window.__pwned === undefined ? null : window.__pwned,
    hidden: getComputedStyle(document.body).display === "none",
})"""
ATTRIBUTES_FROM_NOTES = """() => Array.from(document.querySelectorAll("*")).flatMap(element =>
    Array.from(element.attributes).filter(a => /__pwned|example\\.com/.test(a.value)).map(a => a.name))"""
OVERFLOW = """() => {
    const main = document.querySelector("[data-testid=stMain]");
    const root = document.scrollingElement || document.documentElement;
    return {page: root.scrollWidth - root.clientWidth, main: main.scrollWidth - main.clientWidth};
}"""


def open_phone_page(browser, server):
    context = browser.new_context(viewport=PHONE, accept_downloads=True)
    page = context.new_page()
    page.urls, page.dialogs = [], []
    page.on("request", lambda request: page.urls.append(request.url))
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(server.url)
    wait_idle(page)
    return page


def resume(page, answers: dict) -> None:
    """Load a saved answers file from the welcome page, which opens the review page."""
    page.get_by_text(CONTENT.ui.files.resume_title).first.click()
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(
        files=[{"name": "answers.json", "mimeType": "application/json", "buffer": json.dumps(answers).encode()}]
    )
    page.locator("h1", has_text=CONTENT.ui.summary.title).first.wait_for(timeout=30_000)  # a good file opens it
    wait_idle(page)
    page.get_by_role("button", name=CONTENT.ui.nav.change_answers).click()  # and the review shows the note
    page.locator("h2", has_text=CONTENT.ui.review.title).first.wait_for(timeout=30_000)
    wait_idle(page)


def assert_nothing_ran_or_broke(page) -> None:
    assert page.evaluate(SIDE_EFFECTS) == {"pwned": None, "hidden": False}
    assert page.dialogs == []
    main = page.get_by_test_id("stMain")
    # (The app's own focus script runs in a component iframe: an iframe as such is no sign of a note.)
    for selector in ("script", "iframe[src^='javascript' i]", "img[src='x']", "[onerror]", "[onload]"):
        assert main.locator(selector).count() == 0, selector
    assert main.locator("a[href^='javascript' i]").count() == 0
    assert page.evaluate(ATTRIBUTES_FROM_NOTES) == []
    assert not [u for u in page.urls if "example.com" in u]
    assert loopback_only(page.urls) == []
    overflow = page.evaluate(OVERFLOW)
    assert overflow["page"] <= 1 and overflow["main"] <= 1, f"the page scrolls sideways: {overflow}"


def assert_shown_as_typed(page, note: str) -> None:
    """The review page shows the note in one plain-text element, character for character."""
    shown = page.get_by_test_id("stText").filter(has_text=note.strip()[:20])
    assert shown.count() == 1
    assert shown.first.text_content() == note
    inside = ", ".join(ACTIVE_TAGS)
    assert shown.first.locator(f":is({inside})").count() == 0


def notes_block(markdown: str) -> str:
    """The notes as the downloaded Markdown holds them: the quoted lines after the notes label."""
    after = markdown.split(f"**{CONTENT.ui.summary.notes}:**", 1)[1]
    return "\n".join(line for line in after.strip().split("\n\n")[0].split("\n"))


def assert_markdown_quotes_it_as_text(markdown: str, note: str) -> None:
    block = notes_block(markdown)
    for line in note.strip().split("\n"):
        assert escape(line) in block
    rendered = MarkdownIt("commonmark").render(block)  # commonmark passes raw HTML through: the strictest reading
    assert set(re.findall(r"<([a-z0-9]+)", rendered)) <= {"blockquote", "p"}, rendered


def summary_and_markdown(page, tmp_path) -> str:
    page.get_by_role("button", name=CONTENT.ui.nav.see_summary, exact=True).first.click()
    page.locator("h1", has_text=CONTENT.ui.summary.title).first.wait_for(timeout=30_000)
    wait_idle(page)
    assert_nothing_ran_or_broke(page)
    with page.expect_download() as started:
        page.get_by_role("button", name=CONTENT.ui.summary.download_markdown).first.click()
    path = tmp_path / "summary.md"
    started.value.save_as(path)
    wait_idle(page)
    assert_nothing_ran_or_broke(page)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", NOTES)
def test_a_hostile_note_from_a_saved_file_shows_as_text_and_runs_nothing(browser, module_server, tmp_path, name):
    note = NOTES[name]
    page = open_phone_page(browser, module_server)
    resume(page, answers_dict(notes=note))
    assert_shown_as_typed(page, note)
    assert_nothing_ran_or_broke(page)
    assert_markdown_quotes_it_as_text(summary_and_markdown(page, tmp_path), note)
    page.context.close()


def test_a_hostile_note_typed_into_the_notes_box_shows_as_text_and_runs_nothing(browser, module_server, tmp_path):
    note = (HTML[:200] + "\n" + UNICODE)[:500]
    page = open_phone_page(browser, module_server)
    q = Questionnaire(page)
    q.start()
    answers = answers_dict(notes=note)
    for step in Step:
        for field in STEP_FIELDS[step]:
            q.answer(field, answers[field])
        assert_nothing_ran_or_broke(page)
        q.onward(step)
    page.locator("h2", has_text=CONTENT.ui.review.title).first.wait_for(timeout=30_000)
    assert_shown_as_typed(page, note)
    assert_nothing_ran_or_broke(page)
    assert_markdown_quotes_it_as_text(summary_and_markdown(page, tmp_path), note)
    page.context.close()
