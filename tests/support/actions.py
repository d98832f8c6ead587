"""What answering one question takes, as a list of actions on its widgets: the one list that the three
drivers run, each its own way (tests/support/apptest.py through AppTest, tests/support/session.py over
Streamlit's websocket, tests/support/browser.py by clicking in Chromium).

A driver runs the actions in order and skips one whose widget already holds the value, so an answer costs
one rerun per change, as a person clicking does.
"""

from dataclasses import dataclass
from typing import Any, Literal

from logic import Content
from logic.answers import field_options, is_multi, is_text, is_yes_no
from logic.vocab import Field
from ui.state import NONE_OPTION, widget_key


@dataclass(frozen=True)
class Action:
    """Set one widget: tick (a checkbox to `value`, a bool), choose (a radio option) or type (a text area).

    `key` finds the widget by its key (AppTest, the websocket), `label` and `question` by the words on the
    screen (the browser): the option's label and the question's, as content/ words them. `value` is what the
    widget holds: the bool of a checkbox, the option of a radio, the text of a text area.
    """

    kind: Literal["tick", "choose", "type"]
    key: str
    value: Any
    label: str
    question: str


def actions(field: Field, value: Any, content: Content) -> list[Action]:
    """The actions that give `value` as the answer to `field`: every box of a checkbox group set (and
    "none of these" ticked when nothing is chosen), one radio option chosen, the text typed if any."""
    question = content.field_label(field)
    if is_multi(field):
        wanted = {str(v) for v in value}
        ticks = [
            Action("tick", widget_key(field, option), option in wanted, content.option_label(field, option), question)
            for option in (str(v) for v in field_options(field))
        ]
        if not wanted:
            none_label = content.questions.fields[field].none_label
            ticks.append(Action("tick", widget_key(field, NONE_OPTION), True, none_label, question))
        return ticks
    if is_text(field):
        return [Action("type", widget_key(field), value, question, question)] if value else []
    shown = bool(value) if is_yes_no(field) else value
    return [Action("choose", widget_key(field), value, content.option_label(field, shown), question)]
