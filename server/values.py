"""Widget values a client sends that do not fit the widget (a radio sent a number, notes sent a bool, a file
that the uploader's types refuse) are dropped as if never sent, instead of failing the run."""

import functools
from typing import Any

from streamlit.runtime.state.session_state import Serialized, WStates

NEEDS: tuple[tuple[Any, str], ...] = ((WStates, "__getitem__"),)


def install() -> None:
    getitem = WStates.__getitem__

    @functools.wraps(getitem)
    def __getitem__(self: WStates, key: str) -> Any:
        state = self.states.get(key)
        metadata = self.widget_metadata.get(key)
        if not isinstance(state, Serialized) or metadata is None:
            return getitem(self, key)
        sent, expected = state.value.WhichOneof("value"), metadata.value_type
        if sent is not None and expected is not None and sent != expected:
            _drop(self, key, state)
            raise KeyError(key)
        try:
            value = getitem(self, key)
        except Exception:  # a value the widget's own reader refuses: as if it was never sent
            _drop(self, key, state)
            raise KeyError(key) from None
        if sent is None and expected is not None:
            # Streamlit takes the sent value's type as the widget's from now on; an empty one would leave
            # the widget with no type to check the next value against.
            self.widget_metadata[key] = metadata
        return value

    WStates.__getitem__ = __getitem__  # type: ignore[method-assign]


def _drop(states: WStates, key: str, state: Serialized) -> None:
    """A refused value stays where it is, read as absent (the dict may be being iterated over); an uploaded
    file it names is let go at once: nothing refused is held."""
    if state.value.WhichOneof("value") != "file_uploader_state_value":
        return
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is not None:
        for info in state.value.file_uploader_state_value.uploaded_file_info:
            ctx.uploaded_file_mgr.remove_file(ctx.session_id, info.file_id)
