"""What a client makes the server log (issue 25, finding 4): one clean, bounded line per event, never a traceback.

Uncaught exceptions were printed past the log's cleaning by Streamlit's rich printer, as multi-line tracebacks
holding whatever text the client chose (a 2 MB widget id and nine small reruns wrote 22 MB), and every ended
session logged "missing ScriptRunContext!". Driven as the attacker drove it: Streamlit's websocket protocol
from loopback, a few messages each, bounded in time.
"""

import asyncio
from pathlib import Path

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState

from tests.privacy.hostile import browser_cookies, open_session
from tests.support.servers import SCRIPT, Server, hardened
from tests.support.session import FINISHED, FRAGMENT_FINISHED
from tests.support.threads import run_async

# Starts the app's server, another program or a process of its own: not in `make unit` (pyproject's markers).
pytestmark = pytest.mark.integration

TTL = 1  # seconds a closed session is kept for a reconnect, in these tests' server
FORGED = "2026-01-01 00:00:00.000 WARNING streamlit: FORGED by a client"
PER_MESSAGE = 1_500  # characters of log a crafted message may cost at most: one line of at most 1,000 and its prefix
CRAFTED = f"\n{FORGED}\n" + "y" * (900 * 2**10)  # under the 1 MB message cap (tests/privacy/test_floods.py)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = Server(SCRIPT, f"--server.disconnectedSessionTTL={TTL}", tmp=tmp_path_factory.mktemp("logs"))
    yield running
    running.stop()


def ok(result) -> None:
    assert result.exceptions == [], result.exceptions
    assert result.status in (FINISHED, FRAGMENT_FINISHED), result.status


def assert_clean(grown: str, messages: int) -> None:
    assert len(grown) < messages * PER_MESSAGE, f"{messages} crafted messages logged {len(grown):,} characters"
    assert "Traceback" not in grown and "\x1b[" not in grown, grown[:2000]
    assert not any(line.startswith(FORGED[:20]) for line in grown.splitlines()), "a client forged a log line"


def test_a_crafted_widget_id_costs_the_log_a_bounded_line_at_most(server):
    """The widget id of the finding: not one the app draws, so reading the page's state failed on every rerun
    of that session, and each failure printed the id, wrapped, with a rich traceback (1 MB a rerun)."""

    async def attack():
        session = await open_session(server.url, browser_cookies(server.url))
        ok(await session.rerun())
        ok(await session.click("start"))
        before = len(server.output())
        crafted = WidgetState(id=f"w:{CRAFTED}", bool_value=True)
        await session.rerun([crafted])
        session.states.pop(crafted.id, None)
        for _ in range(3):
            await session.rerun()
        await session.close()
        await asyncio.sleep(0.5)
        return before

    before = run_async(attack(), 60)
    assert_clean(server.output()[before:], 4)


RAISES = """
import streamlit as st

said = st.text_area("Say", key="said")
if said:
    raise ValueError(said)
"""


def test_an_uncaught_exception_holding_a_clients_text_is_one_clean_line(tmp_path: Path):
    """Any exception of a run, whatever text it holds, is logged as one line through the log's cleaning."""
    with Server(hardened(RAISES, tmp_path), tmp=tmp_path) as raising:

        async def attack():
            session = await open_session(raising.url, browser_cookies(raising.url))
            ok(await session.rerun())
            before = len(raising.output())
            failed = await session.type_text("said", CRAFTED[:20_000])
            await session.close()
            await asyncio.sleep(0.5)
            return before, failed

        before, failed = run_async(attack(), 60)
        grown = raising.output()[before:]
    assert failed.exceptions, "the run this test is about did not fail"
    assert_clean(grown, 1)
    lines = [line for line in grown.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].endswith("Uncaught app exception | ValueError at script.py:6"), lines


def test_an_ended_session_leaves_nothing_in_the_log(server):
    async def visit_and_leave():
        before = len(server.output())
        for _ in range(2):
            session = await open_session(server.url, browser_cookies(server.url))
            ok(await session.rerun())
            ok(await session.click("start"))
            await session.close()
        await asyncio.sleep(TTL + 2)  # the sessions end (server/sessions.py's reaper looks every second)
        return before

    before = run_async(visit_and_leave(), 60)
    grown = server.output()[before:]
    assert "ScriptRunContext" not in grown, grown
    assert grown == "", grown


def test_an_exception_is_logged_as_one_bounded_line_naming_where_it_was_raised():
    from server.logs import LOG_LIMIT, one_line

    try:
        raise KeyError("an answer a person gave" + CRAFTED)
    except KeyError as error:
        line = one_line("Uncaught app exception " + CRAFTED, error)
        raised_at = error.__traceback__.tb_lineno
    assert "\n" not in line and len(line) <= LOG_LIMIT
    assert line.startswith("Uncaught app exception \\x0a2026")
    assert line.endswith(f" | KeyError at test_logs.py:{raised_at}"), line[-200:]
    assert "an answer a person gave" not in line, "an exception's text can hold a person's answers"
