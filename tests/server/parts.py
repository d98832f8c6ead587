"""Streamlit's own server objects, made in process for the contract tests of server/ (tests/server/)."""

from collections.abc import Callable
from typing import Any

from streamlit.runtime.memory_session_storage import MemorySessionStorage
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.script_data import ScriptData
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.runtime.websocket_session_manager import WebsocketSessionManager

from tests.support.threads import run_async

SCRIPT = ScriptData("/nonexistent/app.py", False)


class Client:
    """A websocket's stand-in: Streamlit's session manager only writes to it."""

    def __init__(self) -> None:
        self.sent: list = []
        self.client_context = None

    def write_forward_msg(self, msg: Any) -> None:
        self.sent.append(msg)


def session_manager() -> WebsocketSessionManager:
    """Streamlit's session manager with its memory storage, as `streamlit run` makes it (use it inside a
    running event loop, which AppSession needs)."""
    return WebsocketSessionManager(MemorySessionStorage(), MemoryUploadedFileManager("/up"), ScriptCache(), None)


def run(coroutine_function: Callable) -> Any:
    """`coroutine_function()` run to its end in a fresh event loop, on a thread of its own: the browser tests'
    sync Playwright keeps an event loop running in the main thread, where asyncio.run refuses to start."""
    return run_async(coroutine_function())


async def asgi(app: Callable, method: str, path: str, headers: list[tuple[bytes, bytes]], body: bytes = b"") -> dict:
    """One HTTP request through an ASGI app: {"status", "headers" (a dict), "body"}."""
    sent: list[dict] = []
    received = False

    async def receive() -> dict:
        nonlocal received
        if received:
            return {"type": "http.disconnect"}
        received = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
        "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "", "headers": headers,
        "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 8501),
    }  # fmt: skip
    await app(scope, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    return {
        "status": start["status"],
        "headers": {k.decode().lower(): v.decode() for k, v in start.get("headers", [])},
        "body": b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body"),
    }
