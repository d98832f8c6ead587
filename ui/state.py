"""Session state: where the person is, and their answers so far, copied out of the widgets.

Streamlit drops a widget's value on any run where the widget is not drawn, so every widget copies its
value into `draft` the moment it changes; `draft` (JSON-shaped, keyed by answer field) is the one record
of the answers, read by the review and summary pages. Nothing here is written anywhere but memory.
"""

import json
from collections.abc import MutableMapping
from enum import StrEnum
from typing import Any, NamedTuple

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
from streamlit.runtime.uploaded_file_manager import UploadedFile

from logic import AnswersError, ProblemKind, parse_answers
from logic.answers import STANDALONE_VALUES, STEP_FIELDS, field_options, is_multi
from logic.partial import Problem, field_problems
from logic.vocab import Field, SkinType, Step

PAGE = "page"
DRAFT = "draft"
PROBLEMS = "problems"
PROBLEMS_HEADING_SHOWN = "problems_heading_shown"  # whether the step's page shows the "please check" heading
FOCUS = "focus"
NAVIGATIONS = "navigations"
UPLOADS = "uploads"
RESUME_PROBLEMS = "resume_problems"
URGENT = "urgent"  # the urgent flags the answers so far raise, and the question each was drawn under
TONE = "tone"  # the skin type the mark drawings were last drawn for
LANGUAGE = "language"  # the language the pages are in (ui/language.py)
FROM_REVIEW = "from_review"  # a step opened with Change on the review page goes back there when done
LANGUAGE_WIDGET = "w:language"
ASKING = "asking_to_start_over"  # "Start over" was pressed once: the summary asks before clearing
RESTORED = "draft_restored"  # this session has read the tab's copy of the draft, or found none (ui/keep.py)


class Page(StrEnum):
    WELCOME = "welcome"
    REVIEW = "review"
    SUMMARY = "summary"


STEPS: tuple[Step, ...] = tuple(STEP_FIELDS)
NONE_OPTION = "__none__"
# Every page a person can be on, by the name its address (`#safety`) and the session state give it.
PAGES: tuple[str, ...] = (Page.WELCOME, *STEPS, Page.REVIEW, Page.SUMMARY)


def session() -> MutableMapping[str, Any]:
    """This person's session state: the one place the answers and the page are kept, in memory."""
    return st.session_state


def page() -> str:
    return session().get(PAGE, Page.WELCOME)


def draft() -> dict[str, Any]:
    return session().setdefault(DRAFT, {})


def problems() -> dict[Field, Problem]:
    return session().setdefault(PROBLEMS, {})


# --- Widget keys ---------------------------------------------------------------------------------------


def widget_key(field: Field, option: str | None = None) -> str:
    return f"w:{field}" if option is None else f"w:{field}:{option}"


def seed_widget(key: str, value: Any) -> None:
    """Give a widget the answer from `draft` when it is drawn again after its state was dropped."""
    if key not in session() and value is not None:
        session()[key] = value


# --- Callbacks: run before the script, so they may set other widgets' values ----------------------------


_UNANSWERED = object()


def shown_value(field: Field) -> Any:
    """The answer the widgets of `field` show right now, or _UNANSWERED."""
    if is_multi(field):
        chosen = [str(v) for v in field_options(field) if session().get(widget_key(field, str(v)))]
        return chosen if chosen or session().get(widget_key(field, NONE_OPTION)) else _UNANSWERED
    value = session().get(widget_key(field))
    if isinstance(value, str) and field is Field.NOTES:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _UNANSWERED if value is None else value


def store(field: Field) -> None:
    """Copy what the widgets of `field` show into the draft (an on_change callback)."""
    value = shown_value(field)
    if value is _UNANSWERED:
        draft().pop(field, None)
    else:
        draft()[field] = value
    problems().pop(field, None)


def sync(field: Field) -> None:
    """After drawing: make the draft match what the widgets show, if a change arrived without its callback.

    Under heavy load a person's click can reach the script while a rerun is under way; the widget then shows
    the choice but its on_change may not have run, and the person would be told to answer what they had.
    """
    value = shown_value(field)
    if value is not _UNANSWERED and draft().get(field, _UNANSWERED) != value:
        store(field)


def toggle(field: Field, option: str) -> None:
    """Copy a checkbox group into the draft, keeping 'none of these' and standalone answers exclusive."""
    options = [str(v) for v in field_options(field)]
    ticked = bool(session().get(widget_key(field, option)))
    alone = str(STANDALONE_VALUES.get(field, ""))
    if ticked and option in (NONE_OPTION, alone):
        for other in [*options, NONE_OPTION]:
            if other != option:
                session()[widget_key(field, other)] = False
    elif ticked:
        for exclusive in (NONE_OPTION, alone):
            session()[widget_key(field, exclusive)] = False
    store(field)


