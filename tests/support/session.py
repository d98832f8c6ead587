"""Simulated people who speak Streamlit's own websocket protocol, as the browser does.

Each person opens `/_stcore/stream`, sends `BackMsg.rerun_script` with the widget states a browser would
send, and reads `ForwardMsg`s until `script_finished`. Widgets are found by the keys the app gives them
(`ui.state.widget_key`, and the buttons' keys), which Streamlit embeds at the end of each element id.

The protocol is internal to Streamlit and changes between releases; `tests/bench/test_session.py` runs this
against the real app in `make test`, so a Streamlit upgrade that breaks it fails loudly. The privacy tests
use it as a hostile client, and the benchmark's Locust users as their client (bench/locustfile.py).

Loopback only: `check_loopback` refuses any other host. Every wait has a timeout and every person a
bounded number of steps.
"""

import asyncio
import ipaddress
import socket
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime.state.common import user_key_from_element_id
from websockets.asyncio.client import connect

from logic import Answers, Content, default_content, evaluate
from logic.answers import STEP_FIELDS
from logic.vocab import Field, Step
from tests.support.actions import actions
from tests.support.threads import run_async

WIDGETS = ("button", "checkbox", "radio", "text_area", "download_button")
TEXTS = ("markdown", "heading", "alert", "text")
FINISHED = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
FRAGMENT_FINISHED = ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
MAX_RERUNS_PER_PERSON = 200  # a whole questionnaire takes about 40; more means the flow is looping


class FlowError(Exception):
    """The app did not answer the way a person completing the questionnaire expects."""


def check_loopback(url: str) -> None:
    """Refuse any target that is not this machine: load is only ever sent to 127.0.0.0/8 or ::1."""
    host = urlparse(url).hostname or ""
    addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    if not addresses or not all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses):
        raise ValueError(f"refusing to send load to {url}: only loopback addresses are allowed")


def stream_url(url: str) -> str:
    parsed = urlparse(url)
    scheme = "wss" if parsed.scheme == "https" else "ws"
    return f"{scheme}://{parsed.netloc}{parsed.path.rstrip('/')}/_stcore/stream"


@dataclass
class Run:
    """What one script run sent back: the page's widgets by user key, its text, and how it ended."""

    seconds: float
    widgets: dict[str, tuple[str, Any]] = field(default_factory=dict)  # key -> (kind, proto)
    texts: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    status: int = -1
    elements: int = 0  # elements and containers the run drew
    received: int = 0  # bytes of ForwardMsgs

    def text(self) -> str:
        return "\n".join(self.texts)


