"""The rules core: answers in, a tailored summary out. Never imports Streamlit."""

from .answers import Answers
from .content import Content, default_content, load_content
from .errors import AnswersError, ContentError, LogicError
from .evaluate import evaluate
from .fhir import answers_from_response, questionnaire, questionnaire_response
from .markdown import render_markdown
from .parse import parse_answers
from .pdf import render_pdf
from .summary import Summary

__all__ = [
    "Answers",
    "AnswersError",
    "Content",
    "ContentError",
    "LogicError",
    "Summary",
    "answers_from_response",
    "default_content",
    "evaluate",
    "load_content",
    "parse_answers",
    "questionnaire",
    "questionnaire_response",
    "render_markdown",
    "render_pdf",
]
