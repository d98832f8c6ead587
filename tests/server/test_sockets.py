"""Contracts server/sockets.py rests on, on real sockets on loopback, in process: Streamlit's listening
socket leaves Nagle's algorithm on for the connections asyncio accepts from it; Streamlit's uvicorn settings
leave `http` at "auto" (`AutoHTTPProtocol`); and a uvicorn server serving from Streamlit's socket, with the
patch, has `TCP_NODELAY` on every connection."""

import asyncio
import socket

import uvicorn
from streamlit.web.server.starlette import starlette_server
from uvicorn.protocols.http.auto import AutoHTTPProtocol

from server import sockets
from tests.support.threads import run_async


async def _app(scope, receive, send) -> None:
    if scope["type"] == "http":
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})


async def _served_nodelay() -> list[int]:
    """TCP_NODELAY on the server side of each open connection to a uvicorn server on Streamlit's socket."""
    listening = starlette_server._bind_socket("127.0.0.1", 0, 8)
    server = uvicorn.Server(uvicorn.Config(_app, log_level="critical", lifespan="off", http="auto"))
    server.config.load()
    server.lifespan = server.config.lifespan_class(server.config)  # as Server._serve sets it
    await server.startup(sockets=[listening])
    try:
        _, writer = await asyncio.open_connection("127.0.0.1", listening.getsockname()[1])
        for _ in range(100):
            if server.server_state.connections:
                break
            await asyncio.sleep(0.01)
        found = [
            connection.transport.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
            for connection in server.server_state.connections
        ]
        writer.close()
        return found
    finally:
        await server.shutdown(sockets=[listening])


def test_streamlit_s_connections_keep_nagle_s_algorithm_without_the_patch(monkeypatch):
    """The defect the patch exists for: when this fails, Streamlit (or uvicorn) sets TCP_NODELAY itself and
    the patch can go."""
    monkeypatch.setattr(AutoHTTPProtocol, "connection_made", AutoHTTPProtocol.connection_made)
    assert starlette_server._bind_socket("127.0.0.1", 0, 8).proto == 0
    assert run_async(_served_nodelay()) == [0]


def test_streamlit_leaves_uvicorn_s_http_protocol_at_auto():
    assert "http" not in starlette_server._get_uvicorn_config_kwargs()
    assert uvicorn.Config(_app).http == "auto"


def test_with_the_patch_every_connection_sends_at_once(monkeypatch):
    monkeypatch.setattr(AutoHTTPProtocol, "connection_made", AutoHTTPProtocol.connection_made)
    sockets.install()
    assert run_async(_served_nodelay()) == [1]


def test_a_transport_without_a_tcp_socket_is_left_alone():
    class Transport:
        def get_extra_info(self, name: str) -> None:
            return None

    sockets.send_at_once(Transport())