class Session:
    """One browser tab: a websocket, the widget states the browser keeps, and its message cache."""

    def __init__(
        self,
        url: str,
        timeout: float = 120.0,
        max_reruns: int = MAX_RERUNS_PER_PERSON,
        headers: dict[str, str] | None = None,
    ) -> None:
        check_loopback(url)
        self.headers = headers  # sent with the handshake, as a browser sends its cookies
        self.max_reruns = max_reruns
        self.url = stream_url(url)
        self.timeout = timeout
        self.states: dict[str, WidgetState] = {}  # element id -> the value the browser holds
        self.fragment_of: dict[str, str] = {}  # element id -> the st.fragment it was drawn in, if any
        self.cache: dict[str, ForwardMsg] = {}  # hash -> cacheable message, as the browser caches them
        self.page_script_hash = ""
        self.reruns = 0
        self.last: Run | None = None
        self._ws = None

    async def open(self) -> None:
        self._ws = await connect(
            self.url,
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=self.timeout,
            close_timeout=5,
            ping_interval=None,
            compression=None,
            additional_headers=self.headers,
        )

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
            self._ws = None

    async def __aenter__(self) -> "Session":
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # --- the protocol ----------------------------------------------------------------------------------

    async def rerun(self, changed: Iterable[WidgetState] = (), redraw: str | None = None) -> Run:
        """Send a rerun with the browser's widget states (plus `changed`) and read until the run ends.

        `redraw`, a widget's key, reruns only the st.fragment that widget is in, as an answer to it does.
        """
        changed = list(changed)
        self.reruns += 1
        if self.reruns > self.max_reruns:
            raise FlowError(f"more than {self.max_reruns} reruns on one session")
        triggers = []
        for state in changed:
            if state.WhichOneof("value") == "trigger_value":
                triggers.append(state)
            else:
                self.states[state.id] = state
        msg = BackMsg()
        client = msg.rerun_script
        client.page_script_hash = self.page_script_hash
        # As the browser does: a widget drawn inside an st.fragment reruns only that fragment.
        ids = [state.id for state in [*changed, *triggers]] + ([self.widget(redraw).id] if redraw else [])
        fragments = {self.fragment_of.get(i, "") for i in ids}
        if len(fragments) == 1:
            client.fragment_id = fragments.pop()
        client.widget_states.widgets.extend([*self.states.values(), *triggers])
        client.cached_message_hashes.extend(self.cache)
        client.context_info.timezone = "UTC"
        client.context_info.locale = "en-US"
        started = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        run = await self._read_run(started)
        self.last = run
        return run

    async def _read_run(self, started: float) -> Run:
        # One deadline for the whole run: a wait_for per message would cost the load generator a task per
        # message, and its CPU shares the machine with the servers it measures.
        try:
            async with asyncio.timeout_at(asyncio.get_running_loop().time() + self.timeout):
                return await self._read_messages(started)
        except TimeoutError:
            raise TimeoutError(f"no script_finished within {self.timeout:.0f} s") from None

    async def _read_messages(self, started: float) -> Run:
        run = Run(seconds=0.0)
        seen: set[str] = set()
        while True:
            data = await self._ws.recv()
            run.received += len(data)
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            if kind == "ref_hash":
                cached = self.cache.get(msg.ref_hash)
                if cached is None:
                    raise FlowError(f"server referred to a message the client never cached: {msg.ref_hash}")
                msg, kind = cached, cached.WhichOneof("type")
            elif msg.metadata.cacheable and msg.hash:
                self.cache[msg.hash] = msg
            if kind == "new_session":
                self.page_script_hash = msg.new_session.page_script_hash
            elif kind == "delta":
                run.elements += 1
                if msg.delta.WhichOneof("type") == "new_element":
                    self._read_element(msg.delta.new_element, msg.delta.fragment_id, run, seen)
                elif msg.delta.WhichOneof("type") == "add_block" and msg.delta.add_block.HasField("expandable"):
                    self._read_disclosure(msg.delta.add_block.expandable, msg.delta.fragment_id, run, seen)
            elif kind == "script_finished":
                if msg.script_finished == ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN:
                    continue
                run.status = msg.script_finished
                run.seconds = time.perf_counter() - started
                if run.status == FRAGMENT_FINISHED and self.last is not None:
                    # Only the fragment was redrawn: the rest of the page stays as it was.
                    run.widgets = {**self.last.widgets, **run.widgets}
                else:
                    # As the browser does: forget the states of widgets that this run did not draw.
                    self.states = {i: s for i, s in self.states.items() if i in seen}
                return run

    def _read_element(self, element: Any, fragment_id: str, run: Run, seen: set[str]) -> None:
        kind = element.WhichOneof("type")
        if kind in TEXTS:
            run.texts.append(getattr(element, kind).body)
        elif kind == "progress":
            run.texts.append(element.progress.text)
        elif kind == "exception":
            run.exceptions.append(f"{element.exception.type}: {element.exception.message}")
        elif kind in WIDGETS:
            proto = getattr(element, kind)
            seen.add(proto.id)
            self.fragment_of[proto.id] = fragment_id
            key = user_key_from_element_id(proto.id)
            if key is not None:
                run.widgets[key] = (kind, proto)
            self._take_value_set_by_app(kind, proto)

    def _read_disclosure(self, expandable: Any, fragment_id: str, run: Run, seen: set[str]) -> None:
        """An st.expander: its label is text; one that reruns the page when opened is a widget ("expander")."""
        run.texts.append(expandable.label)
        if expandable.id:
            seen.add(expandable.id)
            self.fragment_of[expandable.id] = fragment_id
            key = user_key_from_element_id(expandable.id)
            if key is not None:
                run.widgets[key] = ("expander", expandable)

    def _take_value_set_by_app(self, kind: str, proto: Any) -> None:
        """A widget whose value the app set (through session state) arrives with `set_value`."""
        if kind not in ("checkbox", "radio", "text_area") or not proto.set_value:
            return
        state = WidgetState(id=proto.id)
        if kind == "checkbox":
            state.bool_value = proto.value
        else:  # radio and text area: an empty value (None) is no state at all
            value_field = "raw_value" if kind == "radio" else "value"
            if not proto.HasField(value_field):
                self.states.pop(proto.id, None)
                return
            state.string_value = getattr(proto, value_field)
        self.states[proto.id] = state

    # --- what a person does ----------------------------------------------------------------------------

    def widget(self, key: str, kind: str | None = None) -> Any:
        found = self.last.widgets.get(key) if self.last else None
        if found is None or (kind is not None and found[0] != kind):
            have = sorted(self.last.widgets) if self.last else []
            raise FlowError(f"no {kind or 'widget'} with key {key!r} on the page; keys there: {have}")
        return found[1]

    def has(self, key: str) -> bool:
        return self.last is not None and key in self.last.widgets

    def checked(self, key: str) -> bool:
        proto = self.widget(key, "checkbox")
        state = self.states.get(proto.id)
        return state.bool_value if state is not None else proto.default

    async def click(self, key: str) -> Run:
        proto = self.widget(key, "button")
        return await self.rerun([WidgetState(id=proto.id, trigger_value=True)])

    async def tick(self, key: str, value: bool) -> Run:
        proto = self.widget(key, "checkbox")
        return await self.rerun([WidgetState(id=proto.id, bool_value=value)])

    async def choose(self, key: str, label: str) -> Run:
        proto = self.widget(key, "radio")
        if label not in proto.options:
            raise FlowError(f"{key}: no option {label!r} among {list(proto.options)}")
        return await self.rerun([WidgetState(id=proto.id, string_value=label)])

    async def unfold(self, key: str) -> Run:
        """Open a disclosure (an st.expander with a key that reruns the page when opened), as a click on it does."""
        proto = self.widget(key, "expander")
        return await self.rerun([WidgetState(id=proto.id, bool_value=True)])

    async def type_text(self, key: str, text: str) -> Run:
        proto = self.widget(key, "text_area")
        return await self.rerun([WidgetState(id=proto.id, string_value=text)])


