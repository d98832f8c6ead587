"""ui/focus.py: after each move to another page, and only then, one fixed script that brings the new page's
heading into view and focus; it carries a count of moves and nothing of the person's."""

from logic.vocab import Field, Step
from tests.support.apptest import PERSON, answer, fill_step
from ui import focus


def scripts(at) -> list[str]:
    return [e.proto.srcdoc for e in at.get("iframe")]


def test_each_page_change_and_nothing_else_moves_the_focus(at):
    assert scripts(at) == [], "the first page is left where the browser puts it"
    at.button(key="start").click().run()
    assert scripts(at) == [focus._SCRIPT % 1]
    answer(at, Field.DISTRESS, PERSON["distress"])
    assert scripts(at) == [], "answering a question stays where the person is"
    fill_step(at, Step.SAFETY, PERSON)
    at.button(key="next").click().run()
    assert scripts(at) == [focus._SCRIPT % 2]
    at.button(key="back").click().run()
    assert scripts(at) == [focus._SCRIPT % 3], "a new text each time, so the browser runs it again"


def test_a_next_the_answers_do_not_allow_yet_stays_on_the_page_and_its_focus(at):
    at.button(key="start").click().run()
    at.button(key="next").click().run()
    assert scripts(at) == []
