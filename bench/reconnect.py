"""Reconnects (issue 25: "resuming one's own session costs 11 times a new one"): the server's CPU per connect,
read around `times` connects one after another (psutil), for

- a new visitor: open a websocket, run the welcome page, close;
- the same browser resuming its own session, three steps answered and so on the fourth, after its socket
  closed, and while it is still open (Streamlit then moves the open one aside): open with the id, run, close;
- and, to compare, a rerun of that step on a socket that stays open.

`make bench` runs it on its app server (bench/__main__.py); `python -m bench.reconnect` alone starts a server
of its own. docs/performance.md has the figures and what they showed. Loopback only.
"""

import argparse
import asyncio
from typing import Any

from logic import default_content
from logic.answers import STEP_FIELDS
from logic.vocab import Step
from tests.factories import answers_dict
from tests.privacy.hostile import browser_cookies, open_session
from tests.support.servers import SCRIPT, Server
from tests.support.session import FINISHED, FRAGMENT_FINISHED, Person, answer

STEPS = 3  # steps answered before the session is resumed: a page of about 60 elements


def _ok(run: Any) -> None:
    if run.exceptions or run.status not in (FINISHED, FRAGMENT_FINISHED):
        raise RuntimeError(f"a run failed: {run.status} {run.exceptions}")


async def _session_on_a_step(url: str, cookies: dict[str, str]) -> str:
    words, answers = default_content(), answers_dict()
    session = await open_session(url, cookies)
    _ok(await session.rerun())
    _ok(await session.click("start"))
    for step in list(Step)[:STEPS]:
        for field in STEP_FIELDS[step]:
            await answer(session, Person(0), field, answers[field], words)
        _ok(await session.click("next"))
    await session.close()
    return session.tap.session_id


async def _connects(server: Server, times: int, cookies: dict[str, str], resume: str | None) -> float:
    """CPU ms per connect: open (resuming `resume`, if given), one run, close."""
    before = server.cpu()
    for _ in range(times):
        session = await open_session(server.url, cookies, resume=resume)
        _ok(await session.rerun())
        await session.close()
        if resume and session.tap.session_id != resume:
            raise RuntimeError("the session was not resumed")
    return (server.cpu() - before) / times * 1000


async def measure(server: Server, times: int) -> dict[str, float]:
    """Server CPU ms per connect (or per rerun) for each way in, as module docstring says."""
    cookies = browser_cookies(server.url)
    session_id = await _session_on_a_step(server.url, cookies)
    results = {
        "new_session": await _connects(server, times, browser_cookies(server.url), None),
        "resume_after_close": await _connects(server, times, cookies, session_id),
    }
    held = await open_session(server.url, cookies, resume=session_id)
    _ok(await held.rerun())
    results["resume_while_open"] = await _connects(server, times, cookies, session_id)
    await held.close()
    held = await open_session(server.url, cookies, resume=session_id)
    _ok(await held.rerun())
    before = server.cpu()
    for _ in range(times):
        _ok(await held.rerun())
    results["rerun_on_open_socket"] = (server.cpu() - before) / times * 1000
    await held.close()
    return {name: round(ms, 2) for name, ms in results.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, default=30, help="connects of each kind (default 30)")
    args = parser.parse_args()
    with Server(SCRIPT) as server:
        for name, ms in asyncio.run(measure(server, args.times)).items():
            print(f"{name}: {ms} ms of server CPU")


if __name__ == "__main__":
    main()
