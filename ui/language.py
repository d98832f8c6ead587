"""Which language the page is in: the browser's preference when we have it, then the person's own choice.

The choice lives in this session's memory only: never in the URL, a cookie or anywhere else. Answers are
kept as language-neutral values, so switching redraws every word and keeps every answer.
"""

from collections.abc import Mapping

import streamlit as st

from logic.content import SOURCE_LANGUAGE

from . import state

# Browsers name Filipino "fil" or, as its Tagalog base, "tl".
ALIASES = {"tl": "fil"}


def preferred(locale: str | None, accept_language: str | None, available: Mapping[str, str]) -> str:
    """The first language the browser asks for that we have, else English.

    `locale` is the browser's navigator.language ("fil-PH"); `accept_language` its Accept-Language header
    ("fil-PH,fil;q=0.9,en;q=0.8"), read in the order given (ties in q are rare, and the order is the
    browser's own ranking)."""
    asked = [locale or ""] + [part.split(";")[0] for part in (accept_language or "").split(",")]
    for tag in asked:
        code = tag.strip().lower().replace("_", "-").split("-")[0]
        code = ALIASES.get(code, code)
        if code in available:
            return code
    return SOURCE_LANGUAGE


def current(available: Mapping[str, str]) -> str:
    """This session's language: chosen once from the browser, then whatever the person switches to."""
    chosen = state.session().get(state.LANGUAGE)
    if chosen not in available:
        chosen = preferred(st.context.locale, st.context.headers.get("Accept-Language"), available)
        state.session()[state.LANGUAGE] = chosen
    return chosen


def switch(label: str, available: Mapping[str, str]) -> None:
    """A switch between the languages, each named in its own words, on every page."""
    if state.LANGUAGE_WIDGET not in state.session():
        state.session()[state.LANGUAGE_WIDGET] = state.session()[state.LANGUAGE]
    st.segmented_control(
        label,
        list(available),
        format_func=lambda code: available[code],
        key=state.LANGUAGE_WIDGET,
        on_change=_switched,
        selection_mode="single",
        label_visibility="collapsed",
    )


def _switched() -> None:
    picked = state.session().get(state.LANGUAGE_WIDGET)
    if picked:  # clicking the language already chosen unselects it; keep the language then
        state.session()[state.LANGUAGE] = picked
    else:
        state.session()[state.LANGUAGE_WIDGET] = state.session()[state.LANGUAGE]
    # A radio whose option words change is cleared by the browser though its answer is kept here: setting
    # each answer again sends it with the new words, so the page shows every answer still chosen.
    for key in state.answer_widgets():
        state.session()[key] = state.session()[key]
