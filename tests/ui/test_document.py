"""ui/document.py: the page tells the browser its language and words Streamlit's skip link in it, and hands
its script nothing but those two of our own lines."""

import json

import pytest

from logic import default_content
from tests.support.apptest import PERSON, complete
from ui.state import LANGUAGE_WIDGET


def described(at) -> list[dict]:
    return [
        json.loads(e.proto.json) for e in at.get("bidi_component") if e.proto.component_name == "glutathione_document"
    ]


@pytest.mark.parametrize("code", ["en", "fil"])
def test_the_document_is_described_once_per_run_in_the_language_of_the_page(at, code):
    at.segmented_control(key=LANGUAGE_WIDGET).set_value(code).run()
    words = default_content(code)
    assert described(at) == [{"lang": code, "skip": words.ui.nav.skip}]
    complete(at, PERSON)
    assert described(at) == [{"lang": code, "skip": words.ui.nav.skip}], "the same two lines, answers or not"
