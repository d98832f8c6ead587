"""Contracts server/downloads.py rests on: a full run calls the media manager's `clear_session_refs` (no
session, on the run's thread) at its start and `remove_orphaned_files` at its end; a session's
deferred-download requests go to `DeferredFileHandler.handle`, which finds the callable in
`_deferred_callables` under its placeholder with the session that drew it; a file put in the storage's
`_files_by_id` is served and no sweep deletes it. And the Streamlit bug the patch exists for, still there:
the handler serves any session's deferred download to anyone, and the orphan sweep deletes the file a click
made (docs/server-patches.md has the upstream report; when Streamlit fixes it these two tests fail, and the
patch can go)."""

import threading

import pytest
from streamlit.proto.BackMsg_pb2 import BackendOperationRequest
from streamlit.runtime import backend_operation_handler, media_file_manager
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from server import downloads
from tests.server.parts import SCRIPT, Client, run, session_manager


def test_a_full_run_calls_clear_session_refs_at_its_start_and_the_sweep_at_its_end(monkeypatch):
    calls = []
    clear, sweep = MediaFileManager.clear_session_refs, MediaFileManager.remove_orphaned_files

    def clear_session_refs(self, session_id=None):
        calls.append(("start", session_id, threading.current_thread().name))
        clear(self, session_id)

    def remove_orphaned_files(self):
        calls.append(("end", threading.current_thread().name))
        sweep(self)

    monkeypatch.setattr(MediaFileManager, "clear_session_refs", clear_session_refs)
    monkeypatch.setattr(MediaFileManager, "remove_orphaned_files", remove_orphaned_files)
    AppTest.from_string("import streamlit as st\nst.write('a page')").run()
    assert [c[:2] for c in calls] == [("start", None), ("end", "ScriptRunner.scriptThread")]
    assert calls[0][2] == calls[1][1], "both on the run's own thread, where its session is known"


@pytest.fixture
def deferred(monkeypatch):
    """A media manager with one deferred download drawn by session "owner": (manager, placeholder, made)."""
    manager = MediaFileManager(MemoryMediaFileStorage("/media"))
    monkeypatch.setattr(media_file_manager, "_get_session_id", lambda: "owner")
    made = []
    placeholder = manager.add_deferred(lambda: made.append(1) or b"summary", "text/plain", "coords", "summary.txt")
    return manager, placeholder, made


def request(placeholder: str) -> BackendOperationRequest:
    asked = BackendOperationRequest(request_id="r1")
    asked.deferred_file.file_id = placeholder
    return asked


def test_a_deferred_callable_is_kept_with_the_session_that_drew_it(deferred):
    manager, placeholder, _ = deferred
    with manager._lock:
        entry = manager._deferred_callables[placeholder]
    assert entry["session_id"] == "owner" and callable(entry["callable"])


def test_streamlit_bug_its_handler_serves_any_session_s_download_to_anyone(deferred):
    manager, placeholder, made = deferred
    handler = backend_operation_handler.DeferredFileHandler(lambda: manager)
    answer = run(lambda: handler.handle(request(placeholder), "a stranger"))
    assert answer.deferred_file.url.startswith("/media/"), "Streamlit now refuses: see docs/server-patches.md"
    assert made == [1]


def test_streamlit_bug_the_orphan_sweep_deletes_the_file_a_click_made(deferred):
    manager, placeholder, _ = deferred
    url = manager.execute_deferred(placeholder)
    file_id = url.removeprefix("/media/").split(".")[0]
    assert manager._storage.get_file(file_id).content == b"summary"
    manager.remove_orphaned_files()  # any session's run ending does this: the first marks it,
    manager.remove_orphaned_files()  # the next one deletes it, whether or not the browser has fetched it
    with pytest.raises(Exception):  # noqa: B017, PT011 - whatever Streamlit raises for a missing file
        manager._storage.get_file(file_id)


def test_a_file_put_in_files_by_id_is_served_and_outlives_the_sweep(monkeypatch):
    manager = MediaFileManager(MemoryMediaFileStorage("/media"))
    monkeypatch.setattr(downloads, "_storage", None)
    downloads._use(manager)
    file_id, url = downloads.publish(b"summary", "text/markdown", "summary.md", "digest")
    try:
        assert url.startswith(f"/media/{file_id}.")
        manager.remove_orphaned_files()
        manager.remove_orphaned_files()
        assert manager._storage.get_file(file_id).content == b"summary"
        assert downloads.owner_of(file_id) == (True, "digest")
    finally:
        downloads.withdraw(file_id)
    assert downloads.owner_of(file_id) == (False, None)


def test_every_session_s_dispatcher_sends_a_deferred_file_request_to_deferred_file_handler_handle(monkeypatch):
    asked = []

    async def handle(self, request, session_id):
        asked.append(session_id)
        return backend_operation_handler.BackendOperationResponse(request_id=request.request_id)

    monkeypatch.setattr(backend_operation_handler.DeferredFileHandler, "handle", handle)

    async def scenario():
        manager = session_manager()
        session_id = manager.connect_session(Client(), SCRIPT, {})
        session = manager.get_active_session_info(session_id).session
        await session._backend_operation_dispatcher.dispatch(request("placeholder"), session_id)
        manager.close_session(session_id)
        return session_id

    assert asked == [run(scenario)]


def test_with_the_patch_only_the_drawing_session_s_request_reaches_the_page(deferred, patching, monkeypatch):
    manager, placeholder, made = deferred
    monkeypatch.setattr(downloads, "_manager", lambda: manager)
    heard = []

    class Page:
        async def answer(self, session_id, callable_):
            heard.append((session_id, callable_ is not None))
            return ("/media/x.txt", None) if callable_ is not None else (None, "gone")

    monkeypatch.setattr(downloads, "_page", Page())
    patching(downloads)
    handler = backend_operation_handler.DeferredFileHandler(lambda: manager)
    stranger = run(lambda: handler.handle(request(placeholder), "a stranger"))
    owner = run(lambda: handler.handle(request(placeholder), "owner"))
    assert stranger.error_msg == "gone" and owner.deferred_file.url == "/media/x.txt"
    assert heard == [("a stranger", False), ("owner", True)]
    assert made == [], "the patched handler never runs Streamlit's own way of making the file"
