"""Security headers on every path people are served by: the single process
(deploy/asgi.py) and the replicas behind nginx. Metrics are not public; the single process listens on
127.0.0.1 unless told otherwise; a page of another site cannot frame the app."""

import os
import subprocess
import sys
import time
import tomllib

import psutil
import pytest

from server.sessions import BROWSER_COOKIE
from tests.privacy.hostile import get
from tests.support.servers import HEALTH, ROOT, SCRIPT, Server, free_port, healthy, stop

# Starts the app's server, another program or a process of its own: not in `make unit` (pyproject's markers).
pytestmark = pytest.mark.integration

PATHS = ("/", HEALTH, "/media/nothing.pdf", "/static/js/no-such.js")
EXPECTED = {
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
}


def check(url: str) -> None:
    for path in PATHS:
        reply = get(url + path)
        for name, value in EXPECTED.items():
            assert reply.headers.get(name) == value, (path, name, reply.headers)
        policy = reply.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy, path
        assert "default-src 'self'" in policy and "connect-src 'self'" in policy, path
    page = get(url + "/")
    assert page.headers["cache-control"] == "no-store"
    assert BROWSER_COOKIE in page.cookies
    [ours] = [c.lower() for c in page.set_cookies if c.startswith(f"{BROWSER_COOKIE}=")]
    assert "httponly" in ours and "samesite=strict" in ours
    assert get(url + "/media/nothing.pdf").headers["cache-control"] == "no-store"
    assert get(url + "/_stcore/metrics").status == 404
    assert get(url + "/_stcore/metrics/").status == 404


def test_the_single_process_sends_them_on_every_path(tmp_path):
    with Server(SCRIPT, tmp=tmp_path) as server:
        check(server.url)


def test_the_replicas_behind_nginx_send_them_once_on_every_path(tmp_path):
    from tests.support.replicas import Replicas

    with Replicas(2, tmp_path / "run") as replicas:
        check(replicas.url)
        reply = get(replicas.url + "/")
        assert reply.headers["x-frame-options"] == "DENY", "sent twice, a browser would ignore it"


def test_the_single_process_listens_on_loopback_unless_told_otherwise(tmp_path):
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    # Started as `make serve` starts it: no address on the command line, so config.toml's holds.
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", SCRIPT, f"--server.port={port}"]
    env = {**os.environ, "HOME": str(tmp_path)}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not healthy(f"http://127.0.0.1:{port}"):
            assert process.poll() is None and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)
        found = psutil.Process(process.pid).net_connections(kind="inet")
        listening = {c.laddr.ip for c in found if c.status == psutil.CONN_LISTEN}
    finally:
        stop(process)
    assert listening == {"127.0.0.1"}


@pytest.mark.browser
def test_another_site_cannot_frame_the_app(browser, fresh_server):
    context = browser.new_context()
    page = context.new_page()
    blocked = []
    page.on("console", lambda message: blocked.append(message.text) if "frame-ancestors" in message.text else None)
    page.set_content(f'<iframe src="{fresh_server.url}/" width="600" height="400"></iframe>')
    page.wait_for_timeout(3000)
    drawn = False
    for frame in page.frames[1:]:
        try:
            drawn = drawn or frame.evaluate("() => !!document.querySelector('[data-testid=stApp]')")
        except Exception:  # noqa: S112 - a refused frame may not be evaluated at all: not drawn
            continue
    context.close()
    assert not drawn, "the app was drawn inside another page"
    assert blocked, "Chromium did not say it refused the frame"
