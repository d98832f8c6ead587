"""The summary as files to take away: adapters over the rules core (`logic`), each drawing `logic.layout`.

- `render_markdown`: the summary to read or print (`exports/markdown.py`).
- `render_pdf`: the summary for a dermatologist (`exports/pdf.py`). fpdf2 and fontTools are loaded when the
  first PDF is made, not when this package is imported: the web page and the command line start without them.
- `bundle`: the questionnaire and one person's answers as FHIR R4 (`exports/fhir.py`, whose module also
  offers each resource on its own and reads a response back with `answers_from_response`).
- `answers_from_fhir`: the answers in a FHIR QuestionnaireResponse's JSON text (or a Bundle holding one), as a
  clinic's FHIR form tool saves it (`exports/fhir.py`).

`__all__` is what the shell and the command line use (tests/exports/test_init.py holds it to that).
"""

from datetime import date

from logic import Answers, Content, Summary

from .fhir import answers_from_fhir, bundle
from .markdown import render_markdown

__all__ = ["answers_from_fhir", "bundle", "render_markdown", "render_pdf"]


def render_pdf(summary: Summary, answers: Answers, content: Content | None = None, today: date | None = None) -> bytes:
    """The summary as PDF bytes, made in memory (`exports.pdf.render_pdf`); the same inputs and day always give
    the same bytes."""
    from .pdf import render_pdf as render  # here: fpdf2 loads on the first PDF, not on import

    return render(summary, answers, content, today)
