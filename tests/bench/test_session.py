"""The websocket session (tests/support/session.py) against the real app, so a Streamlit upgrade cannot
silently break it, nor the privacy tests and the Locust users built on it.

It speaks Streamlit's internal websocket protocol (BackMsg/ForwardMsg of the pinned version); if that
protocol or the app's widget keys change, these tests fail and say where.
"""

import pytest

from logic import Answers, default_content, evaluate
from logic.vocab import Distress, Field, FlagId
from tests.support.corpus import answer_sets
from tests.support.servers import Server
from tests.support.session import (
    FINISHED,
    FRAGMENT_FINISHED,
    Person,
    Session,
    check_loopback,
    complete_questionnaire,
    crowd,
)
from tests.support.threads import run_async
from ui.state import widget_key

# Starts the app's server, another program or a process of its own: not in `make unit` (pyproject's markers).
pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def app():
    with Server() as server:
        yield server


def run_people(url: str, count: int) -> tuple[list[dict], list[Person]]:
    drafts = answer_sets(count)
    content = default_content()
    tasks = [complete_questionnaire(url, d, Person(i), content, timeout=30) for i, d in enumerate(drafts)]
    return drafts, run_async(crowd(tasks, deadline=60))


def test_two_people_complete_the_questionnaire_with_no_error(app):
    drafts, people = run_people(app.url, 2)
    for draft, person in zip(drafts, people, strict=True):
        assert person.error is None, f"{person.error}\n--- server output ---\n{app.output()}"
        assert 15 < person.reruns < 60  # welcome, start, every answer, next on each page, review, summary
        summary = evaluate(Answers.model_validate(draft), default_content())
        assert summary.flags, "the corpus should raise flags, or this test checks nothing"
        for flag in summary.flags:
            assert flag.title in person.summary
    assert "Traceback" not in app.output()


def test_an_answer_redraws_only_its_own_question_and_its_urgent_message(app):
    """Each question is an st.fragment: an answer costs a few elements, not the whole page."""
    words = default_content()

    async def go():
        async with Session(app.url, timeout=30) as session:
            await session.rerun()
            page = await session.click("start")
            label = words.option_label(Field.DISTRESS, Distress.SELF_HARM_THOUGHTS)
            answered = await session.choose(widget_key(Field.DISTRESS), label)
            moved_on = await session.click("next")
            return page, answered, moved_on

    page, answered, moved_on = run_async(go())
    assert page.status == FINISHED and moved_on.status == FINISHED
    assert answered.status == FRAGMENT_FINISHED
    assert 3 * answered.elements < page.elements  # 8 of 36 since the draft is kept in the tab (ui/keep.py)
    assert any(words.flags[FlagId.SELF_HARM].title in text for text in answered.texts)


def test_load_is_only_ever_sent_to_this_machine():
    check_loopback("http://127.0.0.1:8501")
    check_loopback("http://localhost:8501")
    for url in ("http://10.0.0.1:8501", "http://192.168.1.2", "http://8.8.8.8"):
        with pytest.raises(ValueError, match="loopback"):
            check_loopback(url)