def use_skin_type(suggested: SkinType) -> None:
    session()[widget_key(Field.SKIN_TYPE)] = str(suggested)
    draft()[Field.SKIN_TYPE] = str(suggested)
    problems().pop(Field.SKIN_TYPE, None)


def go(target: str) -> None:
    session()[PAGE] = target
    session().pop(ASKING, None)
    session()[FOCUS] = True
    if target in (Page.REVIEW, Page.SUMMARY, Page.WELCOME):
        session().pop(FROM_REVIEW, None)


def change(step: Step) -> None:
    """Change on the review page: open that step, and come back to the review when it is done."""
    go(step)
    session()[FROM_REVIEW] = True


def next_from(step: Step) -> None:
    """Move on only when the page's answers are complete and valid; otherwise say what is missing."""
    found = field_problems(draft(), STEP_FIELDS[step])
    session()[PROBLEMS] = found
    if not found:
        index = STEPS.index(step)
        go(Page.REVIEW if session().get(FROM_REVIEW) or index + 1 == len(STEPS) else STEPS[index + 1])


def back_from(step: Step) -> None:
    session()[PROBLEMS] = {}
    index = STEPS.index(step)
    go(STEPS[index - 1] if index > 0 else Page.WELCOME)


def ask_start_over() -> None:
    session()[ASKING] = True


def keep_answers() -> None:
    session().pop(ASKING, None)


def start_over() -> None:
    """Forget every answer and every widget value of this session; keep only the language it is read in, and
    that the tab's copy of the draft was read (it is cleared on this run: ui/keep.py)."""
    for key in list(session().keys()):
        if key not in (LANGUAGE, RESTORED):
            del session()[key]
    session()[PAGE] = Page.WELCOME


def uploader_key() -> str:
    """A new key after every upload, so the next run shows an empty uploader and the file is let go."""
    return f"resume:{session().get(UPLOADS, 0)}"


def resume() -> None:
    """Load a saved answers file: all of it, or, if anything in it is wrong, none of it.

    Whatever arrives is let go of at once: read and released, or refused and released. A value that is not
    an uploaded file (another session's file id, a file already released) is refused without an error
    page, and the answers given so far are kept. A good file goes straight to the summary; a bad one is told,
    in plain words per question, what is wrong (`file_problems`)."""
    key = uploader_key()
    session()[UPLOADS] = session().get(UPLOADS, 0) + 1  # first: the next run draws a new, empty uploader
    session().pop(RESUME_PROBLEMS, None)
    uploaded = session().get(key)
    if not isinstance(uploaded, UploadedFile):
        return
    data = uploaded.getvalue()
    _release(uploaded)
    if not uploaded.name.lower().endswith(".json"):
        session()[RESUME_PROBLEMS] = [FileProblem(FileProblem.NOT_ANSWERS_FILE)]
        return
    try:
        answers = parse_answers(data)
    except AnswersError:
        session()[RESUME_PROBLEMS] = file_problems(data)
        return
    for widget in [k for k in session() if k.startswith(("w:", "helper:")) and k != LANGUAGE_WIDGET]:
        del session()[widget]
    session()[DRAFT] = answers.model_dump(mode="json")
    session()[PROBLEMS] = {}
    go(Page.SUMMARY)


class FileProblem(NamedTuple):
    """One thing wrong with an answers file, as the page tells it: which kind, and about which question."""

    kind: str  # one of the names below, each a key of content/ui.toml's [files]
    field: Field | None = None

    NOT_ANSWERS_FILE = "not_answers_file"
    NO_ANSWER = "no_answer"
    WRONG_ANSWER = "wrong_answer"
    NOT_A_QUESTION = "not_a_question"


def file_problems(data: bytes) -> list[FileProblem]:
    """What is wrong with a file `parse_answers` refused, one line per question, in the form's order.

    A file that is not a JSON object of this questionnaire's questions (a PDF chosen by mistake, another
    program's JSON) is told that once, not once per question."""
    try:
        sent = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return [FileProblem(FileProblem.NOT_ANSWERS_FILE)]
    if not isinstance(sent, dict) or not any(k in sent for k in Field):
        return [FileProblem(FileProblem.NOT_ANSWERS_FILE)]
    found = [
        FileProblem(FileProblem.NO_ANSWER if problem.kind is ProblemKind.MISSING else FileProblem.WRONG_ANSWER, field)
        for field, problem in field_problems(sent, list(Field)).items()
    ]
    if any(k not in set(Field) for k in sent):
        found.append(FileProblem(FileProblem.NOT_A_QUESTION))
    return found or [FileProblem(FileProblem.NOT_ANSWERS_FILE)]  # e.g. a key given twice


def _release(uploaded: UploadedFile) -> None:
    """Drop the uploaded file from Streamlit's memory now, not when the session ends."""
    ctx = get_script_run_ctx()
    if ctx is not None:
        ctx.uploaded_file_mgr.remove_file(ctx.session_id, uploaded.file_id)
