"""asyncio.run in a thread of its own: the sync Playwright of the browser tests keeps a running event loop in
the main thread for the rest of the session, and asyncio.run refuses to start there."""

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any


def run_async(coroutine: Coroutine[Any, Any, Any], seconds: float | None = None) -> Any:
    """Run `coroutine` to its end (within `seconds`, if given) on a new event loop in a new thread."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="run-async") as pool:
        work = asyncio.wait_for(coroutine, seconds) if seconds is not None else coroutine
        return pool.submit(asyncio.run, work).result()
