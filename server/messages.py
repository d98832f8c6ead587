"""Messages from the browser: only the kinds a person's page sends are handled (`HEARD`); Streamlit's
developer and debug messages (`load_git_info` ran git on the event loop and told anyone the repository's
name and files, `clear_cache` emptied every person's shared cache) are dropped unheard. Widget states under
an id that is no element id name no widget and are dropped on arrival (Streamlit failed every later run of
that session reading them back). Reruns are paced per session (`RERUN_BURST` at once, then `RERUN_RATE` a
second): past that, only the newest waits and runs when its turn comes, so a flood costs the flooder, not
others, and a person loses nothing."""

import asyncio
import functools
import time
from collections.abc import Callable
from typing import Any

from streamlit.runtime.app_session import AppSession, AppSessionState
from streamlit.runtime.state.common import is_element_id
from streamlit.runtime.state.session_state import STREAMLIT_INTERNAL_KEY_PREFIX

# The BackMsg kinds a person's page sends: a rerun (an answer, a click), the heartbeat, a take-away file asked
# for (server/downloads.py, bounded by ui/downloads.py), the upload URLs of the answers file, and Stop.
HEARD = frozenset({"rerun_script", "app_heartbeat", "backend_operation_request", "file_urls_request", "stop_script"})
RERUN_BURST = 20  # reruns a session may ask for at once; a person clicking fast asks for a few a second
RERUN_RATE = 4.0  # reruns a second a session may ask for after that, on average

NEEDS: tuple[tuple[Any, str], ...] = ((AppSession, "handle_backmsg"),)


class _Pace:
    """A session's token bucket for reruns, and the newest rerun waiting for a token."""

    def __init__(self, now: float) -> None:
        self.tokens, self.at = float(RERUN_BURST), now
        self.waiting: Any = None  # the newest BackMsg past the bucket

    def take(self, now: float) -> bool:
        self.tokens = min(float(RERUN_BURST), self.tokens + (now - self.at) * RERUN_RATE)
        self.at = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False


def install() -> None:
    handle = AppSession.handle_backmsg

    @functools.wraps(handle)
    def handle_backmsg(self: AppSession, msg: Any) -> None:
        kind = msg.WhichOneof("type")
        if kind not in HEARD:
            return
        if kind != "rerun_script":
            handle(self, msg)
            return
        drop_unknown_ids(msg.rerun_script.widget_states.widgets)
        pace = self.__dict__.get("_qn_pace")
        if pace is None:
            pace = self.__dict__["_qn_pace"] = _Pace(time.monotonic())
        if pace.waiting is None and pace.take(time.monotonic()):
            handle(self, msg)
            return
        if pace.waiting is None:
            asyncio.get_running_loop().call_later(1.0 / RERUN_RATE, _release, self, pace, handle)
        pace.waiting = msg  # each rerun carries every widget's state: the newest holds all that was sent

    AppSession.handle_backmsg = handle_backmsg  # type: ignore[method-assign]


def names_a_widget(widget_id: str) -> bool:
    """A widget's id is an element id (`$$ID-...`), or, for a component's events (the draft keeper's copy
    sent back after a reload, Back and Forward), an element id under Streamlit's internal prefix."""
    internal = f"{STREAMLIT_INTERNAL_KEY_PREFIX}_"
    return is_element_id(widget_id.removeprefix(internal) if widget_id.startswith(internal) else widget_id)


def drop_unknown_ids(states: Any) -> None:
    """A state under an id that names no widget is dropped: Streamlit failed every later run of the session
    reading it back (the page locked on the error box)."""
    for index in reversed(range(len(states))):
        if not names_a_widget(states[index].id):
            del states[index]


def _release(session: AppSession, pace: _Pace, handle: Callable) -> None:
    if session._state == AppSessionState.SHUTDOWN_REQUESTED:
        pace.waiting = None
        return
    if not pace.take(time.monotonic()):
        asyncio.get_running_loop().call_later(1.0 / RERUN_RATE, _release, session, pace, handle)
        return
    msg, pace.waiting = pace.waiting, None
    handle(session, msg)
