"""The rules core: answers in, a tailored summary out. Never imports Streamlit."""

from .answers import Answers
from .content import Content, default_content, load_content
from .errors import AnswersError, ContentError, LogicError
from .evaluate import evaluate
from .markdown import render_markdown
from .parse import parse_answers
from .summary import Summary

__all__ = [
    "Answers",
    "AnswersError",
    "Content",
    "ContentError",
    "LogicError",
    "Summary",
    "default_content",
    "evaluate",
    "load_content",
    "parse_answers",
    "render_markdown",
]
