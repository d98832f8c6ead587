"""Take-away files as capabilities for one person: `offer(files, made_from)` draws their download buttons.

A file is made only when its button is clicked, at most once per set of answers (`made_from`), and kept in
this session's memory while the summary is shown. Each click publishes it at `/media/<id>` under a new
random id of 192 bits (never a hash of its content, which anyone who can guess the answers could compute):

- only the session that drew the button can ask for it (server/downloads.py hands this module only the
  asking session's own deferred downloads: Streamlit 1.67 ran any session's for anyone who sent its
  placeholder id);
- behind `deploy/asgi.py` the file is served only to the browser whose session made it (server/http.py
  checks the browser cookie), with `Cache-Control: no-store`;
- it is gone when the person's page changes (leaving the summary, "Start over": any full run of the
  script), when their tab closes (the websocket ends) and when their session ends; a new click of the same
  button replaces the one before it. Streamlit's own sweep never sees these files, so other people's runs
  cannot delete one before the browser has fetched it (an earlier version of this module fixed just that);
- asking too often is refused with a message under the button: a cached file costs a token, a file made
  anew costs six more, from a bucket of `BUCKET` that refills one token a second. A person clicking each
  file once uses 28; a script asking for 200 PDFs gets one made and the rest refused.

This module patches nothing: it registers with server/downloads.py, which tells it when a run starts and
ends and when a session goes. Where that patch is not installed (Streamlit running `app.py` directly, with
no `deploy/asgi.py`), Streamlit calls a button's callable itself, and the callable refuses: no file is
made, so none can go to anyone but its owner (docs/server-patches.md).
"""

import asyncio
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import streamlit as st
from streamlit.runtime.download_data_util import convert_data_to_bytes_and_infer_mime
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from server import downloads as serving
from server.sessions import BROWSER

ID_BYTES = serving.ID_BYTES  # 192 random bits per published file
BUCKET = 40  # tokens a session starts with; one comes back per REFILL_SECONDS
REFILL_SECONDS = 1.0
ASK_COST = 1
MAKE_COST = 6
IN_FLIGHT = 2  # files one session may be having made at the same time


class Refusals(NamedTuple):
    """What a refused download says under its button, in the page's language (content/ui.toml, [files])."""

    too_many: str
    gone: str
    failed: str


class Refused(Exception):
    """A request for a file this session may not have now: which of the `Refusals` it gets."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # a field name of Refusals


TOO_MANY, GONE, FAILED = Refusals._fields


class TakeAway(NamedTuple):
    """One file to take away: its button's words and icon, its file name and type, and what makes its bytes.

    `key` names the button (unique among the files offered together); `make` runs only when the button is
    clicked, at most once per `made_from` given to `offer()`."""

    key: str
    label: str
    name: str
    mime: str
    icon: str
    make: Callable[[], str | bytes]
    primary: bool = False
    help: str | None = None


@dataclass
class _Person:
    """What one session holds: the files made for its current answers, and what is published of them."""

    owner: str | None = None
    made_from: Any = None
    made: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # file key -> (bytes, mime)
    published: dict[str, str] = field(default_factory=dict)  # file key -> id at /media
    offered: bool = False  # offer() was called in the session's latest full run
    tokens: float = BUCKET
    refilled: float = field(default_factory=time.monotonic)
    in_flight: int = 0
    making: threading.Lock = field(default_factory=threading.Lock)
    words: Refusals | None = None  # said when a request of this session's is refused


_ENGLISH: Refusals | None = None


def _words(session_id: str) -> Refusals:
    """The refusals in the session's language; in English for a session that offered no files."""
    global _ENGLISH
    with _lock:
        person = _people.get(session_id)
        if person is not None and person.words is not None:
            return person.words
    if _ENGLISH is None:
        from logic import default_content

        files = default_content().ui.files
        _ENGLISH = Refusals(files.too_many, files.gone, files.failed)
    return _ENGLISH


_lock = threading.Lock()
_people: dict[str, _Person] = {}


class _Maker:
    """The callable a download button holds: which session and file it is for."""

    def __init__(self, session_id: str, file: TakeAway) -> None:
        self.session_id, self.file = session_id, file

    def __call__(self) -> bytes:
        """Called only by Streamlit's own deferred-download handler, which serves anyone who asks: the
        server's patch (server/downloads.py) is not installed, so nothing is made (fails closed)."""
        raise Refused(GONE)


