"""Keep a take-away file made on click until the person's page moves on: a fix for Streamlit 1.67.

The summary's download buttons make their file only when clicked (`st.download_button(data=callable)`), so
nobody pays for a PDF they never ask for. Streamlit stores the file it made without tying it to the session
that asked for it, and its orphan sweep, run at the end of every script run of every session, marks such a
file on one run and deletes it on the next. With other people using the app, two runs end before the
browser has fetched the file: it gets a 404 and Chromium cancels the download (4 in 10 downloads with 20
people; `tests/browser/test_downloads_under_load.py`).

The fix ties the made file to the asking session, at the button's place, as Streamlit does for a file drawn
with its bytes: it then lasts until that session's next full run or its end, and is swept after that. It
reaches into `MediaFileManager`'s private state, so `install()` first checks that state is there and stops
the app with a message naming this file if it is not (after a Streamlit upgrade, say); the tests fail if
the fix is missing or no longer works.
"""

import functools
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlparse

from streamlit.runtime.media_file_manager import MediaFileManager

_MARK = "_keeps_files_made_on_click"
_NEEDED = ("_lock", "_deferred_callables", "_files_by_session_and_coord", "_file_metadata")


class MediaFixError(RuntimeError):
    """The installed Streamlit is not the one this fix was written for."""


def _keep(manager: Any, placeholder: str, url: str) -> None:
    """Tie the file at `url`, made for the deferred download `placeholder`, to the session that asked."""
    made = PurePosixPath(urlparse(url).path).stem
    with manager._lock:
        entry = manager._deferred_callables.get(placeholder)
        held = manager._files_by_session_and_coord
        # Only for a session that still holds files: one that has ended must not get a file nobody sweeps.
        if entry is not None and entry["session_id"] in held and made in manager._file_metadata:
            held[entry["session_id"]][f"{entry['coordinates']}#made"] = made


def install() -> None:
    """Patch `MediaFileManager.execute_deferred` once per process; later calls do nothing."""
    original = MediaFileManager.execute_deferred
    if getattr(original, _MARK, False):
        return
    probe = MediaFileManager.__new__(MediaFileManager)
    MediaFileManager.__init__(probe, storage=None)  # type: ignore[arg-type] - only the bookkeeping is looked at
    missing = [name for name in _NEEDED if not hasattr(probe, name)]
    if missing:
        raise MediaFixError(f"MediaFileManager has no {', '.join(missing)}: check ui/media.py against this Streamlit")

    @functools.wraps(original)
    def execute_deferred(self: MediaFileManager, file_id: str) -> str:
        url = original(self, file_id)
        _keep(self, file_id, url)
        return url

    setattr(execute_deferred, _MARK, True)
    MediaFileManager.execute_deferred = execute_deferred  # type: ignore[method-assign]
