"""A hostile client from loopback: Streamlit's websocket protocol with the headers, cookies, resume ids and
widget values it chooses, and plain HTTP with or without the cookies a browser would send."""

import http.cookies
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from tests.support.servers import HEALTH
from tests.support.session import Session, check_loopback, stream_url


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes = b""
    cookies: dict[str, str] = field(default_factory=dict)
    set_cookies: list[str] = field(default_factory=list)


def get(url: str, cookies: dict[str, str] | None = None, method: str = "GET", **headers: str) -> Reply:
    """One HTTP request to loopback; any status is a Reply, never an exception."""
    check_loopback(url)
    request = urllib.request.Request(url, method=method, headers=headers)  # noqa: S310 - loopback only
    if cookies:
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:  # noqa: S310
            status, raw, body = reply.status, reply.headers, reply.read()
    except urllib.error.HTTPError as error:
        status, raw, body = error.code, error.headers, error.read()
    jar: http.cookies.SimpleCookie = http.cookies.SimpleCookie()
    set_cookies = raw.get_all("Set-Cookie") or []
    for value in set_cookies:
        jar.load(value)
    headers = {k.lower(): v for k, v in raw.items()}
    return Reply(status, headers, body, {k: m.value for k, m in jar.items()}, set_cookies)


class Tap:
    """A websocket that remembers the session id the server gave and every backend-operation answer."""

    def __init__(self, socket) -> None:
        self.socket = socket
        self.session_id = ""
        self.uploader_id = ""  # the last file uploader drawn (tests/support/session.py reads no uploaders)
        self.answers: list[ForwardMsg] = []
        self.config = None  # the client settings the server sent with the session (NewSession.config)

    async def send(self, data: bytes) -> None:
        await self.socket.send(data)

    async def recv(self) -> bytes:
        data = await self.socket.recv()
        msg = ForwardMsg()
        msg.ParseFromString(data)
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.session_id = msg.new_session.initialize.session_id
            self.config = msg.new_session.config
        elif kind == "backend_operation_response":
            self.answers.append(msg)
        elif kind == "delta" and msg.delta.new_element.WhichOneof("type") == "file_uploader":
            self.uploader_id = msg.delta.new_element.file_uploader.id
        return data

    async def close(self) -> None:
        await self.socket.close()


async def open_session(
    url: str,
    cookies: dict[str, str] | None = None,
    resume: str | None = None,
    origin: str | None = None,
    timeout: float = 30.0,
) -> Session:
    """A Session (tests/support/session.py) opened the way a client of our choosing would: its cookies, a session
    id to resume (Streamlit's reconnect: the third subprotocol), its Origin. `session.tap.session_id` is the id
    given."""
    session = Session(url, timeout=timeout)
    headers = {}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if origin:
        headers["Origin"] = origin
    protocols = ["streamlit", "xsrf-token-not-checked-here", resume] if resume else ["streamlit"]
    socket = await connect(
        stream_url(url),
        subprotocols=protocols,
        additional_headers=headers,
        max_size=None,
        open_timeout=timeout,
        close_timeout=5,
        ping_interval=None,
        compression=None,
    )
    session._ws = session.tap = Tap(socket)
    return session


def browser_cookies(url: str) -> dict[str, str]:
    """The cookies a browser has after loading the page: the browser cookie and Streamlit's XSRF cookie."""
    page, health = get(url + "/"), get(url + HEALTH)
    assert page.status == health.status == 200
    return {**page.cookies, **health.cookies}


def backend_request(session: Session, placeholder: str) -> BackMsg:
    msg = BackMsg()
    request = msg.backend_operation_request
    request.request_id = uuid.uuid4().hex
    request.session_id = session.tap.session_id
    request.deferred_file.file_id = placeholder
    return msg