# --- a whole questionnaire -------------------------------------------------------------------------------


@dataclass
class Person:
    """One simulated person's outcome: every step's latency, and the first error if any."""

    index: int
    latencies: list[float] = field(default_factory=list)
    error: str | None = None
    summary: str = ""
    started: float = 0.0
    finished: float = 0.0

    @property
    def reruns(self) -> int:
        return len(self.latencies)


def _check(run: Run, person: Person) -> Run:
    person.latencies.append(run.seconds)
    if run.exceptions:
        raise FlowError(f"the app raised: {run.exceptions[0]}")
    if run.status not in (FINISHED, FRAGMENT_FINISHED):
        raise FlowError(f"script finished with status {run.status}")
    return run


async def answer(session: Session, person: Person, field: Field, value: Any, content: Content) -> None:
    """Answer one question through its widgets (tests/support/actions.py), one rerun per change."""
    for action in actions(field, value, content):
        if action.kind == "tick":
            if session.checked(action.key) != action.value:
                _check(await session.tick(action.key, action.value), person)
        elif action.kind == "type":
            _check(await session.type_text(action.key, action.value), person)
        else:
            _check(await session.choose(action.key, action.label), person)


async def fill_in(
    session: Session,
    answers: dict[str, Any],
    person: Person,
    content: Content,
    at_page: Callable[[str], Awaitable[None]] | None = None,
) -> None:
    """On an open session: welcome, start, each page answered and 'next', review, summary; checks the flags.

    `at_page(name)`, if given, is awaited on each page: the welcome page, each step once it is answered,
    the review and the summary.
    """

    async def arrived(name: str) -> None:
        if at_page is not None:
            await at_page(name)

    expected = evaluate(Answers.model_validate(answers), content)
    _check(await session.rerun(), person)
    await arrived("welcome")
    _check(await session.click("start"), person)
    for step in Step:
        for field_ in STEP_FIELDS[step]:
            await answer(session, person, field_, answers[field_], content)
        await arrived(str(step))
        _check(await session.click("next"), person)
    if not any(key.startswith("edit:") for key in session.last.widgets):
        raise FlowError("not on the review page after the last step")
    await arrived("review")
    run = _check(await session.click("next"), person)
    if session.has("read_rest"):  # help needed now: the rest of the summary waits behind one button
        await arrived("summary, before the rest")
        run = _check(await session.click("read_rest"), person)
    if not session.has("start_over"):
        raise FlowError("not on the summary page after the review")
    await arrived("summary")
    person.summary = run.text()
    missing = [flag.title for flag in expected.flags if flag.title not in person.summary]
    if missing:
        raise FlowError(f"the summary lacks flags the answers raise: {missing}")


