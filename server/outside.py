"""No outgoing calls, and websockets only from a page of the served origin.

- Streamlit's origin check looked up the machine's external address at an outside host, synchronously, on
  every handshake from a foreign Origin (20 s frozen in a network that drops packets); `net_util` now answers
  "unknown" without asking anyone. It also opened a UDP socket towards 8.8.8.8 for the internal address.
- A websocket is accepted only from a page of the served origin (the Origin's host and port are the
  request's Host): Streamlit accepted any port of localhost and 127.0.0.1.
"""

import functools
from typing import Any
from urllib.parse import urlsplit

from streamlit import net_util
from streamlit.web.server.starlette import starlette_websocket

NEEDS: tuple[tuple[Any, str], ...] = (
    (starlette_websocket, "_is_origin_allowed"),
    (net_util, "get_external_ip"),
    (net_util, "get_internal_ip"),
    (net_util, "_make_blocking_http_get"),
)


def same_origin_websockets() -> None:
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


def no_outside_calls() -> None:
    """Streamlit would ask checkip.amazonaws.com for the external address (origin check, start-up banner)
    and open a UDP socket towards 8.8.8.8 for the internal one. Same-origin pages never need either."""
    net_util.get_external_ip = lambda: None
    net_util.get_internal_ip = lambda: None
    net_util._make_blocking_http_get = lambda *_, **__: None


def install() -> None:
    no_outside_calls()
    same_origin_websockets()
