"""ui/downloads.py in process: a file is made once per set of answers, each click publishes it under a new
random id, asking too often is refused with the message, and leaving or ending drops everything."""

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from server import downloads as serving
from tests.support.apptest import APP
from tests.support.threads import run_async
from ui import downloads

SESSION = "person-a"


@pytest.fixture
def person(monkeypatch):
    """A session that is on the summary page, with a storage of its own; cleaned up after."""
    storage = MemoryMediaFileStorage("/media")
    monkeypatch.setattr(serving, "_storage", storage)
    made = []

    def make() -> str:
        made.append(1)
        return "# summary"

    file = downloads.TakeAway("download", "Download", "summary.md", "text/markdown", "⬇️", make)
    with downloads._lock:
        downloads._people[SESSION] = downloads._Person(owner="digest", made_from="answers", offered=True)
    yield file, made, storage
    downloads.forget(SESSION)


def publish(file) -> str:
    return downloads.publish(SESSION, downloads._Maker(SESSION, file))


def test_a_file_is_made_once_per_set_of_answers_and_each_click_gets_a_new_random_id(person):
    file, made, storage = person
    urls = [publish(file) for _ in range(5)]
    assert len(made) == 1
    assert len(set(urls)) == 5
    ids = [url.removeprefix("/media/").split(".")[0] for url in urls]
    assert all(len(i) == 2 * downloads.ID_BYTES and int(i, 16) >= 0 for i in ids)
    assert [downloads.owner_of(i) for i in ids] == [(False, None)] * 4 + [(True, "digest")], "only the last stays"
    assert storage.get_file(ids[-1]).content == b"# summary"
    with downloads._lock:
        downloads._people[SESSION].made_from = "other answers"
        downloads._people[SESSION].made.clear()
    publish(file)
    assert len(made) == 2


def test_a_page_switched_to_another_language_offers_its_files_in_that_language(monkeypatch):
    """The files made for a set of answers are kept for the page's words too: after a switch of language the
    same answers were served the file made before it, in the language left."""
    from logic import default_content

    monkeypatch.setattr(serving, "_storage", MemoryMediaFileStorage("/media"))
    made = []

    def offered(language: str) -> downloads.TakeAway:
        files, summary = default_content(language).ui.files, default_content(language).ui.summary
        words = downloads.Refusals(files.too_many, files.gone, files.failed)
        file = downloads.TakeAway(
            "download", summary.download_markdown, summary.markdown_file, "text/markdown", "⬇️",
            lambda: made.append(language) or f"# {language}",
        )  # fmt: skip
        downloads.offer([file], made_from="the same answers", words=words)  # outside a run: session "dontcare"
        return file

    def taken(file: downloads.TakeAway) -> bytes:
        url = downloads.publish("dontcare", downloads._Maker("dontcare", file))
        return serving._storage.get_file(url.removeprefix("/media/").split(".")[0]).content

    try:
        english = offered("en")
        assert taken(english) == taken(english) == b"# en"
        assert taken(offered("fil")) == b"# fil"
        assert taken(offered("en")) == b"# en"
        assert made == ["en", "fil", "en"], "a repeat on the same page was made again"
    finally:
        downloads.forget("dontcare")


def until_refused(ask, most: int) -> tuple[int, str]:
    """How many times `ask()` is answered before it is refused (at most `most` tries), and the refusal."""
    for answered in range(most):
        try:
            ask(answered)
        except downloads.Refused as refused:
            return answered, str(refused)
    return most, ""


def test_asking_too_often_is_refused_with_the_message(person):
    file, made, _ = person
    answered, refusal = until_refused(lambda _: publish(file), downloads.BUCKET + 10)
    assert refusal == downloads.TOO_MANY
    assert answered <= downloads.BUCKET
    assert len(made) == 1


def test_making_anew_costs_more_than_a_copy_from_memory(person):
    file, _, _ = person

    def new_answers_then_ask(n: int) -> None:
        with downloads._lock:
            downloads._people[SESSION].made_from = n
            downloads._people[SESSION].made.clear()
        publish(file)

    answered, refusal = until_refused(new_answers_then_ask, downloads.BUCKET)
    assert refusal == downloads.TOO_MANY
    assert answered <= downloads.BUCKET // (downloads.ASK_COST + downloads.MAKE_COST) + 1


def test_leaving_the_summary_withdraws_the_files_and_then_drops_them(person):
    file, _, storage = person
    file_id = publish(file).removeprefix("/media/").split(".")[0]
    downloads._run_started(SESSION)  # the next full run: the page moves on
    assert downloads.owner_of(file_id) == (False, None)
    assert file_id not in storage._files_by_id
    downloads._run_ended(SESSION)  # and it did not offer the files again
    assert SESSION not in downloads._people
    with pytest.raises(downloads.Refused, match=downloads.GONE):
        publish(file)


def test_the_session_ending_drops_everything_at_once(person):
    file, _, storage = person
    file_id = publish(file).removeprefix("/media/").split(".")[0]
    people, files = downloads.held()  # other tests' sessions may still be held: count this one's part
    downloads.forget(SESSION)
    assert file_id not in storage._files_by_id
    assert downloads.held() == (people - 1, files - 1)


def test_without_the_server_s_patch_a_button_s_callable_makes_nothing(person):
    """Run as plain `app.py` (no deploy/asgi.py), Streamlit's own handler calls the button's callable for
    whoever sends its placeholder id: the callable refuses, so the download fails closed."""
    file, made, _ = person
    with pytest.raises(downloads.Refused, match=downloads.GONE):
        downloads._Maker(SESSION, file)()
    assert made == []


def test_the_page_answers_only_its_own_session_s_buttons(person):
    """What server/downloads.py asks of this module: a URL for the session's own button, a refusal in the
    page's words for anything else."""
    file, _, _ = person
    page = serving._page
    assert page is not None, "ui/downloads.py registers with server/downloads.py when imported"
    url, refusal = run_async(page.answer(SESSION, downloads._Maker(SESSION, file)), 30)
    assert refusal is None and downloads.owner_of(url.removeprefix("/media/").split(".")[0]) == (True, "digest")
    gone = downloads._words(SESSION).gone
    assert run_async(page.answer(SESSION, downloads._Maker("someone else", file)), 30) == (None, gone)
    assert run_async(page.answer(SESSION, None), 30) == (None, gone)
    assert run_async(page.answer(SESSION, lambda: b"not a button of ours"), 30) == (None, gone)


def test_the_app_installs_no_patch():
    """Patches are installed once, at start-up, by deploy/asgi.py (server/), not by the page on every run."""
    import server

    was = server.installed()
    AppTest.from_file(APP, default_timeout=60).run()
    assert server.installed() == was


def test_a_refusal_is_said_in_the_language_of_the_page_that_offered_the_file(person):
    from logic import default_content

    filipino = default_content("fil").ui.files
    with downloads._lock:
        downloads._people[SESSION].words = downloads.Refusals(filipino.too_many, filipino.gone, filipino.failed)
    assert downloads._words(SESSION).gone == filipino.gone
    english = default_content().ui.files
    assert downloads._words("a session that offered nothing") == (english.too_many, english.gone, english.failed)
