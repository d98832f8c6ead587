"""Hostile clients from loopback against the app as it is served (deploy/asgi.py).

Each test speaks Streamlit's own websocket protocol (tests/support/session.py) or plain HTTP, as an outsider would:
resuming another person's session by its id, sending widget values that do not fit, forging log lines,
asking for hundreds of files, and uploading hundreds of megabytes. Every loop is bounded in count and time.
"""

import asyncio
import json
import urllib.error
import urllib.request
import uuid

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from logic import default_content
from logic.answers import STEP_FIELDS
from logic.vocab import Field, Step
from tests.factories import answers_dict
from tests.privacy.hostile import backend_request, browser_cookies, open_session
from tests.support.servers import SCRIPT, Server
from tests.support.session import FINISHED, FRAGMENT_FINISHED, Person, answer, fill_in
from tests.support.threads import run_async
from ui import downloads
from ui.state import RESUME_FOLD, widget_key

# Starts the app's server, another program or a process of its own: not in `make unit` (pyproject's markers).
pytestmark = pytest.mark.integration

TTL = 2  # seconds a closed session is kept for a reconnect, in these tests' server


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = Server(SCRIPT, f"--server.disconnectedSessionTTL={TTL}", tmp=tmp_path_factory.mktemp("hostile"))
    yield running
    running.stop()


def run(coroutine, seconds: float = 120):
    """The coroutine on an event loop of its own, bounded in time (tests/support/threads.py says why)."""
    return run_async(coroutine, seconds)


def ok(result) -> None:
    assert result.exceptions == [], result.exceptions
    assert result.status in (FINISHED, FRAGMENT_FINISHED), result.status


async def to_first_step(session):
    ok(await session.rerun())
    ok(await session.click("start"))
    return session.last


# --- Item 4: a reused session id ------------------------------------------------------------------------


async def through_steps(session, count: int) -> None:
    """Answer the first `count` steps with the usual answers, pressing Next after each."""
    words, answers = default_content(), answers_dict()
    for step in list(Step)[:count]:
        for field in STEP_FIELDS[step]:
            await answer(session, Person(0), field, answers[field], words)
        ok(await session.click("next"))


async def write_a_note(url: str, cookies: dict) -> str:
    """A person who reaches the last step, writes a note, and closes the tab: returns the session id."""
    session = await open_session(url, cookies)
    await to_first_step(session)
    await through_steps(session, len(Step) - 1)
    ok(await session.type_text(widget_key(Field.NOTES), "secret note of the first person"))
    await session.close()
    return session.tap.session_id


def test_a_known_session_id_does_not_give_another_browser_the_session(server):
    async def attack():
        victim = browser_cookies(server.url)
        session_id = await write_a_note(server.url, victim)
        # Another browser (its own cookie, or none) reconnects with the id, as Streamlit's front end would.
        for cookies in (browser_cookies(server.url), {}):
            thief = await open_session(server.url, cookies, resume=session_id)
            run_ = await thief.rerun()
            await thief.close()
            assert thief.tap.session_id != session_id
            assert "secret note of the first person" not in run_.text()
            assert not thief.has(widget_key(Field.NOTES)), "the thief landed on the victim's page"
        # The same browser within the time allowed gets its session back (a network blip loses nothing) ...
        again = await open_session(server.url, victim, resume=session_id)
        ok(await again.rerun())
        await again.close()
        assert again.tap.session_id == session_id
        assert again.has(widget_key(Field.NOTES))
        # ... and after it, not even the same browser does.
        await asyncio.sleep(TTL + 2)
        late = await open_session(server.url, victim, resume=session_id)
        ok(await late.rerun())
        await late.close()
        assert late.tap.session_id != session_id
        assert not late.has(widget_key(Field.NOTES))

    run(attack())


def test_the_session_id_never_reaches_the_server_log(server):
    async def reconnect_twice():
        cookies = browser_cookies(server.url)
        first = await open_session(server.url, cookies)
        ok(await first.rerun())
        # A second connection with the id while the first is open: Streamlit logs a warning naming the id.
        second = await open_session(server.url, cookies, resume=first.tap.session_id)
        ok(await second.rerun())
        await second.close()
        await first.close()
        return first.tap.session_id

    session_id = run(reconnect_twice())
    log = server.output()
    assert "already connected" in log, "the warning this test is about was not logged"
    assert session_id not in log
    assert session_id.replace("-", "") not in log


# --- Item 8: widget values and uploads that do not fit ---------------------------------------------------


