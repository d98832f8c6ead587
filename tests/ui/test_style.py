"""ui/style.py: one style block per run, of fixed rules and two lines of our content (the file chooser's
words, in the page's language, with the configured size limit); a content line cannot end the block."""

import pytest

from logic import default_content
from tests.support.apptest import PERSON, UPLOAD_MEGABYTES, complete
from ui import style
from ui.state import LANGUAGE_WIDGET


def styles(at) -> list[str]:
    return [e.proto.body for e in at.get("html") if e.proto.body.startswith("<style>")]


@pytest.mark.parametrize("code", ["en", "fil"])
def test_the_file_chooser_speaks_the_page_s_language_and_names_the_configured_limit(at, code):
    at.segmented_control(key=LANGUAGE_WIDGET).set_value(code).run()
    files = default_content(code).ui.files
    limit = files.file_limit.format(megabytes=UPLOAD_MEGABYTES)
    [block] = styles(at)
    assert block.startswith(f"<style>{style.CSS}") and block.endswith("</style>")
    assert style._css_string(files.choose_file) in block
    assert style._css_string(limit) in block


def test_no_answer_reaches_the_style(at):
    complete(at, {**PERSON, "notes": "sentinel-7be2 </style>"})
    assert all("sentinel-7be2" not in block for block in styles(at))


@pytest.mark.parametrize("line", ["</style><script>alert(1)</script>", 'a "quoted" line', "back\\slash", "ünï"])
def test_a_content_line_is_one_css_string_that_cannot_end_the_block(line):
    text = style._css_string(line)
    assert text.startswith('"') and text.endswith('"')
    assert "<" not in text
    if "<" not in line:
        assert text == '"' + line.replace("\\", "\\\\").replace('"', '\\"') + '"'
