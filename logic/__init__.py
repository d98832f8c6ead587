"""The rules core: answers in, a tailored summary out. Never imports Streamlit; only the command line
(`__main__.py`) imports the exports (`exports/`), to write the files it is asked for.

`__all__` is the public API, checked by tests/logic/test_init.py: what the shell and the exports take from the
package itself. The modules say more (`logic.answers` the form's structure, `logic.layout` the reading order,
`logic.partial` answers not finished yet)."""

from .answers import Answers
from .content import Content, default_content, load_content
from .errors import AnswersError, ContentError, LogicError
from .evaluate import evaluate
from .parse import parse_answers
from .summary import Summary
from .vocab import ProblemKind

__all__ = [
    "Answers",
    "AnswersError",
    "Content",
    "ContentError",
    "LogicError",
    "ProblemKind",
    "Summary",
    "default_content",
    "evaluate",
    "load_content",
    "parse_answers",
]
