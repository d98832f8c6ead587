"""The benchmark's load generator against the real app, so a Streamlit upgrade cannot silently break it.

It speaks Streamlit's internal websocket protocol (BackMsg/ForwardMsg of the pinned version); if that
protocol or the app's widget keys change, these tests fail and say where.
"""

import asyncio
from pathlib import Path

import pytest

from bench.corpus import answer_sets
from bench.loadgen import FINISHED, FRAGMENT_FINISHED, Person, Session, check_loopback, complete_questionnaire, crowd
from bench.servers import APP, Server
from deploy.production import FLAGS
from logic import Answers, default_content, evaluate
from logic.vocab import Distress, Field, FlagId
from ui.state import widget_key

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def app():
    with Server(APP) as server:
        yield server


def run_people(url: str, count: int) -> tuple[list[dict], list[Person]]:
    drafts = answer_sets(count)
    content = default_content()
    tasks = [complete_questionnaire(url, d, Person(i), content, timeout=30) for i, d in enumerate(drafts)]
    return drafts, asyncio.run(crowd(tasks, deadline=60))


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

    page, answered, moved_on = asyncio.run(go())
    assert page.status == FINISHED and moved_on.status == FINISHED
    assert answered.status == FRAGMENT_FINISHED
    assert answered.elements <= 6 < page.elements
    assert any(words.flags[FlagId.SELF_HARM].title in text for text in answered.texts)


def test_load_is_only_ever_sent_to_this_machine():
    check_loopback("http://127.0.0.1:8501")
    check_loopback("http://localhost:8501")
    for url in ("http://10.0.0.1:8501", "http://192.168.1.2", "http://8.8.8.8"):
        with pytest.raises(ValueError, match="loopback"):
            check_loopback(url)


def test_every_way_of_serving_uses_the_production_flags():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    for flag in FLAGS:
        assert flag in makefile, f"make serve lacks {flag}"
        assert f'"{flag}"' in dockerfile, f"the Dockerfile's CMD lacks {flag}"


def test_two_replicas_behind_nginx_serve_people_to_the_end():
    from deploy.replicas import Replicas

    with Replicas(2) as replicas:
        _, people = run_people(replicas.url, 2)
        assert [p.error for p in people] == [None, None]
        replicas.check()  # every replica still healthy
        assert all(r.fails == 0 for r in replicas.replicas)


@pytest.mark.browser
def test_uploads_and_downloads_reach_the_persons_own_replica(tmp_path, browser):
    """Sticky sessions: a resumed file (upload) and the summary (download) are plain HTTP requests that
    fail with 400/404 on a replica other than the one holding the person's session."""
    import json

    from deploy.replicas import Replicas

    words = default_content()
    saved = tmp_path / "answers.json"
    saved.write_text(json.dumps(answer_sets(1)[0]), encoding="utf-8")
    with Replicas(2) as replicas:
        for _ in range(3):  # three people, each with a new profile and so a new route cookie
            context = browser.new_context(accept_downloads=True)
            page = context.new_page()
            failed = []
            page.on("response", lambda r, failed=failed: failed.append(r.url) if r.status >= 400 else None)
            page.goto(replicas.url)
            page.get_by_text(words.ui.files.resume_title).click()
            page.locator("input[type=file]").set_input_files(str(saved))
            page.get_by_role("heading", name=words.ui.review.title).wait_for(timeout=30_000)
            page.get_by_role("button", name=words.ui.nav.see_summary).click()
            page.get_by_role("heading", name=words.ui.summary.title).first.wait_for(timeout=30_000)
            rest = page.get_by_role("button", name=words.ui.summary.read_rest)
            if rest.count():  # help needed now: the downloads are in the rest of the summary
                rest.click()
            with page.expect_download(timeout=30_000) as download:
                page.get_by_role("button", name=words.ui.summary.download_markdown).first.click()
            assert Path(download.value.path()).stat().st_size > 100
            assert failed == []
            assert "st_route" in {c["name"] for c in context.cookies()}
            context.close()
