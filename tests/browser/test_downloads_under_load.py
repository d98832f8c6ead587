"""Every take-away file downloads on the first click while other people are using the app.

Streamlit 1.67 keeps a file made on click only until two more script runs end anywhere on the server; with
others answering at the same time the browser's fetch of it found a 404 and Chromium cancelled the download
(4 of 10 with 20 people). ui/downloads.py keeps each made file out of Streamlit's sweep until the page that
asked for it moves on; without that this test failed 3 runs of 3.
"""

import asyncio
import json
import threading
import time

from logic import Answers
from tests.factories import answers_dict
from tests.support.browser import CONTENT, Questionnaire
from tests.support.corpus import answer_sets
from tests.support.session import Person, crowd, first_page, questionnaires

CROWD = 10  # simulated people through the websocket, round after round, while the files download
VISITS = 20  # each round: every person answers the whole questionnaire, then opens the first page this often
MAX_ROUNDS = 30  # a bound on the crowd's rounds, whatever happens to the test
CLICKS = 2  # downloads of each file
# At a person's pace: Chromium stops starting downloads a page asks for after about ten in quick succession
# (the eleventh of eleven clicks with nothing between them never came, with or without a crowd).
PAUSE_MS = 500


class Crowd:
    """People in a thread of their own until told to stop: each round they complete the questionnaire, then
    come and go on the first page. Every script run that ends lets Streamlit sweep files no page holds."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.finished = 0
        self.errors: list[str] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="crowd", daemon=True)

    def _run(self) -> None:
        for round_ in range(MAX_ROUNDS):
            if self.stop.is_set():
                return
            people = questionnaires(self.url, answer_sets(CROWD, seed=round_), deadline=120)
            visitors = [Person(n) for n in range(CROWD)]
            asyncio.run(crowd([first_page(self.url, v, visits=VISITS) for v in visitors], deadline=120))
            self.errors += [p.error for p in people + visitors if p.error]
            self.finished += sum(p.error is None for p in people)

    def __enter__(self) -> "Crowd":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=180)


def test_every_file_downloads_on_the_first_click_while_others_answer(page_factory, server):
    answers = answers_dict(notes="My own note about the left cheek since March")
    page = page_factory()
    Questionnaire(page).complete(answers)

    files, words = CONTENT.ui.files, CONTENT.ui.summary
    checks = {
        files.download_pdf: lambda data: data.startswith(b"%PDF-"),
        words.download_markdown: lambda data: answers["notes"] in data.decode("utf-8"),
        files.save_answers: lambda data: Answers.model_validate_json(data) == Answers.model_validate(answers),
        files.download_fhir: lambda data: json.loads(data)["resourceType"] == "Bundle",
    }
    failures = []
    with Crowd(server.url) as others:
        while others.finished == 0 and not others.errors and others.thread.is_alive():
            time.sleep(0.2)  # the crowd is under way: reruns are ending all the time from here on
        before = others.finished
        for _ in range(CLICKS):
            for label, check in checks.items():
                with page.expect_download(timeout=60_000) as started:
                    page.get_by_role("button", name=label).first.click()
                download = started.value
                if download.failure() is not None:
                    failures.append(f"{label}: {download.failure()}")
                elif not check(download.path().read_bytes()):
                    failures.append(f"{label}: not the right file")
                page.wait_for_timeout(PAUSE_MS)
    during = others.finished - before  # after the crowd's last round: it was under way while the files came
    assert not others.thread.is_alive()
    assert others.errors == []
    assert during >= CROWD, "the crowd was not answering while the files downloaded"
    assert failures == []
