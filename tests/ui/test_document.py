"""ui/document.py: the page tells the browser its language, and gives Streamlit's own words (the skip link, a
file the browser turns away) in it; its script is handed nothing but the language's code and our own lines."""

import json

import pytest

from logic import default_content
from tests.support.apptest import PERSON, UPLOAD_MEGABYTES, complete
from ui.state import LANGUAGE_WIDGET


def described(at) -> list[dict]:
    drawn = at.get("bidi_component")
    return [json.loads(e.proto.json) for e in drawn if e.proto.component_name == "glutathione_document"]


@pytest.mark.parametrize("code", ["en", "fil"])
def test_the_document_is_described_once_per_run_in_the_language_of_the_page(at, code):
    at.segmented_control(key=LANGUAGE_WIDGET).set_value(code).run()
    words = default_content(code).ui
    expected = {
        "lang": code,
        "skip": words.nav.skip,
        "refused": words.files.refused.format(megabytes=UPLOAD_MEGABYTES),
        "remove": words.files.remove_file,
        "choose": words.files.choose_file,
    }
    assert described(at) == [expected]
    complete(at, PERSON)
    assert described(at) == [expected], "the same lines, answers or not"
