"""The server as people meet it: what `deploy/asgi.py` adds around Streamlit 1.67.

- `Hardening`, an ASGI middleware on every HTTP response: a Content Security Policy with
  `frame-ancestors 'none'`, `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer`,
  `X-Content-Type-Options: nosniff`, and `Cache-Control: no-store` on everything but Streamlit's own
  content-hashed static files; `/_stcore/metrics` answers 404; the page sets a random, HttpOnly,
  SameSite=Strict browser cookie, and a take-away file at `/media/` is served only to the browser whose
  session made it (ui/downloads.py).
- No outgoing call: Streamlit's origin check looked up the machine's external address at an outside
  host, synchronously, on every handshake from a foreign Origin (20 s frozen in a network that drops
  packets); `net_util` now answers "unknown" without asking anyone.
- A websocket is accepted only from a page of the served origin (the Origin's host and port are the
  request's Host): Streamlit accepted any port of localhost and 127.0.0.1.
- A session can be resumed only from the browser that opened it: the browser cookie's digest is part of
  the session's identity, which Streamlit compares on every reconnect with a session id. Its upload URLs
  (`/_stcore/upload_file/<session>/<file>`) likewise: a PUT or DELETE from any other browser, or without
  the cookie, is answered 403 before Streamlit sees it (a stranger who knew the URL could replace a
  person's answers file, or delete it).
- A resumed session watches no source files when `server.fileWatcherType` is "none" (config.toml), as a new
  one does not: Streamlit registered a new source watcher on every resume whatever the setting, and its
  first run then resolved the path of every imported module, on the event loop every session shares (a
  resume cost 10 times a new session's CPU; docs/performance.md).
- Disconnected sessions end `server.disconnectedSessionTTL` seconds after their websocket closed (Streamlit
  only forgets them, later, when something else touches its store), and their take-away files go at once.
- Uploads: a session holds only its newest uploaded file, and an upload is parsed in memory, never
  spooled to disk.
- Widget states under an id that is no element id name no widget and are dropped on arrival (Streamlit
  failed every later run of that session reading them back).
- Widget values a client sends that do not fit the widget (a radio sent a number, notes sent a bool, a
  file that the uploader's types refuse) are dropped as if never sent, instead of failing the run.
- Messages from the browser: only the kinds a person's page sends are handled (`HEARD`); Streamlit's
  developer and debug messages (`load_git_info` ran git on the event loop and told anyone the repository's
  name and files, `clear_cache` emptied every person's shared cache) are dropped unheard. Reruns are paced
  per session (`RERUN_BURST` at once, then `RERUN_RATE` a second): past that, only the newest waits and
  runs when its turn comes, so a flood costs the flooder, not others, and a person loses nothing.
- Log lines: every record is one line, exceptions included: their type and the lines that raised them,
  not their text, which can hold a person's answers, and no traceback (Streamlit's rich one was printed
  past the log: a client's 900 KB widget id in one printed 1 MB a rerun). Control characters in anything
  logged are escaped, each message is cut to `LOG_LIMIT` characters, and ids shaped like session and file
  ids are replaced by `<id>`.

`install()` applies the patches once per process; each patched name is checked first, and a Streamlit
without them stops the server with `HardeningError` naming this file.
"""

import asyncio
import contextlib
import functools
import logging
import re
import secrets
import sys
import threading
import time
import traceback
from collections.abc import AsyncIterator, Callable
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from streamlit import config, error_util, net_util
from streamlit.runtime import Runtime
from streamlit.runtime.app_session import AppSession, AppSessionState
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.state.common import is_element_id
from streamlit.runtime.state.session_state import STREAMLIT_INTERNAL_KEY_PREFIX, Serialized, WStates
from streamlit.runtime.websocket_session_manager import WebsocketSessionManager
from streamlit.web.server.starlette import starlette_websocket

from ui import downloads

