"""User text is inert in the downloads: the hostile notes are quoted text in the Markdown and plain text in the PDF."""

import io
import re
from datetime import date

import pypdf
import pytest
from markdown_it import MarkdownIt

from exports import render_markdown, render_pdf
from exports.markdown import escape
from exports.pdf import printable
from logic import Answers, evaluate
from tests.factories import make_answers
from tests.privacy.hostile_notes import NOTES

DAY = date(2026, 1, 1)


def downloads_for(note: str) -> tuple[Answers, str]:
    answers = make_answers(notes=note)
    return answers, render_markdown(evaluate(answers), answers, today=DAY)


@pytest.mark.parametrize("name", NOTES)
def test_the_markdown_quotes_a_hostile_note_as_text(name):
    note = NOTES[name]
    _, markdown = downloads_for(note)
    for line in note.split("\n"):
        assert f"> {escape(line)}" in markdown.split("\n")
    rendered = MarkdownIt("commonmark").render(markdown)  # raw HTML on, as the most permissive viewer would
    note_tags = set(re.findall(r"<([a-z0-9]+)", MarkdownIt("commonmark").render(_quoted(markdown))))
    assert note_tags <= {"blockquote", "p"}
    tags = re.findall(r"<([a-z][a-z0-9]*)([^>]*)>", rendered)
    assert {tag for tag, _ in tags}.isdisjoint({"script", "img", "iframe", "svg", "style", "a", "object", "embed"})
    assert [attributes for _, attributes in tags if attributes.strip(" /")] == []  # <hr /> only


def _quoted(markdown: str) -> str:
    return "\n".join(line for line in markdown.split("\n") if line.startswith(">"))


@pytest.mark.parametrize("name", NOTES)
def test_the_pdf_prints_a_hostile_note_as_text_with_nothing_to_run(name):
    note = NOTES[name]
    answers, _ = downloads_for(note)
    data = render_pdf(evaluate(answers), answers, today=DAY)
    assert data.startswith(b"%PDF")
    # No script, action, form, link or embedded file anywhere in the file's objects.
    assert (
        re.findall(
            rb"/(?:JavaScript|JS|Launch|AA|SubmitForm|ImportData|EmbeddedFiles?|GoToR|URI|Annots)(?![A-Za-z])", data
        )
        == []
    )
    assert b"javascript:" not in data.lower()
    reader = pypdf.PdfReader(io.BytesIO(data))
    opening = reader.trailer["/Root"].get("/OpenAction")
    assert opening is None or isinstance(opening, pypdf.generic.ArrayObject)  # a page to open at, not an action
    text = "".join(page.extract_text() for page in reader.pages)
    # The words of the note, as the PDF's font can print them, come back out of the PDF's text in order.
    squeezed = re.sub(r"\s+", "", text)
    words = re.findall(r"[\x21-\x7e]{4,}", printable(note))
    assert words
    position = 0
    for word in words:
        position = squeezed.find(word, position)
        assert position >= 0, word
