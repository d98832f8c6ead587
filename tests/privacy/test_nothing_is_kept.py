"""Nothing a person answers is stored, logged or sent: the one copy outside the server's memory of the open
session is in the person's own browser tab (sessionStorage, gone with the tab), and the test says so.

A person completes the whole questionnaire in Chromium against a server of its own, with a unique secret in
the notes and unusual answers, and downloads both files. Then the server is stopped and the secret is looked
for everywhere it could have been left: the server's output, every file created or changed during the run in
the working tree, the server's TMPDIR and HOME, and every URL and request body the page sent. A canary
planted in each of those places afterwards shows the same search finds what is there.
"""

import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest

from logic.vocab import Condition
from tests.factories import answers_dict
from tests.privacy.scan import contains, scan_files, url_reveals
from tests.support.browser import CONTENT, Questionnaire, wait_idle
from tests.support.servers import ROOT

pytestmark = pytest.mark.browser

LOOPBACK = "127.0.0.1"


def unusual_answers(secret: str) -> dict:
    """Answers that take uncommon paths: every box ticked, the rarest choices, the secret in the notes."""
    return answers_dict(
        current_symptoms=[],
        changing_spot=True,
        distress="prefer_not_to_say",
        age_group="40_plus",
        pregnancy="prefer_not_to_say",
        conditions=[str(c) for c in Condition],
        previous_reaction="not_sure",
        isotretinoin="within_6_months",
        skin_type="VI",
        marks=["keloid", "icepick", "red_marks"],
        severity="severe",
        mark_age="3_to_12_months",
        active_acne="nodules_or_cysts",
        keloid_history="not_sure",
        routes=["not_decided"],
        setting="online_purchase",
        other_treatments=["chemical_peel", "microneedling", "laser", "retinoid", "other_topicals"],
        goals=["lighter_skin_overall", "flatten_raised"],
        notes=f"Private: {secret}\nPlease forget this after the appointment.",
    )


class Traffic:
    """Everything the page sent: each request's URL and body, each websocket's URL and outgoing frames."""

    def __init__(self, page) -> None:
        self.urls: list[str] = []
        self.bodies: list[bytes] = []
        self.frames: list[str | bytes] = []
        page.on("request", self._request)
        page.on("websocket", self._websocket)

    def _request(self, request) -> None:
        self.urls.append(request.url)
        body = request.post_data_buffer
        if body:
            self.bodies.append(body)

    def _websocket(self, socket) -> None:
        self.urls.append(socket.url)
        socket.on("framesent", lambda payload: self.frames.append(payload))

    def not_loopback(self) -> list[str]:
        """URLs that went anywhere but 127.0.0.1 (data:, blob: and about: never leave the browser)."""
        return [
            u
            for u in self.urls
            if urlparse(u).scheme not in ("data", "blob", "about") and urlparse(u).hostname != LOOPBACK
        ]

    def frames_reveal(self, secret: str) -> bool:
        return any(contains(f if isinstance(f, bytes) else f.encode(), secret) for f in self.frames)


def download(page, label: str, target: Path) -> bytes:
    with page.expect_download() as started:
        page.get_by_role("button", name=label).first.click()
    started.value.save_as(target)
    wait_idle(page)
    return target.read_bytes()


def test_nothing_a_person_answers_is_stored_logged_or_sent(browser, fresh_server, tmp_path):
    secret = f"sentinel{uuid.uuid4().hex}"  # letters and digits only: nothing to escape
    server = fresh_server
    server_tmp, server_home = server.log.parent, server.home
    since = time.time() - 2  # file times can trail the clock by a tick
    started = time.monotonic()

    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    traffic = Traffic(page)
    page.goto(server.url)
    q = Questionnaire(page)
    q.complete(unusual_answers(secret))
    assert CONTENT.ui.summary.title in page.get_by_test_id("stMain").inner_text()
    markdown = download(page, CONTENT.ui.summary.download_markdown, tmp_path / "summary.md")
    answers_file = download(page, CONTENT.ui.files.save_answers, tmp_path / "answers.json")
    # The one place the answers are kept besides the open session's memory: this tab's own sessionStorage
    # (ui/keep.py), so a reload loses nothing. Not localStorage, not a cookie, not IndexedDB.
    kept = page.evaluate(
        """async () => ({
            session: Object.keys(sessionStorage).map(k => sessionStorage.getItem(k)).join(' '),
            local: Object.keys(localStorage).map(k => localStorage.getItem(k)).join(' '),
            cookies: document.cookie,
            databases: (await indexedDB.databases()).map(d => d.name),
        })"""
    )
    assert secret in kept["session"]
    assert secret not in kept["local"] + kept["cookies"] and not any(secret in (d or "") for d in kept["databases"])
    context.close()
    server.stop()
    took = time.monotonic() - started

    # The secret really went through the server: in the websocket, and back in both downloads.
    assert traffic.frames_reveal(secret), "the notes never reached the server, so their absence proves nothing"
    assert secret in markdown.decode("utf-8")
    assert secret in answers_file.decode("utf-8")

    # Not in the server's output, which was captured (it names the port it served).
    output = server.output()
    assert str(server.port) in output
    assert secret not in output

    # Not in any file the run created or changed: working tree, the server's TMPDIR and HOME.
    roots = [ROOT, server_tmp, server_home]
    scan = scan_files(secret, roots, since, skip=[tmp_path])
    assert scan.found == [], f"the notes were written to {scan.found}"
    assert server.log in scan.scanned  # the scan did see the files the server wrote

    # Not in any URL or request body, and nothing went anywhere but 127.0.0.1.
    assert any(u.startswith(("ws://", "wss://")) for u in traffic.urls)
    assert [u for u in traffic.urls if url_reveals(u, secret)] == []
    assert [b for b in traffic.bodies if contains(b, secret)] == []
    assert traffic.not_loopback() == [], traffic.not_loopback()

    # The same search finds a canary planted afterwards in each place it looks.
    canary = f"canary{uuid.uuid4().hex}"
    planted = [server_tmp / "canary.txt", server_home / ".cache" / "canary.bin", ROOT / "tests" / "privacy" / "_canary"]
    try:
        for n, path in enumerate(planted):
            path.parent.mkdir(parents=True, exist_ok=True)
            text = f"junk {canary} junk"
            path.write_bytes(text.encode("utf-16-le") if n == 1 else text.encode())
        check = scan_files(canary, roots, since, skip=[tmp_path])
        assert sorted(check.found) == sorted(planted)
    finally:
        for path in planted:
            path.unlink(missing_ok=True)
        (server_home / ".cache").rmdir()
    assert contains((output + canary).encode(), canary)
    assert url_reveals(f"http://{LOOPBACK}/x?notes=Private%3A%20{canary}", canary)
    assert Traffic.not_loopback(traffic_with([f"http://{LOOPBACK}:1/", "https://example.com/", "data:,x"])) == [
        "https://example.com/"
    ]
    print(f"\nprivacy run: {took:.1f}s, {len(scan.scanned)} changed files scanned, {len(traffic.urls)} URLs checked")


def traffic_with(urls: list[str]) -> Traffic:
    """A Traffic holding `urls`, to check its own judgement of what left the machine."""
    traffic = Traffic.__new__(Traffic)
    traffic.urls = urls
    return traffic