def test_crafted_widget_values_are_refused_without_an_error_page_and_the_answers_are_kept(server):
    async def attack():
        session = await open_session(server.url, browser_cookies(server.url))
        await to_first_step(session)
        ok(await session.tick(widget_key(Field.CURRENT_SYMPTOMS, "__none__"), True))
        ok(await session.choose(widget_key(Field.CHANGING_SPOT), "No"))
        radio = session.widget(widget_key(Field.DISTRESS), "radio")
        for crafted in (WidgetState(id=radio.id, bool_value=True), WidgetState(id=radio.id, int_value=7)):
            ok(await session.rerun([crafted]))
            session.states.pop(radio.id, None)
        # Still working, answers kept: the page goes on once the last answer is given.
        ok(await session.choose(widget_key(Field.DISTRESS), session.widget(widget_key(Field.DISTRESS)).options[0]))
        ok(await session.click("next"))
        assert session.has(widget_key(Field.AGE_GROUP)), "the answers given before the crafted values were lost"
        await session.close()

    run(attack())


def test_notes_sent_a_number_and_a_bool_are_refused(server):
    async def attack():
        session = await open_session(server.url, browser_cookies(server.url))
        await to_first_step(session)
        await through_steps(session, len(Step) - 1)
        notes = session.widget(widget_key(Field.NOTES), "text_area")
        for crafted in (WidgetState(id=notes.id, int_value=5), WidgetState(id=notes.id, bool_value=False)):
            ok(await session.rerun([crafted]))
            session.states.pop(notes.id, None)
        words, answers = default_content(), answers_dict(notes="still here")
        for field in STEP_FIELDS[Step.PLANS]:
            await answer(session, Person(0), field, answers[field], words)
        ok(await session.click("next"))
        assert "still here" in session.last.text()  # the review page
        await session.close()

    run(attack())


def test_an_unknown_widget_id_is_dropped_and_the_session_goes_on(server):
    """Issue 25, finding 9: a state under an id that is no widget's locked the sender's own session on the error
    box, on this run and every later one."""

    async def attack():
        session = await open_session(server.url, browser_cookies(server.url))
        ok(await session.rerun([WidgetState(id="w:no-such-widget", bool_value=True)]))
        ok(await session.click("start"))
        ok(await session.rerun([WidgetState(id="no such widget", string_value="x")]))
        ok(await session.rerun())
        ok(await session.choose(widget_key(Field.CHANGING_SPOT), "No"))
        assert session.has(widget_key(Field.DISTRESS)), "the session did not go on"
        await session.close()

    run(attack())


def test_a_component_s_events_name_a_widget_and_are_kept():
    """The draft keeper's copy comes back (after a reload, Back and Forward) as a component's events, under an
    element id behind Streamlit's internal prefix: dropping those lost every restored answer."""
    from server.messages import names_a_widget

    assert names_a_widget("$$ID-3f2a-keep")
    assert names_a_widget("$$STREAMLIT_INTERNAL_KEY_$$ID-3f2a-keep__events")
    assert not names_a_widget("w:no-such-widget")
    assert not names_a_widget("$$STREAMLIT_INTERNAL_KEY_w:no-such-widget")


def test_a_websocket_from_a_page_of_another_origin_is_refused(server):
    """Issue 25, finding 9: Streamlit accepted a websocket from a page on any port of localhost or 127.0.0.1 (any
    other local server's page could drive a person's session); only the served origin, host and port, may."""
    from websockets.exceptions import InvalidStatus

    port = int(server.url.rsplit(":", 1)[1])
    cookies = browser_cookies(server.url)

    async def connect(origin: str):
        try:
            session = await open_session(server.url, cookies, origin=origin)
        except InvalidStatus as refused:
            return refused.response.status_code
        result = await session.rerun()
        await session.close()
        return result.status

    async def attack():
        foreign = [
            f"http://127.0.0.1:{port + 1}",
            f"http://localhost:{port}",
            f"http://localhost:{port + 1}",
            f"http://0.0.0.0:{port}",
            "null",
        ]
        return [await connect(origin) for origin in foreign], await connect(server.url)

    refused, served = run(attack())
    assert refused == [403] * 5, refused
    assert served == FINISHED


def test_the_error_box_sends_nobody_to_another_site(server):
    """Issue 25, finding 9: Streamlit's error box linked out to a search engine and a chat site ("auto": shown on
    localhost); the session tells the page never to show them."""
    from streamlit.proto.NewSession_pb2 import Config

    async def visit():
        session = await open_session(server.url, browser_cookies(server.url))
        ok(await session.rerun())
        await session.close()
        return session.tap.config.show_error_links

    assert run(visit()) == Config.ShowErrorLinks.SHOW_ERROR_LINKS_FALSE