def offer(files: Sequence[TakeAway], made_from: Any, words: Refusals, key: str = "top") -> None:
    """Draw a row of download buttons, one per file, for this session only.

    `made_from` is anything equal for equal files (the answers and the date, say): a file is made once per
    `made_from` and per words of the page (the buttons' and `words`: a page switched to another language
    offers its files made anew, in that language, not the ones made before the switch) and reused for every
    click of either row; when either changes, the files made before are dropped. `words` are what a refused
    request is told. `key` tells rows of the same files apart (e.g. "top" and "bottom")."""
    ctx = get_script_run_ctx()
    session_id = ctx.session_id if ctx is not None else "dontcare"
    owner = ctx.user_info.get(BROWSER) if ctx is not None else None
    made_for = (made_from, words, tuple((f.key, f.label, f.name, f.mime, f.help) for f in files))
    with _lock:
        person = _people.setdefault(session_id, _Person())
        person.owner, person.offered, person.words = owner, True, words
        if person.made_from != made_for:
            _unpublish(person)
            person.made.clear()
            person.made_from = made_for
    row = st.container(horizontal=True)
    for file in files:
        row.download_button(
            file.label,
            data=_Maker(session_id, file),
            file_name=file.name,
            mime=file.mime,
            key=f"{file.key}:{key}",
            on_click="ignore",
            icon=file.icon,
            type="primary" if file.primary else "secondary",
            help=file.help,
        )


def owner_of(file_id: str) -> tuple[bool, str | None]:
    """(whether `file_id` is a published take-away file, the digest of the browser it belongs to)."""
    return serving.owner_of(file_id)


def forget(session_id: str) -> None:
    """Drop everything of this session at once: its published files and the files made for it."""
    with _lock:
        person = _people.pop(session_id, None)
        if person is not None:
            _unpublish(person)


def held() -> tuple[int, int]:
    """(sessions holding files, files published), for tests and the promise in docs/privacy-and-safety.md."""
    with _lock:
        return len(_people), sum(len(person.published) for person in _people.values())


def _unpublish(person: _Person) -> None:
    """Caller holds _lock."""
    for file_id in person.published.values():
        serving.withdraw(file_id)
    person.published.clear()


def _take(person: _Person, cost: int) -> None:
    """Caller holds _lock. Spend `cost` tokens or refuse."""
    now = time.monotonic()
    person.tokens = min(BUCKET, person.tokens + (now - person.refilled) / REFILL_SECONDS)
    person.refilled = now
    if person.tokens < cost:
        raise Refused(TOO_MANY)
    person.tokens -= cost


def _bytes(session_id: str, file: TakeAway) -> tuple[bytes, str]:
    """The file's bytes and type for this session: made now (once per set of answers) or from memory."""
    with _lock:
        person = _people.get(session_id)
        if person is None or not person.offered:
            raise Refused(GONE)
        if person.in_flight >= IN_FLIGHT:
            raise Refused(TOO_MANY)
        _take(person, ASK_COST)
        person.in_flight += 1
        made_from = person.made_from
    try:
        with person.making:  # one file made at a time per session; a second click waits for the first
            with _lock:
                ready = person.made.get(file.key) if person.made_from == made_from else None
                if ready is None:
                    _take(person, MAKE_COST)
            if ready is not None:
                return ready
            data, mime = convert_data_to_bytes_and_infer_mime(file.make(), unsupported_error=TypeError(file.key))
            made = (data, file.mime or mime)
            with _lock:
                if _people.get(session_id) is person and person.made_from == made_from:
                    person.made[file.key] = made
            return made
    finally:
        with _lock:
            person.in_flight -= 1


def publish(session_id: str, maker: _Maker) -> str:
    """Make (or reuse) the file and put it at a new random /media URL owned by this session's browser."""
    data, mime = _bytes(session_id, maker.file)
    with _lock:
        person = _people.get(session_id)
        if person is None or not person.offered:
            raise Refused(GONE)
        previous = person.published.pop(maker.file.key, None)
        if previous is not None:
            serving.withdraw(previous)
        try:
            file_id, url = serving.publish(data, mime, maker.file.name, person.owner)
        except serving.Unavailable:
            raise Refused(GONE) from None
        person.published[maker.file.key] = file_id
    return url


def _run_started(session_id: str) -> None:
    """A full run of the session's script begins: what it published before is withdrawn."""
    with _lock:
        person = _people.get(session_id)
        if person is not None:
            _unpublish(person)
            person.offered = False


def _run_ended(session_id: str) -> None:
    """A run of the session's script ended: if its page no longer offers the files, they are dropped."""
    with _lock:
        person = _people.get(session_id)
        if person is not None and not person.offered:
            del _people[session_id]


class _Page:
    """What server/downloads.py asks of the page: answer a session's own download, hear its runs."""

    async def answer(self, session_id: str, made: Any) -> tuple[str | None, str | None]:
        words = _words(session_id)
        if not isinstance(made, _Maker) or made.session_id != session_id:
            return None, words.gone
        try:
            return await asyncio.to_thread(publish, session_id, made), None
        except Refused as refused:
            return None, getattr(words, refused.reason)
        except Exception:  # the message could hold answers: nothing of it is logged or shown
            return None, words.failed

    run_started = staticmethod(_run_started)
    run_ended = staticmethod(_run_ended)
    forget = staticmethod(forget)


serving.register(_Page())
