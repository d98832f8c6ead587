"""Faults under `make serve-replicas` (issue 25): nginx's master killed with SIGKILL, and a replica that hangs.
Two replicas and nginx under supervisord, on loopback ports of their own."""

import os
import re
import signal
import time
import urllib.request

import psutil
import pytest

from tests.support.replicas import Replicas

# Starts the app's server, another program or a process of its own: not in `make unit` (pyproject's markers).
pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def replicas(tmp_path_factory):
    with Replicas(2, tmp_path_factory.mktemp("faults") / "run") as running:
        yield running


def fetch(url: str, timeout: float, cookie: str | None = None) -> tuple[int, str]:
    """A GET's status and text; status 0 if it failed or took longer than `timeout` seconds."""
    headers = {"Cookie": f"st_route={cookie}"} if cookie else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=timeout) as reply:  # noqa: S310
            return reply.status, reply.read().decode("utf-8", "replace")
    except OSError:
        return 0, ""


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} not within {seconds:.0f} s")
        time.sleep(0.2)


def nginx_master(replicas: Replicas) -> psutil.Process | None:
    """The nginx master supervisord runs now (its child), if one runs."""
    for child in psutil.Process(replicas.process.pid).children():
        try:
            if child.name() == "nginx" and child.status() != psutil.STATUS_ZOMBIE:
                return child
        except psutil.Error:
            continue
    return None


def listeners(port: int) -> set[int]:
    """The processes with a socket listening on `port` (nginx's master and its workers share it)."""
    return {
        c.pid
        for c in psutil.net_connections(kind="tcp")
        if c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port == port and c.pid
    }


def test_nginx_killed_with_sigkill_is_back_serving_and_leaves_no_orphan_worker(replicas):
    """SIGKILL gives nginx's master no chance to stop its workers: before, the orphaned worker kept the port, so
    every nginx supervisord started failed to bind and exited, in a loop, while the orphan served alone."""
    master = nginx_master(replicas)
    workers = master.children()
    assert workers, "nginx runs a master and its workers"
    os.kill(master.pid, signal.SIGKILL)

    def back() -> bool:
        now = nginx_master(replicas)
        if now is None or now.pid == master.pid:
            return False
        try:
            family = {now.pid, *(c.pid for c in now.children())}
        except psutil.Error:  # it exited meanwhile: supervisord's restart loop
            return False
        holders = listeners(replicas.port)
        return bool(holders) and holders <= family and fetch(replicas.url + "/", 5)[0] == 200

    try:
        wait_for(back, 30, "a new nginx master alone on nginx's port, serving pages")
        now = nginx_master(replicas)
        assert now is not None and fetch(replicas.url + "/", 10)[0] == 200
        assert {p.ppid() for p in now.children()} == {now.pid}
        # The old master's workers are gone, or only a zombie nobody has reaped yet.
        left = [w.pid for w in workers if w.is_running() and w.status() != psutil.STATUS_ZOMBIE]
        assert left == [], f"the killed master's workers still run: {left}"
    finally:  # an orphan this test made must not outlive it, holding the port (it is no child of anyone here)
        for worker in workers:
            if worker.is_running():
                worker.kill()


def test_page_loads_route_around_a_hung_replica(replicas):
    """A replica stopped with SIGSTOP still accepts connections (the kernel does) and answers nothing. Before,
    nginx waited 30 s for it on each page load it sent there (about half of them, by the route cookie's hash);
    now the page and its static files go on to the other replica after a few seconds, and nginx leaves the
    hung one out (max_fails) until it answers again. The watchdog restarts it meanwhile: that is not what
    this test waits for, and SIGCONT lets it be stopped as usual."""
    replicas.wait_healthy(60)  # nginx may have been restarted by the test before
    script = re.search(r'src="\.?/?(static/js/[^"]+\.js)"', fetch(replicas.url + "/", 10)[1])
    assert script, "the page names its script"
    hung = replicas.app_pids()[replicas.ports[0]]
    os.kill(hung, signal.SIGSTOP)
    try:
        # New visitors (no cookie: nginx draws a route for each) and people with a route cookie, one after the
        # other; each load has 10 s, where a page the hung replica holds took 30.
        for cookie in [None] * 6 + [f"person-{i}" for i in range(6)]:
            for path in ("/", "/" + script.group(1)):
                status, _ = fetch(replicas.url + path, 10, cookie)
                assert status == 200, f"{path} with cookie {cookie!r} not served within 10 s"
    finally:
        if psutil.pid_exists(hung):
            os.kill(hung, signal.SIGCONT)
