"""One client cannot freeze the others (issue 25): messages a questionnaire never needs are dropped before
Streamlit handles them, and a flood of reruns on one session is paced, so it costs the flooder, not others.

Driven as the attacker drove it: Streamlit's own websocket protocol from loopback, bounded in count and time.
The bounds are loose (a shared, loaded machine), but far below what the same floods cost before.
"""

import asyncio
import contextlib
import time

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from logic.vocab import Field
from tests.privacy.hostile import browser_cookies, open_session
from tests.support.servers import SCRIPT, Server
from tests.support.session import FINISHED, FRAGMENT_FINISHED
from tests.support.threads import run_async
from ui.state import widget_key

# Starts the app's server, another program or a process of its own: not in `make unit` (pyproject's markers).
pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = Server(SCRIPT, tmp=tmp_path_factory.mktemp("floods"))
    yield running
    running.stop()


def ok(result) -> None:
    assert result.exceptions == [], result.exceptions
    assert result.status in (FINISHED, FRAGMENT_FINISHED), result.status


async def drain(session, seconds: float) -> list[str]:
    """Every kind of ForwardMsg the server sends `session` within `seconds`."""
    kinds = []
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(seconds):
            while True:
                msg = ForwardMsg()
                msg.ParseFromString(await session.tap.recv())
                kinds.append(msg.WhichOneof("type"))
    return kinds


def test_debug_and_developer_messages_are_dropped_unheard(server):
    """load_git_info ran git (or tried to import it) on the event loop for each 2-byte message and told any
    client the repository's name and files; clear_cache emptied every person's shared content cache."""

    async def attack():
        session = await open_session(server.url, browser_cookies(server.url))
        ok(await session.rerun())
        await drain(session, 1)  # the run's own last messages
        log, cpu = len(server.output()), server.cpu()
        for kind in ("load_git_info", "clear_cache", "set_run_on_save", "debug_disconnect_websocket"):
            for _ in range(500):
                msg = BackMsg()
                setattr(msg, kind, True)
                await session.tap.send(msg.SerializeToString())
        kinds = await drain(session, 2)
        spent, logged = server.cpu() - cpu, len(server.output()) - log
        ok(await session.rerun())  # still served
        await session.close()
        return kinds, spent, logged

    kinds, spent, logged = run_async(attack(), 60)
    print(f"\n2,000 debug messages: {spent:.2f} CPU-seconds, {logged:,} characters logged")
    assert "git_info_changed" not in kinds
    assert kinds == [], kinds  # nothing at all is sent back for them
    assert spent < 0.2, f"2,000 dropped messages cost {spent:.2f} CPU-seconds"


def test_a_rerun_flood_on_one_session_is_paced_and_another_persons_click_stays_quick(server):
    async def attack():
        cookies = browser_cookies(server.url)
        victim = await open_session(server.url, cookies)
        ok(await victim.rerun())
        flooder = await open_session(server.url, browser_cookies(server.url))
        ok(await flooder.rerun())
        msg = BackMsg()
        msg.rerun_script.page_script_hash = flooder.page_script_hash
        data = msg.SerializeToString()
        cpu = server.cpu()
        for _ in range(2000):
            await flooder.tap.send(data)
        started = time.perf_counter()
        ok(await victim.click("start"))
        click = time.perf_counter() - started
        assert victim.has(widget_key(Field.CHANGING_SPOT))
        finished = [k for k in await drain(flooder, 3) if k == "script_finished"]
        spent = server.cpu() - cpu
        await flooder.close()
        await victim.close()
        return click, len(finished), spent

    click, runs, spent = run_async(attack(), 120)
    print(f"\n2,000 reruns sent: {runs} run within 3 s, {spent:.1f} CPU-seconds; another person's click {click:.2f} s")
    assert runs >= 1, "the flood's newest rerun was lost, not paced"
    assert click < 2.0, f"another person's click took {click:.2f} s"


def test_a_websocket_frame_larger_than_a_person_can_send_is_refused_and_others_are_served(server):
    """Frames of up to 200 MB were read whole before being refused: five at once took a process past 1 GiB.
    The cap is 1 MB (`server.maxMessageSize`); a person's largest message, the tab's copy of a draft, is under
    70 KB."""
    from websockets.exceptions import ConnectionClosed

    async def attack():
        session = await open_session(server.url, browser_cookies(server.url))
        ok(await session.rerun())
        await drain(session, 1)
        with pytest.raises(ConnectionClosed) as closed:
            await send_then_listen(session, b"\x00" * (4 * 1024 * 1024))
        other = await open_session(server.url, browser_cookies(server.url))
        ok(await other.rerun())  # the server goes on serving
        await other.close()
        return closed.value.rcvd.code if closed.value.rcvd else None

    async def send_then_listen(session, frame: bytes) -> None:
        async with asyncio.timeout(10):
            await session.tap.send(frame)  # refused while it is still being read, or just after
            while True:
                await session.tap.recv()

    code = run_async(attack(), 60)
    assert code == 1009, f"closed with {code}, not 'message too big'"


def test_five_10_mb_frames_at_once_are_refused_without_the_server_growing_by_more_than_a_few_mib(server):
    """Issue 25, finding 6: five 190 MB frames at once took a process from 318 to 1,280 MiB, as each was read
    whole before being refused. Over the 1 MB cap a frame is refused while it is read: the server's memory, sampled
    all through five 10 MB frames sent at once, grows by a few MiB, not by the 50 MB they hold."""
    import threading

    from websockets.exceptions import ConnectionClosed

    peak: list[int] = []
    sending = threading.Event()

    def sample() -> None:
        while sending.is_set():
            peak.append(server.ps.memory_info().rss)
            time.sleep(0.005)

    async def send(session) -> None:
        with contextlib.suppress(ConnectionClosed, TimeoutError):
            async with asyncio.timeout(20):
                await session.tap.send(b"\x00" * (10 * 1024 * 1024))
                while True:
                    await session.tap.recv()

    async def attack() -> float:
        sessions = [await open_session(server.url, browser_cookies(server.url)) for _ in range(5)]
        for session in sessions:
            ok(await session.rerun())
        before = server.ps.memory_info().rss  # five people on their first page, before the frames
        sending.set()
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            await asyncio.gather(*(send(session) for session in sessions))
        finally:
            sending.clear()
            sampler.join(5)
        return (max(peak, default=before) - before) / 2**20

    grown = run_async(attack(), 90)
    print(f"\nfive 10 MB frames at once: the server grew by {grown:.1f} MiB at most")
    assert grown < 10, f"the server grew by {grown:.1f} MiB: the frames were read whole"
