"""Contracts server/messages.py rests on: every message from a browser goes through
`AppSession.handle_backmsg`, which is what runs Streamlit's developer messages; widget ids are element ids;
a shut-down session's state is `SHUTDOWN_REQUESTED`."""

import asyncio

from streamlit.elements.lib.utils import _compute_element_id
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.runtime import Runtime
from streamlit.runtime.app_session import AppSession, AppSessionState
from streamlit.runtime.runtime import RuntimeState

from server import messages
from tests.server.parts import SCRIPT, Client, run, session_manager


def test_the_runtime_hands_a_browser_s_message_to_app_session_handle_backmsg():
    handled = []
    session = type("S", (), {"handle_backmsg": lambda self, msg: handled.append(msg)})()
    info = type("Info", (), {"session": session, "client": None})()
    manager = type("M", (), {"get_active_session_info": lambda self, session_id: info})()
    runtime = type("Stub", (), {"_session_mgr": manager, "_state": RuntimeState.ONE_OR_MORE_SESSIONS_CONNECTED})()
    msg = BackMsg(clear_cache=True)
    Runtime.handle_backmsg(runtime, "session-a", msg)
    assert handled == [msg]


def test_handle_backmsg_is_what_empties_the_shared_cache_and_reads_git(monkeypatch):
    """The developer messages messages.py drops are carried out by `handle_backmsg` itself."""
    done = []
    monkeypatch.setattr(AppSession, "_handle_clear_cache_request", lambda self: done.append("clear_cache"))
    monkeypatch.setattr(AppSession, "_handle_git_information_request", lambda self: done.append("git"))

    async def scenario():
        manager = session_manager()
        session_id = manager.connect_session(Client(), SCRIPT, {})
        session = manager.get_active_session_info(session_id).session
        session.handle_backmsg(BackMsg(clear_cache=True))
        session.handle_backmsg(BackMsg(load_git_info=True))
        manager.close_session(session_id)

    run(scenario)
    assert done == ["clear_cache", "git"]


def test_with_the_patch_developer_messages_are_dropped_and_reruns_paced(patching, monkeypatch):
    handled = []
    monkeypatch.setattr(AppSession, "handle_backmsg", lambda self, msg: handled.append(msg.WhichOneof("type")))
    patching(messages)

    async def scenario():
        session = type("Session", (), {"_state": AppSessionState.APP_NOT_RUNNING})()
        AppSession.handle_backmsg(session, BackMsg(clear_cache=True))
        AppSession.handle_backmsg(session, BackMsg(load_git_info=True))
        for _ in range(messages.RERUN_BURST + 5):
            AppSession.handle_backmsg(session, BackMsg(rerun_script={}))
        assert handled == ["rerun_script"] * messages.RERUN_BURST
        await asyncio.sleep(1.5 / messages.RERUN_RATE)
        assert handled == ["rerun_script"] * (messages.RERUN_BURST + 1), "only the newest waiting rerun runs"

    run(scenario)


def test_streamlit_s_widget_ids_are_what_names_a_widget_accepts():
    widget_id = _compute_element_id("radio", user_key="q1", label="Question")
    assert messages.names_a_widget(widget_id)
    assert not messages.names_a_widget("q1")


def test_a_shut_down_session_is_in_the_state_a_waiting_rerun_checks():
    async def scenario():
        manager = session_manager()
        session_id = manager.connect_session(Client(), SCRIPT, {})
        session = manager.get_active_session_info(session_id).session
        manager.close_session(session_id)
        assert session._state == AppSessionState.SHUTDOWN_REQUESTED

    run(scenario)