BROWSER_COOKIE = "qn_browser"
UPLOADS = "/_stcore/upload_file/"  # + session id + "/" + file id: PUT and DELETE an uploaded file
LOG_LIMIT = 1000
REAP_EVERY = 1.0  # seconds between looks for disconnected sessions to end
_MARK = "_hardened_for_issue_12"
# The BackMsg kinds a person's page sends: a rerun (an answer, a click), the heartbeat, a take-away file asked
# for (ui/downloads.py, bounded there), the upload URLs of the answers file, and Stop.
HEARD = frozenset({"rerun_script", "app_heartbeat", "backend_operation_request", "file_urls_request", "stop_script"})
RERUN_BURST = 20  # reruns a session may ask for at once; a person clicking fast asks for a few a second
RERUN_RATE = 4.0  # reruns a second a session may ask for after that, on average

# Streamlit's front end sets styles inline (emotion) and index.html has one inline script; the focus mover
# (ui/focus.py) runs a script in a srcdoc iframe, which inherits this policy, and its text changes with
# every navigation, so no hash can name it: scripts are 'self' plus inline until that text is constant.
# Streamlit loads a component's module (ui/keep.py's, which keeps the draft in the tab) from a blob: URL made
# by its own script, so blob: is allowed for scripts too; only a script already on the page can make one.
CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' blob:",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "media-src 'self' data: blob:",
        "connect-src 'self'",
        "frame-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)
HEADERS: dict[str, str] = {
    "content-security-policy": CSP,
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}
NO_STORE = "no-store"


class HardeningError(RuntimeError):
    """The installed Streamlit is not the one these patches were written for."""


# --- HTTP ---------------------------------------------------------------------------------------------


def _base() -> str:
    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}" if base else ""


def _cookies(headers: list[tuple[bytes, bytes]]) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for name, value in headers:
        if name == b"cookie":
            with contextlib.suppress(Exception):
                jar.load(value.decode("latin-1"))
    return {key: morsel.value for key, morsel in jar.items()}


