"""One person's whole visit in Chromium, Streamlit's static files included, for `make bench` (issue 27).

Each visit is a new browser profile (nothing cached) on Debian's Chromium, launched as the browser tests launch
it (tests/support/chromium.py), and driven as they drive it (tests/support/browser.py's `Questionnaire`, by
the words on the screen): the page opened, the questionnaire answered, the summary shown. Timed by the wall
clock, and by the server's CPU (psutil) read around it. Against it, the bare page (bench/bare_app.py) opened
by a new profile the same way: what any Streamlit page costs before it does anything.

The wall time of a whole visit includes the driver's pause of 250 ms after every action (`wait_idle`, as
Streamlit's own browser tests wait), so it is a measure to compare between runs, not a person's time.
Loopback only. Run after every asyncio loop of the bench: sync Playwright runs one of its own.
"""

import statistics
import time
from typing import Any

from playwright.sync_api import Browser, sync_playwright

from tests.factories import answers_dict
from tests.support.browser import CONTENT, Questionnaire, wait_idle
from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.support.servers import Server
from tests.support.session import check_loopback


def _first_page(browser: Browser, url: str) -> tuple[float, Any]:
    """A new profile opens the page; the seconds until its first run is drawn, and the open context."""
    check_loopback(url)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url, timeout=60_000)
    wait_idle(page, timeout=60_000)
    return time.perf_counter() - started, context


def _visit(browser: Browser, server: Server) -> dict[str, float]:
    before, started = server.cpu(), time.perf_counter()
    first_page, context = _first_page(browser, server.url)
    page = context.pages[0]
    try:
        Questionnaire(page).complete(answers_dict())
        page.get_by_role("heading", name=CONTENT.ui.summary.title, level=1).wait_for(timeout=60_000)
        wait_idle(page, timeout=60_000)
    finally:
        context.close()
    return {
        "first_page_s": first_page,
        "visit_s": time.perf_counter() - started,
        "server_cpu_ms": (server.cpu() - before) * 1000,
    }


def _bare(browser: Browser, server: Server) -> dict[str, float]:
    before = server.cpu()
    seconds, context = _first_page(browser, server.url)
    context.close()
    return {"first_page_s": seconds, "server_cpu_ms": (server.cpu() - before) * 1000}


def measure(app: Server, bare: Server, visits: int) -> dict[str, Any]:
    """Medians over `visits` whole visits to the app and as many first pages of the bare page, after one of
    each to warm the servers and the browser."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            _visit(browser, app)
            _bare(browser, bare)
            apps = [_visit(browser, app) for _ in range(visits)]
            bares = [_bare(browser, bare) for _ in range(visits)]
        finally:
            browser.close()

    def median(runs: list[dict[str, float]], name: str, scale: float = 1.0, digits: int = 1) -> float:
        return round(statistics.median(r[name] for r in runs) * scale, digits)

    return {
        "visits": visits,
        "app_first_page_ms": median(apps, "first_page_s", 1000, 0),
        "app_visit_s": median(apps, "visit_s", 1, 1),
        "app_visit_server_cpu_ms": median(apps, "server_cpu_ms"),
        "bare_first_page_ms": median(bares, "first_page_s", 1000, 0),
        "bare_first_page_server_cpu_ms": median(bares, "server_cpu_ms"),
    }
