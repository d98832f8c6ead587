"""A person's take-away files are theirs alone: a second browser and a cookie-less GET
cannot fetch them, their URLs cannot be computed from the answers, they are never cached, and they are gone
once the person leaves the summary, starts over or closes the tab."""

import re
import time
from urllib.parse import urlparse

import pytest
from streamlit.runtime.memory_media_file_storage import _calculate_file_id

from tests.factories import answers_dict
from tests.privacy.hostile import get
from tests.support.browser import CONTENT, Questionnaire, wait_idle

pytestmark = pytest.mark.browser

GONE_WITHIN = 10  # seconds after the tab closes, at most


def download(page, label: str):
    with page.expect_download(timeout=60_000) as started:
        page.get_by_role("button", name=label).first.click()
    got = started.value
    assert got.failure() is None, got.failure()
    return got.url, got.path().read_bytes()


def own_fetch(page, url: str) -> int:
    """The person's own browser asking again, with its cookies."""
    return page.context.request.get(url).status


def summary_page(browser, server, notes: str):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(server.url)
    Questionnaire(page).complete(answers_dict(notes=notes))
    return page


def test_another_browser_and_a_cookie_less_get_cannot_fetch_a_persons_files(browser, fresh_server):
    page = summary_page(browser, fresh_server, "only mine")
    files, words = CONTENT.ui.files, CONTENT.ui.summary
    offered = {
        files.download_pdf: ("application/pdf", files.pdf_file),
        words.download_markdown: ("text/markdown", words.markdown_file),
        files.save_answers: ("application/json", files.answers_file),
        files.download_fhir: ("application/fhir+json", files.fhir_file),
    }
    for label, (mime, file_name) in offered.items():
        url, data = download(page, label)
        assert own_fetch(page, url) == 200
        stranger = browser.new_context()
        assert stranger.request.get(url).status == 404
        stranger.close()
        assert get(url).status == 404
        reply = page.context.request.get(url)
        assert reply.headers["cache-control"] == "no-store"
        assert reply.headers["x-content-type-options"] == "nosniff"
        # Not derived from the content: Streamlit's own id for these bytes names nothing.
        name = urlparse(url).path.rsplit("/", 1)[1]
        stem = name.split(".", 1)[0]
        assert re.fullmatch(r"[0-9a-f]{48}", stem), "at least 128 random bits"
        guess = _calculate_file_id(data, mime, file_name)  # what Streamlit 1.67 named it by
        assert own_fetch(page, f"{fresh_server.url}/media/{guess}{name[len(stem) :]}") == 404
        again, same = download(page, label)
        assert same == data and again != url, "a new click gives the same file under a new random id"
        assert own_fetch(page, url) == 404, "the click before is withdrawn"
    page.context.close()


def test_files_are_gone_after_starting_over_or_closing_the_tab(browser, fresh_server):
    page = summary_page(browser, fresh_server, "leaving now")
    url, _ = download(page, CONTENT.ui.summary.download_markdown)
    assert own_fetch(page, url) == 200
    page.get_by_role("button", name=CONTENT.ui.nav.start_over).click()
    wait_idle(page)
    page.get_by_role("button", name=CONTENT.ui.nav.start_over_yes).click()
    wait_idle(page)
    assert own_fetch(page, url) == 404

    Questionnaire(page).complete(answers_dict(notes="second visit"))
    url, _ = download(page, CONTENT.ui.summary.download_markdown)
    request = page.context.request
    cookies = page.context.cookies()
    page.close()  # the tab closes; its websocket ends
    deadline = time.monotonic() + GONE_WITHIN
    while request.get(url).status == 200:
        assert time.monotonic() < deadline, f"the file was still there {GONE_WITHIN} s after the tab closed"
        time.sleep(0.2)
    assert cookies, "the browser held its cookie, so the 404 is the file's absence, not a stranger's"
