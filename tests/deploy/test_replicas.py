"""`make serve-replicas`: supervisord runs two replicas and nginx (deploy/supervisord.conf); people complete the
questionnaire through nginx, each on the replica their route cookie picks; a replica killed, or one that
stops answering, is back within seconds while the people on the other one carry on. Loopback only."""

import asyncio
import json
import os
import signal
import time
from pathlib import Path

import psutil
import pytest
from websockets.asyncio.client import connect

from logic import default_content
from tests.support.corpus import answer_sets
from tests.support.replicas import Replicas
from tests.support.servers import healthy
from tests.support.session import Person, Session, fill_in, stream_url
from tests.support.threads import run_async

# Starts the app's server, another program or a process of its own: not in `make unit` (pyproject's markers).
pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def replicas(tmp_path_factory):
    with Replicas(2, tmp_path_factory.mktemp("replicas") / "run") as running:
        yield running


async def open_sockets(url: str, cookies: list[str]) -> list:
    return [
        await connect(stream_url(url), subprotocols=["streamlit"], additional_headers={"Cookie": f"st_route={c}"})
        for c in cookies
    ]


def wait_for(condition, seconds: float, what: str) -> float:
    """Seconds until `condition()` held; fails after `seconds`."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > seconds:
            pytest.fail(f"{what} not within {seconds:.0f} s")
        time.sleep(0.2)
    return time.monotonic() - started


def test_a_route_cookie_keeps_a_person_on_one_replica_and_people_spread_over_both(replicas):
    async def go():
        before = replicas.settled()
        same = await open_sockets(replicas.url, ["one-person"] * 4)
        one = {p: n - before[p] for p, n in replicas.settled().items()}
        others = await open_sockets(replicas.url, [f"person-{i}" for i in range(12)])
        spread = {p: n - before[p] - one[p] for p, n in replicas.settled().items()}
        for socket in [*same, *others]:
            await socket.close()
        return one, spread

    # nginx leaves out for 5 s a replica that was slow to connect (max_fails), and on a loaded machine the
    # same cookie then meets the other one: seen once in a full `make test`. A second or third try, from
    # settled connections, must show the same cookie reaching the same replica every time.
    for _ in range(3):
        one, spread = run_async(go())
        if sorted(one.values()) == [0, 4]:
            break
    assert sorted(one.values()) == [0, 4], one  # the same cookie, the same replica, every time
    assert all(n > 0 for n in spread.values()), spread  # 12 people on one replica: 1 chance in 2048


def test_two_people_complete_the_questionnaire_through_nginx(replicas):
    content = default_content()
    people = [Person(i) for i in range(2)]

    async def go():
        tasks = []
        for person, answers in zip(people, answer_sets(2), strict=True):
            session = Session(replicas.url, timeout=60, headers={"Cookie": f"st_route=p{person.index}"})
            tasks.append(asyncio.wait_for(run(session, answers, person), 120))
        await asyncio.gather(*tasks)

    async def run(session, answers, person):
        async with session:
            await fill_in(session, answers, person, content)

    run_async(go())
    assert all(p.summary for p in people)


def test_a_killed_replica_is_back_within_seconds_and_the_other_replicas_person_carries_on(replicas):
    content = default_content()
    person = Person(0)
    killed: dict[str, int] = {}

    async def at_page(name: str) -> None:
        if name != "welcome":
            return
        now = replicas.settled()
        [mine] = [p for p in replicas.ports if now[p] > before[p]]  # the replica holding the person
        [other] = [p for p in replicas.ports if p != mine]
        killed.update(port=other, pid=replicas.app_pids()[other])
        os.kill(killed["pid"], signal.SIGKILL)

    before = replicas.settled()

    async def go():
        async with Session(replicas.url, timeout=60, headers={"Cookie": "st_route=steady"}) as session:
            await asyncio.wait_for(fill_in(session, answer_sets(1, seed=3)[0], person, content, at_page=at_page), 120)

    run_async(go())
    assert person.summary, "the person on the other replica finished"
    back = wait_for(lambda: healthy(f"http://127.0.0.1:{killed['port']}"), 60, "the killed replica healthy again")
    assert replicas.app_pids()[killed["port"]] != killed["pid"]
    assert healthy(replicas.url)
    print(f"killed replica healthy again after {back:.1f} s")


@pytest.mark.parametrize("which", [0, 1], ids=["first replica", "second replica"])
def test_a_replica_that_stops_answering_is_restarted_whichever_it_is(replicas, which):
    """Each replica is watched: superlance's httpok, run as a pool, only ever checked the first one."""
    port = replicas.ports[which]
    pid = replicas.app_pids()[port]
    os.kill(pid, signal.SIGSTOP)  # alive, its port open, but it answers nothing: what a hang looks like
    try:
        assert healthy(replicas.url, timeout=15), "nginx answers from the other replica meanwhile"
        wait_for(lambda: replicas.app_pids().get(port) not in (None, pid), 60, "the watchdog's restart")
    finally:
        if psutil.pid_exists(pid):
            os.kill(pid, signal.SIGCONT)
    wait_for(lambda: healthy(f"http://127.0.0.1:{port}"), 60, "the restarted replica healthy")


