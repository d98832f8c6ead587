"""Sessions: bound to the browser that opened them, ended soon after they disconnect.

- A session can be resumed only from the browser that opened it: the browser cookie's digest is part of
  the session's identity (`user_info[BROWSER]`), which Streamlit compares on every reconnect with a session
  id. server/http.py refuses the session's upload URLs to any other browser with `browser(session_id)`.
- A resumed session watches no source files when `server.fileWatcherType` is "none" (config.toml), as a new
  one does not: Streamlit registered a new source watcher on every resume whatever the setting, and its
  first run then resolved the path of every imported module, on the event loop every session shares (a
  resume cost 10 times a new session's CPU; docs/performance.md).
- Disconnected sessions end `server.disconnectedSessionTTL` seconds after their websocket closed (Streamlit
  only forgets them, later, when something else touches its store); whatever registered with `when_gone`
  (server/downloads.py: the session's take-away files) is told at once when the websocket closes.
"""

import asyncio
import contextlib
import functools
import hashlib
import secrets
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

from streamlit import config
from streamlit.runtime import Runtime
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.websocket_session_manager import WebsocketSessionManager

BROWSER_COOKIE = "qn_browser"
BROWSER = "browser"  # the key of st.user / user_info under which a session's browser digest is kept
REAP_EVERY = 1.0  # seconds between looks for disconnected sessions to end

NEEDS: tuple[tuple[Any, str], ...] = (
    (Runtime, "connect_session"),
    (WebsocketSessionManager, "disconnect_session"),
    (WebsocketSessionManager, "is_active_session"),
    (WebsocketSessionManager, "get_active_session_info"),
    (AppSession, "shutdown"),
    (AppSession, "register_file_watchers"),
)

_disconnected: dict[str, tuple[float, Any]] = {}  # session id -> (when its websocket closed, the session)
_browsers: dict[str, str] = {}  # session id -> the digest of the browser that opened it, while the session lives
_gone: list[Callable[[str], None]] = []  # told a session's id when its websocket closes and when it ends


def browser_digest(secret: str) -> str:
    """What is kept of a browser's cookie: its SHA-256, so no memory dump or log holds the cookie itself."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def browser(session_id: str) -> str | None:
    """The digest of the browser that opened the session, while it lives."""
    return _browsers.get(session_id)


def when_gone(callback: Callable[[str], None]) -> None:
    """Call `callback(session_id)` when a session's websocket closes and when the session ends."""
    if callback not in _gone:
        _gone.append(callback)


def _tell_gone(session_id: str) -> None:
    for callback in list(_gone):
        callback(session_id)


def _browser_of(client: Any) -> str:
    """The digest of the browser cookie the websocket was opened with, or a random one if it had none (then
    nobody, not even the same client, can resume the session later)."""
    try:
        secret = client.client_context.cookies.get(BROWSER_COOKIE)
    except AttributeError:
        secret = None
    return browser_digest(secret or secrets.token_urlsafe(32))


def install() -> None:
    connect = Runtime.connect_session

    @functools.wraps(connect)
    def connect_session(self: Runtime, client: Any, user_info: dict, *args: Any, **kwargs: Any) -> str:
        digest = _browser_of(client)
        session_id = connect(self, client, {**user_info, BROWSER: digest}, *args, **kwargs)
        _disconnected.pop(session_id, None)
        _browsers[session_id] = digest  # a resumed session is the same browser's: the digests are equal
        return session_id

    shutdown = AppSession.shutdown

    @functools.wraps(shutdown)
    def shutdown_session(self: AppSession) -> None:
        _browsers.pop(self.id, None)
        shutdown(self)

    disconnect = WebsocketSessionManager.disconnect_session

    @functools.wraps(disconnect)
    def disconnect_session(self: WebsocketSessionManager, session_id: str) -> None:
        active = self.get_active_session_info(session_id)
        disconnect(self, session_id)
        _tell_gone(session_id)
        if active is not None and not self.is_active_session(session_id):
            _disconnected[session_id] = (time.monotonic(), active.session)

    # A new session registers its file watchers only when server.fileWatcherType is not "none"; Streamlit's
    # resume (WebsocketSessionManager._resume_stored_session) registers them whatever it is, and the new
    # LocalSourcesWatcher then calls os.path.realpath on the files of every module in sys.modules after the
    # session's first run, and again whenever sys.modules has grown: about 90 ms of CPU each time, on the
    # event loop every session shares, where a whole run of a step costs about 20 (docs/performance.md). A
    # client reconnecting with its own id in a loop held everyone's event loop so. Resuming now leaves the
    # session as it was made: with no watcher.
    register = AppSession.register_file_watchers

    @functools.wraps(register)
    def register_file_watchers(self: AppSession) -> None:
        if config.get_option("server.fileWatcherType") != "none":
            register(self)

    Runtime.connect_session = connect_session  # type: ignore[method-assign]
    WebsocketSessionManager.disconnect_session = disconnect_session  # type: ignore[method-assign]
    AppSession.shutdown = shutdown_session  # type: ignore[method-assign]
    AppSession.register_file_watchers = register_file_watchers  # type: ignore[method-assign]


def reap(manager: WebsocketSessionManager, now: float, ttl: float) -> int:
    """End every session whose websocket closed at least `ttl` seconds before `now`; return how many."""
    ended = 0
    for session_id, (since, session) in list(_disconnected.items()):
        if manager.is_active_session(session_id):
            _disconnected.pop(session_id, None)
        elif now - since >= ttl:
            _disconnected.pop(session_id, None)
            with manager._storage_lock, contextlib.suppress(KeyError):
                manager._session_storage.delete(session_id)
            session.shutdown()
            _tell_gone(session_id)
            ended += 1
    return ended


@contextlib.asynccontextmanager
async def reaping() -> AsyncIterator[None]:
    """While the server runs: end disconnected sessions once their time is up."""

    async def reaper() -> None:
        from streamlit import runtime

        ttl = float(config.get_option("server.disconnectedSessionTTL"))
        while True:
            await asyncio.sleep(REAP_EVERY)
            if runtime.exists():
                manager = runtime.get_instance()._session_mgr
                if isinstance(manager, WebsocketSessionManager):
                    reap(manager, time.monotonic(), ttl)

    task = asyncio.create_task(reaper(), name="end-disconnected-sessions")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
