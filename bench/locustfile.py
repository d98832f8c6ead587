"""Locust users that speak Streamlit's websocket protocol through tests/support/session.py, for `make bench`.

Locust runs on gevent, the session on asyncio: each visit runs in an event loop of its own, in one of
gevent's native threads, and every script run it waited for is reported to Locust as a request named
"rerun" (and each whole visit as one named after the user), so Locust's statistics, CSV and JSON files are
per rerun. A visit that failed reports its error. Loopback only: the session refuses any other host.

- `FirstPage`: a new visitor opens the page, reads its first run and leaves.
- `Questionnaire`: welcome to summary with the next answer set of the fixed corpus; the summary's flags are
  checked against the rules.
- `BareReruns`: the bare page (bench/bare_app.py) run as often as a questionnaire runs the app's script.
"""

import asyncio
import itertools
import time

import gevent
from locust import User, constant, events, task

from logic import default_content
from tests.support.corpus import answer_sets
from tests.support.session import Person, complete_questionnaire, first_page, rerun_bare

CONTENT = default_content()
DRAFTS = itertools.cycle(answer_sets(50))
BARE_RERUNS = 40  # about what one questionnaire takes
gevent.get_hub().threadpool.maxsize = 2000  # one native thread per visit in flight, not gevent's default 10


class _Streamlit(User):
    abstract = True
    wait_time = constant(0)  # closed loop: the next visit as soon as the last one ended

    def visit(self, name: str, work) -> None:
        person = Person(0)
        started = time.perf_counter()
        gevent.get_hub().threadpool.apply(asyncio.run, (work(person),))
        for seconds in person.latencies:
            events.request.fire(
                request_type="ws", name="rerun", response_time=seconds * 1000, response_length=0, exception=None
            )
        events.request.fire(
            request_type="visit",
            name=name,
            response_time=(time.perf_counter() - started) * 1000,
            response_length=0,
            exception=RuntimeError(person.error) if person.error else None,
        )


class FirstPage(_Streamlit):
    @task
    def first_page(self) -> None:
        self.visit("first page", lambda person: first_page(self.host, person, timeout=60))


class Questionnaire(_Streamlit):
    @task
    def questionnaire(self) -> None:
        draft = next(DRAFTS)
        self.visit("questionnaire", lambda person: complete_questionnaire(self.host, draft, person, CONTENT, 60))


class BareReruns(_Streamlit):
    @task
    def bare(self) -> None:
        self.visit("bare reruns", lambda person: rerun_bare(self.host, BARE_RERUNS, person, timeout=60))