async def complete_questionnaire(
    url: str,
    answers: dict[str, Any],
    person: Person,
    content: Content,
    timeout: float = 120.0,
    keep: list[Session] | None = None,
) -> Person:
    """One person, start to summary, on a websocket of their own; closed after, or kept in `keep`."""
    return await _timed(url, person, timeout, keep, lambda session: fill_in(session, answers, person, content))


async def rerun_bare(
    url: str, reruns: int, person: Person, timeout: float = 120.0, keep: list[Session] | None = None
) -> Person:
    """`reruns` runs with no widget changed: against the bare page, the floor for the same work."""

    async def rerun(session: Session) -> None:
        for _ in range(reruns):
            _check(await session.rerun(), person)

    return await _timed(url, person, timeout, keep, rerun)


async def _timed(
    url: str,
    person: Person,
    timeout: float,
    keep: list[Session] | None,
    work: Callable[[Session], Awaitable[None]],
) -> Person:
    """Open a session, time `work` on it, record any failure; close the session, or keep it in `keep`."""
    person.started = time.perf_counter()
    session = Session(url, timeout)
    try:
        await session.open()
        await work(session)
    except Exception as error:  # every failure is counted, by its type and message, never hidden
        person.error = f"{type(error).__name__}: {error}"
    finally:
        person.finished = time.perf_counter()
        if keep is not None and person.error is None:
            keep.append(session)
        else:
            await session.close()
    return person


async def first_page(url: str, person: Person, timeout: float = 120.0, visits: int = 1) -> Person:
    """Open the page, read the first run, leave: what a new visitor costs; `visits` times, each time as a
    new visitor with a websocket and a session of their own."""
    for _ in range(visits):
        await rerun_bare(url, 1, person, timeout)
        if person.error:
            break
    return person


async def crowd(tasks: list, deadline: float) -> list[Person]:
    """Run every person at once, bounded by `deadline` seconds for the lot."""
    return list(await asyncio.wait_for(asyncio.gather(*tasks), timeout=deadline))


def questionnaires(url: str, answer_sets: list[dict[str, Any]], deadline: float = 600.0) -> list[Person]:
    content = default_content()
    people = [Person(i) for i in range(len(answer_sets))]
    tasks = [complete_questionnaire(url, a, p, content) for a, p in zip(answer_sets, people, strict=True)]
    return run_async(crowd(tasks, deadline))
