"""Everything that changes how Streamlit 1.67's server behaves, one module per concern; docs/server-patches.md
lists each patch, the promise it serves, the internal it touches and the contract test that guards it.

- `http`: `Hardening`, the ASGI middleware (headers, the browser cookie, `/media/` and upload URLs for
  their owner only).
- `outside`: no outgoing calls; websockets only from the served origin.
- `sessions`: sessions bound to their browser, ended soon after they disconnect.
- `messages`: only the messages a person's page sends, reruns paced, unknown widget ids dropped.
- `uploads`: one upload per session, parsed in memory.
- `sockets`: every connection sends at once (no Nagle delay under each rerun).
- `values`: widget values that do not fit their widget are dropped.
- `logs`: one clean, bounded line per log record.
- `downloads`: the deferred-download handler answers only the asking session's buttons; run signals.

`deploy/asgi.py` calls `install()` once at start-up and serves Streamlit with `Hardening` and `lifespan`.
`install()` first checks that every name it patches is there and stops the server with `ServerPatchError`
if one is not; whether each still behaves as the patches expect is what tests/server/ checks.
"""

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from . import downloads, logs, messages, outside, sessions, sockets, uploads, values
from .http import Hardening

__all__ = ["Hardening", "ServerPatchError", "install", "installed", "lifespan"]

# In the order they are applied: the log first, so whatever the others log is clean.
MODULES = (logs, outside, sessions, messages, uploads, values, downloads, sockets)
_installed = False


class ServerPatchError(RuntimeError):
    """The installed Streamlit is not the one these patches were written for."""


def missing() -> list[str]:
    """Every name a patch needs that the installed Streamlit (or Starlette) lacks."""
    found = [
        f"{getattr(owner, '__name__', owner)}.{name}"
        for module in MODULES
        for owner, name in module.NEEDS
        if not hasattr(owner, name)
    ]
    return found + downloads.check()


def installed() -> bool:
    return _installed


def install() -> None:
    """Apply every patch, once per process; later calls do nothing."""
    global _installed
    if _installed:
        return
    names = missing()
    if names:
        raise ServerPatchError(f"Streamlit has no {', '.join(names)}: check server/ (docs/server-patches.md)")
    for module in MODULES:
        module.install()
    _installed = True


@contextlib.asynccontextmanager
async def lifespan(app: Any) -> AsyncIterator[None]:
    """While the server runs: the log filter on every handler the server made, disconnected sessions ended."""
    logs.cover()
    async with sessions.reaping():
        yield
