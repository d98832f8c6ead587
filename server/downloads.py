"""Take-away files made on click: Streamlit's deferred-download handler, the files published at `/media/`
and who owns them, and the signals of when a session's run starts and ends.

Streamlit 1.67's `DeferredFileHandler.handle` ignores the session that asks: it runs any session's deferred
download for anyone who sends its placeholder id, and the file it makes is tied to no session, so the next
orphan sweep of anyone's run deletes it, sometimes before the browser fetched it (docs/server-patches.md
has the upstream report). Here the handler answers only the session whose button it is, and hands the
request to the page that registered (`register`: ui/downloads.py, which makes the file and bounds asking);
the page publishes the bytes with `publish`, outside Streamlit's sweep, owned by the session's browser
(server/http.py serves a file at `/media/<id>` only to that browser).

The media manager's `clear_session_refs` (called with no session at the start of each full run, on the
run's thread, and with the session when it ends) and `remove_orphaned_files` (at the end of each run) are
the page's signals `run_started`, `run_ended` and `forget`.

Without these patches (Streamlit running `app.py` directly) the page's deferred callables refuse to make
anything: a download fails closed rather than going to whoever asks.
"""

import functools
import secrets
import threading
from typing import Any, Protocol

from streamlit.proto.ForwardMsg_pb2 import BackendOperationResponse, DeferredFileResponsePayload
from streamlit.runtime import backend_operation_handler
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.media_file_storage import MediaFileKind
from streamlit.runtime.memory_media_file_storage import MemoryFile, MemoryMediaFileStorage
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from . import sessions

ID_BYTES = 24  # 192 random bits per published file
NOT_SERVED = "This file cannot be made here."  # said when no page registered to answer for its files

NEEDS: tuple[tuple[Any, str], ...] = (
    (backend_operation_handler.DeferredFileHandler, "handle"),
    (MediaFileManager, "clear_session_refs"),
    (MediaFileManager, "remove_orphaned_files"),
    (MemoryMediaFileStorage, "get_url"),
    (MemoryMediaFileStorage, "delete_file"),
)
MANAGER_NEEDS = ("_lock", "_deferred_callables", "_storage")  # a MediaFileManager's, checked at install
STORAGE_NEEDS = ("_files_by_id",)  # a MemoryMediaFileStorage's


class Page(Protocol):
    """What draws the download buttons: it answers for its own deferred callables and hears a run's signals."""

    async def answer(self, session_id: str, made: Any) -> tuple[str | None, str | None]:
        """(the URL of the file `made` makes for this session, or None; the words of a refusal, or None).
        `made` is None when the request named no deferred download of this session's."""
        ...

    def run_started(self, session_id: str) -> None: ...

    def run_ended(self, session_id: str) -> None: ...

    def forget(self, session_id: str) -> None: ...


class Unavailable(RuntimeError):
    """No media storage to publish to (the patches are not installed, or no run has started yet)."""


_lock = threading.Lock()
_owners: dict[str, str | None] = {}  # published id -> the owning browser's digest
_storage: MemoryMediaFileStorage | None = None
_page: Page | None = None


def register(page: Page) -> None:
    """The page that answers for the deferred downloads and hears the run signals (the latest registered)."""
    global _page
    _page = page


def publish(data: bytes, mime: str, filename: str, owner: str | None) -> tuple[str, str]:
    """Put a file at a new random `/media/` id owned by `owner` (a browser digest); (its id, its URL). It is
    outside Streamlit's bookkeeping, so no sweep deletes it: `withdraw` does."""
    file_id = secrets.token_hex(ID_BYTES)
    with _lock:
        if _storage is None:
            raise Unavailable("no media storage")
        _storage._files_by_id[file_id] = MemoryFile(
            content=data, mimetype=mime, kind=MediaFileKind.DOWNLOADABLE, filename=filename
        )
        _owners[file_id] = owner
        return file_id, _storage.get_url(file_id)


def withdraw(file_id: str) -> None:
    with _lock:
        _owners.pop(file_id, None)
        if _storage is not None:
            _storage.delete_file(file_id)


def owner_of(file_id: str) -> tuple[bool, str | None]:
    """(whether `file_id` is a published take-away file, the digest of the browser it belongs to)."""
    with _lock:
        return (file_id in _owners, _owners.get(file_id))


def published() -> int:
    with _lock:
        return len(_owners)


def _forget(session_id: str) -> None:
    if _page is not None:
        _page.forget(session_id)


sessions.when_gone(_forget)


async def handle(request: Any, session_id: str) -> BackendOperationResponse:
    """The deferred-download request, answered only for the asking session's own buttons, by the page."""
    placeholder = request.deferred_file.file_id
    manager = _manager()
    with manager._lock:
        entry = manager._deferred_callables.get(placeholder)
    made = entry["callable"] if entry is not None and entry["session_id"] == session_id else None
    page = _page
    if page is None:
        return BackendOperationResponse(request_id=request.request_id, error_msg=NOT_SERVED)
    try:
        url, refusal = await page.answer(session_id, made)
    except Exception:  # the message could hold answers: nothing of it is logged or shown
        url, refusal = None, NOT_SERVED
    if url is None:
        return BackendOperationResponse(request_id=request.request_id, error_msg=refusal or NOT_SERVED)
    return BackendOperationResponse(request_id=request.request_id, deferred_file=DeferredFileResponsePayload(url=url))


def _manager() -> MediaFileManager:
    from streamlit import runtime

    return runtime.get_instance().media_file_mgr


def _use(manager: MediaFileManager) -> None:
    global _storage
    if isinstance(manager._storage, MemoryMediaFileStorage):
        with _lock:
            _storage = manager._storage


def check() -> list[str]:
    """The private state this module reaches into that a fresh media manager lacks."""
    probe = MediaFileManager(MemoryMediaFileStorage("/media"))
    missing = [f"MediaFileManager.{name}" for name in MANAGER_NEEDS if not hasattr(probe, name)]
    missing += [f"MemoryMediaFileStorage.{name}" for name in STORAGE_NEEDS if not hasattr(probe._storage, name)]
    return missing


def install() -> None:
    original = backend_operation_handler.DeferredFileHandler.handle

    @functools.wraps(original)
    async def deferred_file_handle(self: Any, request: Any, session_id: str) -> BackendOperationResponse:
        return await handle(request, session_id)

    clear, sweep = MediaFileManager.clear_session_refs, MediaFileManager.remove_orphaned_files

    @functools.wraps(clear)
    def clear_session_refs(self: MediaFileManager, session_id: str | None = None) -> None:
        _use(self)
        clear(self, session_id)
        page = _page
        if page is None:
            return
        if session_id is None:  # the start of a full run, on the script's thread
            ctx = get_script_run_ctx()
            if ctx is not None:
                page.run_started(ctx.session_id)
        else:  # the session ends
            page.forget(session_id)

    @functools.wraps(sweep)
    def remove_orphaned_files(self: MediaFileManager) -> None:
        sweep(self)
        # Also called when a session ends, on the event loop's thread, which has no run: not a warning.
        ctx = get_script_run_ctx(suppress_warning=True)
        if ctx is not None and _page is not None:
            _page.run_ended(ctx.session_id)

    backend_operation_handler.DeferredFileHandler.handle = deferred_file_handle  # type: ignore[method-assign]
    MediaFileManager.clear_session_refs = clear_session_refs  # type: ignore[method-assign]
    MediaFileManager.remove_orphaned_files = remove_orphaned_files  # type: ignore[method-assign]
    from streamlit import runtime

    if runtime.exists():
        _use(runtime.get_instance().media_file_mgr)
