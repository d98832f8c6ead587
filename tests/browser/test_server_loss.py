"""The tab's copy of the draft brings every answer back when the server is lost (its process killed and started
again, as supervisord or Kubernetes does), however many reloads came before, and the page says what happened.

This file starts a server of its own: the shared one of tests/browser/conftest.py is not to be killed.
"""

import json

import pytest
from playwright.sync_api import Page, expect

from logic.answers import STEP_FIELDS
from logic.vocab import Field, Step
from tests.support import SCREENSHOTS
from tests.support.browser import CONTENT, PERSON, Questionnaire, heading, reload, shown_answer, stored, wait_idle
from tests.support.servers import SCRIPT, Server

SAFETY, ABOUT_YOU, MARKS = Step.SAFETY, Step.ABOUT_YOU, Step.SKIN_AND_MARKS
LEFT = frozenset({STEP_FIELDS[MARKS][-1]})  # "most of step 3": all but its last question
GIVEN = {f: PERSON[f] for step in (SAFETY, ABOUT_YOU, MARKS) for f in STEP_FIELDS[step] if f not in LEFT}
RECONNECT = 90_000  # ms: Streamlit's page retries with a growing pause; a killed process takes seconds to return


class Restartable:
    """One server on one port that a test may kill (SIGKILL, as a crash) and start again on the same port."""

    def __init__(self) -> None:
        self.server = Server(SCRIPT)
        self.url = self.server.url

    def kill_and_restart(self, page: Page) -> None:
        self.server.process.kill()
        self.server.process.wait(timeout=10)
        self.server.stop()
        page.wait_for_selector("[data-testid='stApp']:not([data-test-connection-state='CONNECTED'])", timeout=30_000)
        self.server = Server(SCRIPT, port=self.server.port)

    def stop(self) -> None:
        self.server.stop()


@pytest.fixture
def restartable():
    running = Restartable()
    yield running
    running.stop()


def lose_the_server(page: Page, restartable: Restartable) -> None:
    """Kill the server, start it again, and wait as a person would until the page is back and settled."""
    restartable.kill_and_restart(page)
    wait_idle(page, timeout=RECONNECT)
    expect(page.get_by_text(CONTENT.ui.nav.connection_restored)).to_be_visible(timeout=RECONNECT)
    wait_idle(page)


def open_at(browser, url: str, width: int = 1280, height: int = 900) -> Page:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(url)
    return page


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_a_reload_then_a_lost_server_brings_every_answer_back(browser, restartable, width, height):
    page = open_at(browser, restartable.url, width, height)
    try:
        q = Questionnaire(page)
        q.start()
        q.fill(SAFETY, PERSON)
        q.next()
        reload(page)
        q.fill(ABOUT_YOU, PERSON)
        q.next()
        q.fill(MARKS, PERSON, leave=LEFT)
        lose_the_server(page, restartable)

        assert heading(page) == CONTENT.questions.steps[MARKS].title, "back on the page the person was on"
        page.get_by_test_id("stMain").screenshot(path=str(SCREENSHOTS / f"server-loss-restored-{width}.png"))
        for field in STEP_FIELDS[MARKS]:
            assert shown_answer(page, field) == GIVEN.get(field), field
        assert stored(page)["draft"] == GIVEN, "the tab's copy still holds every answer"
        q.back()
        for field in STEP_FIELDS[ABOUT_YOU]:
            assert shown_answer(page, field) == PERSON[field], field
        expect(page.get_by_text(CONTENT.ui.nav.connection_restored)).to_have_count(0)  # said once, then gone
    finally:
        page.context.close()


def test_the_answers_come_back_after_every_loss_not_only_the_first(browser, restartable):
    page = open_at(browser, restartable.url)
    try:
        q = Questionnaire(page)
        q.start()
        q.fill(SAFETY, PERSON)
        lose_the_server(page, restartable)
        q.next()
        q.answer(Field.AGE_GROUP, PERSON[Field.AGE_GROUP])
        lose_the_server(page, restartable)
        assert heading(page) == CONTENT.questions.steps[ABOUT_YOU].title
        assert shown_answer(page, Field.AGE_GROUP) == PERSON[Field.AGE_GROUP]
        expected = {**{f: PERSON[f] for f in STEP_FIELDS[SAFETY]}, Field.AGE_GROUP: PERSON[Field.AGE_GROUP]}
        assert stored(page)["draft"] == json.loads(json.dumps(expected))
    finally:
        page.context.close()


class HeldCopy:
    """Between the page and the server: holds back the message that sends the tab's copy, until let go."""

    def __init__(self, page: Page, marker: str) -> None:
        self.marker, self.held, self.server = marker.encode(), [], None
        page.route_web_socket("**/_stcore/stream", self.route)

    def route(self, ws) -> None:
        self.server = ws.connect_to_server()
        ws.on_message(lambda message: self.pass_on(message))
        self.server.on_message(lambda message: ws.send(message))

    def pass_on(self, message) -> None:
        body = message if isinstance(message, bytes) else message.encode()
        if self.marker in body:
            self.held.append(message)
        else:
            self.server.send(message)

    def wait(self, page: Page, seconds: float = 30) -> None:
        """Until the copy has been sent, and is held back (Playwright hands over messages while it waits)."""
        for _ in range(int(seconds * 10)):
            if self.held:
                return
            page.wait_for_timeout(100)
        raise AssertionError("the page never sent the tab's copy")

    def let_go(self) -> None:
        for message in self.held:
            self.server.send(message)


def test_start_pressed_while_the_copy_is_on_its_way_does_not_overwrite_it(page_factory):
    page = page_factory()
    q = Questionnaire(page)
    q.start()
    q.fill(SAFETY, PERSON)
    q.next()
    given = {f: PERSON[f] for f in STEP_FIELDS[SAFETY]}
    held = HeldCopy(page, str(PERSON[Field.DISTRESS]))  # only the copy names an answer: radios send numbers
    page.reload()
    q = Questionnaire(page)
    held.wait(page)
    q.start()  # the welcome page, while the copy has not arrived: a person presses Start
    assert heading(page) == CONTENT.questions.steps[SAFETY].title
    assert stored(page)["draft"] == given, "Start wrote an empty draft over the tab's copy"
    held.let_go()
    expect(page.get_by_role("heading", name=CONTENT.questions.steps[ABOUT_YOU].title)).to_be_visible()
    wait_idle(page)
    q.back()
    for field in STEP_FIELDS[SAFETY]:
        assert shown_answer(page, field) == PERSON[field], field
    assert stored(page)["draft"] == given
