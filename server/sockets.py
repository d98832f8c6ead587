"""Sockets: every connection sends what it has at once (`TCP_NODELAY`).

Streamlit binds its listening socket as `socket.socket(family)`, whose protocol number is 0, and each accepted
connection inherits that number. asyncio turns Nagle's algorithm off only for sockets whose protocol is
`IPPROTO_TCP`, so on Streamlit's connections it stayed on: a small websocket message waited for the client's
delayed acknowledgement, about 40 ms on Linux, under every rerun (docs/performance.md).

The socket is bound before Streamlit imports the app (and so before `install()` runs), so the option is set
where uvicorn takes each connection: its HTTP protocol's `connection_made`, the one every connection starts
in, websockets included (they begin as an HTTP request and keep the same transport). Streamlit leaves uvicorn's
`http` setting at "auto", which is `AutoHTTPProtocol`.
"""

import contextlib
import functools
import socket
from typing import Any

from uvicorn.protocols.http.auto import AutoHTTPProtocol

NEEDS: tuple[tuple[Any, str], ...] = ((AutoHTTPProtocol, "connection_made"),)


def send_at_once(transport: Any) -> None:
    """Nagle's algorithm off on a TCP connection's socket; nothing for any other kind of transport."""
    sock = transport.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        with contextlib.suppress(OSError):  # a connection already closed by its client
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def install() -> None:
    made = AutoHTTPProtocol.connection_made

    @functools.wraps(made)
    def connection_made(self: Any, transport: Any) -> None:
        send_at_once(transport)
        made(self, transport)

    AutoHTTPProtocol.connection_made = connection_made
