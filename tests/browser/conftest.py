"""The app as it is served (`streamlit run deploy/asgi.py`) on a free loopback port, driven by Playwright in
Debian's Chromium."""

from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.support.servers import SCRIPT, Server

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    running = Server(SCRIPT, tmp=tmp_path_factory.mktemp("server"))
    yield running
    running.stop()


class Requests:
    """Every URL the page asked for, so a test can show nothing left this machine."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def record(self, request) -> None:
        self.urls.append(request.url)

    def leaving(self) -> list[str]:
        return [
            u
            for u in self.urls
            if urlparse(u).scheme in ("http", "https", "ws", "wss") and urlparse(u).hostname not in LOCAL_HOSTS
        ]


@pytest.fixture(params=[(1280, 900), (390, 844)], ids=["desktop", "phone"])
def viewport(request):
    width, height = request.param
    return {"width": width, "height": height}


@pytest.fixture
def page_factory(browser, server):
    contexts = []

    def open_page(viewport=None, **options):
        context = browser.new_context(
            viewport=viewport or {"width": 1280, "height": 900}, accept_downloads=True, **options
        )
        contexts.append(context)
        page = context.new_page()
        page.requests = Requests()
        page.on("request", page.requests.record)
        page.on("websocket", lambda ws: page.requests.urls.append(ws.url))
        page.goto(server.url)
        return page

    yield open_page
    for context in contexts:
        context.close()
