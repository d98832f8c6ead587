"""Sessions are isolated: people using the app at the same time each see only their own answers and summary.

Two people answer in turn, question by question, on one server; then many at once, each in its own browser
context, with a secret note and a set of marks of its own. Each must find its own note, marks and flags on
its review page, summary and download, and nobody else's.
"""

import asyncio
import threading
import time
import uuid
from itertools import combinations

import pytest
from playwright.async_api import async_playwright

from logic import Answers, evaluate
from logic.answers import STEP_FIELDS
from logic.vocab import Mark, Step
from tests.factories import answers_dict
from tests.privacy import async_driver
from tests.privacy.scan import loopback_only
from tests.support.browser import CONTENT, Questionnaire, wait_idle
from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.support.threads import run_async

pytestmark = pytest.mark.browser

ALL_MARK_NAMES = {text.name for text in CONTENT.marks.values()}
ALL_FLAG_TITLES = {text.title for text in CONTENT.flags.values()}
SKIN_TYPES = ["I", "II", "III", "IV", "V", "VI", "not_sure"]
SETTINGS = ["dermatologist", "other_medical", "spa_or_salon", "self_at_home", "online_purchase", "not_decided"]

# How many people use the app at once: enough that their sessions overlap all the way through, few enough that
# two cores draw every page in time. At 10, on this machine in 2026-12, about half the runs timed out: a page
# redrawn app-wide (a new skin type redraws the mark drawings in its tone) kept being redrawn for over a minute,
# and a click made during such a redraw could be dropped (async_driver re-sets it, as a person would). That
# is a finding about the app under load, handed on in the closing note; this test is about isolation.
CONCURRENT_SESSIONS = 6
CONCURRENT_TIMEOUT = 240  # seconds for all sessions together, so a stuck page fails the test instead of hanging


def person(n: int) -> tuple[dict, str]:
    """The n-th person: a secret note, marks no one else chose, and other answers varied to differ in flags."""
    secret = f"secret{n:02d}x{uuid.uuid4().hex[:16]}"
    choices = [m for m in Mark if m is not Mark.NOT_SURE]
    mark_sets = [list(c) for size in (1, 2, 3) for c in combinations(choices, size)]
    answers = answers_dict(
        changing_spot=n % 2 == 0,
        skin_type=SKIN_TYPES[n % len(SKIN_TYPES)],
        marks=[str(m) for m in mark_sets[n]],
        setting=SETTINGS[n % len(SETTINGS)],
        routes=["injection"] if n % 3 else ["oral", "topical"],
        notes=f"Person {n}: {secret}",
    )
    return answers, secret


def expected(answers: dict) -> tuple[set[str], set[str]]:
    """The mark names and flag titles this person's summary must show."""
    summary = evaluate(Answers.model_validate(answers))
    return {m.name for m in summary.marks}, {f.title for f in summary.flags}


# --- Two people, taking turns question by question ---------------------------------------------------------


def test_two_people_answering_at_the_same_time_each_see_only_their_own_summary(browser, module_server, tmp_path):
    people = [person(0), person(7)]
    pages = []
    for _ in people:
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        page.urls = []
        page.on("request", lambda request, urls=page.urls: urls.append(request.url))
        page.goto(module_server.url)
        pages.append(page)
    drivers = [Questionnaire(page) for page in pages]
    for q in drivers:
        q.start()
    for step in Step:
        for field in STEP_FIELDS[step]:
            for q, (answers, _) in zip(drivers, people, strict=True):
                q.answer(field, answers[field])
        for q in drivers:
            q.onward(step)

    secrets = [secret for _, secret in people]
    for page, (_, secret) in zip(pages, people, strict=True):
        review = page.get_by_test_id("stMain").inner_text()
        assert secret in review
        assert [s for s in secrets if s != secret and s in review] == []
    for q in drivers:
        q.click_button(CONTENT.ui.nav.see_summary)
    for n, (page, (answers, secret)) in enumerate(zip(pages, people, strict=True)):
        marks, flags = expected(answers)
        shown = set(page.locator("[data-testid=stMain] h3").all_inner_texts())
        # A flag's title is bold in its card, or the label of its disclosure when the page folds it.
        strong = set(page.locator("[data-testid=stMain] :is(strong, summary)").all_inner_texts())
        assert {t.strip() for t in shown} & ALL_MARK_NAMES == marks
        assert {t.strip() for t in strong} & ALL_FLAG_TITLES == flags
        with page.expect_download() as started:
            page.get_by_role("button", name=CONTENT.ui.summary.download_markdown).first.click()
        path = tmp_path / f"summary-{n}.md"
        started.value.save_as(path)
        wait_idle(page)
        markdown = path.read_text(encoding="utf-8")
        assert secret in markdown
        assert [s for s in secrets if s != secret and s in markdown] == []
        assert loopback_only(page.urls) == []
    assert expected(people[0][0]) != expected(people[1][0])  # the two summaries really differ
    for page in pages:
        page.context.close()


