"""Contracts server/sessions.py rests on: what Streamlit 1.67 does when a websocket closes, when a browser
reconnects with a session id, and when a session is resumed, checked on Streamlit's own session manager."""

from streamlit.runtime import Runtime
from streamlit.runtime.app_session import AppSession

from server import sessions
from tests.server.parts import SCRIPT, Client, run, session_manager


def test_a_closed_websocket_reaches_the_session_manager_s_disconnect_session(monkeypatch):
    """The runtime hands a closing websocket's session to `WebsocketSessionManager.disconnect_session`, the
    method sessions.py wraps to start a session's time-out and drop its take-away files."""
    told = []

    class Manager:
        def get_active_session_info(self, session_id):
            return type("Info", (), {"client": None})()

        def disconnect_session(self, session_id):
            told.append(session_id)

    runtime = type("Stub", (), {"_session_mgr": Manager(), "_on_session_disconnected": lambda self: None})()
    Runtime.disconnect_session(runtime, "session-a")
    assert told == ["session-a"]


def test_a_disconnected_session_is_kept_in_the_storage_reap_deletes_it_from():
    """Streamlit keeps a disconnected session for a reconnect in `_session_storage` under `_storage_lock`;
    `reap` deletes it there and shuts it down."""

    async def scenario():
        manager = session_manager()
        session_id = manager.connect_session(Client(), SCRIPT, {sessions.BROWSER: "a"})
        session = manager.get_active_session_info(session_id).session
        manager.disconnect_session(session_id)
        assert not manager.is_active_session(session_id)
        with manager._storage_lock:
            assert manager._session_storage.get(session_id).session is session
        sessions._disconnected[session_id] = (0.0, session)
        assert sessions.reap(manager, now=100.0, ttl=1.0) == 1
        assert manager._session_storage.get(session_id) is None
        assert session._state.name == "SHUTDOWN_REQUESTED"

    run(scenario)


def test_a_session_resumes_only_for_the_same_user_info_which_carries_the_browser():
    """Binding a session to its browser rests on Streamlit comparing `user_info` on a reconnect with a
    session id: another browser's digest gets a new session, the same browser's gets its own back."""

    async def scenario():
        manager = session_manager()
        session_id = manager.connect_session(Client(), SCRIPT, {sessions.BROWSER: "a"})
        manager.disconnect_session(session_id)
        stranger = manager.connect_session(Client(), SCRIPT, {sessions.BROWSER: "b"}, existing_session_id=session_id)
        assert stranger != session_id
        owner = manager.connect_session(Client(), SCRIPT, {sessions.BROWSER: "a"}, existing_session_id=session_id)
        assert owner == session_id
        for each in (stranger, owner):
            manager.close_session(each)

    run(scenario)


def test_a_resume_registers_file_watchers_through_app_session_register_file_watchers(monkeypatch):
    """Streamlit's resume calls `AppSession.register_file_watchers` whatever `server.fileWatcherType` says:
    the method sessions.py makes do nothing when that setting is "none"."""
    registered = []
    monkeypatch.setattr(AppSession, "register_file_watchers", lambda self: registered.append(self.id))

    async def scenario():
        manager = session_manager()
        session_id = manager.connect_session(Client(), SCRIPT, {sessions.BROWSER: "a"})
        manager.disconnect_session(session_id)
        registered.clear()
        manager.connect_session(Client(), SCRIPT, {sessions.BROWSER: "a"}, existing_session_id=session_id)
        assert registered == [session_id]
        manager.close_session(session_id)

    run(scenario)


def test_connect_and_disconnect_patched_bind_the_browser_and_tell_who_asked(patching, monkeypatch):
    """With the patch: a connection's cookie decides the session's browser, ending a session forgets it,
    and a closed websocket is told to `when_gone` listeners and queued for `reap`."""
    gone = []
    monkeypatch.setattr(sessions, "_gone", [gone.append])
    captured = {}

    def connect(self, client, user_info, *args, **kwargs):
        captured.update(user_info)
        return "session-a"

    monkeypatch.setattr(Runtime, "connect_session", connect)
    patching(sessions)  # wraps the stand-in above, as it wraps Streamlit's
    client = type("C", (), {"client_context": type("X", (), {"cookies": {sessions.BROWSER_COOKIE: "secret"}})()})()
    assert Runtime.connect_session(object(), client, {}) == "session-a"
    assert captured[sessions.BROWSER] == sessions.browser_digest("secret") == sessions.browser("session-a")

    async def scenario():
        manager = session_manager()
        session_id = manager.connect_session(Client(), SCRIPT, {sessions.BROWSER: "a"})
        manager.disconnect_session(session_id)
        assert gone == [session_id] and session_id in sessions._disconnected
        sessions.reap(manager, now=float("inf"), ttl=0.0)

    run(scenario)
    sessions._browsers.pop("session-a", None)
