"""Session state: where the person is, and their answers so far, copied out of the widgets.

Streamlit drops a widget's value on any run where the widget is not drawn, so every widget copies its
value into `draft` the moment it changes; `draft` (JSON-shaped, keyed by answer field) is the one record
of the answers, read by the review and summary pages. Nothing here is written anywhere but memory.
"""

import json
from collections.abc import MutableMapping
from enum import StrEnum
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
from streamlit.runtime.uploaded_file_manager import UploadedFile

from exports import answers_from_fhir
from logic import AnswersError, parse_answers
from logic.answers import STANDALONE_VALUES, STEP_FIELDS, field_options, is_multi
from logic.parse import FileLine, file_problems
from logic.partial import Problem, field_problems
from logic.vocab import Field, FileProblem, SkinType, Step

PAGE = "page"
DRAFT = "draft"
PROBLEMS = "problems"
PROBLEMS_HEADING_SHOWN = "problems_heading_shown"  # whether the step's page shows the "please check" heading
FOCUS = "focus"
NAVIGATIONS = "navigations"
UPLOADS = "uploads"
RESUME_PROBLEMS = "resume_problems"
RESUME_FOLD = "resume_fold"  # the welcome page's answers-file disclosure, open or closed (a widget)
URGENT = "urgent"  # the urgent flags the answers so far raise, and the question each was drawn under
TONE = "tone"  # the skin type the mark drawings were last drawn for
LANGUAGE = "language"  # the language the pages are in (ui/language.py)
FROM_REVIEW = "from_review"  # a step opened with Change on the review page goes back there when done
LANGUAGE_WIDGET = "language_switch"  # not an answer: outside the answers' widget keys
ASKING = "asking_to_start_over"  # "Start over" was pressed once: the summary asks before clearing
RESTORED = "draft_restored"  # this session has read the tab's copy of the draft, or found none (ui/keep.py)
SESSION_NAME = "draft_session"  # a random name for this session, for the tab's copy of the draft (ui/keep.py)
KEEPER_WANTED = "draft_keeper_wanted"  # the page found a copy in the tab, or a page in its address (ui/keep.py)
TAKEN = "tab_copy_taken"  # the tab's copy reached this session (ui/keep.py): the tab may write over it now
RECONNECTED = "reconnected"  # the server was lost and the tab's copy brought the answers back: the page says so
RETURN_TO = "return_to"  # the page "What to do now" was opened from, for "Back to the questions"
PROBLEM_FOCUS = "problem_focus"  # after Next found problems: the first question with one, to bring into view


class Page(StrEnum):
    WELCOME = "welcome"
    REVIEW = "review"
    SUMMARY = "summary"
    NOW = "now"  # what to do now, opened from an urgent message before the end


STEPS: tuple[Step, ...] = tuple(STEP_FIELDS)
NONE_OPTION = "__none__"
# Every page a person can be on, by the name its address (`#safety`) and the session state give it.
PAGES: tuple[str, ...] = (Page.WELCOME, *STEPS, Page.REVIEW, Page.SUMMARY, Page.NOW)


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


_ANSWER = "w:"  # the keys of the widgets that hold answers begin so, and no other key does
HELPER = "helper:"  # the keys of the skin-type helper's widgets


def widget_key(field: Field, option: str | None = None) -> str:
    return f"{_ANSWER}{field}" if option is None else f"{_ANSWER}{field}:{option}"


def answer_widgets() -> list[str]:
    """The keys of every answer's widgets that hold a value in this session."""
    return [key for key in session() if key.startswith(_ANSWER)]


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
    session().pop(RECONNECTED, None)
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
    if found:
        session()[PROBLEM_FOCUS] = next(f for f in STEP_FIELDS[step] if f in found)
    else:
        index = STEPS.index(step)
        go(Page.REVIEW if session().get(FROM_REVIEW) or index + 1 == len(STEPS) else STEPS[index + 1])


def what_to_do_now() -> None:
    """The control of an urgent message: open what to do now, and remember where to come back to."""
    session()[RETURN_TO] = page()
    session()[PROBLEMS] = {}
    go(Page.NOW)


def back_to_questions() -> None:
    """From what to do now back to the page it was opened from, every answer kept."""
    back = session().get(RETURN_TO)
    go(back if back in PAGES and back not in (Page.NOW, Page.WELCOME) else STEPS[0])


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
    that the tab's copy of the draft was read by this session (it is cleared on this run: ui/keep.py)."""
    for key in list(session().keys()):
        if key not in (LANGUAGE, RESTORED, SESSION_NAME):
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
        session()[RESUME_PROBLEMS] = [FileLine(FileProblem.NOT_ANSWERS_FILE)]
        return
    fhir = _is_fhir(data)
    try:
        answers = answers_from_fhir(data) if fhir else parse_answers(data)
    except AnswersError:
        session()[RESUME_PROBLEMS] = [FileLine(FileProblem.FHIR_NOT_READ)] if fhir else file_problems(data)
        return
    for widget in answer_widgets() + [k for k in session() if k.startswith(HELPER)]:
        del session()[widget]
    session()[DRAFT] = answers.model_dump(mode="json")
    session()[PROBLEMS] = {}
    go(Page.SUMMARY)


def _is_fhir(data: bytes) -> bool:
    """A FHIR resource a clinic's form tool saved (a QuestionnaireResponse, or a Bundle holding one), rather than
    an answers file: it is read by the FHIR reader, which gives the same answers."""
    try:
        sent = json.loads(data)
    except (ValueError, RecursionError):
        return False
    return isinstance(sent, dict) and sent.get("resourceType") in ("QuestionnaireResponse", "Bundle")


def _release(uploaded: UploadedFile) -> None:
    """Drop the uploaded file from Streamlit's memory now, not when the session ends."""
    ctx = get_script_run_ctx()
    if ctx is not None:
        ctx.uploaded_file_mgr.remove_file(ctx.session_id, uploaded.file_id)