# --- Many people at once: Playwright's async API, one browser, a context each ------------------------------


TICKED = """() => Array.from(document.querySelectorAll("[data-testid=stMain] input:checked"))
    .map(input => (input.closest("label") || input.parentElement).innerText.trim())"""


async def download_markdown(page) -> str:
    """The Markdown download's text, from the first click: with many people at once, nobody should need two."""
    async with page.expect_download(timeout=60_000) as started:
        await page.get_by_role("button", name=CONTENT.ui.summary.download_markdown).first.click()
    download = await started.value
    assert await download.failure() is None, f"the download failed: {await download.failure()}"
    return (await download.path()).read_text(encoding="utf-8")


async def one_session(browser, url: str, answers: dict) -> dict:
    started = time.monotonic()
    context = await browser.new_context(accept_downloads=True)
    context.set_default_timeout(60_000)  # as async_driver's waits: ten sessions share two cores
    try:
        page = await context.new_page()
        urls: list[str] = []
        page.on("request", lambda request: urls.append(request.url))
        page.on("websocket", lambda socket: urls.append(socket.url))
        await page.goto(url, timeout=60_000)
        try:
            await async_driver.answer_all(page, answers)
        except Exception as error:
            # Say where the session was stuck: the page's own words show which answer it is waiting for.
            shown = await page.get_by_test_id("stMain").inner_text(timeout=10_000)
            ticked = await page.evaluate(TICKED)
            raise AssertionError(
                f"session stuck: {error}\n--- ticked in the browser ---\n{ticked}\n--- the page said ---\n{shown}"
            ) from error
        review = await page.get_by_test_id("stMain").inner_text()
        await async_driver.see_summary(page)
        summary = await page.get_by_test_id("stMain").inner_text()
        shown = await page.locator("[data-testid=stMain] h3").all_inner_texts()
        strong = await page.locator("[data-testid=stMain] :is(strong, summary)").all_inner_texts()
        markdown = await download_markdown(page)
        return {
            "review": review,
            "summary": summary,
            "marks": {t.strip() for t in shown} & ALL_MARK_NAMES,
            "flags": {t.strip() for t in strong} & ALL_FLAG_TITLES,
            "markdown": markdown,
            "urls": urls,
            "seconds": time.monotonic() - started,
        }
    finally:
        await context.close()


async def many_sessions(url: str, people: list[dict]) -> tuple[list[dict], float]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            started = time.monotonic()
            results = await asyncio.wait_for(
                asyncio.gather(*(one_session(browser, url, answers) for answers in people)), CONCURRENT_TIMEOUT
            )
            return results, time.monotonic() - started
        finally:
            await browser.close()


def test_many_people_at_once_each_see_only_their_own_notes_marks_and_flags(module_server):
    people = [person(n) for n in range(CONCURRENT_SESSIONS)]
    assert len({tuple(a["marks"]) for a, _ in people}) == len(people)  # every person's marks differ
    assert threading.current_thread() is threading.main_thread()
    results, took = run_async(many_sessions(module_server.url, [answers for answers, _ in people]))

    slowest = max(r["seconds"] for r in results)
    print(f"\n{CONCURRENT_SESSIONS} concurrent sessions: {took:.1f}s in all, slowest session {slowest:.1f}s")
    secrets = [secret for _, secret in people]
    for n, ((answers, secret), seen) in enumerate(zip(people, results, strict=True)):
        marks, flags = expected(answers)
        for where in ("review", "markdown"):
            assert secret in seen[where], (n, where)
        for where in ("review", "summary", "markdown"):
            assert [s for s in secrets if s != secret and s in seen[where]] == [], (n, where)
        assert seen["marks"] == marks, n
        assert seen["flags"] == flags, n
        assert CONTENT.answer_text(Answers.model_validate(answers), "marks") in seen["review"], n
        assert loopback_only(seen["urls"]) == [], n
