"""Contracts server/outside.py rests on: Streamlit's external address is fetched with
`net_util._make_blocking_http_get` from an outside host; the websocket endpoint asks
`starlette_websocket._is_origin_allowed`, looked up when a connection arrives, and that check alone accepts
any localhost port."""

import socket

from streamlit import net_util
from streamlit.web.server.starlette import starlette_websocket

from server import outside
from tests.support.threads import run_async


def test_the_external_address_is_asked_of_an_outside_host_through_make_blocking_http_get(monkeypatch):
    asked = []
    monkeypatch.setattr(net_util, "_make_blocking_http_get", lambda url, **_: asked.append(url))
    monkeypatch.setattr(net_util, "_external_ip", None, raising=False)
    net_util.get_external_ip()
    assert asked and all(url.startswith("http") and "localhost" not in url for url in asked)


def test_streamlit_alone_accepts_a_page_of_another_local_port():
    """Why outside.py narrows the check: another local server's page could drive a person's session."""
    assert starlette_websocket._is_origin_allowed("http://localhost:9999", "localhost:8501")


def test_the_websocket_endpoint_asks_is_origin_allowed_when_a_connection_arrives(monkeypatch):
    """Replacing the module's function takes effect: Streamlit's endpoint asks it, by its module-level name,
    for each connection, and closes one it refuses before anything else."""
    from starlette.websockets import WebSocket

    asked = []
    monkeypatch.setattr(starlette_websocket, "_is_origin_allowed", lambda origin, host: asked.append(origin) or False)
    endpoint = starlette_websocket.create_websocket_handler(object())  # the runtime is never reached
    sent = []

    async def receive():
        return {"type": "websocket.connect"}

    async def send(message):
        sent.append(message)

    scope = {
        "type": "websocket", "path": "/_stcore/stream", "headers": [(b"origin", b"http://evil"), (b"host", b"x")],
        "query_string": b"", "subprotocols": [],
    }  # fmt: skip
    run_async(endpoint(WebSocket(scope, receive, send)))
    assert asked == ["http://evil"]
    assert [m["type"] for m in sent] == ["websocket.close"] and sent[0]["code"] == 1008


def test_with_the_patch_nothing_is_asked_of_anyone_and_only_the_served_origin_is_accepted(patching, monkeypatch):
    patching(outside)

    def no_socket(*args, **kwargs):
        raise AssertionError("a socket was opened")

    monkeypatch.setattr(socket, "socket", no_socket)
    assert net_util.get_external_ip() is None
    assert net_util.get_internal_ip() is None
    assert not starlette_websocket._is_origin_allowed("http://localhost:9999", "localhost:8501")
    assert starlette_websocket._is_origin_allowed("http://localhost:8501", "localhost:8501")
