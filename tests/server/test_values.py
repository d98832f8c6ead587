"""Contracts server/values.py rests on: reading a widget's value reads `WStates.__getitem__`, and a value
sent with another type than the widget's fails the read in Streamlit itself."""

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates
from streamlit.runtime.state.common import WidgetMetadata
from streamlit.runtime.state.session_state import SessionState, WStates

from server import values

WIDGET = "$$ID-0123456789abcdef-q1"


def radio_state(sent: WidgetState) -> SessionState:
    state = SessionState()
    states = WidgetStates()
    states.widgets.append(sent)
    state.on_script_will_rerun(states)
    metadata = WidgetMetadata(WIDGET, deserializer=lambda v: v, serializer=lambda v: v, value_type="int_value")
    state._new_widget_state.widget_metadata[WIDGET] = metadata
    return state


def test_a_widget_s_value_is_read_through_wstates_getitem(monkeypatch):
    read = []
    getitem = WStates.__getitem__
    monkeypatch.setattr(WStates, "__getitem__", lambda self, key: read.append(key) or getitem(self, key))
    state = radio_state(WidgetState(id=WIDGET, int_value=2))
    assert state[WIDGET] == 2
    assert WIDGET in read


def test_a_real_widget_s_metadata_names_the_value_kind_it_expects_as_a_widget_state_does():
    """values.py compares the kind of value sent (the `value` oneof of a WidgetState) with the widget's
    `WidgetMetadata.value_type`: both must still use the same names."""
    from streamlit.testing.v1 import AppTest

    script = 'import streamlit as st\nst.radio("Q", ["a", "b"], key="q")\nst.checkbox("C", key="c")'
    at = AppTest.from_string(script).run()
    metadata = at.session_state._state._state._new_widget_state.widget_metadata
    kinds = {field.name for field in WidgetState.DESCRIPTOR.oneofs_by_name["value"].fields}
    assert {m.value_type for m in metadata.values()} == {"string_value", "bool_value"}
    assert {m.value_type for m in metadata.values()} <= kinds


def test_with_the_patch_a_value_of_another_type_is_as_if_never_sent(patching):
    patching(values)
    state = radio_state(WidgetState(id=WIDGET, string_value="not a number"))
    with pytest.raises(KeyError):
        state._new_widget_state[WIDGET]
    assert radio_state(WidgetState(id=WIDGET, int_value=3))._new_widget_state[WIDGET] == 3
