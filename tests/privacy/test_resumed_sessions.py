"""Resuming one's own session (issue 25: "resuming one's own session costs 11 times a new one").

Streamlit registers a new session's source-file watchers only when `server.fileWatcherType` is not "none"
(config.toml says "none"), but registered them on every resume whatever the setting; the watcher's first
run then resolved the path of every imported module, on the event loop every session shares. A client
reconnecting with its own session id, as the front end does after a network blip, or in a loop, paid that
each time. The served script below reports whether its session holds a watcher; config.toml is the real one.
Measured, not asserted here: docs/performance.md.
"""

from pathlib import Path

import pytest

from tests.privacy.hostile import browser_cookies, open_session
from tests.support.servers import Server, hardened
from tests.support.session import FINISHED
from tests.support.threads import run_async

# Starts the app's server, another program or a process of its own: not in `make unit` (pyproject's markers).
pytestmark = pytest.mark.integration

REPORTS = """
import streamlit as st
from streamlit import runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

session_id = get_script_run_ctx().session_id
info = runtime.get_instance()._session_mgr.get_active_session_info(session_id)
watching = info.session._local_sources_watcher is not None
st.write("watching source files" if watching else "watching nothing")
"""


def test_a_resumed_session_watches_no_source_files_as_a_new_one(tmp_path: Path):
    with Server(hardened(REPORTS, tmp_path), tmp=tmp_path) as server:

        async def visit() -> list[tuple[str, str]]:
            cookies = browser_cookies(server.url)
            first = await open_session(server.url, cookies)
            run = await first.rerun()  # the session's id arrives with its first messages
            seen = [(first.tap.session_id, run.text())]
            # A reconnect with the id while the first socket is still open, then one after it closed.
            again = await open_session(server.url, cookies, resume=first.tap.session_id)
            run = await again.rerun()
            seen.append((again.tap.session_id, run.text()))
            await first.close()
            await again.close()
            late = await open_session(server.url, cookies, resume=first.tap.session_id)
            last = await late.rerun()
            assert last.status == FINISHED, last.exceptions
            seen.append((late.tap.session_id, last.text()))
            await late.close()
            return seen

        seen = run_async(visit(), 60)
    assert len({session_id for session_id, _ in seen}) == 1, "the same browser got its own session back"
    assert [text for _, text in seen] == ["watching nothing"] * 3
