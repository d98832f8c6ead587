"""ui/keep.py: what comes back from the tab's storage is kept only where it is a known, valid answer in the
shape its widgets give; the copy it writes holds the page, the language and the draft."""

import json

from tests.factories import answers_dict
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
