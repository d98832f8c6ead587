"""ui/keep.py: what comes back from the tab's storage is kept only where it is a known, valid answer in the
shape its widgets give; the copy it writes holds the page, the language and the draft."""

import json

import pytest

from logic import default_content
from tests.factories import answers_dict
from tests.support.apptest import page_text
from ui import keep, state


def test_only_known_valid_answers_in_the_widgets_shapes_come_back():
    sent = {
        "distress": "self_harm_thoughts",
        "changing_spot": "yes",  # pydantic would take "yes" for true; a radio of True/False would not
        "pregnancy": "nope",
        "marks": ["brown_marks", "nope"],
        "routes": "injection",
        "notes": 42,
        "shoe_size": 42,
        "age_group": "under_18",
        "goals": ["fade_dark_marks", "fade_dark_marks"],
    }
    assert keep.usable(sent) == {"distress": "self_harm_thoughts", "age_group": "under_18"}


def test_a_whole_valid_draft_comes_back_unchanged():
    draft = answers_dict()
    assert keep.usable(draft) == draft


def test_what_is_not_a_draft_gives_nothing():
    for sent in (None, [], "draft", 3, {"marks": None}):
        assert keep.usable(sent) == {}


def test_the_copy_names_the_page_language_and_draft(monkeypatch):
    fake = {state.DRAFT: {"distress": "none"}, state.PAGE: "about_you", state.LANGUAGE: "fil"}
    monkeypatch.setattr(state, "session", lambda: fake)
    data = keep._data(listen=True)
    assert json.loads(data["record"]) == {"page": "about_you", "language": "fil", "draft": {"distress": "none"}}
    assert data["restore"] and data["ask"] and data["key"] == keep.STORAGE_KEY
    fake.update({state.DRAFT: {}, state.PAGE: "welcome", state.RESTORED: True})
    data = keep._data(listen=False)
    assert data["record"] == "" and not data["restore"] and not data["ask"], "nothing to keep: the copy goes"


def test_a_copy_nested_too_deep_is_ignored_not_a_crash(monkeypatch):
    fake = {"keeper": {"restore": {"record": "[" * 30_000 + "]" * 30_000}}}
    monkeypatch.setattr(state, "session", lambda: fake)
    keep._restore({"en": "English"})
    assert fake[state.RESTORED] and state.DRAFT not in fake


def sent(fake: dict, draft: dict, *, page: str = "skin_and_marks", lost: bool) -> None:
    record = json.dumps({"page": page, "language": "en", "draft": draft})
    fake["keeper"] = {"restore": {"record": record, "at": page, "lost": lost}}
    keep._restore({"en": "English"})


def test_each_session_has_its_own_name_for_the_tab_kept_through_start_over(monkeypatch):
    fake: dict = {}
    monkeypatch.setattr(state, "session", lambda: fake)
    first = keep._data(listen=True)["session"]
    assert first and keep._data(listen=False)["session"] == first, "one name for the whole session"
    state.start_over()
    assert keep._data(listen=True)["session"] == first, "Start over must not look like a new session to the tab"
    other: dict = {}
    monkeypatch.setattr(state, "session", lambda: other)
    assert keep._data(listen=True)["session"] != first, "a new session (a new server's) gets a new name"


def test_answers_back_after_a_lost_server_are_announced_until_the_person_moves_on(monkeypatch):
    fake: dict = {}
    monkeypatch.setattr(state, "session", lambda: fake)
    draft = answers_dict()
    sent(fake, draft, lost=True)
    assert fake[state.DRAFT] == draft and state.page() == "skin_and_marks"
    assert fake[state.RECONNECTED]
    state.go("plans")
    assert state.RECONNECTED not in fake


def test_a_reload_or_an_empty_copy_is_not_announced(monkeypatch):
    fake: dict = {}
    monkeypatch.setattr(state, "session", lambda: fake)
    sent(fake, answers_dict(), lost=False)  # the person reloaded: they know what happened
    assert state.RECONNECTED not in fake
    fresh: dict = {}
    monkeypatch.setattr(state, "session", lambda: fresh)
    sent(fresh, {"shoe_size": 42}, page="welcome", lost=True)  # nothing usable came back: nothing to say
    assert state.RECONNECTED not in fresh and fresh[state.DRAFT] == {}


@pytest.mark.parametrize("language", ["en", "fil"])
def test_the_page_says_the_connection_was_lost_and_stops_saying_it_on_the_next_page(at, language):
    words = default_content(language).ui.nav.connection_restored
    at.session_state[state.LANGUAGE] = language
    at.session_state[state.DRAFT] = {}
    at.session_state[state.PAGE] = "safety"
    at.session_state[state.RECONNECTED] = True
    at.run()
    assert [s.value for s in at.success] == [words]
    at.button(key="back").click().run()
    assert words not in page_text(at)


def test_the_tab_is_told_once_its_copy_has_been_taken_in(monkeypatch):
    fake: dict = {}
    monkeypatch.setattr(state, "session", lambda: fake)
    assert not keep._data(listen=True)["taken"], "until then the tab writes no empty draft over its copy"
    sent(fake, answers_dict(), lost=False)
    assert keep._data(listen=True)["taken"]
    fresh: dict = {"keeper": {"restore": {"record": "not json"}}}
    monkeypatch.setattr(state, "session", lambda: fresh)
    keep._restore({"en": "English"})
    assert keep._data(listen=True)["taken"], "a copy that was no use was taken in too: the tab may write over it"


def keepers(at) -> list[dict]:
    drawn = at.get("bidi_component")
    data = [json.loads(e.proto.json) for e in drawn if e.proto.component_name == "glutathione_draft"]
    return [d for d in data if d["listen"]]  # the page's keeper, not a question's copy (`keep.write`)


def test_a_new_visitor_s_welcome_page_draws_no_keeper_until_the_tab_has_a_copy_to_give(at):
    assert keepers(at) == [], "nothing to keep, and most tabs have no copy: the page's own script looks first"
    at.session_state[state.KEEPER_WANTED] = True  # what `keep.wake` does when the page's script finds a copy
    at.run()
    assert [k["restore"] for k in keepers(at)] == [True], "drawn, ready to take the copy back"


def test_waking_asks_for_the_keeper(monkeypatch):
    fake: dict = {}
    monkeypatch.setattr(state, "session", lambda: fake)
    assert not keep._wanted()
    keep.wake()
    assert keep._wanted()


def test_the_keeper_is_drawn_from_start_on_and_stays_after_start_over(at):
    at.button(key="start").click().run()
    assert len(keepers(at)) == 1
    at.session_state[state.PAGE] = "welcome"
    at.session_state[state.DRAFT] = {}
    at.run()
    assert [k["record"] for k in keepers(at)] == [""], "still drawn on the welcome page: it clears the tab's copy"


def test_the_page_s_own_script_looks_for_the_keeper_and_its_copy_under_its_key():
    from ui import document

    assert json.dumps(keep.STORAGE_KEY) in document._JS and ".st-key-keeper" in document._JS
