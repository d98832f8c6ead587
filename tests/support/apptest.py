"""The app run in process by Streamlit's AppTest and driven as a person would (the widgets' actions of
`tests/support/actions.py`), for the tests of `app.py` and `ui/` and the privacy suite."""

import tomllib
from pathlib import Path

from streamlit.testing.v1 import AppTest

from logic import default_content
from logic.answers import STEP_FIELDS
from logic.vocab import Field, Step
from tests.factories import answers_dict
from tests.support.actions import actions
from ui.state import RESUME_FOLD

APP = str(Path(__file__).resolve().parents[2] / "app.py")
CONFIG = Path(APP).parent / ".streamlit" / "config.toml"
# The largest upload the app takes, as its one configuration says (the page names it in the person's words).
UPLOAD_MEGABYTES = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["server"]["maxUploadSize"]

# One person's answers, the ones every AppTest walks through unless a test says otherwise.
PERSON = answers_dict(
    current_symptoms=[],
    marks=["red_marks", "icepick"],
    skin_type="IV",
    routes=["injection"],
    setting="online_purchase",
    other_treatments=["laser"],
    goals=["fade_red_marks", "smooth_pits"],
    notes="Please check my left cheek.",
)

# A fresh interpreter's look at the app in its folder: its errors and how many buttons it drew.
CHECK_BROKEN_APP = """
import json
from streamlit.testing.v1 import AppTest
at = AppTest.from_file("app.py", default_timeout=60).run()
print(json.dumps({"errors": [e.value for e in at.error], "buttons": len(at.button)}))
"""


def open_app() -> AppTest:
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


def start_over(at: AppTest) -> None:
    """Start over, and yes when asked."""
    at.button(key="start_over").click().run()
    at.button(key="start_over_yes").click().run()


def open_files(at: AppTest) -> None:
    """Open the welcome page's answers-file fold as a click on it does: its value set, the page rerun. The file
    chooser is drawn only in an open fold (AppTest has no click for an expander, so the value is set)."""
    at.session_state[RESUME_FOLD] = True
    at.run()


def upload(at: AppTest, content: bytes, name: str = "answers.json", kind: str = "application/json") -> None:
    """Choose a file in the welcome page's chooser, opening its fold first if it is closed."""
    if not at.file_uploader:
        open_files(at)
    at.file_uploader[0].set_value((name, content, kind)).run()
