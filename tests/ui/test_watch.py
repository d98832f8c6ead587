"""ui/watch.py: the page's own script is handed the note's limit and counting rule, our own lines, and after a
Next that found problems the first question with one, once; never an answer."""

import json

from logic import default_content
from logic.answers import CLUSTER_MAX, NOTES_MAX_LENGTH
from logic.vocab import Field, Step
from tests.support.apptest import PERSON, answer, fill_step
from ui.state import PAGE

CONTENT = default_content()


def handed(at) -> list[dict]:
    drawn = at.get("bidi_component")
    return [json.loads(e.proto.json) for e in drawn if e.proto.component_name == "glutathione_watch"]


def test_the_script_is_handed_the_limit_the_counting_rule_and_our_lines_only(at):
    words = CONTENT.ui.validation
    expected = {
        "limit": NOTES_MAX_LENGTH,
        "cluster": CLUSTER_MAX,
        "count": words.notes_limit,
        "cut": words.notes_cut,
        "problem": None,
    }
    assert handed(at) == [expected]
    at.session_state[PAGE] = Step.PLANS
    at.run()
    answer(at, Field.NOTES, "A secret note")
    assert handed(at) == [expected]
    assert "secret" not in json.dumps(handed(at))


def test_a_next_with_problems_hands_over_the_first_question_with_one_once(at):
    at.button(key="start").click().run()
    answer(at, Field.CURRENT_SYMPTOMS, [])
    at.button(key="next").click().run()
    (first,) = handed(at)
    assert first["problem"].split(":")[0] == Field.CHANGING_SPOT, "the first unanswered question, in page order"
    answer(at, Field.CHANGING_SPOT, False)
    assert handed(at)[0]["problem"] is None, "answering moves nothing"
    at.button(key="next").click().run()
    (again,) = handed(at)
    assert again["problem"].split(":")[0] == Field.DISTRESS
    assert again["problem"] != first["problem"], "a new value each time, so the script acts again"


def test_a_note_over_the_limit_is_the_problem_brought_into_view_on_the_last_step(at):
    at.session_state[PAGE] = Step.PLANS
    at.run()
    fill_step(at, Step.PLANS, {**PERSON, "notes": "x" * (NOTES_MAX_LENGTH + 1)})
    at.button(key="next").click().run()
    assert handed(at)[0]["problem"].split(":")[0] == Field.NOTES
