"""Run inside the test's network namespace: `python -m tests.privacy.netns_client URL`. Prints one JSON line.

A handshake with a foreign Origin (which Streamlit's origin check judged by asking an outside host for this
machine's address), then a person's first page, Start and one answer. Every wait is bounded."""

import asyncio
import json
import sys
import time

from websockets.asyncio.client import connect

from logic.vocab import Field
from tests.support.servers import healthy
from tests.support.session import Session, stream_url
from ui.state import widget_key


async def main(url: str) -> dict:
    report: dict = {}
    deadline = time.monotonic() + 60
    while not healthy(url):
        if time.monotonic() > deadline:
            return {"error": "never healthy"}
        await asyncio.sleep(0.05)
    started = time.monotonic()
    try:
        async with asyncio.timeout(60):
            socket = await connect(stream_url(url), subprotocols=["streamlit"], origin="http://evil.example")
            try:
                await socket.recv()
            except Exception as error:
                report["foreign_origin"] = type(error).__name__
    except TimeoutError:
        report["foreign_origin"] = "timeout"
    except Exception as error:
        report["foreign_origin"] = type(error).__name__
    report["foreign_origin_seconds"] = time.monotonic() - started
    started = time.monotonic()
    session = Session(url, timeout=60)
    await session.open()
    await session.rerun()
    await session.click("start")
    run = await session.choose(widget_key(Field.CHANGING_SPOT), "No")
    await session.close()
    report["person_seconds"] = time.monotonic() - started
    report["person_ok"] = not run.exceptions
    return report


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1]))))
