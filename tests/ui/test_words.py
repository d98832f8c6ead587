"""ui/words.py: the content is read and checked once per process and the same object is handed to every run;
app.py, which runs anew on every run, makes no cached function of its own (issue 27)."""

import ast

from logic import default_content
from tests.support.servers import ROOT
from ui import words


def test_one_content_per_language_shared_by_every_run():
    assert words.content("en") is words.content("en")
    assert words.content("fil") is not words.content("en")
    assert words.content("fil").language.code == "fil"
    assert words.content("en").ui.app_title == default_content("en").ui.app_title


def test_the_languages_named_in_their_own_words():
    assert {"en", "fil"} <= set(words.available())
    assert words.available() is words.available()


def test_app_py_defines_no_function_but_its_main():
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    defined = [node.name for node in tree.body if isinstance(node, ast.FunctionDef)]
    assert defined == ["main"], "a decorated function in app.py is decorated anew on every run"