def test_ctrl_c_stops_supervisord_and_everything_it_runs(tmp_path):
    replicas = Replicas(1, tmp_path / "run").start()
    pids = replicas.pids()
    assert len(pids) >= 4  # supervisord, one replica, its health check, nginx (and its worker)
    replicas.process.send_signal(signal.SIGINT)  # what Ctrl-C sends
    replicas.process.wait(timeout=30)
    wait_for(
        lambda: not any(psutil.pid_exists(p) and psutil.Process(p).status() != "zombie" for p in pids),
        30,
        "all stopped",
    )


@pytest.mark.browser
def test_uploads_and_downloads_reach_the_persons_own_replica(tmp_path, browser, replicas):
    """Sticky sessions: a resumed file (upload) and the summary (download) are plain HTTP requests that
    fail with 400/404 on a replica other than the one holding the person's session."""
    words = default_content()
    saved = tmp_path / "answers.json"
    saved.write_text(json.dumps(answer_sets(1)[0]), encoding="utf-8")
    for _ in range(3):  # three people, each with a new profile and so a new route cookie
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        failed = []
        page.on("response", lambda r, failed=failed: failed.append(r.url) if r.status >= 400 else None)
        page.goto(replicas.url)
        page.get_by_text(words.ui.files.resume_title).click()
        page.locator("input[type=file]").set_input_files(str(saved))
        review = page.get_by_role("heading", name=words.ui.review.title)
        summary = page.get_by_role("heading", name=words.ui.summary.title)
        review.or_(summary).first.wait_for(timeout=30_000)  # a file of finished answers may open the summary
        if review.count():
            page.get_by_role("button", name=words.ui.nav.see_summary).click()
        summary.first.wait_for(timeout=30_000)
        rest = page.get_by_role("button", name=words.ui.summary.read_rest)
        markdown = page.get_by_role("button", name=words.ui.summary.download_markdown)
        rest.or_(markdown).first.wait_for(timeout=30_000)  # the summary's first part may be drawn before either
        if rest.count():  # help needed now: the downloads are in the rest of the summary
            rest.click()
        with page.expect_download(timeout=30_000) as download:
            markdown.first.click()
        assert Path(download.value.path()).stat().st_size > 100
        assert failed == []
        assert "st_route" in {c["name"] for c in context.cookies()}
        context.close()


def test_one_address_flooding_nginx_is_answered_429_and_a_person_still_gets_the_page(replicas):
    """One client asking for pages far faster than people do is turned away by nginx (limit_req), not by
    the replicas; once it stops, a page load from the same address is served."""
    import urllib.error
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor

    def get(_: int) -> int:
        try:
            with urllib.request.urlopen(f"{replicas.url}/", timeout=30) as reply:  # noqa: S310 - loopback
                return reply.status
        except urllib.error.HTTPError as error:
            return error.code

    with ThreadPoolExecutor(max_workers=32) as pool:
        statuses = list(pool.map(get, range(1500)))
    assert statuses.count(429) > 0, "no request was limited"
    assert statuses.count(200) >= 300, "the burst a shared address needs was not served"
    assert set(statuses) <= {200, 429}, set(statuses)
    time.sleep(2)  # the limit refills at 50 requests a second
    assert get(0) == 200