class Hardening:
    """Pure ASGI middleware (no body buffering, websockets untouched): see the module's docstring."""

    def __init__(self, app: Callable) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        base = _base()
        inner = path[len(base) :] if base and path.startswith(base) else path
        if inner.rstrip("/") == "/_stcore/metrics":
            await _not_found(send)
            return
        cookies = _cookies(scope.get("headers", []))
        if inner.startswith("/media/"):
            ours, owner = downloads.owner_of(inner.removeprefix("/media/").split(".", 1)[0])
            mine = cookies.get(BROWSER_COOKIE)
            if ours and (owner is None or mine is None or downloads.browser_digest(mine) != owner):
                await _not_found(send)
                return
        if inner.startswith(UPLOADS) and scope.get("method") != "OPTIONS":
            session_id = inner.removeprefix(UPLOADS).split("/", 1)[0]
            owner, mine = _browsers.get(session_id), cookies.get(BROWSER_COOKIE)
            if owner is None or mine is None or downloads.browser_digest(mine) != owner:
                await _refuse(send, 403, b"Forbidden")
                return
        static = inner.startswith("/static/") or inner in ("/favicon.png", "/manifest.json")
        page = not static and not inner.startswith(("/_stcore/", "/media/", "/component/"))
        new_cookie = None
        if page and BROWSER_COOKIE not in cookies:
            secure = "; Secure" if scope.get("scheme") == "https" else ""
            new_cookie = f"{BROWSER_COOKIE}={secrets.token_urlsafe(32)}; Path=/; HttpOnly; SameSite=Strict{secure}"

        async def send_hardened(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower().decode("latin-1") not in HEADERS and (static or k.lower() != b"cache-control")
                ]
                headers += [(k.encode(), v.encode()) for k, v in HEADERS.items()]
                if not static:
                    headers.append((b"cache-control", NO_STORE.encode()))
                if new_cookie is not None:
                    headers.append((b"set-cookie", new_cookie.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_hardened)


async def _not_found(send: Callable) -> None:
    await _refuse(send, 404, b"Not found")


async def _refuse(send: Callable, status: int, body: bytes) -> None:
    headers = [(k.encode(), v.encode()) for k, v in HEADERS.items()]
    headers += [(b"cache-control", b"no-store"), (b"content-type", b"text/plain")]
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


# --- No outgoing calls ----------------------------------------------------------------------------------


def _same_origin_websockets() -> None:
    """A websocket is accepted only from a page of the origin it is served from: the Origin's host and port
    must be the Host the request came to (nginx passes it on: deploy/nginx/site.conf.template). Streamlit also
    accepted any Origin on localhost, 127.0.0.1 or 0.0.0.0, whatever its port, so any other local server's
    page could drive a person's session. A client that sends no Origin is no browser page; Streamlit's own
    Host check (`server.allowedHosts`) still applies."""
    allowed = starlette_websocket._is_origin_allowed

    @functools.wraps(allowed)
    def _is_origin_allowed(origin: str | None, host: str | None) -> bool:
        if origin is not None and urlsplit(origin).netloc.lower() != (host or "").lower():
            return False
        return allowed(origin, host)

    starlette_websocket._is_origin_allowed = _is_origin_allowed


def _no_outside_calls() -> None:
    """Streamlit would ask checkip.amazonaws.com for the external address (origin check, start-up banner)
    and open a UDP socket towards 8.8.8.8 for the internal one. Same-origin pages never need either."""
    net_util.get_external_ip = lambda: None
    net_util.get_internal_ip = lambda: None
    net_util._make_blocking_http_get = lambda *_, **__: None


# --- Sessions: bound to their browser, ended soon after they disconnect ------------------------------------


def _browser_of(client: Any) -> str:
    """The digest of the browser cookie the websocket was opened with, or a random one if it had none (then
    nobody, not even the same client, can resume the session later)."""
    try:
        secret = client.client_context.cookies.get(BROWSER_COOKIE)
    except AttributeError:
        secret = None
    return downloads.browser_digest(secret or secrets.token_urlsafe(32))


_disconnected: dict[str, tuple[float, Any]] = {}  # session id -> (when its websocket closed, the session)
_browsers: dict[str, str] = {}  # session id -> the digest of the browser that opened it, while the session lives


def _bind_sessions() -> None:
    connect = Runtime.connect_session

    @functools.wraps(connect)
    def connect_session(self: Runtime, client: Any, user_info: dict, *args: Any, **kwargs: Any) -> str:
        browser = _browser_of(client)
        session_id = connect(self, client, {**user_info, downloads.BROWSER: browser}, *args, **kwargs)
        _disconnected.pop(session_id, None)
        _browsers[session_id] = browser  # a resumed session is the same browser's: the digests are equal
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
        downloads.forget(session_id)
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
            downloads.forget(session_id)
            ended += 1
    return ended


@contextlib.asynccontextmanager
async def lifespan(app: Any) -> AsyncIterator[None]:
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


# --- Messages from the browser: only those a person sends, reruns paced ------------------------------------


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


def _hear_only_people() -> None:
    handle = AppSession.handle_backmsg

    @functools.wraps(handle)
    def handle_backmsg(self: AppSession, msg: Any) -> None:
        kind = msg.WhichOneof("type")
        if kind not in HEARD:
            return
        if kind == "rerun_script":
            _drop_unknown_ids(msg.rerun_script.widget_states.widgets)
        if kind != "rerun_script":
            handle(self, msg)
            return
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


def _names_a_widget(widget_id: str) -> bool:
    """A widget's id is an element id (`$$ID-...`), or, for a component's events (the draft keeper's copy
    sent back after a reload, Back and Forward), an element id under Streamlit's internal prefix."""
    internal = f"{STREAMLIT_INTERNAL_KEY_PREFIX}_"
    return is_element_id(widget_id.removeprefix(internal) if widget_id.startswith(internal) else widget_id)


def _drop_unknown_ids(states: Any) -> None:
    """A state under an id that names no widget is dropped: Streamlit failed every later run of the session
    reading it back (the page locked on the error box)."""
    for index in reversed(range(len(states))):
        if not _names_a_widget(states[index].id):
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


# --- Uploads --------------------------------------------------------------------------------------------


def _bound_uploads() -> None:
    add = MemoryUploadedFileManager.add_file

    @functools.wraps(add)
    def add_file(self: MemoryUploadedFileManager, session_id: str, file: Any) -> None:
        """Keep only the session's newest upload: the app reads one answers file at a time."""
        with self._lock:
            older = [i for i in self.file_storage.get(session_id, {}) if i != file.file_id]
        for file_id in older:
            self.remove_file(session_id, file_id)
        add(self, session_id, file)

    MemoryUploadedFileManager.add_file = add_file  # type: ignore[method-assign]
    from starlette.formparsers import MultiPartParser

    # An upload at its size limit must stay in memory: Starlette spools larger parts to a temporary file.
    limit = config.get_option("server.maxUploadSize") * 1024 * 1024
    MultiPartParser.spool_max_size = max(MultiPartParser.spool_max_size, 2 * limit)


# --- Widget values that do not fit their widget ----------------------------------------------------------


def _refuse_misfit_values() -> None:
    getitem = WStates.__getitem__

    @functools.wraps(getitem)
    def __getitem__(self: WStates, key: str) -> Any:
        state = self.states.get(key)
        metadata = self.widget_metadata.get(key)
        if not isinstance(state, Serialized) or metadata is None:
            return getitem(self, key)
        sent, expected = state.value.WhichOneof("value"), metadata.value_type
        if sent is not None and expected is not None and sent != expected:
            _drop(self, key, state)
            raise KeyError(key)
        try:
            value = getitem(self, key)
        except Exception:  # a value the widget's own reader refuses: as if it was never sent
            _drop(self, key, state)
            raise KeyError(key) from None
        if sent is None and expected is not None:
            # Streamlit takes the sent value's type as the widget's from now on; an empty one would leave
            # the widget with no type to check the next value against.
            self.widget_metadata[key] = metadata
        return value

    WStates.__getitem__ = __getitem__  # type: ignore[method-assign]


def _drop(states: WStates, key: str, state: Serialized) -> None:
    """A refused value stays where it is, read as absent (the dict may be being iterated over); an uploaded
    file it names is let go at once: nothing refused is held."""
    if state.value.WhichOneof("value") != "file_uploader_state_value":
        return
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is not None:
        for info in state.value.file_uploader_state_value.uploaded_file_info:
            ctx.uploaded_file_mgr.remove_file(ctx.session_id, info.file_id)


# --- Logs -----------------------------------------------------------------------------------------------

_ROOT = str(Path(__file__).resolve().parents[1]) + "/"  # the project's files, named in a log line from here
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Session and upload ids (UUIDs, with or without dashes) and published file ids (48 hex digits).
_IDS = re.compile(r"\b[0-9a-fA-F]{8}(?:-?[0-9a-fA-F]{4}){3}-?[0-9a-fA-F]{12}\b|\b[0-9a-f]{48}\b")


def clean(text: str, limit: int = LOG_LIMIT) -> str:
    """A log message as it may be written: ids replaced, control characters escaped, at most `limit` long."""
    text = _IDS.sub("<id>", text[: limit * 2])
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else "\\u2028", text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def one_line(message: str, error: BaseException | None = None) -> str:
    """`message` and, if given, the exception's type and where it was raised (the innermost line, and the
    project's innermost line under it), as one clean line: no traceback, no longer than `LOG_LIMIT`. The
    exception's own text is left out: it can hold what a person answered (a validation error quotes its
    input) or anything a client sent (a widget id of 900 KB)."""
    if error is None:
        return clean(message)
    frames = traceback.extract_tb(error.__traceback__) if error.__traceback__ is not None else []
    where = ""
    if frames:
        where = f" at {frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}"
        ours = [f for f in frames if f.filename.startswith(_ROOT) and "/site-packages/" not in f.filename]
        if ours and ours[-1] is not frames[-1]:
            where += f" from {ours[-1].filename.removeprefix(_ROOT)}:{ours[-1].lineno}"
    tail = clean(f" | {type(error).__name__}{where}", 300)
    return clean(message, LOG_LIMIT - len(tail)) + tail


def _clean_logs() -> None:
    """Every log record becomes one clean line (`one_line`), whoever logs it: Streamlit, uvicorn, asyncio.
    Uncaught exceptions of a person's run, of a thread, of the process, and Python's warnings, which were
    printed straight to the output (the run's with rich, as a multi-line traceback holding any text a
    client chose), are logged instead."""
    make = logging.getLogRecordFactory()
    if getattr(make, _MARK, False):
        return

    def record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        made = make(*args, **kwargs)
        try:
            message = made.getMessage()
        except Exception:  # a message that cannot be formatted is logged as its template
            message = str(made.msg)
        error = made.exc_info[1] if made.exc_info else None
        made.msg, made.args = one_line(message, error), None
        made.exc_info, made.exc_text, made.stack_info = None, None, None
        return made

    setattr(record, _MARK, True)
    logging.setLogRecordFactory(record)
    logging.captureWarnings(True)
    logger = logging.getLogger("streamlit.uncaught")
    error_util._log_uncaught_app_exception = lambda ex: logger.error("Uncaught app exception", exc_info=ex)
    sys.excepthook = lambda kind, error, tb: logger.error("Uncaught exception", exc_info=(kind, error, tb))

    def thread_hook(args: Any) -> None:
        name = args.thread.name if args.thread is not None else "?"
        logger.error(
            "Uncaught exception in thread %s", name, exc_info=(args.exc_type, args.exc_value, args.exc_traceback)
        )

    threading.excepthook = thread_hook


# --- Install --------------------------------------------------------------------------------------------

_NEEDED: tuple[tuple[Any, str], ...] = (
    (error_util, "_log_uncaught_app_exception"),
    (starlette_websocket, "_is_origin_allowed"),
    (net_util, "get_external_ip"),
    (net_util, "get_internal_ip"),
    (net_util, "_make_blocking_http_get"),
    (Runtime, "connect_session"),
    (WebsocketSessionManager, "disconnect_session"),
    (WebsocketSessionManager, "is_active_session"),
    (WebsocketSessionManager, "get_active_session_info"),
    (MemoryUploadedFileManager, "add_file"),
    (MemoryUploadedFileManager, "remove_file"),
    (WStates, "__getitem__"),
    (AppSession, "handle_backmsg"),
    (AppSession, "shutdown"),
    (AppSession, "register_file_watchers"),
)


def install() -> None:
    """Apply every patch above, once per process."""
    if getattr(Runtime, _MARK, False):
        return
    missing = [f"{getattr(owner, '__name__', owner)}.{name}" for owner, name in _NEEDED if not hasattr(owner, name)]
    manager = WebsocketSessionManager.__init__.__code__.co_names
    if "_storage_lock" not in manager or "_session_storage" not in manager:
        missing.append("WebsocketSessionManager._storage_lock/_session_storage")
    if missing:
        raise HardeningError(f"Streamlit has no {', '.join(missing)}: check deploy/hardening.py")
    _clean_logs()
    _no_outside_calls()
    _same_origin_websockets()
    _bind_sessions()
    _hear_only_people()
    _bound_uploads()
    _refuse_misfit_values()
    downloads.install()
    setattr(Runtime, _MARK, True)
