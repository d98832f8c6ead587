"""Streamlit's AppTest: the app script run in-process, driven by widget keys."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from logic import default_content
from logic.answers import STEP_FIELDS
from logic.vocab import Field, Step
from tests.support.actions import actions

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def at() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60).run()


def answer(at: AppTest, field: Field, value) -> None:
    """Answer one question through its widgets (tests/support/actions.py), as a person would."""
    for action in actions(field, value, default_content()):
        if action.kind == "tick":
            box = at.checkbox(key=action.key)
            if box.value != action.value:
                box.set_value(action.value).run()
        elif action.kind == "type":
            at.text_area(key=action.key).input(action.value).run()
        else:
            at.radio(key=action.key).set_value(action.value).run()


def fill_step(at: AppTest, step: Step, answers: dict) -> None:
    for field in STEP_FIELDS[step]:
        answer(at, field, answers[field])


def complete(at: AppTest, answers: dict) -> None:
    """From the welcome page to the summary."""
    at.button(key="start").click().run()
    for step in Step:
        fill_step(at, step, answers)
        at.button(key="next").click().run()
        assert not at.exception
    at.button(key="next").click().run()


def page_text(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "error", "warning", "info", "success", "caption") for e in at.get(kind)]
    parts += [e.value for e in at.get("header")] + [e.value for e in at.get("subheader")]
    parts += [e.label for e in at.expander]
    return "\n".join(str(p) for p in parts)
