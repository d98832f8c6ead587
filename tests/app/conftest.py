"""Streamlit's AppTest: the app script run in-process, driven by widget keys."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from logic.answers import STEP_FIELDS, field_options, is_multi
from logic.vocab import Field, Step
from ui.state import NONE_OPTION, widget_key

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def at() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60).run()


def answer(at: AppTest, field: Field, value) -> None:
    """Answer one question through its widgets, as a person would."""
    if is_multi(field):
        wanted = set(value)
        for option in [str(v) for v in field_options(field)]:
            box = at.checkbox(key=widget_key(field, option))
            if box.value != (option in wanted):
                box.set_value(option in wanted).run()
        if not wanted:
            at.checkbox(key=widget_key(field, NONE_OPTION)).check().run()
    elif field is Field.NOTES:
        at.text_area(key=widget_key(field)).input(value).run()
    else:
        at.radio(key=widget_key(field)).set_value(value).run()


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
