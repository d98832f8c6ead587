"""`Hardening`, an ASGI middleware on every HTTP response: a Content Security Policy with
`frame-ancestors 'none'`, `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer`,
`X-Content-Type-Options: nosniff`, and `Cache-Control: no-store` on everything but Streamlit's own
content-hashed static files; `/_stcore/metrics` answers 404; the page sets a random, HttpOnly,
SameSite=Strict browser cookie; a take-away file at `/media/` is served only to the browser whose session
made it (server/downloads.py); a session's upload URLs (`/_stcore/upload_file/<session>/<file>`) answer a
PUT or DELETE only from the browser that opened the session (server/sessions.py), 403 otherwise, before
Streamlit sees it (a stranger who knew the URL could replace a person's answers file, or delete it).

It patches nothing: `deploy/asgi.py` puts it in front of Streamlit's app (`st.App(middleware=...)`).
"""

import contextlib
import secrets
from collections.abc import Callable
from http.cookies import SimpleCookie

from streamlit import config

from . import downloads, sessions

UPLOADS = "/_stcore/upload_file/"  # + session id + "/" + file id: PUT and DELETE an uploaded file

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


def _is_owner(owner: str | None, secret: str | None) -> bool:
    return owner is not None and secret is not None and sessions.browser_digest(secret) == owner


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
            await _refuse(send, 404, b"Not found")
            return
        cookies = _cookies(scope.get("headers", []))
        mine = cookies.get(sessions.BROWSER_COOKIE)
        if inner.startswith("/media/"):
            ours, owner = downloads.owner_of(inner.removeprefix("/media/").split(".", 1)[0])
            if ours and not _is_owner(owner, mine):
                await _refuse(send, 404, b"Not found")
                return
        if inner.startswith(UPLOADS) and scope.get("method") != "OPTIONS":
            session_id = inner.removeprefix(UPLOADS).split("/", 1)[0]
            if not _is_owner(sessions.browser(session_id), mine):
                await _refuse(send, 403, b"Forbidden")
                return
        static = inner.startswith("/static/") or inner in ("/favicon.png", "/manifest.json")
        page = not static and not inner.startswith(("/_stcore/", "/media/", "/component/"))
        new_cookie = None
        if page and sessions.BROWSER_COOKIE not in cookies:
            secure = "; Secure" if scope.get("scheme") == "https" else ""
            token = secrets.token_urlsafe(32)
            new_cookie = f"{sessions.BROWSER_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{secure}"

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


async def _refuse(send: Callable, status: int, body: bytes) -> None:
    headers = [(k.encode(), v.encode()) for k, v in HEADERS.items()]
    headers += [(b"cache-control", b"no-store"), (b"content-type", b"text/plain")]
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