async def uploader_state(session, infos: list[tuple[str, str]]) -> WidgetState:
    state = WidgetState(id=session.tap.uploader_id)
    for file_id, name in infos:
        info = state.file_uploader_state_value.uploaded_file_info.add()
        info.file_id, info.name, info.size = file_id, name, 10
    return state


def put_file(
    url: str, session_id: str, cookies: dict, name: str, data: bytes, file_id: str | None = None
) -> tuple[int, str]:
    """PUT one file to the session's upload URL as the front end does; returns (status, file id)."""
    file_id = file_id or str(uuid.uuid4())
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/json\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(  # noqa: S310 - loopback
        f"{url}/_stcore/upload_file/{session_id}/{file_id}",
        data=body,
        method="PUT",
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "X-Xsrftoken": cookies["_streamlit_xsrf"],
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:  # noqa: S310
            return reply.status, file_id
    except urllib.error.HTTPError as error:
        return error.code, file_id


def test_fake_and_foreign_files_and_a_name_without_json_are_refused_and_the_session_goes_on(server):
    async def attack():
        cookies = browser_cookies(server.url)
        other = await open_session(server.url, cookies)
        ok(await other.rerun())
        status, foreign = put_file(server.url, other.tap.session_id, cookies, "a.json", b"{}")
        assert status == 204
        session = await open_session(server.url, cookies)
        ok(await session.rerun())
        fakes = [(str(uuid.uuid4()), "answers.json") for _ in range(1000)]
        status, text_file = put_file(server.url, session.tap.session_id, cookies, "answers.txt", b"{}")
        assert status == 204
        for infos in (fakes, [(foreign, "a.json")], [(text_file, "answers.txt")]):
            ok(await session.unfold(RESUME_FOLD))  # the chooser is drawn in its open fold only
            ok(await session.rerun([await uploader_state(session, infos)]))  # no error page
            session.states.clear()
        ok(await session.click("start"))  # not locked: the questionnaire starts
        assert session.has(widget_key(Field.CHANGING_SPOT))
        await other.close()
        await session.close()

    run(attack())
    assert "getvalue" not in server.output()


def delete_file(url: str, session_id: str, cookies: dict, file_id: str) -> int:
    """DELETE an uploaded file as the front end does when a person removes it; returns the status."""
    request = urllib.request.Request(  # noqa: S310 - loopback
        f"{url}/_stcore/upload_file/{session_id}/{file_id}",
        method="DELETE",
        headers={
            "X-Xsrftoken": cookies.get("_streamlit_xsrf", ""),
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:  # noqa: S310
            return reply.status
    except urllib.error.HTTPError as error:
        return error.code


def test_an_upload_url_takes_files_only_from_the_browser_that_opened_the_session(server):
    """Issue 25, finding 8: a stranger who knew a person's upload URL could replace their pending answers file
    (the person's summary then built from forged answers), evict it with another, or delete it."""

    async def attack():
        mine = browser_cookies(server.url)
        person = await open_session(server.url, mine)
        ok(await person.rerun())  # the welcome page
        ok(await person.unfold(RESUME_FOLD))  # its answers file fold opened: the chooser is drawn
        session_id = person.tap.session_id
        own = json.dumps(answers_dict()).encode()
        status, file_id = put_file(server.url, session_id, mine, "answers.json", own)
        assert status == 204, "the person's own upload was refused"
        forged = json.dumps(answers_dict(notes="forged by a stranger")).encode()
        strangers = browser_cookies(server.url)  # a browser of its own: its cookie and a valid XSRF pair
        refused = [
            put_file(server.url, session_id, strangers, "answers.json", forged, file_id)[0],  # replace
            put_file(server.url, session_id, strangers, "answers.json", forged)[0],  # evict with a newer one
            delete_file(server.url, session_id, strangers, file_id),
            put_file(server.url, session_id, {"_streamlit_xsrf": mine["_streamlit_xsrf"]}, "a.json", forged)[0],
            delete_file(server.url, session_id, {"_streamlit_xsrf": mine["_streamlit_xsrf"]}, file_id),
        ]
        # The person's file is still there: their summary is made from it.
        ok(await person.rerun([await uploader_state(person, [(file_id, "answers.json")])]))
        summary = person.has("pdf:top")
        await person.close()
        return refused, summary

    refused, summary = run(attack())
    assert refused == [403] * 5, refused
    assert summary, "the person's own answers file did not open their summary"


# --- Item 3: uploads held in memory ------------------------------------------------------------------------


def test_memory_stays_bounded_across_500_uploads_of_1_mb(tmp_path):
    with Server(SCRIPT, tmp=tmp_path) as server:

        async def flood() -> int:
            cookies = browser_cookies(server.url)
            session = await open_session(server.url, cookies)
            ok(await session.rerun())
            before = server.rss()
            megabyte = b" " * (1024 * 1024 - 200)
            statuses = [
                put_file(server.url, session.tap.session_id, cookies, f"{n}.json", megabyte)[0] for n in range(500)
            ]
            grown = server.rss() - before
            await session.close()
            assert statuses.count(204) == 500
            return grown

        grown = run(flood(), 300)
    print(f"\nRSS grew by {grown / 2**20:.0f} MiB over 500 uploads of 1 MB")
    assert grown < 100 * 2**20, f"the server grew by {grown / 2**20:.0f} MiB"


# --- Item 5: expensive work bounded per person ----------------------------------------------------------


def test_a_session_asking_for_200_pdfs_gets_one_made_and_is_then_refused_with_a_message(server):
    async def attack():
        session = await open_session(server.url, browser_cookies(server.url))
        await fill_in(session, answers_dict(), Person(0), default_content())
        button = session.widget("pdf:top", "download_button")
        cpu = server.cpu()
        for _ in range(200):
            await session.tap.send(backend_request(session, button.deferred_file_id).SerializeToString())
        async with asyncio.timeout(60):
            while len(session.tap.answers) < 200:
                await session.tap.recv()
        spent = server.cpu() - cpu
        await session.close()
        return [m.backend_operation_response for m in session.tap.answers], spent

    answers, spent = run(attack())
    made = [a for a in answers if a.deferred_file.url]
    refused = [a for a in answers if a.error_msg]
    assert made and len(made) <= downloads.BUCKET
    assert {a.error_msg for a in refused} == {default_content().ui.files.too_many}
    assert len({a.deferred_file.url for a in made}) == len(made), "each answer names a new random URL"
    print(f"\n200 PDF requests: {len(made)} answered, {len(refused)} refused, {spent:.1f} CPU-seconds")
    assert spent < 20  # one PDF costs about 0.25 s; before, 200 cost 100 CPU-seconds


def test_another_sessions_button_cannot_be_used(server):
    async def attack():
        victim = await open_session(server.url, browser_cookies(server.url))
        await fill_in(victim, answers_dict(notes="victim's note"), Person(0), default_content())
        placeholder = victim.widget("download:top", "download_button").deferred_file_id
        thief = await open_session(server.url, browser_cookies(server.url))
        ok(await thief.rerun())
        await thief.tap.send(backend_request(thief, placeholder).SerializeToString())
        async with asyncio.timeout(30):
            while not thief.tap.answers:
                await thief.tap.recv()
        await thief.close()
        await victim.close()
        return thief.tap.answers[0].backend_operation_response

    answer = run(attack())
    assert answer.error_msg == default_content().ui.files.gone
    assert not answer.deferred_file.url


# --- Item 7: what a client sends and the log --------------------------------------------------------------


def test_a_log_line_cannot_be_forged_nor_the_log_flooded(server):
    forged = "2026-01-01 00:00:00.000 WARNING streamlit: FORGED by a client"

    async def attack():
        session = await open_session(server.url, browser_cookies(server.url))
        ok(await session.rerun())
        before = len(server.output())
        # Ids as long as a message may be (900 KB, under the 1 MB cap; a larger message is refused unread:
        # tests/privacy/test_floods.py).
        for fragment in [f"x\n{forged}\r\n", *["y" * (900 * 2**10)] * 3]:
            msg = BackMsg()
            msg.rerun_script.fragment_id = fragment
            msg.rerun_script.page_script_hash = session.page_script_hash
            await session.tap.send(msg.SerializeToString())
            await asyncio.sleep(0.5)
        ok(await session.rerun())
        await session.close()
        return before

    before = run(attack())
    log = server.output()
    grown = log[before:]
    assert "fragment with id" in grown, "the log line this test is about was not written"
    assert not any(line.startswith(forged[:20]) for line in log.splitlines())
    assert len(grown) < 20_000, f"the log grew by {len(grown):,} characters"


def test_log_messages_are_escaped_bounded_and_hold_no_ids():
    from server.logs import LOG_LIMIT, clean

    session = str(uuid.uuid4())
    assert clean(f"a\nb\r\x1b[31m {session} {session.replace('-', '')}") == "a\\x0ab\\x0d\\x1b[31m <id> <id>"
    assert len(clean("z" * 10**7)) == LOG_LIMIT
    assert json.dumps(clean("plain words")) == '"plain words"'
